//! Filters that live in URLs, all of one shape ([`UrlFilter`]): parsed from query pairs (anything unusable is dropped
//! rather than refused, so a shared link keeps working), cleaned, and written back as a query string. The portal's
//! search ([`Filters`], also run by the filter island in the browser), the console's matrix ([`MatrixFilter`], which
//! the CSV export takes too) and its event log ([`EventFilter`]).

use crate::domain::funnel::Window;
use crate::domain::{AuthType, CustomerIntegrationId, EventKind, StateKey, UserId};
use serde::{Deserialize, Serialize};

/// A filter kept in the URL.
pub trait UrlFilter: Sized {
    /// Parses the query; values that cannot be used are dropped.
    fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self;
    /// The (name, value) pairs of the filters that are set (the page excluded).
    fn filter_pairs(&self) -> Vec<(&'static str, String)>;

    /// Whether any filter is set.
    fn is_active(&self) -> bool {
        !self.filter_pairs().is_empty()
    }

    /// The query string (without `?`) of the filters, empty when none are set.
    fn to_query(&self) -> String {
        query_string(&self.filter_pairs())
    }
}

/// A paged filter: the query string for one of its pages (the newest is left out).
pub trait Paged: UrlFilter {
    fn page_query(&self, at: &PageAt) -> String {
        let mut pairs = self.filter_pairs();
        pairs.extend(at.pair());
        query_string(&pairs)
    }
}

/// Where a page of a list kept newest first starts, by key rather than by number, so that a deep page costs what the
/// first one does and its URL stays shareable: the newest (nothing in the URL), the rows older than a key
/// (`older=KEY`, the next page: the key of the last row shown), newer than a key (`newer=KEY`, the previous page),
/// or the oldest (`oldest=1`). A key is opaque to the URL: the list it belongs to reads it (and ignores one it cannot).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageAt {
    #[default]
    Newest,
    Older(String),
    Newer(String),
    Oldest,
}

impl PageAt {
    fn from_pairs(get: &impl Fn(&str) -> Option<String>) -> Self {
        let key = |name: &str| get(name).map(|k| k.trim().to_owned()).filter(|k| PageAt::usable_key(k));
        if let Some(k) = key("older") {
            PageAt::Older(k)
        } else if let Some(k) = key("newer") {
            PageAt::Newer(k)
        } else if get("oldest").is_some() {
            PageAt::Oldest
        } else {
            PageAt::Newest
        }
    }

    /// Keys are short and plain (numbers, references, dots).
    fn usable_key(k: &str) -> bool {
        !k.is_empty() && k.len() <= 80 && k.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    }

    fn pair(&self) -> Option<(&'static str, String)> {
        match self {
            PageAt::Newest => None,
            PageAt::Older(k) => Some(("older", k.clone())),
            PageAt::Newer(k) => Some(("newer", k.clone())),
            PageAt::Oldest => Some(("oldest", "1".to_owned())),
        }
    }
}

/// Trimmed, at most `max` characters; `None` when empty.
fn clean(v: Option<String>, max: usize) -> Option<String> {
    v.map(|s| s.trim().chars().take(max).collect::<String>()).filter(|s| !s.is_empty())
}

/// The portal's search and filters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Free text, matched against name and host.
    pub q: String,
    pub state: Option<StateKey>,
    /// An `authType` wire value, or empty for all.
    pub auth: String,
}

impl UrlFilter for Filters {
    fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        Filters {
            q: clean(get("q"), 100).unwrap_or_default(),
            state: clean(get("state"), 100).and_then(|s| StateKey::parse(&s)),
            auth: clean(get("auth"), 100).unwrap_or_default(),
        }
    }

    fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let state = self.state.map(|s| s.as_str().to_owned()).unwrap_or_default();
        [("q", self.q.clone()), ("state", state), ("auth", self.auth.clone())].into_iter().filter(|(_, v)| !v.is_empty()).collect()
    }
}

impl Filters {
    /// Whether a card matches; `state` is `None` while its state is not known yet.
    pub fn matches(&self, name: &str, host: &str, auth: &str, state: Option<StateKey>) -> bool {
        let q = self.q.to_lowercase();
        let text = q.is_empty() || name.to_lowercase().contains(&q) || host.to_lowercase().contains(&q);
        let auth_ok = self.auth.is_empty() || self.auth.eq_ignore_ascii_case(auth);
        let state_ok = match (self.state, state) {
            (Some(want), Some(have)) => want == have,
            _ => true,
        };
        text && auth_ok && state_ok
    }
}

/// Up to how many matching users a filtered console view counts exactly (beyond, "more than 10,000": an exact count
/// would read every row).
pub const COUNT_CAP: i64 = 10_000;

/// The console matrix's filters: `q` (part of a user id), `integration` (a column), `state`, and where the page starts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatrixFilter {
    pub q: String,
    /// The host's organization id (exact).
    pub org: Option<String>,
    pub integration: Option<CustomerIntegrationId>,
    pub state: Option<StateKey>,
    pub at: PageAt,
}

impl UrlFilter for MatrixFilter {
    fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        MatrixFilter {
            q: clean(get("q"), 256).unwrap_or_default(),
            org: clean(get("org"), 256),
            integration: clean(get("integration"), 256).and_then(|i| CustomerIntegrationId::parse(i).ok()),
            state: clean(get("state"), 256).and_then(|s| StateKey::parse(&s)),
            at: PageAt::from_pairs(&get),
        }
    }

    fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if let Some(o) = &self.org {
            pairs.push(("org", o.clone()));
        }
        if let Some(i) = &self.integration {
            pairs.push(("integration", i.to_string()));
        }
        if let Some(s) = self.state {
            pairs.push(("state", s.as_str().to_owned()));
        }
        pairs
    }
}

impl Paged for MatrixFilter {}

/// The event log's filters (all exact): user id, integration, kind, the admin who acted, and where the page starts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    pub user: Option<UserId>,
    pub integration: Option<CustomerIntegrationId>,
    pub kind: Option<EventKind>,
    /// The admin who acted: an email or `password` (exact).
    pub actor: Option<String>,
    pub at: PageAt,
}

impl UrlFilter for EventFilter {
    fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        EventFilter {
            user: clean(get("user"), 256).and_then(|u| UserId::parse(u).ok()),
            integration: clean(get("integration"), 256).and_then(|i| CustomerIntegrationId::parse(i).ok()),
            kind: clean(get("kind"), 256).and_then(|k| EventKind::parse(&k)),
            actor: clean(get("actor"), 254).map(|a| a.to_lowercase()),
            at: PageAt::from_pairs(&get),
        }
    }

    fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(u) = &self.user {
            pairs.push(("user", u.as_str().to_owned()));
        }
        if let Some(i) = &self.integration {
            pairs.push(("integration", i.to_string()));
        }
        if let Some(k) = self.kind {
            pairs.push(("kind", k.as_str().to_owned()));
        }
        if let Some(a) = &self.actor {
            pairs.push(("actor", a.clone()));
        }
        pairs
    }
}

impl Paged for EventFilter {}

/// The funnel's filters: the window (the last 7 days unless asked), one integration, one sign-in type.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelFilter {
    pub window: Window,
    pub integration: Option<CustomerIntegrationId>,
    pub auth: Option<AuthType>,
}

impl UrlFilter for FunnelFilter {
    fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        FunnelFilter {
            window: clean(get("window"), 8).and_then(|w| Window::parse(&w)).unwrap_or_default(),
            integration: clean(get("integration"), 256).and_then(|i| CustomerIntegrationId::parse(i).ok()),
            auth: clean(get("auth"), 64).map(AuthType::from),
        }
    }

    fn filter_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.window != Window::default() {
            pairs.push(("window", self.window.as_str().to_owned()));
        }
        if let Some(i) = &self.integration {
            pairs.push(("integration", i.to_string()));
        }
        if let Some(a) = &self.auth {
            pairs.push(("auth", a.as_str().to_owned()));
        }
        pairs
    }
}

/// A query string (without `?`) of the pairs whose value is not empty.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
}

/// `?query`, or nothing when the query is empty.
pub fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// Minimal `application/x-www-form-urlencoded` encoding (what a GET form produces).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        let f = Filters { q: "SLA".into(), ..Default::default() };
        assert!(f.matches("Slack", "slack.com", "OAUTH2", None));
        assert!(!f.matches("GitHub", "api.github.com", "OAUTH2", None));
        let f = Filters { q: "github.com".into(), ..Default::default() };
        assert!(f.matches("GitHub", "api.github.com", "OAUTH2", Some(StateKey::Connected)));
        let f = Filters { state: Some(StateKey::Connected), auth: "api_token".into(), ..Default::default() };
        assert!(f.matches("Notion", "x", "API_TOKEN", Some(StateKey::Connected)));
        assert!(!f.matches("Notion", "x", "API_TOKEN", Some(StateKey::NotConnected)));
        assert!(f.matches("Notion", "x", "API_TOKEN", None), "unknown yet: kept until the state arrives");
        assert!(!f.matches("Slack", "x", "OAUTH2", Some(StateKey::Connected)));
    }

    #[test]
    fn query() {
        let f = Filters { q: "a b&c".into(), state: Some(StateKey::Connected), auth: String::new() };
        assert_eq!(f.to_query(), "q=a+b%26c&state=connected");
        assert_eq!(Filters::default().to_query(), "");
        let back = Filters::from_pairs(|k| match k {
            "q" => Some("a b&c".into()),
            "state" => Some("connected".into()),
            _ => None,
        });
        assert_eq!(back, f);
    }

    #[test]
    fn matrix_filters_from_the_url() {
        let f = MatrixFilter::from_pairs(|k| match k {
            "q" => Some(" a&b ".into()),
            "state" => Some("needs_reconnect".into()),
            "older" => Some("x y".into()),
            _ => None,
        });
        assert_eq!(f, MatrixFilter { q: "a&b".into(), org: None, integration: None, state: Some(StateKey::NeedsReconnect), at: PageAt::Newest });
        assert_eq!(f.page_query(&PageAt::Older("17.ab_C-1".into())), "q=a%26b&state=needs_reconnect&older=17.ab_C-1");
        assert_eq!(f.page_query(&PageAt::Oldest), "q=a%26b&state=needs_reconnect&oldest=1");
        assert_eq!(f.page_query(&PageAt::Newest), "q=a%26b&state=needs_reconnect");
        assert_eq!(f.to_query(), "q=a%26b&state=needs_reconnect");
        assert_eq!(MatrixFilter::from_pairs(|k| (k == "state").then(|| "bogus".to_string())).state, None);
    }

    #[test]
    fn event_filters_from_the_url() {
        let f = EventFilter::from_pairs(|k| match k {
            "kind" => Some("nonsense".into()),
            "newer" => Some(" 12 ".into()),
            "user" => Some("  alice ".into()),
            _ => None,
        });
        let at = PageAt::Newer("12".into());
        assert_eq!(f, EventFilter { user: Some(UserId::parse("alice").unwrap()), integration: None, kind: None, actor: None, at: at.clone() });
        assert_eq!(f.page_query(&at), "user=alice&newer=12");
        assert_eq!(EventFilter::from_pairs(|k| (k == "oldest").then(String::new)).at, PageAt::Oldest);
    }
}
