//! Every admin action names the admin (issue 21): with the shared password, `password`; the event log shows an
//! Actor column (`data-actor`) and filters by it.

use crate::helpers::*;
use plugboard::domain::EventKind;
use regex::Regex;
use reqwest::StatusCode;

/// (kind, actor) of each row of an events page.
fn rows(html: &str) -> Vec<(String, String)> {
    Regex::new(r#"<tr data-kind="([a-z_.]+)" data-actor="([^"]*)""#)
        .unwrap()
        .captures_iter(html)
        .map(|c| (c[1].to_owned(), c[2].to_owned()))
        .collect()
}

#[test]
fn every_admin_action_names_the_admin_and_the_log_filters_by_actor() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let c = app.signed_in("acted-on").await;
        let back = app.authorize(&app.connect(&c, "ci_01_slack").await, &[("decision", "approve")]).await;
        let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
        let admin = app.admin().await;
        app.check_now(&admin, "acted-on").await;
        let info = app.state.db.user_info(&plugboard::domain::UserId::parse("acted-on").unwrap()).await.unwrap().unwrap();
        let (status, _) = app.post_form(&admin, "/api/admin-create-link", &[("reference", info.reference.as_str()), ("ttl_minutes", "15")]).await;
        assert_eq!(status, StatusCode::FOUND);
        let (status, _) = app.post_form(&admin, "/api/admin-add-user", &[("user_id", "added-by-hand")]).await;
        assert_eq!(status, StatusCode::FOUND);
        assert_eq!(admin.get(app.url("/admin/export.csv")).send().await.unwrap().status(), 200);
        assert_eq!(admin.get(app.url("/admin/funnel.csv")).send().await.unwrap().status(), 200);

        let (_, html) = app.page(&admin, "/admin/events?actor=password").await;
        let acted = rows(&html);
        assert!(acted.iter().all(|(_, actor)| actor == "password"), "{acted:?}");
        let mut kinds: Vec<&str> = acted.iter().map(|(k, _)| k.as_str()).collect();
        kinds.sort();
        assert_eq!(
            kinds,
            ["admin_checked", "admin_exported", "admin_exported", "admin_signed_in", "admin_user_added", "link_minted"],
            "{acted:?}"
        );
        assert!(html.contains(r#"<th scope="col">Actor</th>"#) && html.contains(r#"value="password""#), "the filter is kept");
        // What no admin did names nobody.
        let (_, html) = app.page(&admin, "/admin/events").await;
        let all = rows(&html);
        assert!(all.iter().any(|(k, a)| k == "link_used" && a.is_empty()), "{all:?}");
        assert!(all.iter().any(|(k, a)| k == "callback_received" && a.is_empty()), "{all:?}");
        let (_, html) = app.page(&admin, "/admin/events?actor=someone%40example.com").await;
        assert!(rows(&html).is_empty());

        // Signing out is an admin action too.
        let (status, _) = app.post_form(&admin, "/api/admin-sign-out", &[]).await;
        assert_eq!(status, StatusCode::FOUND);
        let events = app.state.db.events(&Default::default(), 0, 5).await.unwrap();
        let out = events.iter().find(|e| e.kind == EventKind::AdminSignedOut).expect("signed out");
        assert_eq!(out.actor.as_deref(), Some("password"));
    })
}
