//! The end user's language: the twenty the portal speaks (and a pseudo-locale for layout tests), how one is chosen
//! from a request, and the words themselves. Messages live in Project Fluent files, one per language
//! (`src/i18n/locales/<code>.ftl`), compiled into the server only: the browser's wasm carries no catalogue (islands
//! get their few strings from the page). The admin console and the sandbox's provider pages stay in English.

#[cfg(feature = "ssr")]
mod catalog;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub use catalog::{date, messages_of, LANGUAGE_FILES};

use serde::{Deserialize, Serialize};

/// Declares the languages with their code, native name and writing direction.
macro_rules! languages {
    ($($variant:ident = $code:literal, $native:literal, $rtl:literal;)+) => {
        /// A language the portal speaks. Parsed once at the edge (`?lang=`, the cookie, the link's `locale`,
        /// `Accept-Language`); everything after carries this type.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
        pub enum Lang {
            #[default]
            $($variant,)+
            /// Pseudo-English for layout tests (`?lang=en-XA`): accented and 40% longer. Never negotiated.
            EnXa,
        }

        impl Lang {
            /// The twenty, in the order of the language menu.
            pub const ALL: &'static [Lang] = &[$(Lang::$variant),+];

            /// The code in URLs, cookies, `lang` and `Content-Language` (`pt-BR`).
            pub fn code(self) -> &'static str {
                match self { $(Lang::$variant => $code,)+ Lang::EnXa => "en-XA" }
            }

            /// The language's name in itself, for the menu ("Deutsch").
            pub fn native_name(self) -> &'static str {
                match self { $(Lang::$variant => $native,)+ Lang::EnXa => "Ȇñĝŀîšĥ (pseudo)" }
            }

            /// Written right to left.
            pub fn is_rtl(self) -> bool {
                match self { $(Lang::$variant => $rtl,)+ Lang::EnXa => false }
            }
        }
    };
}

languages! {
    En = "en", "English", false;
    De = "de", "Deutsch", false;
    Fr = "fr", "Français", false;
    Es = "es", "Español", false;
    It = "it", "Italiano", false;
    Nl = "nl", "Nederlands", false;
    PtBr = "pt-BR", "Português (Brasil)", false;
    Pl = "pl", "Polski", false;
    Sv = "sv", "Svenska", false;
    Da = "da", "Dansk", false;
    Nb = "nb", "Norsk bokmål", false;
    Fi = "fi", "Suomi", false;
    Cs = "cs", "Čeština", false;
    Tr = "tr", "Türkçe", false;
    Ja = "ja", "日本語", false;
    Ko = "ko", "한국어", false;
    ZhCn = "zh-CN", "简体中文", false;
    ZhTw = "zh-TW", "繁體中文", false;
    Ar = "ar", "العربية", true;
    He = "he", "עברית", true;
}

/// The cookie that remembers a `?lang=` choice (a code, nothing else; no session row is written for it).
pub const COOKIE: &str = "plugboard_lang";

impl Lang {
    /// `rtl` or `ltr`, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Exactly one of the codes (case-insensitive), as `?lang=` and the cookie carry them; `en-XA` included.
    pub fn parse(code: &str) -> Option<Lang> {
        let code = code.trim();
        if code.eq_ignore_ascii_case("en-XA") {
            return Some(Lang::EnXa);
        }
        Lang::ALL.iter().copied().find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// The language for a BCP 47 tag as browsers and hosts write them (`de-AT`, `pt-PT`, `zh-Hant-HK`, `no`), or
    /// none when we do not speak it: Portuguese is Brazil's, Chinese is Traditional for Hong Kong, Macau, Taiwan and
    /// `Hant`, Simplified otherwise; Norwegian (`no`, `nn`) is Bokmål; `iw` is Hebrew.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-').filter(|p| !p.is_empty());
        let primary = parts.next()?;
        let rest: Vec<&str> = parts.collect();
        let lang = match primary {
            "pt" => Lang::PtBr,
            "zh" => {
                // The script decides when given (zh-Hans-HK is Simplified), else the region.
                let traditional = if rest.contains(&"hans") {
                    false
                } else {
                    rest.iter().any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                };
                if traditional {
                    Lang::ZhTw
                } else {
                    Lang::ZhCn
                }
            }
            "no" | "nn" | "nb" => Lang::Nb,
            "iw" => Lang::He,
            p => return Lang::ALL.iter().copied().find(|l| l.code().split('-').next() == Some(p)),
        };
        Some(lang)
    }

    /// The best of an `Accept-Language` header: entries by quality (highest first, the header's order among
    /// equals), `q=0` never; the first we speak wins.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut entries: Vec<(u16, usize, &str)> = header
            .split(',')
            .take(32)
            .enumerate()
            .filter_map(|(i, entry)| {
                let mut parts = entry.split(';');
                let tag = parts.next()?.trim();
                // `q` is case-insensitive (RFC 9110); a weight that does not parse drops the entry.
                let q = parts
                    .find_map(|p| {
                        let p = p.trim();
                        (p.len() >= 2 && p[..2].eq_ignore_ascii_case("q=")).then(|| p[2..].trim())
                    })
                    .map_or(Some(1.0), |q| q.parse::<f32>().ok().filter(|q| q.is_finite()))?;
                let weight = (q.clamp(0.0, 1.0) * 1000.0).round() as u16;
                (q > 0.0 && !tag.is_empty() && tag != "*").then_some((weight.max(1), i, tag))
            })
            .collect();
        entries.sort_by_key(|(q, i, _)| (std::cmp::Reverse(*q), *i));
        entries.into_iter().find_map(|(_, _, tag)| Lang::from_tag(tag))
    }

    /// Which of the request's signs decides, first that applies: `?lang=`, the cookie, the host's `locale` from
    /// the link, `Accept-Language`, then the deployment's default.
    pub fn choose(
        query: Option<Lang>,
        cookie: Option<Lang>,
        host: Option<Lang>,
        accept: Option<Lang>,
        default: Lang,
    ) -> Lang {
        query.or(cookie).or(host).or(accept).unwrap_or(default)
    }
}

/// A value a message is given: text (a name, an id) or a number (plurals are chosen by it).
#[derive(Clone, Debug)]
pub enum Arg {
    Text(String),
    Num(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Num(n.min(i64::MAX as u64) as i64)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n.min(i64::MAX as usize) as i64)
    }
}

/// The language of the page being rendered (server: put on the request by the language layer; English otherwise).
pub fn current() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<Lang>().copied())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    Lang::En
}

/// A message in the page's language.
pub fn t(id: &str) -> String {
    t_in(current(), id, &[])
}

/// A message with its values in the page's language.
pub fn ta(id: &str, args: &[(&str, Arg)]) -> String {
    t_in(current(), id, args)
}

/// A message in a given language. Server only; the browser never formats a message (empty there).
pub fn t_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    #[cfg(feature = "ssr")]
    {
        catalog::format(lang, id, args)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (lang, id, args);
        String::new()
    }
}

/// "5 minutes ago", "vor 5 Minuten": how long ago `t` was, from `now`, as a plural message.
pub fn ago(now: chrono::DateTime<chrono::Utc>, t: chrono::DateTime<chrono::Utc>) -> String {
    let secs = (now - t).num_seconds().max(0);
    match secs {
        0..60 => self::t("ago-now"),
        60..3600 => ta("ago-minutes", &[("n", (secs / 60).into())]),
        3600..172_800 => ta("ago-hours", &[("n", (secs / 3600).into())]),
        _ => ta("ago-days", &[("n", (secs / 86_400).into())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        assert_eq!(Lang::ALL.len(), 20);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(*l));
            assert_eq!(Lang::from_tag(l.code()), Some(*l), "{}", l.code());
        }
        assert_eq!(Lang::parse("EN-xa"), Some(Lang::EnXa));
        assert_eq!(Lang::parse("pt"), None);
        assert_eq!(Lang::parse("xx"), None);
        assert!(Lang::Ar.is_rtl() && Lang::He.is_rtl() && !Lang::De.is_rtl());
    }

    #[test]
    fn tags_fall_back_to_the_nearest_we_speak() {
        let cases = [
            ("pt-PT", Lang::PtBr),
            ("pt", Lang::PtBr),
            ("zh-HK", Lang::ZhTw),
            ("zh-Hant", Lang::ZhTw),
            ("zh-Hant-HK", Lang::ZhTw),
            ("zh-MO", Lang::ZhTw),
            ("zh", Lang::ZhCn),
            ("zh-SG", Lang::ZhCn),
            ("zh-Hans-CN", Lang::ZhCn),
            ("zh-Hans-HK", Lang::ZhCn),
            ("zh-Hant-SG", Lang::ZhTw),
            ("no", Lang::Nb),
            ("nn-NO", Lang::Nb),
            ("nb-NO", Lang::Nb),
            ("de-AT", Lang::De),
            ("de_CH", Lang::De),
            ("en-US", Lang::En),
            ("es-419", Lang::Es),
            ("iw", Lang::He),
            ("ar-EG", Lang::Ar),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_tag(tag), Some(want), "{tag}");
        }
        assert_eq!(Lang::from_tag("ru"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn accept_language_by_quality() {
        assert_eq!(Lang::from_accept_language("ru-RU,ru;q=0.9,de;q=0.8,en;q=0.7"), Some(Lang::De));
        assert_eq!(Lang::from_accept_language("en;q=0.5, ja"), Some(Lang::Ja));
        assert_eq!(Lang::from_accept_language("fr;q=0, it;q=0.1"), Some(Lang::It));
        assert_eq!(Lang::from_accept_language("fr;q=0.8, nl;q=0.8"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("pt-PT,pt;q=0.9"), Some(Lang::PtBr));
        assert_eq!(Lang::from_accept_language("*, ru"), None);
        assert_eq!(Lang::from_accept_language("de;q=bogus, he"), Some(Lang::He));
        assert_eq!(Lang::from_accept_language("de;Q=0.1, fr;q=0.5"), Some(Lang::Fr), "Q is q");
        assert_eq!(Lang::from_accept_language("de;q=0.0001, ru"), Some(Lang::De), "a tiny weight still counts");
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn the_first_sign_that_applies_decides() {
        let c = |q, c, h, a| Lang::choose(q, c, h, a, Lang::Fr);
        assert_eq!(c(Some(Lang::De), Some(Lang::Ja), Some(Lang::He), Some(Lang::Ar)), Lang::De);
        assert_eq!(c(None, Some(Lang::Ja), Some(Lang::He), Some(Lang::Ar)), Lang::Ja);
        assert_eq!(c(None, None, Some(Lang::He), Some(Lang::Ar)), Lang::He);
        assert_eq!(c(None, None, None, Some(Lang::Ar)), Lang::Ar);
        assert_eq!(c(None, None, None, None), Lang::Fr);
    }
}

/// A message split around one of its values, so that the value can be set in markup (`<strong>`, `<code>`) while
/// the translator keeps the whole sentence: `("Signed in as ", "")` for `signed-in-as` around `$name`.
pub fn ta_around(id: &str, args: &[(&str, Arg)], around: &str) -> (String, String) {
    let mut before = String::new();
    let mut after = String::new();
    let mut seen = false;
    for piece in ta_pieces(id, args, &[around]) {
        match piece {
            Piece::Text(t) if seen => after.push_str(&t),
            Piece::Text(t) => before.push_str(&t),
            Piece::Value(_) => seen = true,
        }
    }
    (before, after)
}

/// A day in the page's language ("3. März 2026"); the browser never formats one.
pub fn current_date(t: &chrono::DateTime<chrono::Utc>) -> String {
    #[cfg(feature = "ssr")]
    {
        catalog::date(current(), t)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = t;
        String::new()
    }
}

/// A piece of a message split around several of its values ([`ta_pieces`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The value at this index of `marked`, for the caller to set in markup.
    Value(usize),
}

/// A message split around the values named in `marked` (in whatever order the language puts them), so each can
/// be set in markup while the translator keeps the whole sentence.
pub fn ta_pieces(id: &str, args: &[(&str, Arg)], marked: &[&str]) -> Vec<Piece> {
    let mark = |i: usize| char::from_u32(0xE000 + i as u32).unwrap_or('\u{E000}');
    let mut all: Vec<(&str, Arg)> = args.to_vec();
    all.extend(marked.iter().enumerate().map(|(i, name)| (*name, Arg::Text(mark(i).to_string()))));
    let text = ta(id, &all);
    let mut pieces = vec![];
    let mut current = String::new();
    for c in text.chars() {
        match (0..marked.len()).find(|i| mark(*i) == c) {
            Some(i) => {
                if !current.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut current)));
                }
                pieces.push(Piece::Value(i));
            }
            None => current.push(c),
        }
    }
    if !current.is_empty() {
        pieces.push(Piece::Text(current));
    }
    pieces
}

/// "checked 5 minutes ago", from now (server only; empty in the browser, which never renders a badge).
pub fn checked_ago(at: chrono::DateTime<chrono::Utc>) -> String {
    #[cfg(feature = "ssr")]
    {
        ta("checked-ago", &[("ago", ago(chrono::Utc::now(), at).into())])
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = at;
        String::new()
    }
}
