//! Search and filters of the integrations page. One implementation, used by the server (no JavaScript) and by the
//! filter island in the browser.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Free text, matched against name and host.
    pub q: String,
    /// A `ConnState` key, or empty for all.
    pub state: String,
    /// An `authType` wire value, or empty for all.
    pub auth: String,
}

impl Filters {
    pub fn from_pairs<'a>(get: impl Fn(&str) -> Option<String> + 'a) -> Self {
        let clean = |v: Option<String>| v.map(|s| s.trim().chars().take(100).collect::<String>()).unwrap_or_default();
        Filters { q: clean(get("q")), state: clean(get("state")), auth: clean(get("auth")) }
    }

    pub fn is_active(&self) -> bool {
        !(self.q.is_empty() && self.state.is_empty() && self.auth.is_empty())
    }

    /// Whether a card matches; `state` is `None` while its state is not known yet.
    pub fn matches(&self, name: &str, host: &str, auth: &str, state: Option<&str>) -> bool {
        let q = self.q.to_lowercase();
        let text = q.is_empty() || name.to_lowercase().contains(&q) || host.to_lowercase().contains(&q);
        let auth_ok = self.auth.is_empty() || self.auth.eq_ignore_ascii_case(auth);
        let state_ok = self.state.is_empty() || state.is_none_or(|s| s == self.state);
        text && auth_ok && state_ok
    }

    /// The query string for these filters (without `?`), empty when none are set.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [("q", &self.q), ("state", &self.state), ("auth", &self.auth)] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", encode(v)));
            }
        }
        parts.join("&")
    }
}

/// A query string (without `?`) of the pairs whose value is not empty.
pub fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
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
        assert!(f.matches("GitHub", "api.github.com", "OAUTH2", Some("connected")));
        let f = Filters { state: "connected".into(), auth: "api_token".into(), ..Default::default() };
        assert!(f.matches("Notion", "x", "API_TOKEN", Some("connected")));
        assert!(!f.matches("Notion", "x", "API_TOKEN", Some("not_connected")));
        assert!(f.matches("Notion", "x", "API_TOKEN", None), "unknown yet: kept until the state arrives");
        assert!(!f.matches("Slack", "x", "OAUTH2", Some("connected")));
    }

    #[test]
    fn query() {
        let f = Filters { q: "a b&c".into(), state: "connected".into(), auth: String::new() };
        assert_eq!(f.to_query(), "q=a+b%26c&state=connected");
        assert_eq!(Filters::default().to_query(), "");
    }
}
