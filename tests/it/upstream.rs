//! The real client against the sandbox over real HTTP: every endpoint, every error mapping, hostile ids, faults.

use crate::helpers::*;
use plugboard::domain::{AuthType, CustomerIntegrationId, UserId};
use plugboard::upstream::{ClientOptions, UpstreamError};
use serde_json::json;
use std::time::{Duration, Instant};

fn cid(s: &str) -> CustomerIntegrationId {
    CustomerIntegrationId::parse(s).unwrap()
}
fn uid(s: &str) -> UserId {
    UserId::parse(s).unwrap()
}

#[tokio::test]
async fn lists_active_integrations_by_default() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    let active = api.list_integrations(None).await.unwrap();
    let explicit = api.list_integrations(Some(true)).await.unwrap();
    let inactive = api.list_integrations(Some(false)).await.unwrap();
    assert!(active.len() >= 10, "about a dozen seed integrations, got {}", active.len());
    assert_eq!(active, explicit);
    assert!(active.iter().all(|i| i.active));
    assert!(!inactive.is_empty() && inactive.iter().all(|i| !i.active));
    for t in AuthType::KNOWN {
        assert!(active.iter().any(|i| i.auth_type.as_ref() == Some(&t)), "seed covers {t:?}");
    }
    for i in &active {
        assert!(i.description.is_some() && i.logo_url.is_some(), "{} has a description and a logo", i.name);
        let logo = i.logo_url.as_ref().unwrap();
        assert!(logo.starts_with("http://localhost:"), "logos are on the sandbox's own host name: {logo}");
        let resp = http().get(reachable(&sb, logo)).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["content-type"], "image/svg+xml");
        assert!(resp.text().await.unwrap().starts_with("<svg"));
    }
}

#[tokio::test]
async fn list_rejects_a_non_boolean_active() {
    let sb = spawn_sandbox().await;
    let resp = http()
        .get(sb.api_url.join("v1/integrations?active=maybe").unwrap())
        .header("x-api-key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn auth_url_creates_an_inactive_user_that_get_user_returns() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    let slack = cid("ci_01_slack");
    let alice = uid("alice");
    assert!(matches!(api.get_user(&slack, &alice).await, Err(UpstreamError::NotFound)));
    let redirect = url::Url::parse("http://127.0.0.1:3000/callback/abc").unwrap();
    let auth = api.create_auth_url(&slack, &alice, Some(&redirect)).await.unwrap();
    assert!(auth.authorize_url.starts_with("http://localhost:"), "{}", auth.authorize_url);
    let user = api.get_user(&slack, &alice).await.unwrap();
    assert_eq!(user.user_id, alice);
    assert!(!user.active);
    // A second auth-url for the same user keeps the user.
    api.create_auth_url(&slack, &alice, None).await.unwrap();
    assert_eq!(api.get_user(&slack, &alice).await.unwrap().created_at, user.created_at);
}

#[tokio::test]
async fn unknown_integration_or_user_is_not_found() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    assert!(matches!(api.get_user(&cid("nope"), &uid("alice")).await, Err(UpstreamError::NotFound)));
    assert!(matches!(api.get_user(&cid("ci_01_slack"), &uid("nobody")).await, Err(UpstreamError::NotFound)));
    assert!(matches!(api.create_auth_url(&cid("nope"), &uid("alice"), None).await, Err(UpstreamError::NotFound)));
}

#[tokio::test]
async fn a_wrong_or_missing_key_is_unauthorized_on_every_endpoint() {
    let sb = spawn_sandbox().await;
    let bad = client_with(&sb, "wrong-key", ClientOptions::default());
    assert!(matches!(bad.list_integrations(None).await, Err(UpstreamError::Unauthorized)));
    assert!(matches!(bad.get_user(&cid("ci_01_slack"), &uid("a")).await, Err(UpstreamError::Unauthorized)));
    assert!(matches!(
        bad.create_auth_url(&cid("ci_01_slack"), &uid("a"), None).await,
        Err(UpstreamError::Unauthorized)
    ));
    let resp = http().get(sb.api_url.join("v1/integrations").unwrap()).send().await.unwrap();
    assert_eq!(resp.status(), 401, "no key at all");
    let resp = http().get(sb.api_url.join("_sandbox/faults").unwrap()).send().await.unwrap();
    assert_eq!(resp.status(), 401, "the control API is guarded too");
}

#[tokio::test]
async fn hostile_user_ids_reach_the_api_as_one_segment() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    let slack = cid("ci_01_slack");
    let ids = [
        "a/b",
        "../x",
        "..%2Fx",
        "?#%",
        "a?b=c#d",
        "with space",
        "ünïcødé 用户",
        "%",
        "%2e%2e",
        "a/../../v1/integrations",
        "users",
        "x/auth-url",
    ];
    for id in ids {
        api.create_auth_url(&slack, &uid(id), None).await.unwrap_or_else(|e| panic!("{id:?}: {e}"));
        let user = api.get_user(&slack, &uid(id)).await.unwrap_or_else(|e| panic!("{id:?}: {e}"));
        assert_eq!(user.user_id.as_str(), id, "the API saw exactly the id, as one segment");
    }
    // Nothing else was created: a user "a" or "x" does not exist, so no id was split.
    for other in ["a", "x", "b", ".."] {
        if let Ok(u) = UserId::parse(other) {
            assert!(matches!(api.get_user(&slack, &u).await, Err(UpstreamError::NotFound)), "{other}");
        }
    }
}

#[tokio::test]
async fn injected_500s_are_server_errors_at_the_configured_rate() {
    let sb = spawn_sandbox().await;
    // Without retries, exactly half of the calls fail.
    let api = client_with(&sb, KEY, ClientOptions { get_retries: 0, timeout: Duration::from_millis(800), ..ClientOptions::default() });
    set_faults(&sb, json!({ "errorRate": 0.5 })).await;
    let mut failed = 0;
    for _ in 0..10 {
        match api.list_integrations(None).await {
            Err(UpstreamError::Server(500)) => failed += 1,
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(failed, 5);
    set_faults(&sb, json!({ "errorRate": 1.0 })).await;
    let e = api.list_integrations(None).await.unwrap_err();
    assert!(matches!(e, UpstreamError::Server(500)));
    assert!(e.is_transient());

    // With the default retries (jittered exponential backoff), every GET gets through at 50%, with a retry each
    // time one failed; a POST is never retried.
    let retrying = client(&sb);
    set_faults(&sb, json!({ "errorRate": 0.5 })).await;
    let before = sb.sandbox.stats().list;
    for _ in 0..10 {
        retrying.list_integrations(None).await.expect("retried into a success");
    }
    assert!(sb.sandbox.stats().list - before > 10, "some calls were retried");
    set_faults(&sb, json!({ "errorRate": 1.0 })).await;
    let before = sb.sandbox.stats();
    assert!(retrying.list_integrations(None).await.is_err());
    assert_eq!(sb.sandbox.stats().list - before.list, 3, "one try and two retries");
    assert!(retrying.create_auth_url(&cid("ci_01_slack"), &uid("u"), None).await.is_err());
    assert_eq!(sb.sandbox.stats().auth_url - before.auth_url, 1, "POST auth-url is not retried");
}

#[tokio::test]
async fn a_429_is_its_own_error_with_its_retry_after_and_is_not_retried() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    set_faults(&sb, json!({ "rateLimited": 7 })).await;
    let before = sb.sandbox.stats().list;
    match api.list_integrations(None).await {
        Err(UpstreamError::RateLimited { retry_after }) => assert_eq!(retry_after, Some(Duration::from_secs(7))),
        other => panic!("{other:?}"),
    }
    assert_eq!(sb.sandbox.stats().list - before, 1, "a 429 asks us to wait, not to retry at once");
}

#[tokio::test]
async fn dot_segments_are_refused_never_dropped() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    // An id the parser refuses cannot be built; the client refuses such a segment too (defence in depth).
    assert!(plugboard::domain::CustomerIntegrationId::parse("..").is_err());
    let list: Result<Vec<plugboard::domain::Integration>, _> = serde_json::from_value(json!([{
        "integrationId": "i", "customerIntegrationId": ".", "active": true, "name": "Dot", "host": "h",
        "updatedAt": "2026-01-01T00:00:00Z", "createdAt": "2026-01-01T00:00:00Z"
    }]));
    assert!(list.is_err(), "an upstream list with a dot id is refused whole");
    let before = sb.sandbox.stats().user;
    let odd: plugboard::domain::CustomerIntegrationId = serde_json::from_value(json!("a.b")).unwrap();
    assert!(api.get_user(&odd, &uid("u")).await.is_err());
    assert_eq!(sb.sandbox.stats().user - before, 1, "a.b is a normal segment");
}

#[tokio::test]
async fn forced_401_malformed_json_and_scoped_faults() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    set_faults(&sb, json!({ "unauthorized": true })).await;
    assert!(matches!(api.list_integrations(None).await, Err(UpstreamError::Unauthorized)));

    set_faults(&sb, json!({ "malformedJson": true })).await;
    match api.list_integrations(None).await {
        Err(e @ UpstreamError::Decode { .. }) => {
            let text = e.to_string();
            assert!(text.contains("bytes of application/json") && !text.contains("oops"), "no body in the log: {text}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        api.create_auth_url(&cid("ci_01_slack"), &uid("u"), None).await,
        Err(UpstreamError::Decode { .. })
    ));

    // Faults scoped to GET user leave the list alone.
    set_faults(&sb, json!({ "errorRate": 1.0, "endpoints": ["user"] })).await;
    assert!(api.list_integrations(None).await.is_ok());
    assert!(matches!(api.get_user(&cid("ci_01_slack"), &uid("u")).await, Err(UpstreamError::Server(500))));

    // Unknown fault names are refused, so a typo cannot silently do nothing.
    let resp = http()
        .put(sb.api_url.join("_sandbox/faults").unwrap())
        .header("x-api-key", KEY)
        .json(&json!({ "errorRat": 1.0 }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 400);
}

#[tokio::test]
async fn latency_is_added_and_a_hang_times_out() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    set_faults(&sb, json!({ "latencyMs": 150 })).await;
    let t = Instant::now();
    api.list_integrations(None).await.unwrap();
    assert!(t.elapsed() >= Duration::from_millis(150));

    set_faults(&sb, json!({ "hang": true })).await;
    let t = Instant::now();
    let e = api.list_integrations(None).await.unwrap_err();
    assert!(matches!(e, UpstreamError::Timeout(_)), "{e:?}");
    assert!(t.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let sb = spawn_sandbox().await;
    let api = client_with(&sb, KEY, ClientOptions { max_body_bytes: 512, ..ClientOptions::default() });
    assert!(matches!(api.list_integrations(None).await, Err(UpstreamError::TooLarge { limit: 512 })));
}

#[tokio::test]
async fn network_errors_do_not_leak_the_url_or_key() {
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let base = url::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let api = plugboard::upstream::ToolRegistry::new(
        base,
        secrecy::SecretString::from("k-secret".to_owned()),
        ClientOptions::default(),
    )
    .unwrap();
    let e = api.list_integrations(None).await.unwrap_err();
    assert!(matches!(e, UpstreamError::Network(_)), "{e:?}");
    let text = e.to_string();
    assert!(!text.contains(&port.to_string()) && !text.contains("k-secret"), "{text}");
    assert_eq!(e.user_message_id(), "upstream-unavailable", "the page says its own words, never the address");
}

#[tokio::test]
async fn revoking_deactivates_a_user() {
    let sb = spawn_sandbox().await;
    let api = client(&sb);
    let (slack, bob) = (cid("ci_01_slack"), uid("bob"));
    let seed = http()
        .post(sb.api_url.join("_sandbox/users").unwrap())
        .header("x-api-key", KEY)
        .json(&json!({ "customerIntegrationId": "ci_01_slack", "userId": "bob" }))
        .send()
        .await
        .unwrap();
    assert_eq!(seed.status(), 200);
    assert!(api.get_user(&slack, &bob).await.unwrap().active);
    let revoke = http()
        .post(sb.api_url.join("_sandbox/revoke").unwrap())
        .header("x-api-key", KEY)
        .json(&json!({ "customerIntegrationId": "ci_01_slack", "userId": "bob" }))
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), 200);
    assert!(!api.get_user(&slack, &bob).await.unwrap().active);
    let missing = http()
        .post(sb.api_url.join("_sandbox/revoke").unwrap())
        .header("x-api-key", KEY)
        .json(&json!({ "customerIntegrationId": "ci_01_slack", "userId": "nobody" }))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn auth_url_requires_a_json_body_and_an_absolute_redirect() {
    let sb = spawn_sandbox().await;
    let url = sb.api_url.join("v1/integrations/ci_01_slack/users/u/auth-url").unwrap();
    let no_body = http().post(url.clone()).header("x-api-key", KEY).send().await.unwrap();
    assert_eq!(no_body.status(), 400);
    let relative =
        http().post(url.clone()).header("x-api-key", KEY).json(&json!({"redirectUri": "/cb"})).send().await.unwrap();
    assert_eq!(relative.status(), 400);
    let empty = http().post(url).header("x-api-key", KEY).json(&json!({})).send().await.unwrap();
    assert_eq!(empty.status(), 201);
}
