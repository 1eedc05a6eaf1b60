//! Host allow-lists from configuration (`PLUGBOARD_AUTHORIZE_HOSTS`, `PLUGBOARD_RETURN_HOSTS`).

/// Host names a URL may point at: exact names and `*.suffix` wildcards. An entry written `http://host` also
/// allows plain http to that host (test setups); otherwise callers may insist on https.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostAllowList(Vec<Entry>);

#[derive(Clone, Debug, PartialEq)]
struct Entry {
    pattern: String,
    http: bool,
}

impl HostAllowList {
    pub fn new(entries: impl IntoIterator<Item = String>) -> Self {
        HostAllowList(
            entries
                .into_iter()
                .map(|e| e.trim().to_ascii_lowercase())
                .filter(|e| !e.is_empty())
                .map(|e| match e.strip_prefix("http://") {
                    Some(host) => Entry { pattern: host.trim_end_matches('/').to_owned(), http: true },
                    None => Entry { pattern: e.trim_start_matches("https://").trim_end_matches('/').to_owned(), http: false },
                })
                .collect(),
        )
    }

    fn entry(&self, host: &str) -> Option<&Entry> {
        let host = host.to_ascii_lowercase();
        self.0.iter().find(|e| match e.pattern.strip_prefix("*.") {
            Some(suffix) => host.len() > suffix.len() + 1 && host.ends_with(&format!(".{suffix}")),
            None => e.pattern == host,
        })
    }

    pub fn allows(&self, host: &str) -> bool {
        self.entry(host).is_some()
    }

    /// Whether `host` may be reached with `scheme`: https always, http only when listed as `http://host` or when
    /// `http_anywhere` (the embedded sandbox).
    pub fn allows_scheme(&self, scheme: &str, host: &str, http_anywhere: bool) -> bool {
        match (scheme, self.entry(host)) {
            ("https", Some(_)) => true,
            ("http", Some(e)) => e.http || http_anywhere,
            _ => false,
        }
    }

    /// The entries as `form-action` sources for the Content-Security-Policy.
    pub fn csp_sources(&self) -> Vec<String> {
        self.0.iter().map(|e| format!("{}://{}", if e.http { "http" } else { "https" }, e.pattern)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_allow_list() {
        let l = HostAllowList::new(["api.toolregistry.ai".to_string(), "*.toolregistry.ai".into(), "localhost".into()]);
        assert!(l.allows("api.toolregistry.ai"));
        assert!(l.allows("auth.toolregistry.ai"));
        assert!(l.allows("LOCALHOST"));
        assert!(!l.allows("toolregistry.ai.evil.com"));
        assert!(!l.allows("eviltoolregistry.ai"));
        assert!(!l.allows("evil.com"));
        let l = HostAllowList::new(["auth.example".to_string(), "http://localhost".into()]);
        assert!(l.allows_scheme("https", "auth.example", false));
        assert!(!l.allows_scheme("http", "auth.example", false), "https unless listed with http://");
        assert!(l.allows_scheme("http", "auth.example", true), "the sandbox allows http");
        assert!(l.allows_scheme("http", "localhost", false));
        assert_eq!(l.csp_sources(), vec!["https://auth.example", "http://localhost"]);
    }
}
