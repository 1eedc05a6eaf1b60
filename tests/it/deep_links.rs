//! Deep links (`connect`) over real HTTP: minted through the host API, the landing page names the integration, its
//! one POST goes straight to the authorize page, and the callback sends the outcome back to the host's page.

use crate::helpers::*;

const TOKEN: &str = "host-api-token-0123456789";
const RETURN: &str = "https://app.example.com/settings?tab=apps";

async fn deep_app() -> TestApp {
    spawn_app(&[
        ("PLUGBOARD_API_TOKEN", TOKEN),
        ("PLUGBOARD_RETURN_HOSTS", "app.example.com"),
        ("PLUGBOARD_APP_NAME", "Acme"),
    ])
    .await
}

async fn mint(app: &TestApp, body: serde_json::Value) -> reqwest::Response {
    Client::new().post(app.url("/api/v1/links")).bearer_auth(TOKEN).json(&body).send().await.unwrap()
}

async fn deep_link(app: &TestApp, user: &str, integration: &str, mode: &str) -> String {
    let resp = mint(app, json!({"userId": user, "connect": integration, "returnUrl": RETURN, "returnMode": mode})).await;
    assert_eq!(resp.status(), 201);
    resp.json::<serde_json::Value>().await.unwrap()["url"].as_str().unwrap().to_owned()
}

/// The query of a host page the portal sent the browser back to, as pairs.
fn outcome(location: &str) -> std::collections::HashMap<String, String> {
    assert!(location.starts_with(RETURN), "{location}");
    url::Url::parse(location).unwrap().query_pairs().into_owned().collect()
}

#[test]
fn minting_a_deep_link_checks_its_integration() {
    run(minting_a_deep_link_checks_its_integration_body())
}

async fn minting_a_deep_link_checks_its_integration_body() {
    let app = deep_app().await;
    for (body, field) in [
        (json!({"userId": "a", "connect": "ci_99_nowhere"}), "connect"),
        (json!({"userId": "a", "connect": "ci_12_jira"}), "connect"),
        (json!({"userId": "a", "connect": 7}), "connect"),
        (json!({"userId": "a", "connect": "ci_01_slack", "allowedIntegrations": ["ci_02_github"]}), "connect"),
        (json!({"userId": "a", "returnMode": "immediate"}), "returnMode"),
        (json!({"userId": "a", "returnUrl": RETURN, "returnMode": "popup"}), "returnMode"),
    ] {
        let resp = mint(&app, body.clone()).await;
        assert_eq!(resp.status(), 400, "{body}");
        let v: serde_json::Value = resp.json().await.unwrap();
        assert_eq!(v["field"], field, "{body}: {v}");
    }
    let ok = json!({"userId": "a", "connect": "ci_01_slack", "allowedIntegrations": ["ci_01_slack", "ci_02_github"]});
    assert_eq!(mint(&app, ok).await.status(), 201);
}

#[test]
fn a_deep_link_goes_to_the_provider_and_back_to_the_host_with_the_outcome() {
    run(a_deep_link_goes_to_the_provider_and_back_to_the_host_with_the_outcome_body())
}

async fn a_deep_link_goes_to_the_provider_and_back_to_the_host_with_the_outcome_body() {
    let app = deep_app().await;
    let url = deep_link(&app, "alice", "ci_01_slack", "immediate").await;
    let c = browser();
    let before = app.sandbox.sandbox.stats();
    let (status, html) = app.page(&c, url.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(r#"data-landing="deep""#) && html.contains(r#"data-connected="false""#), "{html}");
    assert!(html.contains("Connect Slack to Acme") && html.contains("al…ce"), "{html}");
    assert!(html.contains("OAuth"), "the auth type is shown: {html}");
    assert_eq!(app.sandbox.sandbox.stats().user, before.user, "a GET asks the API nothing about the user");
    assert_eq!(app.sandbox.sandbox.stats().auth_url, before.auth_url);

    // One POST: signed in and straight to the provider, no list in between.
    let resp = app.press_continue(&c, &url).await;
    assert_eq!(resp.status(), 303);
    let authorize = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(authorize.contains("/authorize/"), "{authorize}");
    let callback = app.authorize(&authorize, &[("decision", "approve")]).await;
    let resp = c.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), 303, "{}", resp.text().await.unwrap_or_default());
    let back = outcome(resp.headers()["location"].to_str().unwrap());
    assert_eq!(back["tab"], "apps", "the host's own query is kept");
    assert_eq!(back["plugboard_result"], "connected");
    assert_eq!(back["plugboard_integration"], "ci_01_slack");
    // The event named is in the feed: the connection's creation.
    let feed: serde_json::Value = Client::new()
        .get(app.url("/api/v1/events?userId=alice"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let event = feed["events"].as_array().unwrap().iter().find(|e| e["id"] == back["plugboard_event"].as_str()).cloned();
    assert_eq!(event.expect("plugboard_event is in the feed")["kind"], "connection.created");
    // Confirmed with the read API, as README tells hosts to.
    let reads: serde_json::Value = Client::new()
        .get(app.url("/api/v1/users/alice/connections"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(reads.to_string().contains("ci_01_slack"), "{reads}");

    // The same deep link again later: connected already (from the snapshot), with Reconnect and Back to Acme.
    let again = deep_link(&app, "alice", "ci_01_slack", "page").await;
    let before = app.sandbox.sandbox.stats();
    let (_, html) = app.page(&browser(), again.trim_start_matches(&app.base)).await;
    assert!(html.contains(r#"data-connected="true""#) && html.contains("Slack is already connected to Acme"), "{html}");
    assert!(html.contains("Reconnect Slack") && html.contains("Back to Acme") && html.contains(r#"href="https://app.example.com/settings?tab=apps""#), "{html}");
    assert_eq!(app.sandbox.sandbox.stats().user, before.user, "read from the snapshot");
}

#[test]
fn denied_failed_and_foreign_callbacks_of_deep_links() {
    run(denied_failed_and_foreign_callbacks_of_deep_links_body())
}

async fn denied_failed_and_foreign_callbacks_of_deep_links_body() {
    let app = deep_app().await;
    // Denied at the provider: verified not connected, recorded as connect.failed.
    let url = deep_link(&app, "bob", "ci_02_github", "immediate").await;
    let c = browser();
    let (status, _) = app.page(&c, url.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200);
    let authorize = app.press_continue(&c, &url).await.headers()["location"].to_str().unwrap().to_owned();
    let callback = app.authorize(&authorize, &[("decision", "deny")]).await;
    // Someone else's browser with the same callback: its page, as today, and nothing sent to the host.
    let stranger = app.signed_in("mallory").await;
    let resp = stranger.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), 403);
    let resp = c.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    let back = outcome(resp.headers()["location"].to_str().unwrap());
    assert_eq!(back["plugboard_result"], "not_connected");
    let events = app.state.db.events(&Default::default(), 0, 50).await.unwrap();
    let named = events.iter().find(|e| e.id == back["plugboard_event"]).expect("the event is recorded");
    assert_eq!(named.kind.as_str(), "connect.failed");

    // The API fails while the connection is verified: failed.
    let url = deep_link(&app, "carol", "ci_01_slack", "immediate").await;
    let c = browser();
    let authorize = app.press_continue(&c, &url).await.headers()["location"].to_str().unwrap().to_owned();
    let callback = app.authorize(&authorize, &[("decision", "approve")]).await;
    app.faults(json!({ "errorRate": 1.0, "endpoints": ["user"] })).await;
    let resp = c.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    let back = outcome(resp.headers()["location"].to_str().unwrap());
    assert_eq!(back["plugboard_result"], "failed");
    assert!(!back["plugboard_event"].is_empty());

    // The authorize URL cannot be had: back at once, failed, naming the refused start.
    app.faults(json!({ "errorRate": 1.0, "endpoints": ["authUrl"] })).await;
    let url = deep_link(&app, "dave", "ci_01_slack", "immediate").await;
    let resp = app.press_continue(&browser(), &url).await;
    assert_eq!(resp.status(), 303);
    let back = outcome(resp.headers()["location"].to_str().unwrap());
    assert_eq!((back["plugboard_result"].as_str(), back["plugboard_integration"].as_str()), ("failed", "ci_01_slack"));
    let events = app.state.db.events(&Default::default(), 0, 50).await.unwrap();
    let named = events.iter().find(|e| e.id == back["plugboard_event"]).expect("the failed start is recorded");
    assert_eq!(named.kind.as_str(), "connect_started");
    // Without returnMode, the same failure lands on the portal, which says why.
    let url = deep_link(&app, "erin", "ci_01_slack", "page").await;
    let resp = app.press_continue(&browser(), &url).await;
    assert_eq!(resp.headers()["location"], "/?error=unavailable");
    app.faults(json!({})).await;

    // Page mode: the callback shows the result with Back to Acme.
    let url = deep_link(&app, "frank", "ci_01_slack", "page").await;
    let c = browser();
    let authorize = app.press_continue(&c, &url).await.headers()["location"].to_str().unwrap().to_owned();
    let callback = app.authorize(&authorize, &[("decision", "approve")]).await;
    let (status, html) = app.page(&c, callback.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-outcome="connected""#) && html.contains("Back to Acme"), "{html}");
}

#[test]
fn a_deep_link_to_an_integration_switched_off_since_is_refused_in_words() {
    run(a_deep_link_to_an_integration_switched_off_since_is_refused_in_words_body())
}

async fn a_deep_link_to_an_integration_switched_off_since_is_refused_in_words_body() {
    let app = deep_app().await;
    // As the CLI mints it when it cannot reach the API: unchecked.
    let user = plugboard::domain::UserId::parse("gina").unwrap();
    let jira = plugboard::domain::CustomerIntegrationId::parse("ci_12_jira").unwrap();
    let scope = plugboard::services::links::Scope { connect: Some(&jira), ..Default::default() };
    let (token, _) = app.state.links.signer().mint_with(&user, chrono::Duration::minutes(5), &scope, chrono::Utc::now()).unwrap();
    let (status, html) = app.page(&browser(), &format!("/link/{token}")).await;
    assert_eq!(status, 410);
    assert!(html.contains("This integration is not available") && html.contains("Ask Acme for a new link"), "{html}");
    let (status, html) = app.page(&browser_in("de"), &format!("/link/{token}")).await;
    assert_eq!(status, 410);
    assert!(!html.contains("This integration is not available"), "in German: {html}");
}

fn browser_in(lang: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::ACCEPT, "text/html".parse().unwrap());
    headers.insert(reqwest::header::ACCEPT_LANGUAGE, lang.parse().unwrap());
    Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).default_headers(headers).build().unwrap()
}
