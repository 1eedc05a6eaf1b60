//! The console's sign-in settings: single sign-on through an OpenID Connect issuer, and who may use it (admins and
//! viewers, by email or @domain).

use super::vars::{self, Env};
use super::ConfigError;
use crate::domain::AdminRole;
use secrecy::SecretString;
use url::Url;

/// An OpenID Connect issuer and this console's client there.
#[derive(Clone)]
pub struct OidcSettings {
    pub issuer: Url,
    pub client_id: String,
    pub client_secret: SecretString,
}

impl std::fmt::Debug for OidcSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcSettings").field("issuer", &self.issuer.as_str()).field("client_id", &self.client_id).finish()
    }
}

/// Emails (lower-cased) and `@domain`s.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EmailList(Vec<String>);

impl EmailList {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut out = Vec::new();
        for item in raw.split(',').map(|i| i.trim().to_lowercase()).filter(|i| !i.is_empty()) {
            let ok = match item.split_once('@') {
                Some(("", domain)) => domain.contains('.') && !domain.contains('@'),
                Some((local, domain)) => !local.is_empty() && domain.contains('.') && !domain.contains('@'),
                None => false,
            };
            if !ok || item.len() > 254 || item.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(format!("{item:?} is neither an email nor an @domain"));
            }
            out.push(item);
        }
        Ok(EmailList(out))
    }

    /// Whether `email` is on the list: itself, or its domain (exactly: `@example.com` is not `@sub.example.com`).
    pub fn contains(&self, email: &str) -> bool {
        let email = email.trim().to_lowercase();
        let domain = email.rsplit_once('@').map(|(_, d)| format!("@{d}"));
        self.0.iter().any(|e| *e == email || Some(e) == domain.as_ref())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Who may use the console through single sign-on, and as what.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdminLists {
    pub admins: EmailList,
    pub viewers: EmailList,
}

impl AdminLists {
    /// The role of a verified email: admin when on the admins' list (it wins), viewer when on the viewers', else none.
    pub fn role_of(&self, email: &str) -> Option<AdminRole> {
        if self.admins.contains(email) {
            Some(AdminRole::Admin)
        } else if self.viewers.contains(email) {
            Some(AdminRole::Viewer)
        } else {
            None
        }
    }
}

pub fn oidc(env: &Env) -> Result<Option<OidcSettings>, ConfigError> {
    let Some(raw) = env.given(&vars::ADMIN_OIDC_ISSUER) else { return Ok(None) };
    let issuer = Url::parse(raw.trim()).map_err(|e| env.invalid(&vars::ADMIN_OIDC_ISSUER, format!("{raw:?} is not a URL ({e})")))?;
    let loopback = matches!(issuer.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if !(issuer.scheme() == "https" || issuer.scheme() == "http" && loopback) || issuer.query().is_some() || issuer.fragment().is_some() {
        return Err(env.invalid(&vars::ADMIN_OIDC_ISSUER, format!("{raw:?} is not an https URL without query or fragment")));
    }
    let client_id = env.given(&vars::ADMIN_OIDC_CLIENT_ID).ok_or_else(|| env.invalid(&vars::ADMIN_OIDC_CLIENT_ID, "missing"))?;
    let secret = env.given(&vars::ADMIN_OIDC_CLIENT_SECRET).ok_or_else(|| env.invalid(&vars::ADMIN_OIDC_CLIENT_SECRET, "missing"))?;
    Ok(Some(OidcSettings { issuer, client_id, client_secret: SecretString::from(secret) }))
}

pub fn admin_lists(env: &Env) -> Result<AdminLists, ConfigError> {
    let list = |v: &vars::Var| match env.given(v) {
        None => Ok(EmailList::default()),
        Some(raw) => EmailList::parse(&raw).map_err(|p| env.invalid(v, p)),
    };
    Ok(AdminLists { admins: list(&vars::ADMIN_ALLOWED)?, viewers: list(&vars::ADMIN_VIEWERS)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_domains() {
        let lists = AdminLists {
            admins: EmailList::parse("Ann@Example.com, @ops.example.com").unwrap(),
            viewers: EmailList::parse("@example.com").unwrap(),
        };
        assert_eq!(lists.role_of("ann@example.com"), Some(AdminRole::Admin));
        assert_eq!(lists.role_of("bob@ops.example.com"), Some(AdminRole::Admin));
        assert_eq!(lists.role_of("bob@example.com"), Some(AdminRole::Viewer));
        assert_eq!(lists.role_of("eve@evil-example.com"), None);
        assert_eq!(lists.role_of("eve@sub.example.com"), None, "a domain is exact");
        assert!(EmailList::parse("not-an-email").is_err());
        assert!(EmailList::parse("@").is_err());
    }
}
