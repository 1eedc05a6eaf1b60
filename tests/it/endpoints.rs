//! Webhook endpoints made in the console, over real HTTP: each receives only the types it asked for, signed with its
//! own secret (shown once, sealed at rest, rotated with an overlap); disabled, deleted and replayed as the console
//! says; URLs must be https and public unless listed, checked again at delivery.

use crate::helpers::*;

async fn connect(app: &TestApp, c: &Client, integration: &str, decision: &str) {
    let authorize = app.connect(c, integration).await;
    let back = app.authorize(&authorize, &[("decision", decision)]).await;
    let (status, html) = app.page(c, back.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200, "{html}");
}

/// Adds an endpoint in the console; returns (id, secret) as the page shows them once.
async fn add(app: &TestApp, admin: &Client, url: &str, types: &[&str]) -> (String, String) {
    let mut form = vec![("url", url), ("description", "test receiver")];
    form.extend(types.iter().map(|t| (*t, "on")));
    let (status, location) = app.post_form(admin, "/api/admin-endpoint-add", &form).await;
    assert_eq!((status, location.as_str()), (StatusCode::FOUND, "/admin/endpoints"));
    shown_secret(app, admin).await
}

async fn shown_secret(app: &TestApp, admin: &Client) -> (String, String) {
    let (_, html) = app.page(admin, "/admin/endpoints").await;
    let caps = Regex::new(r#"data-new-secret="(ep_[0-9a-f]+)".*?data-secret="(whsec_[^"]+)""#).unwrap().captures(&html).expect("shown once");
    let (id, secret) = (caps[1].to_owned(), caps[2].to_owned());
    let (_, again) = app.page(admin, "/admin/endpoints").await;
    assert!(!again.contains(&secret), "shown once only");
    (id, secret)
}

fn verifies_with(r: &Received, secret: &str) -> bool {
    let key = plugboard::platform::config::parse_secret(secret).unwrap();
    plugboard::platform::webhook_signature::verify(&[key], &r.id, &r.timestamp, &r.signature, &r.body, chrono::Utc::now().timestamp())
}

async fn wait_for_delivery(app: &TestApp, endpoint: &str, status: &str) -> plugboard::services::registry::Delivery {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let all = app.state.db.deliveries(None, Some(endpoint), 0, 100).await.unwrap();
        if let Some(d) = all.into_iter().find(|d| d.status.as_str() == status) {
            return d;
        }
        assert!(std::time::Instant::now() < deadline, "no {status} delivery to {endpoint}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[test]
fn two_endpoints_receive_exactly_their_types_each_signed_with_its_own_secret() {
    run(two_endpoints_receive_exactly_their_types_each_signed_with_its_own_secret_body())
}

async fn two_endpoints_receive_exactly_their_types_each_signed_with_its_own_secret_body() {
    let (a, b) = (Receiver::start(&[]).await, Receiver::start(&[]).await);
    let app = spawn_app(&[
        ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
        ("PLUGBOARD_WEBHOOK_ALLOW_HOSTS", "127.0.0.1"),
        ("PLUGBOARD_WEBHOOK_RETRY_BASE_MS", "20"),
    ])
    .await;
    let admin = app.admin().await;
    // URLs: https and public unless the host is listed.
    for (url, error) in [
        ("http://hooks.example.com/x", "https"),
        ("https://10.0.0.7/x", "private"),
        ("https://169.254.169.254/latest", "private"),
        ("https://user:pw@93.184.216.34/x", "url"),
        ("not a url", "url"),
    ] {
        let (_, location) = app.post_form(&admin, "/api/admin-endpoint-add", &[("url", url)]).await;
        assert_eq!(location, format!("/admin/endpoints?error={error}"), "{url}");
    }
    let (id_a, secret_a) = add(&app, &admin, &a.url, &["created"]).await;
    let (id_b, secret_b) = add(&app, &admin, &b.url, &["lost", "failed"]).await;
    assert_ne!(secret_a, secret_b);
    // Sealed at rest.
    let rows = sqlx::query("SELECT secret FROM webhook_endpoints").fetch_all(app.state.db.pool()).await.unwrap();
    for r in rows {
        let stored: String = sqlx::Row::try_get(&r, 0).unwrap();
        assert!(!stored.contains("whsec_") && !stored.contains(&secret_a[6..]) && !stored.contains(&secret_b[6..]));
    }

    let c = app.signed_in("ada").await;
    connect(&app, &c, "ci_01_slack", "approve").await; // connection.created
    connect(&app, &c, "ci_02_github", "deny").await; // connect.failed
    app.set_connection("ada", "ci_01_slack", false).await;
    app.check_now(&admin, "ada").await; // connection.lost
    let got_b = b.wait_for(2).await;
    let got_a = a.wait_for(1).await;
    assert_eq!(a.types(), vec!["connection.created"]);
    let mut types_b = b.types();
    types_b.sort();
    assert_eq!(types_b, vec!["connect.failed", "connection.lost"]);
    for r in &got_a {
        assert!(verifies_with(r, &secret_a) && !verifies_with(r, &secret_b), "A's deliveries are signed with A's secret only");
    }
    for r in &got_b {
        assert!(verifies_with(r, &secret_b) && !verifies_with(r, &secret_a), "B's deliveries are signed with B's secret only");
    }
    // Nothing else was queued for A (its filter), and the console shows each endpoint's own list and rate.
    wait_for_delivery(&app, &id_a, "delivered").await;
    assert_eq!(app.state.db.deliveries(None, Some(&id_a), 0, 100).await.unwrap().len(), 1);
    let (_, html) = app.page(&admin, &format!("/admin/webhooks?endpoint={id_b}")).await;
    assert!(html.contains("connection.lost") && html.contains("connect.failed") && !html.contains("connection.created"), "{html}");
    let (_, html) = app.page(&admin, "/admin/endpoints").await;
    assert!(html.contains("100% delivered · 2 delivered, 0 failed"), "{html}");

    // Rotation: the new secret is shown once; both the new and the previous one sign for a day.
    let (status, _) = app.post_form(&admin, "/api/admin-endpoint-rotate", &[("endpoint", id_b.as_str())]).await;
    assert_eq!(status, StatusCode::FOUND);
    let (rotated_id, new_b) = shown_secret(&app, &admin).await;
    assert_eq!(rotated_id, id_b);
    let c = app.signed_in("bob").await;
    connect(&app, &c, "ci_02_github", "deny").await; // connect.failed to B only
    let got = b.wait_for(3).await;
    let last = got.iter().find(|r| !got_b.iter().any(|o| o.id == r.id)).unwrap();
    assert!(verifies_with(last, &new_b) && verifies_with(last, &secret_b), "signed with both during the overlap");
    assert_eq!(last.signature.split(' ').count(), 2);

    // Disabled: nothing is queued for it; enabled again: it is.
    app.post_form(&admin, "/api/admin-endpoint-enable", &[("endpoint", id_a.as_str()), ("enabled", "0")]).await;
    connect(&app, &c, "ci_01_slack", "approve").await; // connection.created: A is off
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(a.all().len(), 1);
    assert_eq!(app.state.db.deliveries(None, Some(&id_a), 0, 100).await.unwrap().len(), 1);
    // Every change is an event naming the admin.
    let events = app.state.db.events(&Default::default(), 0, 100).await.unwrap();
    let changed = events.iter().filter(|e| e.kind.as_str() == "admin_endpoint_changed");
    assert!(changed.clone().all(|e| e.actor.as_deref() == Some("password")), "each names the admin");
    let changes: Vec<String> = changed.map(|e| e.detail.words()).collect();
    assert!(changes.iter().any(|w| w.contains(&id_a) && w.contains("created")), "{changes:?}");
    assert!(changes.iter().any(|w| w.contains(&id_b) && w.contains("rotated")), "{changes:?}");
    assert!(changes.iter().any(|w| w.contains(&id_a) && w.contains("disabled")), "{changes:?}");
    assert!(changes.iter().all(|w| !w.contains("whsec_") && !w.contains("/hooks")), "no secret, no receiver path: {changes:?}");
}

#[test]
fn failed_deliveries_replay_and_private_addresses_are_refused_at_delivery() {
    run(failed_deliveries_replay_and_private_addresses_are_refused_at_delivery_body())
}

async fn failed_deliveries_replay_and_private_addresses_are_refused_at_delivery_body() {
    let failing = Receiver::start(&[(400, None)]).await;
    let app = spawn_app(&[
        ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
        ("PLUGBOARD_WEBHOOK_ALLOW_HOSTS", "127.0.0.1"),
        ("PLUGBOARD_WEBHOOK_RETRY_BASE_MS", "20"),
    ])
    .await;
    let admin = app.admin().await;
    let (id, secret) = add(&app, &admin, &failing.url, &[]).await;
    // Made when its name resolved to a public address; now it resolves to loopback (as if DNS changed): refused
    // when it is sent, whatever the console checked before.
    let now = chrono::Utc::now();
    let moved = url::Url::parse("https://127.0.0.2:9/hooks").unwrap();
    let (moved_id, _) = app.state.endpoints.create(&moved, "", &[], "test", now).await.unwrap().unwrap();

    let c = app.signed_in("cy").await;
    connect(&app, &c, "ci_01_slack", "approve").await;
    let failed = wait_for_delivery(&app, &id, "failed").await;
    assert_eq!(failed.last_code, Some(400));
    let refused = wait_for_delivery(&app, &moved_id, "failed").await;
    assert!(refused.last_excerpt.as_deref().unwrap_or("").contains("private, loopback or link-local"), "{refused:?}");
    assert_eq!(refused.last_code, None, "nothing was sent");

    // "Everything failed since": sent again now; the receiver takes it this time.
    let since = (now - chrono::Duration::minutes(5)).format("%Y-%m-%dT%H:%M").to_string();
    let (_, location) = app.post_form(&admin, "/api/admin-endpoint-replay", &[("endpoint", id.as_str()), ("since", since.as_str())]).await;
    assert_eq!(location, "/admin/endpoints?replayed=1");
    wait_for_delivery(&app, &id, "delivered").await;
    let got = failing.wait_for(2).await;
    assert!(verifies_with(&got[1], &secret));
    // A replay from after the failure finds nothing.
    let later = (chrono::Utc::now() + chrono::Duration::minutes(1)).format("%Y-%m-%dT%H:%M").to_string();
    let (_, location) = app.post_form(&admin, "/api/admin-endpoint-replay", &[("endpoint", id.as_str()), ("since", later.as_str())]).await;
    assert_eq!(location, "/admin/endpoints?replayed=0");

    // Deleted: gone from the page, nothing more queued for it.
    app.post_form(&admin, "/api/admin-endpoint-delete", &[("endpoint", id.as_str())]).await;
    let (_, html) = app.page(&admin, "/admin/endpoints").await;
    assert!(!html.contains(&format!(r#"data-endpoint="{id}""#)), "{html}");
    let before = app.state.db.deliveries(None, Some(&id), 0, 100).await.unwrap().len();
    connect(&app, &c, "ci_02_github", "approve").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.state.db.deliveries(None, Some(&moved_id), 0, 100).await.unwrap().iter().filter(|d| d.status.as_str() == "failed").count() < 2 {
        assert!(std::time::Instant::now() < deadline, "the second change was not handled");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(app.state.db.deliveries(None, Some(&id), 0, 100).await.unwrap().len(), before);
    // An end user cannot touch endpoints.
    let (status, _) = app.post_form(&c, "/api/admin-endpoint-delete", &[("endpoint", moved_id.as_str())]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Rotating `PLUGBOARD_LINK_SECRET` (the previous one kept meanwhile, as for links) does not lose the endpoints'
/// secrets: an instance started with both seals them again under the new one, so they open once the previous one is
/// removed.
#[tokio::test]
async fn endpoint_secrets_survive_a_rotation_of_the_link_secret() {
    use plugboard::platform::sealed::Sealer;
    use plugboard::services::links::LinkSigner;
    use plugboard::services::webhook_endpoints::Endpoints;
    let (url, _dir) = fresh_sqlite();
    let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
    let (s1, s2) = (b"first-link-secret-0123456789abcdef".as_slice(), b"second-link-secret-0123456789abcde".as_slice());
    let label = "webhook endpoint secrets v1";
    let before = Endpoints::new(db.clone(), Sealer::with_keys(&LinkSigner::new(s1).unwrap().derived_keys(label)));
    let hook = url::Url::parse("https://hooks.example.com/x").unwrap();
    let (id, secret) = before.create(&hook, "", &[], "test", chrono::Utc::now()).await.unwrap().unwrap();
    let expected = plugboard::platform::config::parse_secret(&secret).unwrap();
    let sign = |t: &plugboard::services::webhook_endpoints::Target| plugboard::platform::webhook_signature::sign(&t.secrets, "msg_1", 1, "{}");
    let want = plugboard::platform::webhook_signature::sign(&[expected], "msg_1", 1, "{}");

    // Only the new secret, without a reseal: the endpoint's secret cannot be opened (this is what the reseal is for).
    let new_only = Endpoints::new(db.clone(), Sealer::with_keys(&LinkSigner::new(s2).unwrap().derived_keys(label)));
    assert!(new_only.target(&id, chrono::Utc::now()).await.unwrap().unwrap().secrets.is_empty());
    // During the rotation: it opens, and starting seals it again.
    let rotating_signer = LinkSigner::new(s2).unwrap().with_previous(s1).unwrap();
    let rotating = Endpoints::new(db.clone(), Sealer::with_keys(&rotating_signer.derived_keys(label)));
    assert_eq!(sign(&rotating.target(&id, chrono::Utc::now()).await.unwrap().unwrap()), want);
    assert_eq!(rotating.reseal().await.unwrap(), 1);
    assert_eq!(rotating.reseal().await.unwrap(), 0, "once");
    // After it: the new secret alone opens it, and signs as before.
    assert_eq!(sign(&new_only.target(&id, chrono::Utc::now()).await.unwrap().unwrap()), want);
}
