//! The message catalogue (server only): one Fluent bundle per language, built once from the files compiled in, and
//! dates by ICU4X. Names and ids inside right-to-left messages are isolated (Unicode FSI/PDI, the text form of
//! `<bdi>`), so an id or a Latin name keeps its own direction.

use super::{Arg, Lang};
use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use std::{borrow::Cow, collections::HashMap, sync::LazyLock};

/// Every language's file, English first (the reference every other file must match key for key).
pub const LANGUAGE_FILES: &[(Lang, &str)] = &[
    (Lang::En, include_str!("locales/en.ftl")),
    (Lang::De, include_str!("locales/de.ftl")),
    (Lang::Fr, include_str!("locales/fr.ftl")),
    (Lang::Es, include_str!("locales/es.ftl")),
    (Lang::It, include_str!("locales/it.ftl")),
    (Lang::Nl, include_str!("locales/nl.ftl")),
    (Lang::PtBr, include_str!("locales/pt-BR.ftl")),
    (Lang::Pl, include_str!("locales/pl.ftl")),
    (Lang::Sv, include_str!("locales/sv.ftl")),
    (Lang::Da, include_str!("locales/da.ftl")),
    (Lang::Nb, include_str!("locales/nb.ftl")),
    (Lang::Fi, include_str!("locales/fi.ftl")),
    (Lang::Cs, include_str!("locales/cs.ftl")),
    (Lang::Tr, include_str!("locales/tr.ftl")),
    (Lang::Ja, include_str!("locales/ja.ftl")),
    (Lang::Ko, include_str!("locales/ko.ftl")),
    (Lang::ZhCn, include_str!("locales/zh-CN.ftl")),
    (Lang::ZhTw, include_str!("locales/zh-TW.ftl")),
    (Lang::Ar, include_str!("locales/ar.ftl")),
    (Lang::He, include_str!("locales/he.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<HashMap<Lang, Bundle>> = LazyLock::new(|| {
    let mut all: HashMap<Lang, Bundle> =
        LANGUAGE_FILES.iter().map(|(lang, source)| (*lang, bundle(*lang, source))).collect();
    all.insert(Lang::EnXa, bundle(Lang::EnXa, LANGUAGE_FILES[0].1));
    all
});

fn bundle(lang: Lang, source: &str) -> Bundle {
    // The files are ours and checked by tests (`messages_are_complete`); a syntax error still loads the rest.
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, errors)| {
        tracing::error!(lang = lang.code(), ?errors, "a message file has errors");
        partial
    });
    let plural_locale = if lang == Lang::EnXa { "en" } else { lang.code() };
    let id: unic_langid::LanguageIdentifier = plural_locale.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(lang.is_rtl());
    if lang == Lang::EnXa {
        bundle.set_transform(Some(pseudo));
    }
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::error!(lang = lang.code(), ?errors, "a message file has duplicate keys");
    }
    bundle
}

/// Pseudo-English: every letter accented (fluent-pseudo), and each text 40% longer, so a layout that clips or
/// overflows with longer languages shows it in English.
fn pseudo(s: &str) -> Cow<'_, str> {
    let accented = fluent_pseudo::transform(s, false, false);
    let len = s.chars().count();
    let extra = (len * 2).div_ceil(5);
    let mut out = String::with_capacity(accented.len() + extra * 2);
    out.push_str(&accented);
    if extra > 0 {
        // Padding in short words, so it wraps like text does.
        for i in 0..extra {
            out.push(if i % 6 == 5 { ' ' } else { 'ẋ' });
        }
    }
    Cow::Owned(out)
}

/// A message with its values; a missing message shows its id (and is logged), never an empty page.
pub(super) fn format(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let Some(bundle) = BUNDLES.get(&lang).or_else(|| BUNDLES.get(&Lang::En)) else { return id.to_owned() };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        tracing::error!(lang = lang.code(), id, "no such message");
        return id.to_owned();
    };
    let mut fargs = FluentArgs::new();
    for (k, v) in args {
        match v {
            Arg::Text(s) => fargs.set(*k, FluentValue::from(s.as_str())),
            Arg::Num(n) => fargs.set(*k, FluentValue::from(*n)),
        }
    }
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(lang = lang.code(), id, ?errors, "a message was formatted with errors");
    }
    text.into_owned()
}

/// The message ids of a file and the variables each uses, for the completeness test.
pub fn messages_of(source: &str) -> Result<Vec<(String, Vec<String>)>, String> {
    use fluent_syntax::ast;
    let resource = fluent_syntax::parser::parse(source).map_err(|(_, errors)| format!("{errors:?}"))?;
    let mut out = vec![];
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = vec![];
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            for a in &m.attributes {
                pattern_vars(&a.value, &mut vars);
            }
            vars.sort();
            vars.dedup();
            out.push((m.id.name.to_owned(), vars));
        }
    }
    Ok(out)
}

fn pattern_vars(p: &fluent_syntax::ast::Pattern<&str>, vars: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(e: &InlineExpression<&str>, vars: &mut Vec<String>) {
        match e {
            InlineExpression::VariableReference { id } => vars.push(id.name.to_owned()),
            InlineExpression::Placeable { expression } => expr(expression, vars),
            InlineExpression::FunctionReference { arguments, .. } => {
                arguments.positional.iter().for_each(|a| inline(a, vars));
                arguments.named.iter().for_each(|a| inline(&a.value, vars));
            }
            _ => {}
        }
    }
    fn expr(e: &Expression<&str>, vars: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, vars),
            Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    for el in &v.value.elements {
                        if let PatternElement::Placeable { expression } = el {
                            expr(expression, vars);
                        }
                    }
                }
            }
        }
    }
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr(expression, vars);
        }
    }
}

/// A day as the language writes it ("3. März 2026", "2026年3月3日"), by ICU4X's CLDR data.
pub fn date(lang: Lang, t: &chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Datelike;
    use icu_calendar::{Date, Gregorian};
    use icu_datetime::{fieldsets::YMD, FixedCalendarDateTimeFormatter};
    type Formatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;
    thread_local! {
        // ICU4X's formatters are not shared between threads: each worker thread keeps its own, made once.
        static FORMATTERS: std::cell::RefCell<HashMap<Lang, Option<Formatter>>> = Default::default();
    }
    let fallback = || t.format("%Y-%m-%d").to_string();
    let Ok(day) = Date::try_new_gregorian(t.year(), t.month().min(12) as u8, t.day().min(31) as u8) else {
        return fallback();
    };
    FORMATTERS.with_borrow_mut(|all| {
        let f = all.entry(lang).or_insert_with(|| {
            // Latin digits in Arabic too, as Fluent writes its numbers: one page, one kind of digit.
            let code = match lang {
                Lang::EnXa => "en",
                Lang::Ar => "ar-u-nu-latn",
                l => l.code(),
            };
            let locale = icu_locale_core::Locale::try_from_str(code).ok()?;
            Formatter::try_new((&locale).into(), YMD::long()).ok()
        });
        f.as_ref().map(|f| f.format(&day).to_string())
    })
    .unwrap_or_else(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `make test` fails when a language lacks a key English has, has one English lacks, or a message's variables
    /// differ from English's.
    #[test]
    fn messages_are_complete() {
        let english: HashMap<String, Vec<String>> =
            messages_of(LANGUAGE_FILES[0].1).expect("en.ftl parses").into_iter().collect();
        assert!(english.len() > 50, "English has its messages");
        let mut problems = vec![];
        for (lang, source) in &LANGUAGE_FILES[1..] {
            let code = lang.code();
            let theirs: HashMap<String, Vec<String>> = match messages_of(source) {
                Ok(m) => m.into_iter().collect(),
                Err(e) => {
                    problems.push(format!("{code}.ftl does not parse: {e}"));
                    continue;
                }
            };
            for (id, vars) in &english {
                match theirs.get(id) {
                    None => problems.push(format!("{code}.ftl lacks `{id}`")),
                    Some(v) if v != vars => {
                        problems.push(format!("{code}.ftl `{id}` uses {v:?}, English uses {vars:?}"))
                    }
                    Some(_) => {}
                }
            }
            for id in theirs.keys().filter(|id| !english.contains_key(*id)) {
                problems.push(format!("{code}.ftl has `{id}`, which English lacks"));
            }
        }
        assert!(problems.is_empty(), "message files disagree with English:\n{}", problems.join("\n"));
    }

    #[test]
    fn the_checker_sees_what_differs() {
        let en = messages_of("a = A { $name }\nb = B\n").unwrap();
        let other = messages_of("a = A { $who }\nc = C\n").unwrap();
        assert_eq!(en[0].1, vec!["name".to_string()]);
        assert_eq!(other[0].1, vec!["who".to_string()]);
        assert_ne!(en, other);
        let selected = messages_of("x = { $n ->\n    [one] one { $total }\n   *[other] { $n }\n}\n").unwrap();
        assert_eq!(selected[0].1, vec!["n".to_string(), "total".to_string()]);
    }

    #[test]
    fn plurals_dates_and_isolation() {
        assert_eq!(format(Lang::En, "ago-minutes", &[("n", Arg::Num(1))]), "1 minute ago");
        assert_eq!(format(Lang::En, "ago-minutes", &[("n", Arg::Num(5))]), "5 minutes ago");
        assert_eq!(format(Lang::De, "ago-minutes", &[("n", Arg::Num(5))]), "vor 5 Minuten");
        // Polish has one, few and many: 1, 2 and 5 minutes take three forms (the number aside), 22 the form of 2.
        let polish: Vec<String> = [1, 2, 5, 22]
            .iter()
            .map(|n| format(Lang::Pl, "ago-minutes", &[("n", Arg::Num(*n))]).replace(|c: char| c.is_ascii_digit(), ""))
            .collect();
        assert_eq!(polish.iter().take(3).collect::<std::collections::HashSet<_>>().len(), 3, "{polish:?}");
        assert_eq!(polish[1], polish[3], "{polish:?}");
        let t = chrono::DateTime::parse_from_rfc3339("2026-03-03T10:00:00Z").unwrap().to_utc();
        assert_eq!(date(Lang::De, &t), "3. März 2026");
        assert_eq!(date(Lang::Ja, &t), "2026年3月3日");
        assert!(date(Lang::Ar, &t).contains("2026"), "Latin digits, as Fluent's: {}", date(Lang::Ar, &t));
        let he = format(Lang::He, "connected-to", &[("name", Arg::Text("Slack".into()))]);
        assert!(he.contains("\u{2068}Slack\u{2069}"), "{he}");
        let en = format(Lang::En, "connected-to", &[("name", Arg::Text("Slack".into()))]);
        assert_eq!(en, "Connected to Slack");
        let pseudo = format(Lang::EnXa, "connected-to", &[("name", Arg::Text("Slack".into()))]);
        assert!(pseudo.chars().count() >= "Connected to Slack".len() + 5 && !pseudo.contains("Connected"), "{pseudo}");
        assert_eq!(format(Lang::En, "no-such-message", &[]), "no-such-message");
    }
}
