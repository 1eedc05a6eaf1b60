//! Configuration from the environment, parsed and validated once at start.
//!
//! Every problem names the variable and what it expects; secrets are never echoed back.

use secrecy::{ExposeSecret, SecretString};
use std::{net::SocketAddr, path::PathBuf, time::Duration};
use url::Url;

/// Every environment variable plugboard reads, with what it expects. `plugboard --help` prints this table.
pub const ENV_HELP: &str = "\
Environment (the portal, `plugboard` / `plugboard serve`):
  TR_API_URL                     toolregistry API base URL [default: https://api.toolregistry.ai]
  TR_API_KEY                     toolregistry API key (secret). When unset, the embedded sandbox is started
                                 and used instead, and every page shows a \"Sandbox\" badge
  PLUGBOARD_PUBLIC_URL           the portal's public base URL, used to build redirect URIs
                                 [default: http://<LEPTOS_SITE_ADDR>]
  LEPTOS_SITE_ADDR               listen address, ip:port [default: 127.0.0.1:3000]
  PLUGBOARD_DATABASE_URL         sqlite:// or postgres:// URL [default: sqlite://plugboard.db?mode=rwc]
  PLUGBOARD_UPSTREAM_TIMEOUT_MS  total time allowed for one API call [default: 5000]
  PLUGBOARD_UPSTREAM_CONNECT_TIMEOUT_MS  time allowed to connect to the API [default: 2000]
  PLUGBOARD_SANDBOX_ADDR         listen address of the embedded sandbox [default: 127.0.0.1:0, a free port]
  PLUGBOARD_SANDBOX_API_KEY      key of the embedded sandbox's API and control API [default: random]
  PLUGBOARD_SANDBOX_FIXTURES     JSON file with the sandbox's integrations, in the list endpoint's shape
  PLUGBOARD_SANDBOX_LATENCY_MS   added latency per sandbox API call [default: 0]
  PLUGBOARD_SANDBOX_ERROR_RATE   share of sandbox API calls answered with 500, 0.0..=1.0 [default: 0]
  PLUGBOARD_LINK_SECRET          secret for signing portal links, at least 32 bytes. Required with TR_API_KEY;
                                 on the sandbox a random one is generated at start
  PLUGBOARD_LINK_TTL_SECONDS     lifetime of a portal link [default: 900]
  PLUGBOARD_APP_NAME             the host product's name, as in \"ask <app> for a new link\" [default: the app]
  PLUGBOARD_AUTHORIZE_HOSTS      comma-separated hosts (or *.suffix) an authorize URL may point at
                                 [default: the API's host, *.toolregistry.ai, and the sandbox]
  PLUGBOARD_COOKIE_SECURE        true/false: mark cookies Secure [default: true when PLUGBOARD_PUBLIC_URL is https]
  PLUGBOARD_API_TOKEN            bearer token for the host-app API (POST /api/v1/links), at least 16
                                 characters; the API is off when unset
  PLUGBOARD_RETURN_HOSTS         comma-separated hosts (or *.suffix) a link's returnUrl may point at
                                 [default: none, so returnUrl is refused]
  PLUGBOARD_ADMIN_PASSWORD       admin console password: a plain value (at least 12 characters) or an argon2
                                 hash ($argon2id$...); the console is off when unset
  PLUGBOARD_STATE_CONCURRENCY    concurrent connection-state calls [default: 16]
  PLUGBOARD_STATE_DEADLINE_MS    a card whose state takes longer shows Unknown [default: 2500]
  PLUGBOARD_LIST_CACHE_SECONDS   how long the integration list is cached [default: 30]
  PLUGBOARD_REFRESH_PER_SECOND   upstream calls per second the background refresher may make to keep the admin
                                 console's status snapshot fresh; 0 turns it off [default: 2]
  PLUGBOARD_REFRESH_MIN_AGE_SECONDS  a (user, integration) is re-checked only once its snapshot is this old
                                 [default: 300]
  PLUGBOARD_STALE_AFTER_SECONDS  the console shows a snapshot's age once it is older than this [default: 3600]
  RUST_LOG                       log filter [default: info]
";

pub const DEFAULT_API_URL: &str = "https://api.toolregistry.ai";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://plugboard.db?mode=rwc";

/// A configuration problem, naming the variable and what it expects.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{var}: {problem}; expected {expected}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
    pub expected: &'static str,
}

fn invalid(var: &'static str, problem: impl Into<String>, expected: &'static str) -> ConfigError {
    ConfigError { var, problem: problem.into(), expected }
}

/// Where API calls go.
#[derive(Clone)]
pub enum Upstream {
    /// The real toolregistry API.
    Remote { url: Url, key: SecretString },
    /// No key: the embedded sandbox is started and the client pointed at it.
    Sandbox(SandboxSettings),
}

impl std::fmt::Debug for Upstream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Upstream::Remote { url, .. } => {
                f.debug_struct("Remote").field("url", url).field("key", &"[redacted]").finish()
            }
            Upstream::Sandbox(s) => f.debug_tuple("Sandbox").field(s).finish(),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct SandboxSettings {
    pub addr: Option<SocketAddr>,
    /// The embedded sandbox's key (for its control API); random when unset.
    pub api_key: Option<String>,
    pub fixtures: Option<PathBuf>,
    pub latency: Duration,
    pub error_rate: f64,
}

#[derive(Clone)]
pub struct Config {
    pub upstream: Upstream,
    pub public_url: Url,
    pub site_addr: SocketAddr,
    pub database_url: String,
    pub upstream_timeout: Duration,
    pub upstream_connect_timeout: Duration,
    /// `None` on the sandbox without a configured secret: a random one is generated at start.
    pub link_secret: Option<SecretString>,
    pub link_ttl: Duration,
    pub app_name: String,
    /// `None`: the default (API host, *.toolregistry.ai, the sandbox).
    pub authorize_hosts: Option<Vec<String>>,
    pub cookie_secure: bool,
    pub state_concurrency: usize,
    pub state_deadline: Duration,
    pub list_ttl: Duration,
    /// Bearer token of the host-app API; `None`: the API is off.
    pub api_token: Option<SecretString>,
    pub return_hosts: Vec<String>,
    pub admin_password: Option<AdminPassword>,
    /// Background refresher budget (upstream calls per second); 0: off.
    pub refresh_per_second: u32,
    pub refresh_min_age: Duration,
    pub stale_after: Duration,
}

/// The admin password as configured: a plain secret, or an argon2 hash in PHC format.
#[derive(Clone)]
pub enum AdminPassword {
    Plain(SecretString),
    Argon2(String),
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("upstream", &self.upstream)
            .field("public_url", &self.public_url.as_str())
            .field("site_addr", &self.site_addr)
            .field("link_secret", &self.link_secret.as_ref().map(|_| "[redacted]"))
            .field("app_name", &self.app_name)
            .finish_non_exhaustive()
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads from any lookup (tests pass a map). Empty values count as unset.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| get(name).filter(|v| !v.trim().is_empty());

        let site_addr = match get("LEPTOS_SITE_ADDR") {
            Some(raw) => raw.trim().parse::<SocketAddr>().map_err(|_| {
                invalid("LEPTOS_SITE_ADDR", format!("{raw:?} is not an address"), "ip:port, e.g. 127.0.0.1:3000")
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };

        let public_url = match get("PLUGBOARD_PUBLIC_URL") {
            Some(raw) => parse_base_url("PLUGBOARD_PUBLIC_URL", &raw)?,
            None => parse_base_url("PLUGBOARD_PUBLIC_URL", &format!("http://{site_addr}"))?,
        };

        let upstream = match get("TR_API_KEY") {
            Some(key) => {
                if !key.chars().all(|c| c.is_ascii_graphic()) {
                    return Err(invalid(
                        "TR_API_KEY",
                        "the value contains spaces or characters that cannot be sent in a header",
                        "the API key from toolregistry.ai (printable ASCII, no spaces)",
                    ));
                }
                let url = parse_base_url("TR_API_URL", get("TR_API_URL").as_deref().unwrap_or(DEFAULT_API_URL))?;
                Upstream::Remote { url, key: SecretString::from(key) }
            }
            None => Upstream::Sandbox(SandboxSettings {
                addr: get("PLUGBOARD_SANDBOX_ADDR")
                    .map(|raw| {
                        raw.trim().parse::<SocketAddr>().map_err(|_| {
                            invalid("PLUGBOARD_SANDBOX_ADDR", format!("{raw:?} is not an address"), "ip:port")
                        })
                    })
                    .transpose()?,
                api_key: get("PLUGBOARD_SANDBOX_API_KEY"),
                fixtures: get("PLUGBOARD_SANDBOX_FIXTURES").map(PathBuf::from),
                latency: Duration::from_millis(parse_u64(
                    "PLUGBOARD_SANDBOX_LATENCY_MS",
                    get("PLUGBOARD_SANDBOX_LATENCY_MS"),
                    0,
                    "milliseconds, a whole number",
                )?),
                error_rate: match get("PLUGBOARD_SANDBOX_ERROR_RATE") {
                    None => 0.0,
                    Some(raw) => {
                        raw.trim().parse::<f64>().ok().filter(|r| (0.0..=1.0).contains(r)).ok_or_else(|| {
                            invalid(
                                "PLUGBOARD_SANDBOX_ERROR_RATE",
                                format!("{raw:?} is not a rate"),
                                "a number from 0.0 to 1.0",
                            )
                        })?
                    }
                },
            }),
        };

        let database_url = get("PLUGBOARD_DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(invalid(
                "PLUGBOARD_DATABASE_URL",
                "unsupported database URL scheme",
                "sqlite://<file>?mode=rwc or postgres://user@host/db",
            ));
        }

        let upstream_timeout = Duration::from_millis(parse_u64(
            "PLUGBOARD_UPSTREAM_TIMEOUT_MS",
            get("PLUGBOARD_UPSTREAM_TIMEOUT_MS"),
            5000,
            "milliseconds, a whole number from 1",
        )?);
        let upstream_connect_timeout = Duration::from_millis(parse_u64(
            "PLUGBOARD_UPSTREAM_CONNECT_TIMEOUT_MS",
            get("PLUGBOARD_UPSTREAM_CONNECT_TIMEOUT_MS"),
            2000,
            "milliseconds, a whole number from 1",
        )?);
        if upstream_timeout.is_zero() {
            return Err(invalid("PLUGBOARD_UPSTREAM_TIMEOUT_MS", "0 would fail every call", "milliseconds, from 1"));
        }
        if upstream_connect_timeout.is_zero() {
            return Err(invalid(
                "PLUGBOARD_UPSTREAM_CONNECT_TIMEOUT_MS",
                "0 would fail every call",
                "milliseconds, from 1",
            ));
        }

        let link_secret = match get("PLUGBOARD_LINK_SECRET") {
            Some(secret) if secret.len() >= 32 => Some(SecretString::from(secret)),
            Some(_) => {
                return Err(invalid(
                    "PLUGBOARD_LINK_SECRET",
                    "the secret is too short",
                    "at least 32 bytes of random text, e.g. from `openssl rand -base64 48`",
                ))
            }
            None if matches!(upstream, Upstream::Sandbox(_)) => None,
            None => {
                return Err(invalid(
                    "PLUGBOARD_LINK_SECRET",
                    "not set (it is required when TR_API_KEY is set)",
                    "at least 32 bytes of random text, e.g. from `openssl rand -base64 48`",
                ))
            }
        };
        let link_ttl = Duration::from_secs(parse_u64(
            "PLUGBOARD_LINK_TTL_SECONDS",
            get("PLUGBOARD_LINK_TTL_SECONDS"),
            900,
            "seconds, from 1 to 604800 (7 days)",
        )?);
        if link_ttl.is_zero() || link_ttl > Duration::from_secs(7 * 86_400) {
            return Err(invalid("PLUGBOARD_LINK_TTL_SECONDS", "out of range", "seconds, from 1 to 604800 (7 days)"));
        }
        let app_name = get("PLUGBOARD_APP_NAME").map(|s| s.trim().to_owned()).unwrap_or_else(|| "the app".to_owned());
        let authorize_hosts = get("PLUGBOARD_AUTHORIZE_HOSTS").map(|raw| {
            raw.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect::<Vec<_>>()
        });
        if authorize_hosts.as_ref().is_some_and(|h| h.is_empty()) {
            return Err(invalid(
                "PLUGBOARD_AUTHORIZE_HOSTS",
                "no hosts given",
                "comma-separated host names or *.suffix",
            ));
        }
        let cookie_secure = match get("PLUGBOARD_COOKIE_SECURE").as_deref().map(str::trim) {
            None => public_url.scheme() == "https",
            Some("true" | "1" | "yes") => true,
            Some("false" | "0" | "no") => false,
            Some(other) => {
                return Err(invalid("PLUGBOARD_COOKIE_SECURE", format!("{other:?} is not a boolean"), "true or false"))
            }
        };
        let state_concurrency = parse_u64(
            "PLUGBOARD_STATE_CONCURRENCY",
            get("PLUGBOARD_STATE_CONCURRENCY"),
            16,
            "a whole number from 1 to 256",
        )?;
        if !(1..=256).contains(&state_concurrency) {
            return Err(invalid("PLUGBOARD_STATE_CONCURRENCY", "out of range", "a whole number from 1 to 256"));
        }
        let state_deadline = Duration::from_millis(parse_u64(
            "PLUGBOARD_STATE_DEADLINE_MS",
            get("PLUGBOARD_STATE_DEADLINE_MS"),
            2500,
            "milliseconds, from 1",
        )?);
        if state_deadline.is_zero() {
            return Err(invalid(
                "PLUGBOARD_STATE_DEADLINE_MS",
                "0 would show every state as Unknown",
                "milliseconds, from 1",
            ));
        }
        let list_ttl = Duration::from_secs(parse_u64(
            "PLUGBOARD_LIST_CACHE_SECONDS",
            get("PLUGBOARD_LIST_CACHE_SECONDS"),
            30,
            "seconds, a whole number",
        )?);

        let api_token = match get("PLUGBOARD_API_TOKEN") {
            Some(t) if t.len() >= 16 && t.chars().all(|c| c.is_ascii_graphic()) => Some(SecretString::from(t)),
            Some(_) => {
                return Err(invalid(
                    "PLUGBOARD_API_TOKEN",
                    "too short or contains spaces",
                    "at least 16 printable characters, e.g. from `openssl rand -hex 32`",
                ))
            }
            None => None,
        };
        let return_hosts = get("PLUGBOARD_RETURN_HOSTS")
            .map(|raw| raw.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect())
            .unwrap_or_default();

        let admin_password = match get("PLUGBOARD_ADMIN_PASSWORD") {
            None => None,
            Some(v) if v.starts_with("$argon2") => {
                if !argon2::PasswordHash::new(&v).is_ok_and(|h| h.hash.is_some() && h.salt.is_some()) {
                    return Err(invalid(
                        "PLUGBOARD_ADMIN_PASSWORD",
                        "not a valid argon2 hash",
                        "a password or an argon2 PHC hash",
                    ));
                }
                Some(AdminPassword::Argon2(v))
            }
            Some(v) if v.chars().count() >= 12 => Some(AdminPassword::Plain(SecretString::from(v))),
            Some(_) => {
                return Err(invalid(
                    "PLUGBOARD_ADMIN_PASSWORD",
                    "too short",
                    "at least 12 characters, or an argon2 hash ($argon2id$...)",
                ))
            }
        };

        let refresh_per_second = parse_u64(
            "PLUGBOARD_REFRESH_PER_SECOND",
            get("PLUGBOARD_REFRESH_PER_SECOND"),
            2,
            "a whole number from 0 (off) to 1000",
        )?;
        if refresh_per_second > 1000 {
            return Err(invalid("PLUGBOARD_REFRESH_PER_SECOND", "out of range", "a whole number from 0 (off) to 1000"));
        }
        let refresh_min_age = Duration::from_secs(parse_u64(
            "PLUGBOARD_REFRESH_MIN_AGE_SECONDS",
            get("PLUGBOARD_REFRESH_MIN_AGE_SECONDS"),
            300,
            "seconds, a whole number",
        )?);
        let stale_after = Duration::from_secs(parse_u64(
            "PLUGBOARD_STALE_AFTER_SECONDS",
            get("PLUGBOARD_STALE_AFTER_SECONDS"),
            3600,
            "seconds, a whole number",
        )?);

        Ok(Config {
            refresh_per_second: refresh_per_second as u32,
            refresh_min_age,
            stale_after,
            admin_password,
            api_token,
            return_hosts,
            upstream,
            public_url,
            site_addr,
            database_url,
            upstream_timeout,
            upstream_connect_timeout,
            link_secret,
            link_ttl,
            app_name,
            authorize_hosts,
            cookie_secure,
            state_concurrency: state_concurrency as usize,
            state_deadline,
            list_ttl,
        })
    }

    pub fn is_sandbox(&self) -> bool {
        matches!(self.upstream, Upstream::Sandbox(_))
    }

    /// The API key, for the client only.
    pub fn api_key(&self) -> Option<&str> {
        match &self.upstream {
            Upstream::Remote { key, .. } => Some(key.expose_secret()),
            Upstream::Sandbox(_) => None,
        }
    }
}

fn parse_u64(var: &'static str, raw: Option<String>, default: u64, expected: &'static str) -> Result<u64, ConfigError> {
    match raw {
        None => Ok(default),
        Some(raw) => {
            raw.trim().parse::<u64>().map_err(|_| invalid(var, format!("{raw:?} is not a whole number"), expected))
        }
    }
}

/// An absolute http(s) URL without query or fragment, used as a base.
pub fn parse_base_url(var: &'static str, raw: &str) -> Result<Url, ConfigError> {
    const EXPECTED: &str = "an absolute http:// or https:// URL without query or fragment";
    let url = Url::parse(raw.trim()).map_err(|e| invalid(var, format!("{raw:?} is not a URL ({e})"), EXPECTED))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(var, format!("{raw:?} is not an http(s) URL"), EXPECTED));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(var, format!("{raw:?} has a query, fragment or credentials"), EXPECTED));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_run_on_the_sandbox() {
        let c = cfg(&[]).unwrap();
        assert!(c.is_sandbox());
        assert_eq!(c.public_url.as_str(), "http://127.0.0.1:3000/");
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.upstream_timeout, Duration::from_secs(5));
        assert!(c.link_secret.is_none() && !c.cookie_secure);
        assert_eq!(c.link_ttl, Duration::from_secs(900));
        let https = cfg(&[("PLUGBOARD_PUBLIC_URL", "https://portal.example")]).unwrap();
        assert!(https.cookie_secure);
    }

    #[test]
    fn a_key_selects_the_remote_api_and_is_redacted() {
        let secret = ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef-link");
        let c = cfg(&[("TR_API_KEY", "sk_live_abcdef123"), ("LEPTOS_SITE_ADDR", "0.0.0.0:8080"), secret]).unwrap();
        assert!(!format!("{c:?}").contains("0123456789abcdef0123456789abcdef-link"));
        assert_eq!(cfg(&[("TR_API_KEY", "k")]).unwrap_err().var, "PLUGBOARD_LINK_SECRET");
        assert!(!c.is_sandbox());
        assert_eq!(c.api_key(), Some("sk_live_abcdef123"));
        assert!(!format!("{c:?}").contains("sk_live_abcdef123"));
        match &c.upstream {
            Upstream::Remote { url, .. } => assert_eq!(url.as_str(), "https://api.toolregistry.ai/"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_name_the_variable_and_never_echo_the_key() {
        let e = cfg(&[("TR_API_KEY", "secret with space")]).unwrap_err();
        assert_eq!(e.var, "TR_API_KEY");
        assert!(!e.to_string().contains("secret with space"));

        for (var, value) in [
            ("TR_API_URL", "ftp://x"),
            ("PLUGBOARD_PUBLIC_URL", "not a url"),
            ("PLUGBOARD_PUBLIC_URL", "https://x/?a=b"),
            ("LEPTOS_SITE_ADDR", "localhost"),
            ("PLUGBOARD_DATABASE_URL", "mysql://x"),
            ("PLUGBOARD_UPSTREAM_TIMEOUT_MS", "soon"),
            ("PLUGBOARD_UPSTREAM_TIMEOUT_MS", "0"),
            ("PLUGBOARD_SANDBOX_ERROR_RATE", "2"),
            ("PLUGBOARD_SANDBOX_LATENCY_MS", "-1"),
            ("PLUGBOARD_SANDBOX_ADDR", "nowhere"),
            ("PLUGBOARD_LINK_SECRET", "short"),
            ("PLUGBOARD_LINK_TTL_SECONDS", "0"),
            ("PLUGBOARD_COOKIE_SECURE", "maybe"),
            ("PLUGBOARD_STATE_CONCURRENCY", "0"),
            ("PLUGBOARD_STATE_DEADLINE_MS", "0"),
            ("PLUGBOARD_AUTHORIZE_HOSTS", " , "),
            ("PLUGBOARD_API_TOKEN", "short"),
            ("PLUGBOARD_ADMIN_PASSWORD", "short"),
            ("PLUGBOARD_ADMIN_PASSWORD", "$argon2id$nonsense"),
        ] {
            let mut pairs = vec![(var, value)];
            if var == "TR_API_URL" {
                pairs.push(("TR_API_KEY", "k"));
                pairs.push(("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef"));
            }
            let e = cfg(&pairs).unwrap_err();
            assert_eq!(e.var, var, "{e}");
            assert!(e.to_string().starts_with(var), "{e}");
            assert!(e.to_string().contains("expected"), "{e}");
        }
    }
}
