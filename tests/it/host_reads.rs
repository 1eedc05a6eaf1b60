//! The host's richer links, read API and erasure over real HTTP.

use crate::helpers::*;

const TOKEN: &str = "host-api-token-0123456789";

async fn app() -> TestApp {
    spawn_app(&[("PLUGBOARD_API_TOKEN", TOKEN), ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await
}

async fn mint(app: &TestApp, body: serde_json::Value) -> (u16, serde_json::Value) {
    let resp = Client::new().post(app.url("/api/v1/links")).bearer_auth(TOKEN).json(&body).send().await.unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

async fn get(app: &TestApp, path: &str) -> (u16, serde_json::Value) {
    let resp = Client::new().get(app.url(path)).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(resp.headers()["content-type"], "application/json");
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[test]
fn richer_links_are_checked_field_by_field_and_scope_the_portal() {
    run(async {
        let app = app().await;
        for (body, field) in [
            (json!({"userId": "a", "endUser": {"email": "not-an-email"}}), "endUser.email"),
            (json!({"userId": "a", "endUser": {"displayName": "x".repeat(201)}}), "endUser.displayName"),
            (json!({"userId": "a", "endUser": {"displayName": "bell\u{7}"}}), "endUser.displayName"),
            (json!({"userId": "a", "endUser": {"phone": "1"}}), "endUser"),
            (json!({"userId": "a", "endUser": "Ada"}), "endUser"),
            (json!({"userId": "a", "organization": {"name": "No id"}}), "organization.id"),
            (json!({"userId": "a", "tags": (0..11).map(|i| (format!("k{i}"), json!("v"))).collect::<serde_json::Map<_, _>>()}), "tags"),
            (json!({"userId": "a", "tags": {"plan": 3}}), "tags"),
            (json!({"userId": "a", "locale": "deutsch!"}), "locale"),
            (json!({"userId": "a", "allowedIntegrations": "ci_01_slack"}), "allowedIntegrations"),
            (json!({"userId": "a", "allowedIntegrations": [".."]}), "allowedIntegrations"),
            (json!({"userId": "a", "allowedIntegrations": []}), "allowedIntegrations"),
        ] {
            let (status, v) = mint(&app, body.clone()).await;
            assert_eq!((status, v["field"].as_str()), (400, Some(field)), "{body}: {v}");
        }

        let (status, v) = mint(
            &app,
            json!({"userId": "ada", "allowedIntegrations": ["ci_01_slack", "ci_02_github"],
                   "endUser": {"displayName": "<b>Ada</b> Lovelace", "email": "ada@example.com"},
                   "organization": {"id": "org_9", "name": "Analytical Engines"}, "tags": {"plan": "pro"}, "locale": "de"}),
        )
        .await;
        assert_eq!(status, 201, "{v}");
        let c = browser();
        app.use_link(&c, v["url"].as_str().unwrap()).await;
        let (_, html) = app.page(&c, "/").await;
        let names: Vec<String> = cards(&html).into_iter().map(|c| c.0).collect();
        assert_eq!(names, ["GitHub", "Slack"], "only the link's integrations");
        assert!(html.contains("&lt;b&gt;Ada&lt;/b&gt; Lovelace") && !html.contains("<b>Ada</b>"), "escaped: {html}");
        // Connect to another integration, forged: refused, in words, with 403.
        assert_eq!(app.connect(&c, "ci_05_notion").await, "/?error=not_allowed");
        let (status, html) = app.page(&c, "/?error=not_allowed").await;
        assert_eq!(status, 403);
        // In the language the host asked for with the link (`locale: "de"`).
        assert!(html.contains(r#"<html lang="de" dir="ltr">"#), "{html}");
        assert!(html.contains("Dieser Portal-Link umfasst diese Integration nicht."), "{html}");
        assert!(app.connect(&c, "ci_01_slack").await.contains("/authorize/"), "an allowed one still connects");

        // The registry keeps what the host said, the latest link winning part by part; the console shows it.
        let (_, _) = mint(&app, json!({"userId": "ada", "endUser": {"displayName": "Ada King"}})).await;
        let info = app.state.db.user_info(&plugboard::domain::UserId::parse("ada").unwrap()).await.unwrap().unwrap();
        assert_eq!(info.profile.display_name.as_deref(), Some("Ada King"));
        assert_eq!(info.profile.email.as_deref(), Some("ada@example.com"));
        assert_eq!(info.profile.locale.as_deref(), Some("de"));
        let admin = app.admin().await;
        let (_, page) = app.page(&admin, &format!("/admin/users/{}", info.reference)).await;
        assert!(page.contains("Ada King") && page.contains("ada@example.com") && page.contains("Analytical Engines") && page.contains("plan=pro"), "{page}");
        let (_, matrix) = app.page(&admin, "/admin?org=org_9").await;
        assert_eq!(matrix_users(&matrix), ["ada"]);
        let (_, matrix) = app.page(&admin, "/admin?org=org_other").await;
        assert!(matrix_users(&matrix).is_empty());
        let csv = admin.get(app.url("/admin/export.csv")).send().await.unwrap().text().await.unwrap();
        let head = csv.lines().next().unwrap();
        assert!(head.starts_with("user_id,display_name,email,organization_id,organization_name,tags,first_seen"), "{head}");
        assert!(csv.contains("ada,Ada King,ada@example.com,org_9,Analytical Engines,plan=pro,"), "{csv}");
    })
}

#[test]
fn the_read_api_serves_states_from_the_snapshot_or_live() {
    run(async {
        let app = app().await;
        let (status, v) = get(&app, "/api/v1/users/nobody/connections").await;
        assert_eq!((status, v["error"].as_str()), (404, Some("unknown_user")));
        let unauthorized = Client::new().get(app.url("/api/v1/users/x/connections")).send().await.unwrap();
        assert_eq!(unauthorized.status(), 401);

        // An id with a slash, a space and unicode round-trips through the path.
        let id = "team/ü x";
        let c = app.signed_in(id).await;
        let (_, _) = app.page(&c, "/").await;
        app.state.connections.flush().await;
        let path = format!("/api/v1/users/{}/connections", "team%2F%C3%BC%20x");
        let before = app.sandbox.sandbox.stats().user;
        let (status, v) = get(&app, &path).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(app.sandbox.sandbox.stats().user, before, "served from the snapshot: no upstream call");
        assert_eq!(v["userId"], id);
        let slack = v["connections"].as_array().unwrap().iter().find(|c| c["customerIntegrationId"] == "ci_01_slack").unwrap().clone();
        assert_eq!((slack["name"].as_str(), slack["state"].as_str()), (Some("Slack"), Some("not_connected")));
        assert!(slack["checkedAt"].as_str().is_some());
        let n = v["connections"].as_array().unwrap().len();

        // Connected and then revoked elsewhere: the snapshot still says connected, ?fresh=true reads live.
        let authorize = app.connect(&c, "ci_01_slack").await;
        let back = app.authorize(&authorize, &[("decision", "approve")]).await;
        let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
        let resp = http()
            .post(app.sandbox.api_url.join("_sandbox/users").unwrap())
            .header("x-api-key", app.sandbox.sandbox.api_key())
            .json(&json!({"customerIntegrationId": "ci_01_slack", "userId": id, "active": false}))
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success());
        let state_of = |v: &serde_json::Value| {
            v["connections"].as_array().unwrap().iter().find(|c| c["customerIntegrationId"] == "ci_01_slack").unwrap()["state"].clone()
        };
        let (_, v) = get(&app, &path).await;
        assert_eq!(state_of(&v), "connected");
        assert!(v["connections"][0]["updatedAt"].is_string() || state_of(&v) == "connected");
        let before = app.sandbox.sandbox.stats().user;
        let (_, v) = get(&app, &format!("{path}?fresh=true")).await;
        assert_eq!(state_of(&v), "needs_reconnect");
        assert_eq!(app.sandbox.sandbox.stats().user - before, n as u64, "one live read per integration");
        let (status, v) = get(&app, &format!("{path}?fresh=maybe")).await;
        assert_eq!((status, v["field"].as_str()), (400, Some("fresh")));
    })
}

#[test]
fn the_event_feed_pages_with_an_opaque_cursor_and_filters() {
    run(async {
        let app = app().await;
        for u in ["e1", "e2", "e3"] {
            let (_, v) = mint(&app, json!({"userId": u})).await; // link_minted
            app.use_link(&browser(), v["url"].as_str().unwrap()).await; // link_opened, link_used
        }
        let (status, v) = get(&app, "/api/v1/events?limit=4").await;
        assert_eq!(status, 200, "{v}");
        let page1 = v["events"].as_array().unwrap().clone();
        assert_eq!(page1.len(), 4);
        assert_eq!((page1[0]["kind"].as_str(), page1[0]["userId"].as_str()), (Some("link_minted"), Some("e1")));
        let next = v["nextCursor"].as_str().unwrap().to_owned();
        let (_, v) = get(&app, &format!("/api/v1/events?after={next}&limit=100")).await;
        let page2 = v["events"].as_array().unwrap().clone();
        assert_eq!(page2.len(), 5, "{v}");
        assert_eq!((page2[0]["kind"].as_str(), page2[0]["userId"].as_str()), (Some("link_opened"), Some("e2")));
        let end = v["nextCursor"].as_str().unwrap().to_owned();
        let (_, v) = get(&app, &format!("/api/v1/events?after={end}")).await;
        assert_eq!((v["events"].as_array().unwrap().len(), v["nextCursor"].as_str()), (0, Some(end.as_str())), "caught up: same cursor");
        let (_, v) = get(&app, "/api/v1/events?userId=e2&kind=link_used").await;
        let only: Vec<_> = v["events"].as_array().unwrap().iter().map(|e| (e["userId"].clone(), e["kind"].clone())).collect();
        assert_eq!(only, [(json!("e2"), json!("link_used"))]);
        for (q, field) in [("after=garbage", "after"), ("limit=0", "limit"), ("limit=1001", "limit"), ("kind=nope", "kind")] {
            let (status, v) = get(&app, &format!("/api/v1/events?{q}")).await;
            assert_eq!((status, v["field"].as_str()), (400, Some(field)), "{q}");
        }
    })
}

#[test]
fn erasing_a_user_forgets_them_and_stops_their_links() {
    run(async {
        let app = app().await;
        let (_, v) = mint(&app, json!({"userId": "zed", "endUser": {"email": "zed@example.com"}})).await;
        let old_link = v["url"].as_str().unwrap().to_owned();
        let c = app.signed_in("zed").await;
        let _ = app.page(&c, "/").await;
        app.state.connections.flush().await;
        let resp = Client::new().delete(app.url("/api/v1/users/zed")).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(resp.status(), 204);
        let user = plugboard::domain::UserId::parse("zed").unwrap();
        assert!(app.state.db.user_info(&user).await.unwrap().is_none());
        assert!(app.state.db.snapshots(&user).await.unwrap().is_empty());
        let (status, _) = get(&app, "/api/v1/users/zed/connections").await;
        assert_eq!(status, 404);
        // Events keep their facts, with the user replaced by a tombstone; the erasure itself is logged without the id.
        let (_, v) = get(&app, "/api/v1/events?limit=1000").await;
        let events = v["events"].as_array().unwrap();
        assert!(events.iter().all(|e| e["userId"] != "zed"), "{v}");
        assert!(events.iter().any(|e| e["userId"].as_str().is_some_and(|u| u.starts_with("erased-"))));
        assert_eq!(events.last().unwrap()["kind"], "user_erased");
        // A link minted before the erasure no longer works.
        let (status, html) = app.page(&browser(), old_link.trim_start_matches(&app.base)).await;
        assert_eq!(status, 410, "{html}");
        assert!(html.contains("no longer works"), "{html}");
        // Deleting again is fine.
        let resp = Client::new().delete(app.url("/api/v1/users/zed")).bearer_auth(TOKEN).send().await.unwrap();
        assert_eq!(resp.status(), 204);
    })
}
