//! Host allow-lists from configuration (`PLUGBOARD_AUTHORIZE_HOSTS`, `PLUGBOARD_RETURN_HOSTS`).

/// Host names a URL may point at: exact names and `*.suffix` wildcards.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HostAllowList(Vec<String>);

impl HostAllowList {
    pub fn new(entries: impl IntoIterator<Item = String>) -> Self {
        HostAllowList(entries.into_iter().map(|e| e.trim().to_ascii_lowercase()).filter(|e| !e.is_empty()).collect())
    }

    pub fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.0.iter().any(|e| match e.strip_prefix("*.") {
            Some(suffix) => host.len() > suffix.len() + 1 && host.ends_with(&format!(".{suffix}")),
            None => *e == host,
        })
    }

    pub fn entries(&self) -> &[String] {
        &self.0
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
    }
}
