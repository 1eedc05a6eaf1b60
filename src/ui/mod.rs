//! What every page shares, portal and console alike: what the deployment is ([`SiteInfo`]), the site header,
//! refusal and not-found pages, logos, state badges, and setting the HTTP response from a page ([`response`]).

pub mod response;

use crate::domain::ConnState;
use crate::i18n::{t, ta, ta_around, Lang};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// What every page may show about the deployment (provided by the server when rendering).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SiteInfo {
    /// Running on the embedded sandbox, not the real API.
    pub sandbox: bool,
    /// The host product's name, as in "ask <app> for a new link" (`PLUGBOARD_APP_NAME`).
    pub app_name: String,
    /// Whether the operator named the product; if not, pages say "the app" in their language.
    #[serde(default)]
    pub app_named: bool,
}

impl SiteInfo {
    /// The product's name as the page's sentences use it: the configured one, or "the app" in the page's language.
    pub fn app(&self) -> String {
        if self.app_named {
            self.app_name.clone()
        } else {
            t("app-generic")
        }
    }
}

/// "Back to <app>", when the link that signed the user in named a return URL.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BackLink {
    pub app: String,
    pub url: String,
}

impl BackLink {
    pub fn new(app_name: &str, url: String) -> Self {
        BackLink { app: app_name.to_owned(), url }
    }
}

/// Who is signed in to the portal in this browser, as pages may show it: a display name, or the user id masked
/// (`al…ce`). Put on the request by the session layer; read by the header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub shown_as: String,
}

impl Viewer {
    /// The first two and last two characters (`alice` → `al…ce`); short ids show their first character only.
    pub fn mask(id: &str) -> String {
        let chars: Vec<char> = id.chars().collect();
        match chars.len() {
            0..=4 => format!("{}…", chars.first().copied().unwrap_or('?')),
            n => format!("{}{}…{}{}", chars[0], chars[1], chars[n - 2], chars[n - 1]),
        }
    }

    /// The viewer of the request being rendered (server only).
    pub fn current() -> Option<Viewer> {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<Viewer>().cloned())
        }
        #[cfg(not(feature = "ssr"))]
        None
    }
}

/// The host's brand as the portal wears it (from configuration; the console keeps plugboard's).
#[derive(Clone, Debug, Default)]
pub struct Brand(pub std::sync::Arc<BrandInfo>);

#[derive(Clone, Debug, Default)]
pub struct BrandInfo {
    /// The product's name in the header (`PLUGBOARD_APP_NAME` when set).
    pub name: Option<String>,
    /// Where the logo is (an https URL on an allowed host, or the portal's own copy of a file).
    pub logo: Option<String>,
    /// The stylesheet with the accent colour, when one is configured.
    pub stylesheet: Option<String>,
    pub support_url: Option<String>,
    pub privacy_url: Option<String>,
    pub terms_url: Option<String>,
    /// An intro line per language.
    pub intro: std::collections::HashMap<Lang, String>,
    /// Help per integration (customerIntegrationId).
    pub help: std::collections::HashMap<String, IntegrationHelp>,
}

/// Help as a page shows it: a line (with its language when it is not the page's) and a link.
#[derive(Clone, Debug)]
pub struct Help {
    pub text: Option<(String, Option<&'static str>)>,
    pub url: Option<String>,
}

/// "You need an admin token from Settings > API", per language, and a help page.
#[derive(Clone, Debug, Default)]
pub struct IntegrationHelp {
    pub url: Option<String>,
    pub text: std::collections::HashMap<Lang, String>,
}

impl Brand {
    pub fn current() -> Brand {
        use_context::<Brand>().unwrap_or_default()
    }

    /// The intro line in `lang` (none when the host wrote none in that language: it is decoration).
    pub fn intro(&self, lang: Lang) -> Option<String> {
        self.0.intro.get(&lang).cloned()
    }

    /// An integration's help in `lang`, else the host's English line (marked `lang="en"`, so it is read as English),
    /// and its page.
    pub fn help(&self, integration: &str, lang: Lang) -> Option<Help> {
        let h = self.0.help.get(integration)?;
        let text = match h.text.get(&lang) {
            Some(t) => Some((t.clone(), None)),
            None => h.text.get(&Lang::En).map(|t| (t.clone(), Some(Lang::En.code()))),
        };
        Some(Help { text, url: h.url.clone() })
    }
}

/// The path and query of the page being rendered (server only).
fn current_uri() -> Option<http_uri::Uri> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().map(|p| p.uri)
    }
    #[cfg(not(feature = "ssr"))]
    None
}

#[cfg(feature = "ssr")]
use http as http_uri;
#[cfg(not(feature = "ssr"))]
mod http_uri {
    pub struct Uri;
    impl Uri {
        pub fn path(&self) -> &str {
            "/"
        }
        pub fn query(&self) -> Option<&str> {
            None
        }
    }
}

/// Whether the page is the admin console's (English, plugboard's look).
pub fn is_console() -> bool {
    current_uri().is_some_and(|u| u.path() == "/admin" || u.path().starts_with("/admin/"))
}

/// The top bar on every page: the host's logo and name (plugboard's on the console), the "Sandbox" badge when
/// running without a real API key, and who is signed in with Sign out.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let brand = Brand::current();
    let console = is_console();
    let viewer = Viewer::current();
    let (name, logo) = match (&brand.0.name, console) {
        (Some(name), false) => (name.clone(), brand.0.logo.clone()),
        _ => ("plugboard".to_owned(), None),
    };
    view! {
        <a class="skip" href="#main">{t("skip-to-content")}</a>
        <header class="site">
            <a class="brand" href=if console { "/admin" } else { "/" }>
                {match logo {
                    Some(src) => view! { <img class="brand-logo" src=src alt="" height="28" referrerpolicy="no-referrer"/> }.into_any(),
                    None => view! { <span class="brand-mark" aria-hidden="true"></span> }.into_any(),
                }}
                <bdi translate="no">{name}</bdi>
            </a>
            {site.sandbox.then(|| view! {
                <span class="badge sandbox" title=t("sandbox-badge-title")>{t("sandbox-badge")}</span>
            })}
            {viewer.map(|v| {
                let (before, after) = ta_around("signed-in-as", &[], "name");
                view! {
                    <div class="viewer">
                        <span>{before}<strong class="viewer-name" translate="no"><bdi>{v.shown_as}</bdi></strong>{after}</span>
                        <form method="post" action="/api/sign-out">
                            <button type="submit" class="secondary">{t("sign-out")}</button>
                        </form>
                    </div>
                }
            })}
        </header>
    }
}

/// The foot of every portal page: the language menu (links, so it works without JavaScript) and the host's support,
/// privacy and terms pages.
#[component]
pub fn SiteFooter() -> impl IntoView {
    if is_console() {
        return None;
    }
    let brand = Brand::current();
    let lang = crate::i18n::current();
    let uri = current_uri();
    // A callback's address works once: its language links lead to the integrations page instead.
    let (path, query) = match &uri {
        Some(u) if !u.path().starts_with("/callback/") => (u.path().to_owned(), u.query().unwrap_or("").to_owned()),
        _ => ("/".to_owned(), String::new()),
    };
    // What the page shows stays (filters); one-shot notices (`error`, `signin_error`) and the old choice go.
    let one_shot = |p: &str| ["lang", "error", "signin_error"].iter().any(|k| p == *k || p.starts_with(&format!("{k}=")));
    let kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !one_shot(p)).collect();
    let href = |l: Lang| {
        let mut q = kept.clone();
        let pair = format!("lang={}", l.code());
        q.push(&pair);
        format!("{path}?{}", q.join("&"))
    };
    let links = [
        (brand.0.support_url.clone(), "footer-support"),
        (brand.0.privacy_url.clone(), "footer-privacy"),
        (brand.0.terms_url.clone(), "footer-terms"),
    ];
    Some(view! {
        <footer class="site">
            <nav class="lang-menu" aria-label=t("language-menu")>
                <details>
                    <summary>
                        <span class="globe" aria-hidden="true"></span>
                        <span class="visually-hidden">{t("language-menu")} ": "</span>
                        {lang.native_name()}
                    </summary>
                    <ul>
                        {Lang::ALL.iter().map(|l| {
                            let current = (*l == lang).then_some("true");
                            view! {
                                <li><a href=href(*l) hreflang=l.code() lang=l.code() dir=l.is_rtl().then_some("rtl") aria-current=current>{l.native_name()}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            </nav>
            <ul class="footer-links">
                {links.into_iter().filter_map(|(url, id)| url.map(|u| view! { <li><a href=u rel="noopener">{t(id)}</a></li> })).collect_view()}
            </ul>
        </footer>
    })
}

/// An integration's logo over a monogram: when the logo is missing or fails to load, the monogram shows (the image
/// has an empty alt, so a broken one renders as nothing, never as a broken-image icon).
#[component]
pub fn Logo(name: String, url: Option<String>, #[prop(optional)] large: bool) -> impl IntoView {
    let monogram: String =
        name.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_uppercase().collect()).unwrap_or_default();
    let hue = name.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32)) % 12;
    let url = url.filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    view! {
        <span class=format!("logo hue-{hue}") class:large=large aria-hidden="true">
            <span class="monogram">{monogram}</span>
            {url.map(|src| view! { <img src=src alt="" width="48" height="48" decoding="async" referrerpolicy="no-referrer"/> })}
        </span>
    }
}

/// "just now", "5 min ago", "3 h ago", "2 d ago" (the console's English; the portal says it with `i18n::ago`).
pub fn ago(now: chrono::DateTime<chrono::Utc>, t: chrono::DateTime<chrono::Utc>) -> String {
    let secs = (now - t).num_seconds().max(0);
    match secs {
        0..60 => "just now".into(),
        60..3600 => format!("{} min ago", secs / 60),
        3600..172_800 => format!("{} h ago", secs / 3600),
        _ => format!("{} d ago", secs / 86_400),
    }
}

/// A length of time as a person reads it: "45 s", "12 min", "2 h 10 min", "3 d 4 h".
pub fn duration_words(secs: u64) -> String {
    match secs {
        0..60 => format!("{} s", secs.max(1)),
        60..3600 => format!("{} min", secs.div_ceil(60)),
        3600..86_400 => match (secs % 3600).div_ceil(60) {
            0 => format!("{} h", secs / 3600),
            60 => format!("{} h", secs / 3600 + 1),
            m => format!("{} h {m} min", secs / 3600),
        },
        _ => match (secs % 86_400) / 3600 {
            0 => format!("{} d", secs / 86_400),
            h => format!("{} d {h} h", secs / 86_400),
        },
    }
}

/// The user's state for one integration, in words, never blank. `checked_at` is given when the state shown is the
/// last known one because the API did not answer just now ("checked 5 minutes ago").
#[component]
pub fn StateBadge(state: ConnState, #[prop(optional_no_strip)] checked_at: Option<chrono::DateTime<chrono::Utc>>) -> impl IntoView {
    let key = state.key().as_str();
    let (text, time) = match &state {
        ConnState::Connected { since } => {
            let day = crate::i18n::current_date(since);
            (ta("connected-since", &[("date", day.into())]), Some(since.to_rfc3339()))
        }
        ConnState::NeedsReconnect { .. } => (t("state-needs-reconnect"), None),
        ConnState::NotConnected => (t("state-not-connected"), None),
        ConnState::Unknown => (t("unknown-now"), None),
    };
    let checked = checked_at.map(crate::i18n::checked_ago);
    view! {
        <span class=format!("state state-{key}")>
            <span class="dot" aria-hidden="true"></span>
            {match time {
                Some(t) => view! { <time datetime=t>{text}</time> }.into_any(),
                None => view! { <span>{text}</span> }.into_any(),
            }}
            {checked.map(|c| view! { <small class="checked">" · " {c}</small> })}
        </span>
    }
}

/// A refusal page (a link or a callback we will not accept): its status, what happened, what to do.
#[component]
pub fn Problem(
    status: u16,
    title: String,
    body: String,
    reason: &'static str,
    /// Whether to offer "Back to integrations" (only useful to a signed-in user).
    back: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    response::set_status(status);
    view! {
        <Title text=title.clone()/>
        <section class="notice problem" data-reason=reason>
            <h1>{title}</h1>
            <p>{body}</p>
            {children.map(|c| c())}
            {back.then(|| view! { <p><a class="button" href="/"><BackArrow/>{t("back-to-integrations")}</a></p> })}
            <RequestReference/>
        </section>
    }
}

/// A refusal's page in the page's language, `$app` filled in.
pub fn refusal_words(page: crate::domain::Refusal, app: &str) -> (String, String) {
    (ta(page.title, &[("app", app.into())]), ta(page.body, &[("app", app.into())]))
}

/// "Reference: <request id>", so a person can quote it to support (server-rendered pages only).
#[component]
pub fn RequestReference() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let id = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned));
    #[cfg(not(feature = "ssr"))]
    let id: Option<String> = None;
    id.map(|id| {
        let (before, after) = ta_around("request-reference", &[], "id");
        view! { <p class="hint reference">{before}<code translate="no" dir="ltr">{id}</code>{after}</p> }
    })
}

#[component]
pub fn BackToApp(link: BackLink) -> impl IntoView {
    view! {
        <a class="button secondary" href=link.url>
            <BackArrow/>{ta("back-to-app", &[("app", link.app.into())])}
        </a>
    }
}

/// An arrow that points back: to the start of the line, so it turns round in right-to-left languages.
#[component]
pub fn BackArrow() -> impl IntoView {
    view! { <span class="dir-icon" aria-hidden="true">"←"</span> }
}

#[component]
pub fn NotFound() -> impl IntoView {
    response::set_status(404);
    let back = !is_console();
    view! {
        <Title text=t("not-found-title")/>
        <section class="notice">
            <h1>{t("not-found-title")}</h1>
            <p>{t("not-found-body")}</p>
            {back.then(|| view! { <p><a class="button" href="/"><BackArrow/>{t("back-to-integrations")}</a></p> })}
            <RequestReference/>
        </section>
    }
}

/// A count with thousands separated by commas (the console is English): `1,000,000`.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated() {
        let t = super::thousands;
        assert_eq!([t(0), t(999), t(1000), t(10_000), t(1_000_000), t(-12_345)], ["0", "999", "1,000", "10,000", "1,000,000", "-12,345"]);
    }
}
