//! The host-app API over real HTTP: minting links and naming every bad field.

use crate::helpers::*;

#[test]
fn link_api_mints_links_and_names_every_bad_field() {
    run(link_api_mints_links_and_names_every_bad_field_body())
}

async fn link_api_mints_links_and_names_every_bad_field_body() {
    const TOKEN: &str = "host-api-token-0123456789";
    let off = spawn_app(&[]).await;
    let resp = Client::new().post(off.url("/api/v1/links")).json(&json!({"userId": "a"})).send().await.unwrap();
    assert_eq!(resp.status(), 404);
    assert_eq!(resp.json::<serde_json::Value>().await.unwrap()["error"], "api_disabled");

    let app = spawn_app(&[
        ("PLUGBOARD_API_TOKEN", TOKEN),
        ("PLUGBOARD_RETURN_HOSTS", "app.example.com,*.acme.test"),
        ("PLUGBOARD_APP_NAME", "Acme"),
    ])
    .await;
    let api = |body: serde_json::Value, token: Option<&str>| {
        let mut req = Client::new().post(app.url("/api/v1/links")).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    for token in [None, Some("wrong-token-0123456789")] {
        let resp = api(json!({"userId": "a"}), token).await.unwrap();
        assert_eq!(resp.status(), 401);
        assert_eq!(resp.headers()["content-type"], "application/json");
        assert_eq!(resp.json::<serde_json::Value>().await.unwrap()["error"], "unauthorized");
    }
    let raw = Client::new().post(app.url("/api/v1/links")).bearer_auth(TOKEN).body("{not json").send().await.unwrap();
    assert_eq!(raw.status(), 400);
    assert_eq!(raw.json::<serde_json::Value>().await.unwrap()["error"], "invalid_json");
    for (body, field) in [
        (json!({}), "userId"),
        (json!({"userId": 7}), "userId"),
        (json!({"userId": ".."}), "userId"),
        (json!({"userId": ""}), "userId"),
        (json!({"userId": "a", "ttlSeconds": 0}), "ttlSeconds"),
        (json!({"userId": "a", "ttlSeconds": "900"}), "ttlSeconds"),
        (json!({"userId": "a", "ttlSeconds": 999999999}), "ttlSeconds"),
        (json!({"userId": "a", "returnUrl": "https://evil.example/x"}), "returnUrl"),
        (json!({"userId": "a", "returnUrl": "/relative"}), "returnUrl"),
        (json!({"userId": "a", "returnUrl": "javascript:alert(1)"}), "returnUrl"),
    ] {
        let resp = api(body.clone(), Some(TOKEN)).await.unwrap();
        assert_eq!(resp.status(), 400, "{body}");
        let v: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(v["field"], field, "{body}: {v}");
        assert!(v["message"].as_str().unwrap().contains(field), "{v}");
    }
    let resp = api(json!({"userId": "a", "extra": 1}), Some(TOKEN)).await.unwrap();
    assert_eq!(resp.status(), 400);
    assert!(resp.json::<serde_json::Value>().await.unwrap()["message"].as_str().unwrap().contains("extra"));

    let resp = api(
        json!({"userId": "olga/ü", "ttlSeconds": 120, "returnUrl": "https://eu.acme.test/settings?tab=apps"}),
        Some(TOKEN),
    )
    .await
    .unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let v: serde_json::Value = resp.json().await.unwrap();
    let url = v["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{}/link/v2.", app.base)), "{url}");
    let expires = chrono::DateTime::parse_from_rfc3339(v["expiresAt"].as_str().unwrap()).unwrap();
    let left = expires.with_timezone(&chrono::Utc) - chrono::Utc::now();
    assert!(left > chrono::Duration::seconds(100) && left <= chrono::Duration::seconds(121), "{left}");

    // The link signs a fresh browser in, and "Back to Acme" leads to the returnUrl.
    let c = browser();
    app.use_link(&c, &url).await;
    let (_, html) = app.page(&c, "/").await;
    assert!(
        html.contains(r#"href="https://eu.acme.test/settings?tab=apps""#) && html.contains("Back to Acme"),
        "{html}"
    );
}

