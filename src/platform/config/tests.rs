//! Configuration: defaults, the sandbox flag, redaction, and every error naming its variable.

use super::*;
use std::collections::HashMap;

/// The configuration from `pairs`, on the sandbox unless `pairs` say otherwise.
fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let mut map: HashMap<String, String> = HashMap::from([("PLUGBOARD_SANDBOX".to_string(), "1".to_string())]);
    map.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Config::from_lookup(|k| map.get(k).cloned())
}

#[test]
fn the_sandbox_runs_only_when_asked() {
    let e = Config::from_lookup(|_| None).unwrap_err();
    assert_eq!(e.var, "TR_API_KEY");
    assert!(e.to_string().contains("PLUGBOARD_SANDBOX=1"), "{e}");
    let secret = ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef");
    assert!(!cfg(&[("TR_API_KEY", "k"), secret]).unwrap().is_sandbox(), "the key wins over the flag");
}

#[test]
fn api_tokens_rotate_as_a_pair() {
    let c = cfg(&[("PLUGBOARD_API_TOKEN", "new-token-0123456789, old-token-0123456789")]).unwrap();
    assert_eq!(c.host_api.tokens.len(), 2);
    assert_eq!(cfg(&[("PLUGBOARD_API_TOKEN", "a-token-0123456789,b-token-0123456789,c-token-0123456789")]).unwrap_err().var, "PLUGBOARD_API_TOKEN");
    let c = cfg(&[("PLUGBOARD_TRUSTED_PROXIES", "10.0.0.0/8, ::1")]).unwrap();
    assert_eq!(c.limits.trusted_proxies.len(), 2);
    assert_eq!(cfg(&[("PLUGBOARD_TRUSTED_PROXIES", "ten")]).unwrap_err().var, "PLUGBOARD_TRUSTED_PROXIES");
}

#[test]
fn defaults_run_on_the_sandbox() {
    let c = cfg(&[]).unwrap();
    assert!(c.is_sandbox());
    assert_eq!(c.server.public_url.as_str(), "http://127.0.0.1:3000/");
    assert_eq!(Some(c.database.url.as_str()), vars::DATABASE_URL.default);
    assert_eq!(c.upstream.timeout, Duration::from_secs(5));
    assert!(c.links.secret.is_none() && !c.server.cookie_secure);
    assert_eq!(c.links.ttl, Duration::from_secs(900));
    let https = cfg(&[("PLUGBOARD_PUBLIC_URL", "https://portal.example")]).unwrap();
    assert!(https.server.cookie_secure);
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
    match &c.upstream.api {
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
        ("PLUGBOARD_MAX_BODY_BYTES", "10"),
        ("PLUGBOARD_SESSION_IDLE_SECONDS", "0"),
        ("PLUGBOARD_LINK_SECRET_PREVIOUS", "short"),
        ("PLUGBOARD_SANDBOX", "perhaps"),
        ("PLUGBOARD_LOG_FORMAT", "xml"),
        ("PLUGBOARD_METRICS_ADDR", "everywhere"),
        ("PLUGBOARD_DATABASE_MAX_CONNECTIONS", "0"),
        ("PLUGBOARD_DATABASE_ACQUIRE_TIMEOUT_SECONDS", "0"),
        ("PLUGBOARD_WEBHOOK_URL", "not a url"),
        ("PLUGBOARD_WEBHOOK_RETRY_BASE_MS", "1"),
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

#[test]
fn help_shows_every_variable_with_its_default_once() {
    let help = vars::help();
    for v in vars::ALL {
        assert_eq!(help.matches(&format!("  {} ", v.name)).count(), 1, "{}", v.name);
        if let (Some(d), None) = (v.default, v.default_words) {
            assert!(help.contains(&format!("[default: {d}]")), "{}", v.name);
        }
    }
}
