//! Every environment variable plugboard reads, each written once: its name, its default and what it expects. The
//! parser takes defaults from here and `plugboard --help` prints this same table.

use super::ConfigError;
use std::time::Duration;

/// One environment variable.
pub struct Var {
    pub name: &'static str,
    /// The default as text (parsed like a given value), or `None` when the default is derived or there is none.
    pub default: Option<&'static str>,
    /// What the default is, in words, when it is not a plain value.
    pub default_words: Option<&'static str>,
    /// What it means.
    pub help: &'static str,
    /// What a valid value looks like (shown in errors).
    pub expects: &'static str,
}

macro_rules! vars {
    ($($id:ident = $name:literal, default $default:expr, $words:expr, $help:literal, expects $expects:literal;)+) => {
        $(pub const $id: Var = Var { name: $name, default: $default, default_words: $words, help: $help, expects: $expects };)+
        /// In the order `--help` shows them.
        pub const ALL: &[&Var] = &[$(&$id),+];
    };
}

vars! {
    TR_API_URL = "TR_API_URL", default Some("https://api.toolregistry.ai"), None,
        "toolregistry API base URL", expects "an absolute http:// or https:// URL without query or fragment";
    TR_API_KEY = "TR_API_KEY", default None, Some("unset: the embedded sandbox is started and used instead, and every page shows a \"Sandbox\" badge"),
        "toolregistry API key (secret)", expects "the API key from toolregistry.ai (printable ASCII, no spaces)";
    PUBLIC_URL = "PLUGBOARD_PUBLIC_URL", default None, Some("http://<LEPTOS_SITE_ADDR>"),
        "the portal's public base URL, used to build redirect URIs", expects "an absolute http:// or https:// URL without query or fragment";
    SITE_ADDR = "LEPTOS_SITE_ADDR", default Some("127.0.0.1:3000"), None,
        "listen address", expects "ip:port, e.g. 127.0.0.1:3000";
    DATABASE_URL = "PLUGBOARD_DATABASE_URL", default Some("sqlite://plugboard.db?mode=rwc"), None,
        "sqlite:// or postgres:// URL", expects "sqlite://<file>?mode=rwc or postgres://user@host/db";
    UPSTREAM_TIMEOUT_MS = "PLUGBOARD_UPSTREAM_TIMEOUT_MS", default Some("5000"), None,
        "total time allowed for one API call", expects "milliseconds, a whole number from 1";
    UPSTREAM_CONNECT_TIMEOUT_MS = "PLUGBOARD_UPSTREAM_CONNECT_TIMEOUT_MS", default Some("2000"), None,
        "time allowed to connect to the API", expects "milliseconds, a whole number from 1";
    SANDBOX = "PLUGBOARD_SANDBOX", default None, Some("off; without TR_API_KEY one of the two is required"),
        "1: run on the embedded sandbox of the API (demos, tests); ignored when TR_API_KEY is set", expects "1 (or true) to run on the sandbox";
    SANDBOX_ADDR = "PLUGBOARD_SANDBOX_ADDR", default None, Some("127.0.0.1:0, a free port"),
        "listen address of the embedded sandbox", expects "ip:port";
    SANDBOX_API_KEY = "PLUGBOARD_SANDBOX_API_KEY", default None, Some("random"),
        "key of the embedded sandbox's API and control API", expects "text";
    SANDBOX_FIXTURES = "PLUGBOARD_SANDBOX_FIXTURES", default None, None,
        "JSON file with the sandbox's integrations, in the list endpoint's shape", expects "a file path";
    SANDBOX_LATENCY_MS = "PLUGBOARD_SANDBOX_LATENCY_MS", default Some("0"), None,
        "added latency per sandbox API call", expects "milliseconds, a whole number";
    SANDBOX_ERROR_RATE = "PLUGBOARD_SANDBOX_ERROR_RATE", default Some("0"), None,
        "share of sandbox API calls answered with 500", expects "a number from 0.0 to 1.0";
    LINK_SECRET = "PLUGBOARD_LINK_SECRET", default None, Some("required with TR_API_KEY; on the sandbox one is generated and kept in the database"),
        "secret for signing portal links", expects "at least 32 bytes of random text, e.g. from `openssl rand -base64 48`";
    LINK_SECRET_PREVIOUS = "PLUGBOARD_LINK_SECRET_PREVIOUS", default None, None,
        "the secret before a rotation: links it signed still work until they expire; new links use the current one", expects "at least 32 bytes of random text";
    LINK_TTL_SECONDS = "PLUGBOARD_LINK_TTL_SECONDS", default Some("900"), None,
        "lifetime of a portal link", expects "seconds, from 1 to 604800 (7 days)";
    APP_NAME = "PLUGBOARD_APP_NAME", default Some("the app"), None,
        "the host product's name, as in \"ask <app> for a new link\"", expects "text";
    DEFAULT_LOCALE = "PLUGBOARD_DEFAULT_LOCALE", default Some("en"), None,
        "the portal's language when neither ?lang=, the cookie, the link's locale nor Accept-Language decides", expects "one of en de fr es it nl pt-BR pl sv da nb fi cs tr ja ko zh-CN zh-TW ar he";
    BRAND_LOGO = "PLUGBOARD_BRAND_LOGO", default None, Some("plugboard's mark"),
        "the host's logo in the portal's header: an https URL on a host of PLUGBOARD_BRAND_LOGO_HOSTS, or a file the portal serves itself", expects "https://... or a path to a .svg, .png, .jpg or .webp file of at most 512 KB";
    BRAND_LOGO_HOSTS = "PLUGBOARD_BRAND_LOGO_HOSTS", default None, Some("none"),
        "comma-separated hosts (or *.suffix) an https PLUGBOARD_BRAND_LOGO may be on", expects "comma-separated host names or *.suffix";
    BRAND_COLOR = "PLUGBOARD_BRAND_COLOR", default None, Some("plugboard's blue"),
        "accent colour for links, focus rings and primary buttons; checked for WCAG 2.2 AA contrast at start (light and a derived dark tint)", expects "a hex colour such as #0b5fff that reads at 4.5:1 on #f6f7f9";
    SUPPORT_URL = "PLUGBOARD_SUPPORT_URL", default None, None,
        "the footer's help and support link", expects "an absolute https:// or mailto: address";
    PRIVACY_URL = "PLUGBOARD_PRIVACY_URL", default None, None,
        "the footer's privacy link", expects "an absolute https:// or mailto: address";
    TERMS_URL = "PLUGBOARD_TERMS_URL", default None, None,
        "the footer's terms link", expects "an absolute https:// or mailto: address";
    BRAND_TEXT_FILE = "PLUGBOARD_BRAND_TEXT_FILE", default None, None,
        "JSON (or .toml) file with an intro line per language for the integrations page", expects "a path to {\"en\": \"...\", \"de\": \"...\"}";
    INTEGRATION_HELP = "PLUGBOARD_INTEGRATION_HELP", default None, None,
        "JSON (or .toml) file with help per integration, shown on its card and when a connection fails", expects "a path to {\"<customerIntegrationId>\": {\"url\": \"https://...\", \"text\": {\"en\": \"...\"}}}";
    AUTHORIZE_HOSTS = "PLUGBOARD_AUTHORIZE_HOSTS", default None, Some("the API's host, *.toolregistry.ai, and the sandbox"),
        "comma-separated hosts (or *.suffix) an authorize URL may point at", expects "comma-separated host names or *.suffix";
    COOKIE_SECURE = "PLUGBOARD_COOKIE_SECURE", default None, Some("true when PLUGBOARD_PUBLIC_URL is https"),
        "mark cookies Secure", expects "true or false";
    API_TOKEN = "PLUGBOARD_API_TOKEN", default None, Some("unset: the host-app API is off"),
        "bearer token for the host-app API (POST /api/v1/links); two, comma-separated, during a rotation", expects "one or two tokens of at least 16 printable characters, e.g. from `openssl rand -hex 32`";
    RETURN_HOSTS = "PLUGBOARD_RETURN_HOSTS", default None, Some("none, so returnUrl is refused"),
        "comma-separated hosts (or *.suffix) a link's returnUrl may point at", expects "comma-separated host names or *.suffix";
    ADMIN_PASSWORD = "PLUGBOARD_ADMIN_PASSWORD", default None, Some("unset: the console is off"),
        "admin console password: a plain value or an argon2 hash ($argon2id$...)", expects "at least 12 characters, or an argon2 hash ($argon2id$...)";
    ADMIN_OIDC_ISSUER = "PLUGBOARD_ADMIN_OIDC_ISSUER", default None, Some("unset: no single sign-on"),
        "the console's OpenID Connect issuer (its discovery document is at <issuer>/.well-known/openid-configuration)", expects "an absolute https:// URL (http:// only for a loopback host), as the issuer names itself";
    ADMIN_OIDC_CLIENT_ID = "PLUGBOARD_ADMIN_OIDC_CLIENT_ID", default None, Some("required with the issuer"),
        "the console's client id at the issuer (redirect URI: <PLUGBOARD_PUBLIC_URL>/admin/sso/callback)", expects "the client id the issuer gave";
    ADMIN_OIDC_CLIENT_SECRET = "PLUGBOARD_ADMIN_OIDC_CLIENT_SECRET", default None, Some("required with the issuer"),
        "the console's client secret at the issuer (secret)", expects "the client secret the issuer gave";
    ADMIN_ALLOWED = "PLUGBOARD_ADMIN_ALLOWED", default None, Some("none: nobody signs in with single sign-on"),
        "who may use the console as an admin through single sign-on: comma-separated emails and @domains (a verified email is required)", expects "comma-separated emails (ann@example.com) and @domains (@example.com)";
    ADMIN_VIEWERS = "PLUGBOARD_ADMIN_VIEWERS", default None, Some("none"),
        "who may read the console's pages through single sign-on, without exports or actions: comma-separated emails and @domains (an admin entry wins)", expects "comma-separated emails (ann@example.com) and @domains (@example.com)";
    STATE_CONCURRENCY = "PLUGBOARD_STATE_CONCURRENCY", default Some("64"), None,
        "concurrent connection-state calls", expects "a whole number from 1 to 256";
    STATE_DEADLINE_MS = "PLUGBOARD_STATE_DEADLINE_MS", default Some("2500"), None,
        "a card whose state takes longer shows Unknown", expects "milliseconds, from 1";
    STATE_FRESH_SECONDS = "PLUGBOARD_STATE_FRESH_SECONDS", default Some("30"), None,
        "a card whose state was checked this recently is shown from the snapshot, without an API call; 0: always live", expects "seconds, a whole number";
    STATE_FALLBACK_SECONDS = "PLUGBOARD_STATE_FALLBACK_SECONDS", default Some("600"), None,
        "when a live read gets no answer, the last known state is shown with its age while it is younger than this", expects "seconds, a whole number";
    LIST_CACHE_SECONDS = "PLUGBOARD_LIST_CACHE_SECONDS", default Some("30"), None,
        "how long the integration list is cached", expects "seconds, a whole number";
    REFRESH_PER_SECOND = "PLUGBOARD_REFRESH_PER_SECOND", default Some("2"), None,
        "upstream calls per second the background refresher may make to keep the admin console's status snapshot fresh; 0 turns it off", expects "a whole number from 0 (off) to 1000";
    REFRESH_MIN_AGE_SECONDS = "PLUGBOARD_REFRESH_MIN_AGE_SECONDS", default Some("300"), None,
        "a (user, integration) is re-checked only once its snapshot is this old", expects "seconds, a whole number";
    STALE_AFTER_SECONDS = "PLUGBOARD_STALE_AFTER_SECONDS", default Some("3600"), None,
        "the console shows a snapshot's age once it is older than this", expects "seconds, a whole number";
    SESSION_IDLE_SECONDS = "PLUGBOARD_SESSION_IDLE_SECONDS", default Some("7200"), None,
        "an end user's session ends after this long without a request", expects "seconds, from 2 to 2592000 (30 days)";
    ADMIN_IDLE_SECONDS = "PLUGBOARD_ADMIN_IDLE_SECONDS", default Some("1800"), None,
        "an admin session ends after this long without a request", expects "seconds, from 2 to 86400";
    MAX_BODY_BYTES = "PLUGBOARD_MAX_BODY_BYTES", default Some("65536"), None,
        "the largest request body accepted on any route (413 above it)", expects "bytes, from 1024 to 10485760";
    REQUEST_TIMEOUT_SECONDS = "PLUGBOARD_REQUEST_TIMEOUT_SECONDS", default Some("30"), None,
        "a request whose response has not started by then gets 408", expects "seconds, from 1 to 600";
    LINK_RATE_PER_MINUTE = "PLUGBOARD_LINK_RATE_PER_MINUTE", default Some("20"), None,
        "portal link views and sign-ins per client per minute; 0 turns the limit off", expects "a whole number from 0 to 100000";
    CONNECT_RATE_PER_MINUTE = "PLUGBOARD_CONNECT_RATE_PER_MINUTE", default Some("30"), None,
        "Connect presses per client per minute; 0 turns the limit off", expects "a whole number from 0 to 100000";
    API_RATE_PER_MINUTE = "PLUGBOARD_API_RATE_PER_MINUTE", default Some("600"), None,
        "host-app API requests per client per minute; 0 turns the limit off", expects "a whole number from 0 to 100000";
    TRUSTED_PROXIES = "PLUGBOARD_TRUSTED_PROXIES", default None, Some("none: the client is the socket's peer"),
        "comma-separated CIDRs of proxies whose PLUGBOARD_CLIENT_IP_HEADER names the client", expects "CIDRs, e.g. 10.0.0.0/8,fd00::/8";
    CLIENT_IP_HEADER = "PLUGBOARD_CLIENT_IP_HEADER", default None, Some("x-forwarded-for (read only from PLUGBOARD_TRUSTED_PROXIES)"),
        "the one header a trusted proxy names the client in; the client is its rightmost address that is not a trusted proxy", expects "x-forwarded-for, forwarded or x-real-ip";
    EVENTS_RETENTION_DAYS = "PLUGBOARD_EVENTS_RETENTION_DAYS", default Some("90"), None,
        "events older than this are deleted", expects "days, from 1 to 36500";
    LIST_STALE_SECONDS = "PLUGBOARD_LIST_STALE_SECONDS", default Some("600"), None,
        "when the API fails, the last integration list is shown for this long (marked as possibly out of date)", expects "seconds, a whole number";
    DRAIN_SECONDS = "PLUGBOARD_DRAIN_SECONDS", default Some("10"), None,
        "on SIGTERM, /readyz answers 503 for this long while the instance keeps serving (so the balancer stops sending traffic)", expects "seconds, from 0 to 600";
    SHUTDOWN_SECONDS = "PLUGBOARD_SHUTDOWN_SECONDS", default Some("20"), None,
        "after the drain, the instance stops accepting and in-flight requests get this long to finish", expects "seconds, from 0 to 600";
    WEBHOOK_URL = "PLUGBOARD_WEBHOOK_URL", default None, Some("unset: no webhooks (on the sandbox: the sandbox's inbox, /_sandbox/webhooks)"),
        "where connection events are POSTed, in the Standard Webhooks format", expects "an absolute http:// or https:// URL";
    WEBHOOK_SECRET = "PLUGBOARD_WEBHOOK_SECRET", default None, Some("required with PLUGBOARD_WEBHOOK_URL; generated on the sandbox"),
        "signing secret(s), comma-separated during a rotation (each delivery is signed with each)", expects "whsec_<base64 of 24 to 64 random bytes>";
    WEBHOOK_RECONNECT_TTL_SECONDS = "PLUGBOARD_WEBHOOK_RECONNECT_TTL_SECONDS", default Some("604800"), None,
        "lifetime of the reconnect link carried by connection.lost", expects "seconds, from 60 to 604800 (7 days)";
    WEBHOOK_TIMEOUT_SECONDS = "PLUGBOARD_WEBHOOK_TIMEOUT_SECONDS", default Some("10"), None,
        "time a receiver has to answer one delivery", expects "seconds, from 1 to 60";
    WEBHOOK_RETRY_BASE_MS = "PLUGBOARD_WEBHOOK_RETRY_BASE_MS", default Some("5000"), None,
        "first retry delay; each next one doubles (with jitter), at most one hour", expects "milliseconds, from 10 to 3600000";
    WEBHOOK_GIVE_UP_SECONDS = "PLUGBOARD_WEBHOOK_GIVE_UP_SECONDS", default Some("86400"), None,
        "a delivery still failing this long after its event is marked failed", expects "seconds, from 1 to 604800";
    WEBHOOK_ALLOW_HOSTS = "PLUGBOARD_WEBHOOK_ALLOW_HOSTS", default None, Some("none: console-made endpoints must be https and public"),
        "hosts (or *.suffix) a console-made webhook endpoint may use despite http or a private, loopback or link-local address (tests, the sandbox)", expects "comma-separated host names or *.suffix";
    WEBHOOK_LEASE_SECONDS = "PLUGBOARD_WEBHOOK_LEASE_SECONDS", default Some("60"), None,
        "a claimed delivery is reserved for its worker this long, renewed while it is being sent", expects "seconds, from 1 to 3600";
    DATABASE_MAX_CONNECTIONS = "PLUGBOARD_DATABASE_MAX_CONNECTIONS", default Some("8"), None,
        "database connections of this instance in all (a quarter, at least one, for the session store)", expects "a whole number from 2 to 1000";
    DATABASE_ACQUIRE_TIMEOUT_SECONDS = "PLUGBOARD_DATABASE_ACQUIRE_TIMEOUT_SECONDS", default Some("5"), None,
        "how long a request waits for a pooled connection before it fails", expects "seconds, from 1 to 600";
    METRICS_ADDR = "PLUGBOARD_METRICS_ADDR", default None, Some("unset: no metrics"),
        "listen address of the Prometheus metrics (/metrics), kept off the public listener", expects "ip:port, e.g. 127.0.0.1:9100";
    LOG_FORMAT = "PLUGBOARD_LOG_FORMAT", default Some("text"), None,
        "log lines as text or as JSON objects (one per line)", expects "text or json";
    RUST_LOG = "RUST_LOG", default Some("info"), None,
        "log filter", expects "a tracing filter, e.g. info,plugboard=debug";
}

/// The table `plugboard --help` prints, from [`ALL`].
pub fn help() -> String {
    let mut out = String::from("Environment (the portal, `plugboard` / `plugboard serve`):\n");
    for v in ALL {
        let default = match (v.default, v.default_words) {
            (_, Some(words)) => format!(" [default: {words}]"),
            (Some(d), None) => format!(" [default: {d}]"),
            (None, None) => String::new(),
        };
        out.push_str(&format!("  {:<38} {}{default}\n", v.name, v.help));
    }
    out
}

/// Reads variables from a lookup; empty values count as unset.
pub struct Env<'a>(pub &'a dyn Fn(&str) -> Option<String>);

impl Env<'_> {
    /// The value given, trimmed; `None` when unset or empty.
    pub fn given(&self, v: &Var) -> Option<String> {
        (self.0)(v.name).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
    }

    /// The value given, else the default.
    pub fn or_default(&self, v: &Var) -> Option<String> {
        self.given(v).or_else(|| v.default.map(str::to_owned))
    }

    /// A problem with `v`, naming what it expects.
    pub fn invalid(&self, v: &Var, problem: impl Into<String>) -> ConfigError {
        ConfigError { var: v.name, problem: problem.into(), expected: v.expects }
    }

    /// The value (or default) parsed; `None` when neither exists.
    pub fn parse<T: std::str::FromStr>(&self, v: &Var) -> Result<Option<T>, ConfigError> {
        match self.or_default(v) {
            None => Ok(None),
            Some(raw) => raw.parse::<T>().map(Some).map_err(|_| self.invalid(v, format!("{raw:?} is not valid"))),
        }
    }

    /// A whole number (every numeric variable has a default).
    pub fn number(&self, v: &Var, range: std::ops::RangeInclusive<u64>) -> Result<u64, ConfigError> {
        let n = self.parse::<u64>(v)?.unwrap_or(*range.start());
        if range.contains(&n) {
            Ok(n)
        } else {
            Err(self.invalid(v, format!("{n} is out of range")))
        }
    }

    pub fn seconds(&self, v: &Var, range: std::ops::RangeInclusive<u64>) -> Result<Duration, ConfigError> {
        self.number(v, range).map(Duration::from_secs)
    }

    pub fn millis(&self, v: &Var, range: std::ops::RangeInclusive<u64>) -> Result<Duration, ConfigError> {
        self.number(v, range).map(Duration::from_millis)
    }

    /// A comma-separated list of host names (lower case); `None` when unset; an error when given but empty.
    pub fn hosts(&self, v: &Var) -> Result<Option<Vec<String>>, ConfigError> {
        let Some(raw) = self.given(v) else { return Ok(None) };
        let hosts: Vec<String> =
            raw.split(',').map(|h| h.trim().to_ascii_lowercase()).filter(|h| !h.is_empty()).collect();
        if hosts.is_empty() {
            return Err(self.invalid(v, "no hosts given"));
        }
        Ok(Some(hosts))
    }

    /// `true`/`false` (also 1/0, yes/no); `None` when unset.
    pub fn boolean(&self, v: &Var) -> Result<Option<bool>, ConfigError> {
        match self.given(v).as_deref() {
            None => Ok(None),
            Some("true" | "1" | "yes") => Ok(Some(true)),
            Some("false" | "0" | "no") => Ok(Some(false)),
            Some(other) => Err(self.invalid(v, format!("{other:?} is not a boolean"))),
        }
    }
}
