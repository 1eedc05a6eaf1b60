//! Configuration from the environment, parsed and validated once at start into settings per concern. Every problem
//! names the variable and what it expects; secrets are never echoed back. The variables themselves, with their
//! defaults, are listed once in [`vars`].

pub mod brand;
pub mod console;
pub mod hosts;
pub mod vars;
pub mod webhooks;

pub use hosts::HostAllowList;
pub use webhooks::{parse_secret, Endpoint, WebhookSettings};

use secrecy::{ExposeSecret, SecretString};
use std::{net::SocketAddr, path::PathBuf, time::Duration};
use url::Url;
use vars::Env;

/// A configuration problem, naming the variable and what it expects.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{var}: {problem}; expected {expected}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
    pub expected: &'static str,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub server: ServerSettings,
    pub limits: LimitSettings,
    pub database: DatabaseSettings,
    pub upstream: UpstreamSettings,
    pub links: LinkSettings,
    pub portal: PortalSettings,
    pub host_api: HostApiSettings,
    pub console: ConsoleSettings,
    pub webhooks: WebhookSettings,
    pub brand: brand::BrandSettings,
}

/// Where the portal listens and how it presents itself.
#[derive(Clone, Debug)]
pub struct ServerSettings {
    pub site_addr: SocketAddr,
    pub public_url: Url,
    pub cookie_secure: bool,
    /// The host product's name, as in "ask <app> for a new link".
    pub app_name: String,
    /// Sessions end after this long without a request (end users, admins).
    pub session_idle: Duration,
    pub admin_idle: Duration,
    /// On SIGTERM, how long in-flight requests get to finish.
    pub shutdown_grace: Duration,
    /// On SIGTERM, how long `/readyz` answers 503 while the instance keeps serving.
    pub drain: Duration,
    /// Where Prometheus metrics are served (None: no metrics).
    pub metrics_addr: Option<SocketAddr>,
    /// Log lines as JSON objects (`PLUGBOARD_LOG_FORMAT=json`; read by `main` before the rest).
    pub log_json: bool,
}

/// What one client may ask of the server.
#[derive(Clone, Debug)]
pub struct LimitSettings {
    pub max_body_bytes: usize,
    pub request_timeout: Duration,
    /// Requests per client per minute; 0: no limit.
    pub link_per_minute: u32,
    pub connect_per_minute: u32,
    pub api_per_minute: u32,
    /// Proxies whose forwarding headers name the client.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The header trusted proxies name the client in (None: X-Forwarded-For).
    pub client_ip_header: Option<crate::platform::client_ip::ClientIpHeader>,
}

impl LimitSettings {
    /// How the client is found: these proxies, this header.
    pub fn client_ip_source(&self) -> crate::platform::client_ip::ClientIpSource {
        crate::platform::client_ip::ClientIpSource { trusted: self.trusted_proxies.clone(), header: self.client_ip_header }
    }
}

#[derive(Clone, Debug)]
pub struct DatabaseSettings {
    pub url: String,
    /// Connections in this instance's pool.
    pub max_connections: u32,
    /// How long a request waits for a connection.
    pub acquire_timeout: Duration,
}

impl DatabaseSettings {
    /// The defaults for `url` (tools and tests that open a database directly).
    pub fn for_url(url: &str) -> Self {
        DatabaseSettings { url: url.to_owned(), max_connections: 8, acquire_timeout: Duration::from_secs(5) }
    }
}

#[derive(Clone, Debug)]
pub struct UpstreamSettings {
    pub api: Upstream,
    pub timeout: Duration,
    pub connect_timeout: Duration,
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

/// Portal links.
#[derive(Clone)]
pub struct LinkSettings {
    /// `None` on the sandbox without a configured secret: one is generated and kept in the database.
    pub secret: Option<SecretString>,
    /// The secret before a rotation: links signed with it still verify.
    pub previous_secret: Option<SecretString>,
    pub ttl: Duration,
    /// Hosts a link's returnUrl may point at.
    pub return_hosts: HostAllowList,
}

impl std::fmt::Debug for LinkSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkSettings")
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("previous_secret", &self.previous_secret.as_ref().map(|_| "[redacted]"))
            .field("ttl", &self.ttl)
            .field("return_hosts", &self.return_hosts)
            .finish()
    }
}

/// The integrations page and Connect.
#[derive(Clone, Debug)]
pub struct PortalSettings {
    /// `None`: the default (API host, *.toolregistry.ai, the sandbox).
    pub authorize_hosts: Option<HostAllowList>,
    pub state_concurrency: usize,
    pub state_deadline: Duration,
    /// A snapshot this recent is shown without a live read (0: always live).
    pub state_fresh: Duration,
    /// A failed live read shows the last known state while it is this recent.
    pub state_fallback: Duration,
    pub list_ttl: Duration,
    /// When the API fails, the last list is served for this long.
    pub list_stale: Duration,
}

/// The host-app API.
#[derive(Clone)]
pub struct HostApiSettings {
    /// Bearer tokens (two during a rotation); empty: the API is off.
    pub tokens: Vec<SecretString>,
}

impl std::fmt::Debug for HostApiSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HostApiSettings").field("tokens", &self.tokens.len()).finish()
    }
}

/// The admin console and its background refresher.
#[derive(Clone, Debug)]
pub struct ConsoleSettings {
    pub admin_password: Option<AdminPassword>,
    /// Single sign-on for the console (either or both with the password).
    pub oidc: Option<console::OidcSettings>,
    /// Who may sign in through it, as admin or viewer.
    pub admins: console::AdminLists,
    /// Background refresher budget (upstream calls per second); 0: off.
    pub refresh_per_second: u32,
    pub refresh_min_age: Duration,
    pub stale_after: Duration,
    /// Events older than this are deleted.
    pub events_retention: Duration,
}

impl ConsoleSettings {
    /// Whether the console is on: a password, or single sign-on, is configured.
    pub fn is_on(&self) -> bool {
        self.admin_password.is_some() || self.oidc.is_some()
    }
}

/// The admin password as configured: a plain secret, or an argon2 hash in PHC format.
#[derive(Clone)]
pub enum AdminPassword {
    Plain(SecretString),
    Argon2(String),
}

impl std::fmt::Debug for AdminPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminPassword([redacted])")
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads from any lookup (tests pass a map). Empty values count as unset.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&get);
        let server = server(&env)?;
        let upstream = upstream(&env)?;
        let database = DatabaseSettings {
            url: env.or_default(&vars::DATABASE_URL).unwrap_or_default(),
            max_connections: env.number(&vars::DATABASE_MAX_CONNECTIONS, 2..=1000)? as u32,
            acquire_timeout: env.seconds(&vars::DATABASE_ACQUIRE_TIMEOUT_SECONDS, 1..=600)?,
        };
        if !["sqlite:", "postgres://", "postgresql://"].iter().any(|p| database.url.starts_with(p)) {
            return Err(env.invalid(&vars::DATABASE_URL, "unsupported database URL scheme"));
        }
        let links = links(&env, matches!(upstream.api, Upstream::Sandbox(_)))?;
        let portal = PortalSettings {
            authorize_hosts: env.hosts(&vars::AUTHORIZE_HOSTS)?.map(HostAllowList::new),
            state_concurrency: env.number(&vars::STATE_CONCURRENCY, 1..=256)? as usize,
            state_deadline: env.millis(&vars::STATE_DEADLINE_MS, 1..=u64::MAX)?,
            state_fresh: env.seconds(&vars::STATE_FRESH_SECONDS, 0..=u64::MAX)?,
            state_fallback: env.seconds(&vars::STATE_FALLBACK_SECONDS, 0..=u64::MAX)?,
            list_ttl: env.seconds(&vars::LIST_CACHE_SECONDS, 0..=u64::MAX)?,
            list_stale: env.seconds(&vars::LIST_STALE_SECONDS, 0..=u64::MAX)?,
        };
        let mut tokens = Vec::new();
        for t in env.given(&vars::API_TOKEN).iter().flat_map(|raw| raw.split(',')).map(str::trim) {
            if t.len() < 16 || !t.chars().all(|c| c.is_ascii_graphic()) {
                return Err(env.invalid(&vars::API_TOKEN, "a token is too short or contains spaces"));
            }
            tokens.push(SecretString::from(t.to_owned()));
        }
        if tokens.len() > 2 {
            return Err(env.invalid(&vars::API_TOKEN, "more than two tokens"));
        }
        let limits = LimitSettings {
            max_body_bytes: env.number(&vars::MAX_BODY_BYTES, 1024..=10 * 1024 * 1024)? as usize,
            request_timeout: env.seconds(&vars::REQUEST_TIMEOUT_SECONDS, 1..=600)?,
            link_per_minute: env.number(&vars::LINK_RATE_PER_MINUTE, 0..=100_000)? as u32,
            connect_per_minute: env.number(&vars::CONNECT_RATE_PER_MINUTE, 0..=100_000)? as u32,
            api_per_minute: env.number(&vars::API_RATE_PER_MINUTE, 0..=100_000)? as u32,
            trusted_proxies: match env.given(&vars::TRUSTED_PROXIES) {
                None => vec![],
                Some(raw) => raw
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(|c| {
                        c.parse::<ipnet::IpNet>()
                            .or_else(|_| c.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                            .map_err(|_| env.invalid(&vars::TRUSTED_PROXIES, format!("{c:?} is not a CIDR")))
                    })
                    .collect::<Result<_, _>>()?,
            },
            client_ip_header: match env.given(&vars::CLIENT_IP_HEADER) {
                None => None,
                Some(raw) => Some(
                    crate::platform::client_ip::ClientIpHeader::parse(&raw)
                        .ok_or_else(|| env.invalid(&vars::CLIENT_IP_HEADER, format!("{raw:?} is not one of them")))?,
                ),
            },
        };
        let console = ConsoleSettings {
            admin_password: admin_password(&env)?,
            oidc: console::oidc(&env)?,
            admins: console::admin_lists(&env)?,
            refresh_per_second: env.number(&vars::REFRESH_PER_SECOND, 0..=1000)? as u32,
            refresh_min_age: env.seconds(&vars::REFRESH_MIN_AGE_SECONDS, 0..=u64::MAX)?,
            stale_after: env.seconds(&vars::STALE_AFTER_SECONDS, 0..=u64::MAX)?,
            events_retention: env.seconds(&vars::EVENTS_RETENTION_DAYS, 1..=36_500)? * 86_400,
        };
        let webhooks = webhooks::webhooks(&env)?;
        let brand = brand::brand(&env, env.given(&vars::APP_NAME).is_some(), &server.app_name)?;
        Ok(Config { server, limits, database, upstream, links, portal, host_api: HostApiSettings { tokens }, console, webhooks, brand })
    }

    pub fn is_sandbox(&self) -> bool {
        matches!(self.upstream.api, Upstream::Sandbox(_))
    }

    /// The API key, for the client only.
    pub fn api_key(&self) -> Option<&str> {
        match &self.upstream.api {
            Upstream::Remote { key, .. } => Some(key.expose_secret()),
            Upstream::Sandbox(_) => None,
        }
    }
}

fn server(env: &Env) -> Result<ServerSettings, ConfigError> {
    let site_addr: SocketAddr = env.parse(&vars::SITE_ADDR)?.unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000)));
    let public_url = match env.given(&vars::PUBLIC_URL) {
        Some(raw) => parse_base_url(vars::PUBLIC_URL.name, &raw)?,
        None => parse_base_url(vars::PUBLIC_URL.name, &format!("http://{site_addr}"))?,
    };
    let cookie_secure = env.boolean(&vars::COOKIE_SECURE)?.unwrap_or(public_url.scheme() == "https");
    let app_name = env.or_default(&vars::APP_NAME).unwrap_or_default();
    Ok(ServerSettings {
        site_addr,
        public_url,
        cookie_secure,
        app_name,
        session_idle: env.seconds(&vars::SESSION_IDLE_SECONDS, 2..=30 * 86_400)?,
        admin_idle: env.seconds(&vars::ADMIN_IDLE_SECONDS, 2..=86_400)?,
        shutdown_grace: env.seconds(&vars::SHUTDOWN_SECONDS, 0..=600)?,
        drain: env.seconds(&vars::DRAIN_SECONDS, 0..=600)?,
        metrics_addr: env.parse(&vars::METRICS_ADDR)?,
        log_json: match env.or_default(&vars::LOG_FORMAT).as_deref() {
            Some("json") => true,
            Some("text") | None => false,
            Some(other) => return Err(env.invalid(&vars::LOG_FORMAT, format!("{other:?} is neither text nor json"))),
        },
    })
}

fn upstream(env: &Env) -> Result<UpstreamSettings, ConfigError> {
    let sandbox = env.boolean(&vars::SANDBOX)?.unwrap_or(false);
    let api = match env.given(&vars::TR_API_KEY) {
        Some(key) => {
            if sandbox {
                tracing::warn!("TR_API_KEY is set: PLUGBOARD_SANDBOX is ignored and the real API is used");
            }
            if !key.chars().all(|c| c.is_ascii_graphic()) {
                return Err(env.invalid(
                    &vars::TR_API_KEY,
                    "the value contains spaces or characters that cannot be sent in a header",
                ));
            }
            let url = parse_base_url(vars::TR_API_URL.name, &env.or_default(&vars::TR_API_URL).unwrap_or_default())?;
            Upstream::Remote { url, key: SecretString::from(key) }
        }
        None if !sandbox => {
            return Err(ConfigError {
                var: vars::TR_API_KEY.name,
                problem: "not set, and PLUGBOARD_SANDBOX is not 1".into(),
                expected: "TR_API_KEY=<your toolregistry key> for the real API, or PLUGBOARD_SANDBOX=1 to run on the \
                           embedded sandbox (no real accounts)",
            })
        }
        None => Upstream::Sandbox(SandboxSettings {
            addr: match env.given(&vars::SANDBOX_ADDR) {
                Some(raw) => Some(raw.parse().map_err(|_| env.invalid(&vars::SANDBOX_ADDR, format!("{raw:?} is not an address")))?),
                None => None,
            },
            api_key: env.given(&vars::SANDBOX_API_KEY),
            fixtures: env.given(&vars::SANDBOX_FIXTURES).map(PathBuf::from),
            latency: env.millis(&vars::SANDBOX_LATENCY_MS, 0..=u64::MAX)?,
            error_rate: env
                .parse::<f64>(&vars::SANDBOX_ERROR_RATE)?
                .filter(|r| (0.0..=1.0).contains(r))
                .ok_or_else(|| env.invalid(&vars::SANDBOX_ERROR_RATE, "not a rate"))?,
        }),
    };
    Ok(UpstreamSettings {
        api,
        timeout: env.millis(&vars::UPSTREAM_TIMEOUT_MS, 1..=u64::MAX)?,
        connect_timeout: env.millis(&vars::UPSTREAM_CONNECT_TIMEOUT_MS, 1..=u64::MAX)?,
    })
}

fn links(env: &Env, sandbox: bool) -> Result<LinkSettings, ConfigError> {
    let secret = match env.given(&vars::LINK_SECRET) {
        Some(secret) if secret.len() >= 32 => Some(SecretString::from(secret)),
        Some(_) => return Err(env.invalid(&vars::LINK_SECRET, "the secret is too short")),
        None if sandbox => None,
        None => return Err(env.invalid(&vars::LINK_SECRET, "not set (it is required when TR_API_KEY is set)")),
    };
    let previous_secret = match env.given(&vars::LINK_SECRET_PREVIOUS) {
        Some(p) if p.len() >= 32 => Some(SecretString::from(p)),
        Some(_) => return Err(env.invalid(&vars::LINK_SECRET_PREVIOUS, "the secret is too short")),
        None => None,
    };
    Ok(LinkSettings {
        secret,
        previous_secret,
        ttl: env.seconds(&vars::LINK_TTL_SECONDS, 1..=7 * 86_400)?,
        return_hosts: HostAllowList::new(env.hosts(&vars::RETURN_HOSTS)?.unwrap_or_default()),
    })
}

fn admin_password(env: &Env) -> Result<Option<AdminPassword>, ConfigError> {
    match env.given(&vars::ADMIN_PASSWORD) {
        None => Ok(None),
        Some(v) if v.starts_with("$argon2") => {
            if !argon2::PasswordHash::new(&v).is_ok_and(|h| h.hash.is_some() && h.salt.is_some()) {
                return Err(env.invalid(&vars::ADMIN_PASSWORD, "not a valid argon2 hash"));
            }
            Ok(Some(AdminPassword::Argon2(v)))
        }
        Some(v) if v.chars().count() >= 12 => Ok(Some(AdminPassword::Plain(SecretString::from(v)))),
        Some(_) => Err(env.invalid(&vars::ADMIN_PASSWORD, "too short")),
    }
}

/// An absolute http(s) URL without query or fragment, used as a base.
pub fn parse_base_url(var: &'static str, raw: &str) -> Result<Url, ConfigError> {
    const EXPECTED: &str = "an absolute http:// or https:// URL without query or fragment";
    let invalid = |problem: String| ConfigError { var, problem, expected: EXPECTED };
    let url = Url::parse(raw.trim()).map_err(|e| invalid(format!("{raw:?} is not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(format!("{raw:?} is not an http(s) URL")));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(format!("{raw:?} has a query, fragment or credentials")));
    }
    Ok(url)
}

#[cfg(test)]
mod tests;
