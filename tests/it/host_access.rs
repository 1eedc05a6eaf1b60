//! The host API's access: tokens made in the console carry only their scopes (403 naming the one lacking), are shown
//! once and revocable; `Idempotency-Key` gives the first answer again, refuses another request, waits for a running
//! one, keeps its answer sealed, and forgets it after a day or when the user is erased.

use crate::helpers::*;

const ENV_TOKEN: &str = "host-api-token-0123456789";

/// Makes a token in the console with `scopes` ticked; returns its value, read off the page that shows it once.
async fn make_token(app: &TestApp, admin: &Client, name: &str, scopes: &[&str]) -> String {
    let mut form = vec![("name", name)];
    form.extend(scopes.iter().map(|s| (*s, "on")));
    let (status, location) = app.post_form(admin, "/api/admin-create-token", &form).await;
    assert_eq!((status, location.as_str()), (StatusCode::FOUND, "/admin/tokens"));
    let (_, html) = app.page(admin, "/admin/tokens").await;
    let value = Regex::new(r#"data-token="(pbt_[A-Za-z0-9_-]+)""#).unwrap().captures(&html).expect("shown once")[1].to_owned();
    let (_, again) = app.page(admin, "/admin/tokens").await;
    assert!(!again.contains(&value), "shown once only");
    assert!(again.contains(name));
    value
}

fn api(app: &TestApp, method: reqwest::Method, path: &str, token: &str) -> reqwest::RequestBuilder {
    Client::new().request(method, app.url(path)).bearer_auth(token)
}

#[test]
fn a_console_token_carries_only_its_scopes() {
    run(a_console_token_carries_only_its_scopes_body())
}

async fn a_console_token_carries_only_its_scopes_body() {
    // No PLUGBOARD_API_TOKEN: the API is off until a token is made in the console.
    let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
    let off = api(&app, reqwest::Method::GET, "/api/v1/events", "pbt_nothing").send().await.unwrap();
    assert_eq!(off.status(), 404);
    let admin = app.admin().await;
    let token = make_token(&app, &admin, "billing backend", &["links_write", "users_read"]).await;
    let minted = api(&app, reqwest::Method::POST, "/api/v1/links", &token).json(&json!({"userId": "ada"})).send().await.unwrap();
    assert_eq!(minted.status(), 201);
    let read = api(&app, reqwest::Method::GET, "/api/v1/users/ada/connections", &token).send().await.unwrap();
    assert_eq!(read.status(), 200);
    for (method, path, scope) in [
        (reqwest::Method::GET, "/api/v1/events", "events:read"),
        (reqwest::Method::DELETE, "/api/v1/users/ada", "users:delete"),
    ] {
        let resp = api(&app, method, path, &token).send().await.unwrap();
        assert_eq!(resp.status(), 403, "{path}");
        assert!(resp.headers()["www-authenticate"].to_str().unwrap().contains(scope));
        let v: serde_json::Value = resp.json().await.unwrap();
        assert_eq!((v["error"].as_str(), v["scope"].as_str()), (Some("insufficient_scope"), Some(scope)), "{v}");
        assert!(v["message"].as_str().unwrap().contains(scope));
    }
    assert!(app.state.db.user_info(&plugboard::domain::UserId::parse("ada").unwrap()).await.unwrap().is_some(), "not erased");
    // Stored as a digest: the value is nowhere in the database's token table.
    let tokens = app.state.db.api_tokens().await.unwrap();
    assert_eq!(tokens.len(), 1);
    assert!(tokens[0].last_used_at.is_some(), "its last use is recorded");
    let (_, html) = app.page(&admin, "/admin/tokens").await;
    assert!(html.contains("links:write users:read") && !html.contains(">never<"), "{html}");

    // Revoked: 401 from its next request; both changes are in the event log, naming the admin, never the value.
    let (status, _) = app.post_form(&admin, "/api/admin-revoke-token", &[("token", tokens[0].id.as_str())]).await;
    assert_eq!(status, StatusCode::FOUND);
    let resp = api(&app, reqwest::Method::GET, "/api/v1/users/ada/connections", &token).send().await.unwrap();
    assert_eq!(resp.status(), 404, "no live token is left: the API is off again");
    let events = app.state.db.events(&Default::default(), 0, 50).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains(&"admin_token_created") && kinds.contains(&"admin_token_revoked"), "{kinds:?}");
    for e in events.iter().filter(|e| e.kind.as_str().starts_with("admin_token")) {
        let words = e.detail.words();
        assert!(words.contains("billing backend") && !words.contains(&token), "{words}");
        assert_eq!(e.actor.as_deref(), Some("password"), "the event names the admin");
    }

    // Beside the environment's bootstrap token (every scope), a revoked token gets 401.
    let app = spawn_app(&[("PLUGBOARD_API_TOKEN", ENV_TOKEN), ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
    let admin = app.admin().await;
    let reader = make_token(&app, &admin, "reader", &["events_read"]).await;
    assert_eq!(api(&app, reqwest::Method::GET, "/api/v1/events", &reader).send().await.unwrap().status(), 200);
    let id = app.state.db.api_tokens().await.unwrap()[0].id.clone();
    app.post_form(&admin, "/api/admin-revoke-token", &[("token", id.as_str())]).await;
    assert_eq!(api(&app, reqwest::Method::GET, "/api/v1/events", &reader).send().await.unwrap().status(), 401);
    assert_eq!(api(&app, reqwest::Method::DELETE, "/api/v1/users/x", ENV_TOKEN).send().await.unwrap().status(), 204);
    // A token cannot be made without a name or a scope; an end user cannot make one.
    let (_, location) = app.post_form(&admin, "/api/admin-create-token", &[("name", "x")]).await;
    assert_eq!(location, "/admin/tokens?error=scopes");
    let user = app.signed_in("eve").await;
    let (status, _) = app.post_form(&user, "/api/admin-create-token", &[("name", "x"), ("users_delete", "on")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

fn keyed(app: &TestApp, token: &str, key: &str, body: serde_json::Value) -> reqwest::RequestBuilder {
    api(app, reqwest::Method::POST, "/api/v1/links", token).header("idempotency-key", key).json(&body)
}

#[test]
fn an_idempotency_key_gives_the_first_answer_again() {
    run(an_idempotency_key_gives_the_first_answer_again_body())
}

async fn an_idempotency_key_gives_the_first_answer_again_body() {
    let app = spawn_app(&[("PLUGBOARD_API_TOKEN", ENV_TOKEN), ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
    let first = keyed(&app, ENV_TOKEN, "k-1", json!({"userId": "ada", "ttlSeconds": 600})).send().await.unwrap();
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: serde_json::Value = first.json().await.unwrap();
    // The same request (JSON-equal: members in another order): the same link, not a new one.
    let raw = r#"{ "ttlSeconds": 600, "userId": "ada" }"#;
    let again = api(&app, reqwest::Method::POST, "/api/v1/links", ENV_TOKEN)
        .header("idempotency-key", "k-1")
        .header("content-type", "application/json")
        .body(raw)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<serde_json::Value>().await.unwrap(), first);
    let minted = app.state.db.events(&Default::default(), 0, 50).await.unwrap().iter().filter(|e| e.kind.as_str() == "link_minted").count();
    assert_eq!(minted, 1, "minted once");
    // Another request under the key: 422 naming it.
    let other = keyed(&app, ENV_TOKEN, "k-1", json!({"userId": "bob"})).send().await.unwrap();
    assert_eq!(other.status(), 422);
    let v: serde_json::Value = other.json().await.unwrap();
    assert_eq!((v["error"].as_str(), v["field"].as_str()), (Some("idempotency_key_reused"), Some("Idempotency-Key")));
    // A bad key is named; a failed request gives its key up (a retry with it runs).
    let bad = keyed(&app, ENV_TOKEN, "has space", json!({"userId": "ada"})).send().await.unwrap();
    assert_eq!(bad.json::<serde_json::Value>().await.unwrap()["field"], "Idempotency-Key");
    assert_eq!(keyed(&app, ENV_TOKEN, "k-2", json!({"userId": ""})).send().await.unwrap().status(), 400);
    assert_eq!(keyed(&app, ENV_TOKEN, "k-2", json!({"userId": "cy"})).send().await.unwrap().status(), 201);

    // Sealed at rest: the stored answer holds no readable link.
    let url = first["url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap();
    let row = sqlx::query("SELECT response FROM idempotency_keys WHERE idem_key = 'k-1'").fetch_one(app.state.db.pool()).await.unwrap();
    let stored: String = sqlx::Row::try_get(&row, 0).unwrap();
    assert!(!stored.contains(token) && !stored.contains("link/") && !stored.contains("expiresAt"), "{stored}");

    // Keys belong to their token: the same key under another token is another request.
    let admin = app.admin().await;
    let other_token = make_token(&app, &admin, "second", &["links_write"]).await;
    let theirs = keyed(&app, &other_token, "k-1", json!({"userId": "bob"})).send().await.unwrap();
    assert_eq!(theirs.status(), 201);

    // Two at once under one key: one mints, the other waits for it and gets the same link.
    let (a, b) = tokio::join!(
        keyed(&app, ENV_TOKEN, "k-race", json!({"userId": "dee"})).send(),
        keyed(&app, ENV_TOKEN, "k-race", json!({"userId": "dee"})).send()
    );
    let (a, b): (serde_json::Value, serde_json::Value) = (a.unwrap().json().await.unwrap(), b.unwrap().json().await.unwrap());
    assert_eq!(a["url"], b["url"]);

    // DELETE: the same path answers 204 again; another path under the key is refused.
    let del = |path: &str, key: &str| api(&app, reqwest::Method::DELETE, path, ENV_TOKEN).header("idempotency-key", key.to_owned()).send();
    assert_eq!(del("/api/v1/users/zed", "d-1").await.unwrap().status(), 204);
    let again = del("/api/v1/users/zed", "d-1").await.unwrap();
    assert_eq!((again.status().as_u16(), again.headers().get("idempotent-replayed").is_some()), (204, true));
    assert_eq!(del("/api/v1/users/amy", "d-1").await.unwrap().status(), 422);

    // A request still running when its user is erased is forgotten with the user (tied from the claim on).
    let fp = plugboard::services::idempotency::fingerprint("POST", "/api/v1/links", Some(&json!({"userId": "ada"})));
    let ada = plugboard::domain::UserId::parse("ada").unwrap();
    app.state.idempotency.claim("env", "k-inflight", &fp, Some(&ada), chrono::Utc::now()).await.unwrap();
    // Erasing a user forgets the answers that hold their links: the key then mints anew.
    assert_eq!(del("/api/v1/users/ada", "d-2").await.unwrap().status(), 204);
    let after = keyed(&app, ENV_TOKEN, "k-1", json!({"userId": "ada", "ttlSeconds": 600})).send().await.unwrap();
    assert_eq!(after.status(), 201);
    assert!(after.headers().get("idempotent-replayed").is_none());
    assert_ne!(after.json::<serde_json::Value>().await.unwrap()["url"], first["url"]);
    let left = sqlx::query("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = 'k-inflight'").fetch_one(app.state.db.pool()).await.unwrap();
    assert_eq!(sqlx::Row::try_get::<i64, _>(&left, 0).unwrap(), 0);

    // After 24 hours a key is forgotten.
    sqlx::query("UPDATE idempotency_keys SET created_at = created_at - 86400001 WHERE idem_key = 'k-2'")
        .execute(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(keyed(&app, ENV_TOKEN, "k-2", json!({"userId": "someone-else"})).send().await.unwrap().status(), 201);

    // A request whose first is still running (and stays so) waits, then gets 409 with Retry-After.
    let body = json!({"userId": "stuck"});
    let fp = plugboard::services::idempotency::fingerprint("POST", "/api/v1/links", Some(&body));
    app.state.idempotency.claim("env", "k-stuck", &fp, None, chrono::Utc::now()).await.unwrap();
    let started = std::time::Instant::now();
    let resp = keyed(&app, ENV_TOKEN, "k-stuck", body).send().await.unwrap();
    assert_eq!(resp.status(), 409);
    assert_eq!(resp.headers()["retry-after"], "1");
    assert!(started.elapsed() >= std::time::Duration::from_secs(1), "it waited first");
    // A first request that never answered (its instance stopped mid-way) is taken over after a minute.
    sqlx::query("UPDATE idempotency_keys SET created_at = created_at - 61000 WHERE idem_key = 'k-stuck'")
        .execute(app.state.db.pool())
        .await
        .unwrap();
    assert_eq!(keyed(&app, ENV_TOKEN, "k-stuck", json!({"userId": "stuck"})).send().await.unwrap().status(), 201);
    // A kept answer that no longer opens (sealed under a link secret since removed) is forgotten: the request runs.
    sqlx::query("UPDATE idempotency_keys SET response = 'AAAA' WHERE idem_key = 'k-stuck'").execute(app.state.db.pool()).await.unwrap();
    let resp = keyed(&app, ENV_TOKEN, "k-stuck", json!({"userId": "stuck"})).send().await.unwrap();
    assert_eq!((resp.status().as_u16(), resp.headers().get("idempotent-replayed").is_none()), (201, true));
}
