//! The admin console over real HTTP: sign-in and its rate limit, the registry, matrix, user page, events, export, refresher.

use crate::helpers::*;
use plugboard::domain::{EventDetail, EventKind, StateKey, StatusHint};
use plugboard::services::registry::EventQuery;

#[test]
fn the_registry_records_users_events_and_snapshots() {
    run(the_registry_records_users_events_and_snapshots_body())
}

async fn the_registry_records_users_events_and_snapshots_body() {
    let app = spawn_app(&[]).await;
    let db = &app.state.db;
    let user = plugboard::domain::UserId::parse("pia").unwrap();
    let c = app.signed_in("pia").await;
    let _ = app.page(&browser(), "/link/v1.abc").await;
    let authorize = app.connect(&c, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
    let _ = app.page(&c, "/").await;
    app.state.connections.flush().await; // snapshots are written off the page's path

    let info = db.user_info(&user).await.unwrap().expect("registered on sign-in");
    assert!(info.first_seen <= info.last_seen);
    let history = EventQuery { user: Some(&user), ..Default::default() };
    let events = db.events(&history, 0, 50).await.unwrap();
    let kinds: Vec<EventKind> = events.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        vec![
            EventKind::CallbackReceived,
            EventKind::ConnectionCreated,
            EventKind::ConnectStarted,
            EventKind::LinkUsed,
            EventKind::LinkOpened
        ],
        "newest first; the verified change between the connect and the callback's record"
    );
    let callback = &events[0];
    assert!(
        matches!(callback.detail, EventDetail::Callback { reported: StatusHint::Success, verified: StateKey::Connected, took_ms: Some(_) }),
        "{:?}",
        callback.detail
    );
    assert_eq!(callback.integration.as_ref().map(|i| i.as_str()), Some("ci_01_slack"));
    let rejected: i64 = sqlx::Row::get(
        &sqlx::query("SELECT COUNT(*) FROM events WHERE kind = 'link_rejected' AND detail = 'malformed'")
            .fetch_one(db.pool())
            .await
            .unwrap(),
        0,
    );
    assert_eq!(rejected, 1);
    let snaps = db.snapshots(&user).await.unwrap();
    assert!(snaps.len() >= 10, "every card seen on the page: {}", snaps.len());
    let slack = snaps.iter().find(|s| s.integration.as_str() == "ci_01_slack").unwrap();
    assert_eq!(slack.state.key(), StateKey::Connected);
    assert!(slack.state.since().is_some());

    // Unknown never overwrites what we knew.
    let slack_id = plugboard::domain::CustomerIntegrationId::parse("ci_01_slack").unwrap();
    db.record_snapshot(&user, &slack_id, &plugboard::domain::ConnState::Unknown, chrono::Utc::now()).await.unwrap();
    let again = db.snapshots(&user).await.unwrap();
    assert_eq!(again.iter().find(|s| s.integration.as_str() == "ci_01_slack").unwrap(), slack);
}

#[test]
fn admin_sign_in_access_and_rate_limit() {
    run(admin_sign_in_access_and_rate_limit_body())
}

async fn admin_sign_in_access_and_rate_limit_body() {
    let off = spawn_app(&[]).await;
    let (status, html) = off.page(&browser(), "/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("The admin console is off") && html.contains("PLUGBOARD_ADMIN_PASSWORD"));

    const PASSWORD: &str = "correct horse battery staple";
    let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", PASSWORD)]).await;
    let end_user = app.signed_in("quinn").await;
    let _ = app.page(&end_user, "/").await;
    app.state.connections.flush().await;

    // End-user sessions are refused with 403, on the page and on the admin server function.
    let (status, html) = app.page(&end_user, "/admin").await;
    assert_eq!(status, 403);
    assert!(html.contains("Admins only"));
    let resp = end_user.post(app.url("/api/admin-matrix")).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_eq!(resp.status(), 403);

    let admin = browser();
    let (status, html) = app.page(&admin, "/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("Admin sign-in"));
    let sign_in = |c: &Client, password: &str| {
        c.post(app.url("/api/admin-sign-in"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("password", password)])
            .send()
    };
    let resp = sign_in(&admin, "wrong password!").await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    assert_eq!(resp.headers()[header::LOCATION], "/admin?error=wrong");
    let (_, html) = app.page(&admin, "/admin?error=wrong").await;
    assert!(html.contains("That password is not right."));

    let resp = sign_in(&admin, PASSWORD).await.unwrap();
    assert_eq!(resp.headers()[header::LOCATION], "/admin");
    let cookie = resp.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("plugboard_session=") && cookie.contains("Max-Age="), "{cookie}");
    let max_age: i64 = Regex::new(r"Max-Age=(\d+)").unwrap().captures(&cookie).unwrap()[1].parse().unwrap();
    assert!(max_age <= 30 * 60, "admin sessions are shorter than end users': {max_age}");
    let (status, html) = app.page(&admin, "/admin").await;
    assert_eq!(status, 200);
    assert!(html.contains("Connections") && html.contains("quinn") && html.contains("Not connected"), "{html}");

    // Five failed attempts per client (successes do not count), then a clear message.
    for _ in 0..6 {
        let resp = sign_in(&browser(), PASSWORD).await.unwrap();
        assert_eq!(resp.headers()[header::LOCATION], "/admin");
    }
    let attacker = browser();
    for _ in 0..4 {
        let resp = sign_in(&attacker, "guess").await.unwrap();
        assert_eq!(resp.headers()[header::LOCATION], "/admin?error=wrong");
    }
    let resp = sign_in(&attacker, "guess").await.unwrap();
    let loc = resp.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert!(loc.starts_with("/admin?error=limited&minutes="), "{loc}");
    let (_, html) = app.page(&attacker, &loc).await;
    assert!(html.contains("Too many sign-in attempts"));
    let resp = sign_in(&attacker, PASSWORD).await.unwrap();
    assert!(resp.headers()[header::LOCATION].to_str().unwrap().contains("limited"), "even the right password waits");
}

#[test]
fn console_matrix_user_page_events_and_export() {
    run(console_matrix_user_page_events_and_export_body())
}

async fn console_matrix_user_page_events_and_export_body() {
    let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
    let db = &app.state.db;
    // A portal user connects Slack (OAuth) a moment before the admin looks.
    let quinn = app.signed_in("quinn").await;
    let _ = app.page(&quinn, "/").await;
    let authorize = app.connect(&quinn, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let (_, html) = app.page(&quinn, back.trim_start_matches(&app.base)).await;
    assert!(html.contains("Connected to Slack"));
    app.state.connections.flush().await; // page-view snapshots are batched

    let admin = app.admin().await;
    // Column order is the portal's (by name); find Slack's and GitHub's.
    let (_, html) = app.page(&admin, "/admin").await;
    let headers: Vec<String> = Regex::new(r#"<th scope="col">([^<]*)</th>"#)
        .unwrap()
        .captures_iter(&html[html.find("class=\"matrix\"").unwrap()..])
        .map(|c| c[1].to_owned())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap() - 2; // User, Last seen come first
    assert_eq!(cell(&html, "quinn", col("Slack")), "connected", "the callback updated the snapshot at once");
    assert_eq!(cell(&html, "quinn", col("GitHub")), "not_connected", "the page view updated the snapshot");

    // Users added by hand, with ids a spreadsheet would run and ids that need quoting.
    let (status, loc) = app.post_form(&admin, "/api/admin-add-user", &[("user_id", "=HYPERLINK(\"http://x\")")]).await;
    assert_eq!(status, StatusCode::FOUND);
    assert!(loc.starts_with("/admin/users/") && !loc.contains("HYPERLINK"), "{loc}");
    let (_, _) = app.post_form(&admin, "/api/admin-add-user", &[("user_id", "zed, \"the\" user")]).await;
    let (_, loc) = app.post_form(&admin, "/api/admin-add-user", &[("user_id", "..")]).await;
    assert_eq!(loc, "/admin?add_error=user_id");
    let (_, html) = app.page(&admin, "/admin?add_error=user_id").await;
    assert!(html.contains("That is not a usable user id"));
    for i in 0..55 {
        db.add_user(&plugboard::domain::UserId::parse(format!("bulk-{i:02}")).unwrap(), chrono::Utc::now()).await.unwrap();
    }

    // Filters and paging, all in the URL.
    let (_, html) = app.page(&admin, "/admin?state=connected").await;
    assert_eq!(matrix_users(&html), vec!["quinn"]);
    let (_, html) = app.page(&admin, "/admin?q=ZED").await;
    assert_eq!(matrix_users(&html), vec!["zed, \"the\" user"]);
    let (_, html) = app.page(&admin, "/admin?integration=ci_02_github&state=not_connected").await;
    assert_eq!(matrix_users(&html), vec!["quinn"]);
    assert_eq!(html.matches("<th scope=\"col\">GitHub</th>").count(), 1, "one column");
    assert_eq!(html.matches("<th scope=\"col\">Slack</th>").count(), 0);
    assert_eq!(html.matches("<tr data-integration=").count(), 1, "one summary row");
    let (_, html) = app.page(&admin, "/admin?q=bulk").await;
    assert_eq!(matrix_users(&html).len(), 50);
    assert!(html.contains("55 of 58 users match; showing 50, seen"), "{}", &html[..2000.min(html.len())]);
    let next = Regex::new(r#"href="/admin\?q=bulk&amp;older=([0-9]+\.[A-Za-z0-9_-]+)" rel="next""#).unwrap();
    let key = next.captures(&html).expect("the next page keeps the filter, by key")[1].to_owned();
    assert!(!html.contains("rel=\"prev\""), "nothing is newer than the first page");
    let (_, html) = app.page(&admin, &format!("/admin?q=bulk&older={key}")).await;
    assert_eq!(matrix_users(&html).len(), 5);
    assert!(html.contains("rel=\"prev\"") && !html.contains("rel=\"next\""), "back, and nothing older");
    for far in ["99999999999999", "99999999999999."] {
        let (_, html) = app.page(&admin, &format!("/admin?q=bulk&older={far}")).await;
        assert_eq!(matrix_users(&html).len(), 50, "a key of a time alone: everyone seen before it ({far})");
    }
    let (_, html) = app.page(&admin, "/admin?q=bulk&oldest=1&state=bogus").await;
    assert_eq!(matrix_users(&html).len(), 50, "the least recent page is full; an unknown state is ignored");
    assert!(matrix_users(&html).contains(&"bulk-00".to_owned()), "the first added is among the least recently seen");
    // Summary counts per integration: quinn connected to Slack, the others unknown.
    let (_, html) = app.page(&admin, "/admin").await;
    let slack_counts = &html[html.find("<tr data-integration=\"ci_01_slack\"").unwrap()..];
    let slack_counts = &slack_counts[..slack_counts.find("</tr>").unwrap()];
    let n: Vec<String> =
        Regex::new(r">(\d+)</a>").unwrap().captures_iter(slack_counts).map(|c| c[1].to_owned()).collect();
    assert_eq!(n, vec!["1", "0", "0", "57"]);

    // The user page: opaque reference, state, history, check now.
    let (_, html) = app.page(&admin, "/admin?q=quinn").await;
    let href = Regex::new(r#"href="(/admin/users/[^"]+)""#).unwrap().captures(&html).unwrap()[1].to_owned();
    assert!(!href.contains("quinn"));
    let (status, html) = app.page(&admin, &href).await;
    assert_eq!(status, 200);
    assert!(html.contains("quinn") && html.contains("Returned from authorization") && html.contains("Connect started"));
    let slack_line = &html[html.find("<tr data-integration=\"ci_01_slack\"").unwrap()..];
    assert!(slack_line[..slack_line.find("</tr>").unwrap()].contains("state-connected"));
    let resp = http()
        .post(app.sandbox.api_url.join("_sandbox/revoke").unwrap())
        .header("x-api-key", app.sandbox.sandbox.api_key())
        .json(&json!({"customerIntegrationId": "ci_01_slack", "userId": "quinn"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let reference = href.trim_start_matches("/admin/users/").to_owned();
    let before = app.sandbox.sandbox.stats().user;
    let (status, loc) = app.post_form(&admin, "/api/admin-check-user", &[("reference", &reference)]).await;
    assert_eq!((status, loc.as_str()), (StatusCode::FOUND, format!("{href}?checked=ok").as_str()));
    assert_eq!(app.sandbox.sandbox.stats().user - before, 11, "one live GET per active integration");
    let (_, html) = app.page(&admin, &loc).await;
    assert!(html.contains("Checked just now"));
    let slack_line = &html[html.find("<tr data-integration=\"ci_01_slack\"").unwrap()..];
    assert!(slack_line[..slack_line.find("</tr>").unwrap()].contains("state-needs_reconnect"));
    assert!(html.contains("Checked by an admin"));
    // The connection.lost webhook's reconnect link is part of the user's history: wait for its delivery (the worker
    // runs beside this test) rather than race it.
    app.wait_for_inbox("connection.lost").await;

    // Create portal link: shown once, and it signs a fresh browser in as that user.
    let (status, loc) =
        app.post_form(&admin, "/api/admin-create-link", &[("reference", &reference), ("ttl_minutes", "60")]).await;
    assert_eq!((status, loc.as_str()), (StatusCode::FOUND, format!("{href}#portal-link").as_str()));
    let (_, html) = app.page(&admin, &href).await;
    let url = Regex::new(r#"id="minted-url" type="text" readonly value="([^"]+)""#)
        .unwrap()
        .captures(&html)
        .unwrap_or_else(|| panic!("{html}"))[1]
        .to_owned();
    assert!(html.contains("Portal link created") && html.contains("Expires"));
    let (_, again) = app.page(&admin, &href).await;
    assert!(!again.contains("Portal link created"), "the link is shown once");
    let fresh = browser();
    app.use_link(&fresh, &url).await;
    let (_, portal) = app.page(&fresh, "/").await;
    assert_eq!(state_of(&portal, "Slack"), "needs_reconnect", "signed in as the user the link was made for");
    let (_, bad) = app.post_form(&admin, "/api/admin-create-link", &[("reference", &reference), ("ttl_minutes", "0")]).await;
    assert_eq!(bad, format!("{href}?link_error=ttl"));
    let (status, _) = app.page(&admin, "/admin/users/not-a-reference").await;
    assert_eq!(status, 404);

    // CSV export of the filtered matrix: streamed, quoted, formula-safe.
    let resp = admin.get(app.url("/admin/export.csv?state=unknown")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(resp.headers()[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment; filename=\"connections-"));
    let csv = resp.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("user_id,display_name,email,organization_id,organization_name,tags,first_seen,last_seen,"), "{}", lines[0]);
    assert_eq!(lines[0].split(',').count(), 8 + 2 * 11);
    assert!(lines.iter().any(|l| l.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",")), "{csv}");
    assert!(lines.iter().any(|l| l.starts_with("\"zed, \"\"the\"\" user\",")), "{csv}");
    assert!(!lines.iter().any(|l| l.starts_with("quinn")), "filtered like the page (quinn's states are all known)");
    assert_eq!(lines.len(), 1 + 55 + 2, "header, bulk-*, and the two added users");
    // Compressed, as browsers ask for it: the stream ends cleanly (a compressor polls once more after the end).
    for encoding in ["gzip", "br"] {
        let resp = admin.get(app.url("/admin/export.csv")).header(header::ACCEPT_ENCODING, encoding).send().await.unwrap();
        assert_eq!(resp.headers()[header::CONTENT_ENCODING], encoding);
        let body = resp.bytes().await.expect("the whole compressed export arrives");
        assert!(body.len() > 100, "{encoding}: {} bytes", body.len());
    }
    let csv = admin.get(app.url("/admin/export.csv?state=needs_reconnect&integration=ci_01_slack")).send().await.unwrap();
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].ends_with(",Slack,Slack checked at") && lines[1].starts_with("quinn,") && lines[1].contains(",needs_reconnect,"));

    // Events: filter by user, integration and kind; admin actions are in the log.
    let (_, html) = app.page(&admin, "/admin/events?kind=admin_checked").await;
    assert_eq!(html.matches("<tr data-kind=").count(), 1);
    let (_, html) = app.page(&admin, "/admin/events?user=quinn").await;
    let kinds: Vec<String> =
        Regex::new(r#"<tr data-kind="([a-z_.]+)""#).unwrap().captures_iter(&html).map(|c| c[1].to_owned()).collect();
    // Newest first. The webhook's reconnect link is minted by the delivery worker at a moment of its own, and the
    // lost change and the admin's check record may share a millisecond: those are compared as a set.
    // Each link is opened (its landing page), then used.
    assert_eq!(&kinds[..2], ["link_used", "link_opened"], "{kinds:?}");
    assert_eq!(
        &kinds[kinds.len() - 5..],
        ["callback_received", "connection.created", "connect_started", "link_used", "link_opened"],
        "{kinds:?}"
    );
    let mut middle = kinds[2..kinds.len() - 5].to_vec();
    middle.sort();
    assert_eq!(middle, ["admin_checked", "connection.lost", "link_minted", "link_minted"], "{kinds:?}");
    assert!(html.contains("for a connection.lost webhook (reconnect link)") && html.contains("in the admin console"), "{html}");
    let (_, html) = app.page(&admin, "/admin/events?integration=ci_01_slack").await;
    assert_eq!(html.matches("<tr data-kind=").count(), 4, "connect started, created, lost, callback");
    let (_, html) = app.page(&admin, "/admin/events").await;
    for kind in ["admin_signed_in", "admin_user_added", "admin_exported", "link_minted"] {
        assert!(html.contains(&format!("data-kind=\"{kind}\"")), "{kind}");
    }

    // End users get 403 on every admin page, action and export; anonymous clients get the sign-in.
    for path in ["/admin", "/admin/events", &href] {
        let (status, html) = app.page(&quinn, path).await;
        assert_eq!(status, 403, "{path}");
        assert!(html.contains("Admins only"));
    }
    assert_eq!(quinn.get(app.url("/admin/export.csv")).send().await.unwrap().status(), 403);
    for (path, form) in [
        ("/api/admin-add-user", vec![("user_id", "mallory")]),
        ("/api/admin-check-user", vec![("reference", reference.as_str())]),
        ("/api/admin-create-link", vec![("reference", reference.as_str()), ("ttl_minutes", "60")]),
        ("/api/admin-matrix", vec![]),
    ] {
        let (status, _) = app.post_form(&quinn, path, &form).await;
        assert_eq!(status, 403, "{path}");
    }
    assert!(db.user_info(&plugboard::domain::UserId::parse("mallory").unwrap()).await.unwrap().is_none());
    let anon = browser();
    let resp = anon.get(app.url("/admin/export.csv")).send().await.unwrap();
    assert_eq!((resp.status(), resp.headers()[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, "/admin"));
    let (status, _) = app.post_form(&anon, "/api/admin-create-link", &[("reference", &reference), ("ttl_minutes", "60")]).await;
    assert_eq!(status, 401);
    let (status, html) = app.page(&anon, &href).await;
    assert!(status == 200 && html.contains("Admin sign-in"));

    // Sign-out ends the admin session.
    let (_, loc) = app.post_form(&admin, "/api/admin-sign-out", &[]).await;
    assert_eq!(loc, "/admin");
    let (_, html) = app.page(&admin, "/admin").await;
    assert!(html.contains("Admin sign-in"));
}

#[test]
fn the_refresher_keeps_its_budget_and_goes_oldest_first() {
    run(the_refresher_keeps_its_budget_and_goes_oldest_first_body())
}

async fn the_refresher_keeps_its_budget_and_goes_oldest_first_body() {
    use plugboard::domain::{ConnState, CustomerIntegrationId, UserId};
    let app = spawn_app(&[]).await;
    let db = &app.state.db;
    let active: Vec<CustomerIntegrationId> =
        app.state.catalog.integrations().await.unwrap().iter().map(|i| i.customer_integration_id.clone()).collect();
    assert_eq!(active.len(), 11);
    let (missing, old, older) =
        (UserId::parse("r-missing").unwrap(), UserId::parse("r-old").unwrap(), UserId::parse("r-older").unwrap());
    let epoch = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap();
    for u in [&missing, &old, &older] {
        db.touch_user(u, chrono::Utc::now()).await.unwrap();
    }
    for i in &active {
        db.record_snapshot(&older, i, &ConnState::NotConnected, epoch(1_000)).await.unwrap();
        db.record_snapshot(&old, i, &ConnState::NotConnected, epoch(2_000)).await.unwrap();
    }
    let before = app.sandbox.sandbox.stats().user;
    let started = std::time::Instant::now();
    let refresher = plugboard::console::refresher::Refresher::new(
        app.state.catalog.clone(),
        app.state.connections.clone(),
        db.clone(),
        10,
        std::time::Duration::from_secs(300),
    )
    .unwrap()
    .spawn();
    // Wait for 14 checks: the 11 never-checked pairs, then 3 of the oldest.
    let calls = loop {
        let calls = app.sandbox.sandbox.stats().user - before;
        if calls >= 14 || started.elapsed() > std::time::Duration::from_secs(10) {
            break calls;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    let elapsed = started.elapsed().as_secs_f64();
    let tried = |u: &UserId| {
        let u = u.clone();
        async move { db.tried_at(&u).await.unwrap() }
    };
    let fresh = |v: &[(CustomerIntegrationId, chrono::DateTime<chrono::Utc>)]| v.iter().filter(|(_, t)| *t > epoch(10_000)).count();
    // The last answers are written (a condition, not a pause).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let (m, o) = loop {
        let (m, o) = (tried(&missing).await, tried(&older).await);
        if (fresh(&m) == 11 && fresh(&o) >= 2) || std::time::Instant::now() > deadline {
            break (m, o);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert!(calls >= 14, "the refresher works: {calls} calls");
    assert!(
        (calls as f64) <= 1.0 + 10.0 * elapsed + 1.0,
        "budget of 10/s: {calls} calls in {elapsed:.2} s"
    );
    assert!(elapsed >= 1.2, "14 calls at 10/s take at least 1.3 s: {elapsed:.2} s");
    assert_eq!((m.len(), fresh(&m)), (11, 11), "never-checked pairs first");
    assert!(fresh(&o) >= 2, "then the oldest: {o:?}");

    // It keeps going (on to the less old pairs), and over the longer window the budget still holds.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let calls = loop {
        let calls = app.sandbox.sandbox.stats().user - before;
        if calls >= 26 {
            break calls;
        }
        assert!(std::time::Instant::now() < deadline, "the refresher stopped after {calls} calls");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    let elapsed = started.elapsed().as_secs_f64();
    refresher.abort();
    assert!((calls as f64) <= 2.0 + 10.0 * elapsed, "{calls} calls in {elapsed:.2} s");
    // The order, whatever the machine's speed: the older pairs' round came first (checks of one round run
    // concurrently under the budget, in no particular order, so only rounds are ordered).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let (o, oo) = loop {
        let (o, oo) = (tried(&older).await, tried(&old).await);
        if (fresh(&o) == 11 && fresh(&oo) >= 1) || std::time::Instant::now() > deadline {
            break (o, oo);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert_eq!(fresh(&o), 11, "{o:?}");
    let first_older = o.iter().map(|(_, t)| *t).min().unwrap();
    let first_old = oo.iter().map(|(_, t)| *t).filter(|t| *t > epoch(10_000)).min().unwrap();
    assert!(first_older <= first_old, "the oldest first: {o:?} then {oo:?}");
}

