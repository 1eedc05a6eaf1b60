//! Connect over real HTTP: the integrations page, its states and filters, refusals, upstream faults, security headers.

use crate::helpers::*;

#[test]
fn connect_authorize_callback_shows_the_verified_state() {
    run(connect_authorize_callback_shows_the_verified_state_body())
}

async fn connect_authorize_callback_shows_the_verified_state_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("carol").await;
    let authorize = app.connect(&c, "ci_01_slack").await;
    assert!(authorize.starts_with(&format!("http://localhost:{}/authorize/", app.sandbox.addr.port())), "{authorize}");
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let prefix = format!("{}/callback/", app.base);
    assert!(back.starts_with(&prefix) && back.ends_with("?status=success"), "{back}");
    let path = back.trim_start_matches(&app.base).to_owned();

    let (status, html) = app.page(&c, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Connected to Slack"), "{html}");
    assert!(html.contains(r#"data-outcome="connected""#));

    // A reload in the same session shows the same result again, without asking the API again; another session
    // still gets 403.
    let before = app.sandbox.sandbox.stats().user;
    let (status, html) = app.page(&c, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains("Connected to Slack") && html.contains(r#"data-outcome="connected""#), "{html}");
    assert_eq!(app.sandbox.sandbox.stats().user, before, "the reload read the stored result");
    let stranger = app.signed_in("carol").await;
    let (status, _) = app.page(&stranger, &path).await;
    assert_eq!(status, 403);

    let (_, html) = app.page(&c, "/").await;
    assert_eq!(state_of(&html, "Slack"), "connected");
    assert!(html.contains("Connected since"));
    assert!(html.contains("Reconnect"));
}

#[test]
fn connect_refuses_unknown_integrations_cross_site_posts_and_strangers() {
    run(connect_refuses_unknown_integrations_cross_site_posts_and_strangers_body())
}

async fn connect_refuses_unknown_integrations_cross_site_posts_and_strangers_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("hank").await;
    let loc = app.connect(&c, "ci_12_jira").await;
    assert_eq!(loc, "/?error=unknown_integration", "inactive integrations cannot be connected");
    let loc = app.connect(&c, "nope/../../x").await;
    assert_eq!(loc, "/?error=unknown_integration");
    let (_, html) = app.page(&c, &loc).await;
    assert!(html.contains("That integration is not available any more"));

    let resp = c
        .post(app.url("/api/connect"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("integration_id", "ci_01_slack")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = c
        .post(app.url("/api/connect"))
        .header(header::ORIGIN, "https://evil.example")
        .form(&[("integration_id", "ci_01_slack")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let n: i64 = sqlx::Row::get(
        &sqlx::query("SELECT COUNT(*) FROM connect_attempts").fetch_one(app.state.db.pool()).await.unwrap(),
        0,
    );
    assert_eq!(n, 0, "nothing was started");

    let loc = app.connect(&browser(), "ci_01_slack").await;
    assert_eq!(loc, "/?error=signin");
}

#[test]
fn an_authorize_url_off_the_allow_list_is_not_followed() {
    run(an_authorize_url_off_the_allow_list_is_not_followed_body())
}

async fn an_authorize_url_off_the_allow_list_is_not_followed_body() {
    let app = spawn_app(&[("PLUGBOARD_AUTHORIZE_HOSTS", "auth.toolregistry.ai")]).await;
    let c = app.signed_in("ivy").await;
    assert_eq!(app.connect(&c, "ci_01_slack").await, "/?error=untrusted_redirect");
}

#[test]
fn one_page_view_makes_one_state_call_per_card_and_the_list_is_shared() {
    run(one_page_view_makes_one_state_call_per_card_and_the_list_is_shared_body())
}

async fn one_page_view_makes_one_state_call_per_card_and_the_list_is_shared_body() {
    // The API answers after 400 ms: every concurrent view joins the first views' reads (single flight) however the
    // machine schedules them; the freshness window is a minute, and the test ages the rows itself.
    let app = spawn_app(&[("PLUGBOARD_SANDBOX_LATENCY_MS", "400"), ("PLUGBOARD_STATE_FRESH_SECONDS", "60")]).await;
    let c = app.signed_in("lena").await;
    let before = app.sandbox.sandbox.stats();
    // Eight concurrent first views: one list call between them, and one state call per card between them (single
    // flight across requests).
    let pages = futures::future::join_all((0..8).map(|_| app.page(&c, "/"))).await;
    let after = app.sandbox.sandbox.stats();
    let cards_per_page = cards(&pages[0].1).len() as u64;
    assert!(pages.iter().all(|(s, h)| *s == 200 && cards(h).len() as u64 == cards_per_page));
    assert_eq!(after.list - before.list, 1, "concurrent refreshes are coalesced into one upstream call");
    assert_eq!(after.user - before.user, cards_per_page, "one GET user per card, shared by the concurrent views");

    // A second view within the freshness window is served from the snapshot: no upstream call at all.
    app.state.connections.flush().await; // written off the page's path
    let user = plugboard::domain::UserId::parse("lena").unwrap();
    assert_eq!(app.state.db.snapshots(&user).await.unwrap().len() as u64, cards_per_page);
    let before = app.sandbox.sandbox.stats().user;
    let (_, html) = app.page(&c, "/").await;
    assert_eq!(app.sandbox.sandbox.stats().user - before, 0, "a warm view makes no upstream call");
    assert_eq!(state_of(&html, "Slack"), "not_connected");

    // A revoke happens elsewhere; once the window has passed, the card says so.
    let resp = common_http()
        .post(app.sandbox.api_url.join("_sandbox/users").unwrap())
        .header("x-api-key", app.sandbox.sandbox.api_key())
        .json(&json!({"customerIntegrationId": "ci_01_slack", "userId": "lena", "active": false}))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
    let (_, html) = app.page(&c, "/").await;
    assert_eq!(state_of(&html, "Slack"), "not_connected", "within the window: the snapshot");
    // The window passes (the rows are aged by two minutes rather than waited for).
    sqlx::query("UPDATE status_snapshots SET checked_at = checked_at - 120000 WHERE user_id = 'lena'")
        .execute(app.state.db.pool())
        .await
        .unwrap();
    let (_, html) = app.page(&c, "/").await;
    assert_eq!(state_of(&html, "Slack"), "needs_reconnect", "after the window: read live");

}

#[test]
fn the_users_own_connect_makes_a_card_stale_and_the_callback_refreshes_it() {
    run(async {
        let app = spawn_app(&[]).await;
        let c = app.signed_in("cleo").await;
        let user = plugboard::domain::UserId::parse("cleo").unwrap();
        let (_, html) = app.page(&c, "/").await;
        let n = cards(&html).len();
        app.state.connections.flush().await;
        assert_eq!(app.state.db.snapshots(&user).await.unwrap().len(), n);
        // Connect started (and abandoned): that one card is read live on the next view, the rest come from the snapshot.
        let _ = app.connect(&c, "ci_02_github").await;
        let before = app.sandbox.sandbox.stats().user;
        let _ = app.page(&c, "/").await;
        assert_eq!(app.sandbox.sandbox.stats().user - before, 1, "only the card the user is changing");
        // Connect and come back: the callback's read is the card's state, at once.
        let authorize = app.connect(&c, "ci_02_github").await;
        let back = app.authorize(&authorize, &[("decision", "approve")]).await;
        let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
        let before = app.sandbox.sandbox.stats().user;
        let (_, html) = app.page(&c, "/").await;
        assert_eq!(state_of(&html, "GitHub"), "connected");
        assert_eq!(app.sandbox.sandbox.stats().user - before, 0, "the callback's read is the card's state");
    });
}

fn common_http() -> Client {
    http()
}

#[test]
fn a_failed_live_read_shows_the_last_known_state_with_its_age() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_STATE_FRESH_SECONDS", "0")]).await;
        let c = app.signed_in("fay").await;
        let authorize = app.connect(&c, "ci_01_slack").await;
        let back = app.authorize(&authorize, &[("decision", "approve")]).await;
        let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
        app.faults(json!({ "errorRate": 1.0, "endpoints": ["user"] })).await;
        let (status, html) = app.page(&c, "/").await;
        assert_eq!(status, 200);
        assert_eq!(state_of(&html, "Slack"), "connected", "the last known state, not Unknown");
        assert!(html.contains("· checked just now"), "with its age: {html}");
        assert_eq!(state_of(&html, "GitHub"), "unknown", "never checked: Unknown");
    });
}

#[test]
fn a_callback_whose_api_is_slow_still_shows_the_truth() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_STATE_DEADLINE_MS", "1000")]).await;
        let c = app.signed_in("sol").await;
        let authorize = app.connect(&c, "ci_01_slack").await;
        let back = app.authorize(&authorize, &[("decision", "approve")]).await;
        app.faults(json!({ "latencyMs": 3000, "endpoints": ["user"] })).await;
        // The shell streams at once; the verified state follows when the API answers (its own, longer deadline).
        let started = std::time::Instant::now();
        let mut resp = c.get(&back).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        let first = resp.chunk().await.unwrap().expect("a first chunk");
        let shell_at = started.elapsed();
        let mut html = String::from_utf8_lossy(&first).into_owned();
        while let Some(chunk) = resp.chunk().await.unwrap() {
            html.push_str(&String::from_utf8_lossy(&chunk));
        }
        let done_at = started.elapsed();
        assert!(shell_at < std::time::Duration::from_millis(1500), "the shell came after {shell_at:?}");
        assert!(done_at >= std::time::Duration::from_millis(2900), "the result waited for the API: {done_at:?}");
        assert!(html.contains("Connected to Slack"), "the callback waits longer than a card: {html}");
    });
}

#[test]
fn upstream_faults_render_unknown_states_or_a_banner_never_a_500() {
    run(upstream_faults_render_unknown_states_or_a_banner_never_a_500_body())
}

async fn upstream_faults_render_unknown_states_or_a_banner_never_a_500_body() {
    let app = spawn_app(&[
        ("PLUGBOARD_STATE_DEADLINE_MS", "400"),
        ("PLUGBOARD_UPSTREAM_TIMEOUT_MS", "2000"),
        ("PLUGBOARD_STATE_FRESH_SECONDS", "0"),
        ("PLUGBOARD_STATE_FALLBACK_SECONDS", "0"),
    ])
    .await;
    let c = app.signed_in("jack").await;

    // Four in five state calls fail: each GET is retried (jittered backoff), so some cards get a real state and
    // the rest say Unknown; the page is a 200 either way.
    app.faults(json!({ "errorRate": 0.8, "endpoints": ["user"] })).await;
    let before = app.sandbox.sandbox.stats().user;
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    let states: Vec<String> = cards(&html).into_iter().map(|c| c.1).collect();
    let unknown = states.iter().filter(|s| *s == "unknown").count();
    assert!(unknown > 0 && unknown < states.len(), "some Unknown, the rest real: {states:?}");
    let calls = app.sandbox.sandbox.stats().user - before;
    assert!(calls > states.len() as u64, "failed GETs were retried: {calls} calls for {} cards", states.len());

    app.faults(json!({ "hang": true, "endpoints": ["user"] })).await;
    let t = std::time::Instant::now();
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    assert!(cards(&html).iter().all(|c| c.1 == "unknown"));
    assert!(t.elapsed() < std::time::Duration::from_secs(2), "cut off at the deadline: {:?}", t.elapsed());

    // A bad key (or an outage) before the list was ever read: a banner with a retry, not a 500.
    let app = spawn_app(&[]).await;
    let c = app.signed_in("jack").await;
    app.faults(json!({ "unauthorized": true })).await;
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Integrations are temporarily unavailable") && html.contains("Try again"), "{html}");
    assert!(!html.contains("401") && !html.contains("localhost:"), "no upstream detail leaks");
}

#[test]
fn filters_work_without_javascript() {
    run(filters_work_without_javascript_body())
}

async fn filters_work_without_javascript_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("kim").await;
    let authorize = app.connect(&c, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let _ = app.page(&c, back.trim_start_matches(&app.base)).await;

    let (_, html) = app.page(&c, "/?q=SLA").await;
    let visible: Vec<String> = cards(&html).into_iter().filter(|c| !c.2).map(|c| c.0).collect();
    assert_eq!(visible, vec!["Slack"]);
    let (_, html) = app.page(&c, "/?state=connected").await;
    let visible: Vec<String> = cards(&html).into_iter().filter(|c| !c.2).map(|c| c.0).collect();
    assert_eq!(visible, vec!["Slack"]);
    let (_, html) = app.page(&c, "/?auth=API_TOKEN").await;
    let visible: Vec<String> = cards(&html).into_iter().filter(|c| !c.2).map(|c| c.0).collect();
    assert_eq!(visible.len(), 3, "{visible:?}");
    assert!(html.contains(r#"<option value="API_TOKEN" selected"#), "the form keeps the filter");
}

#[test]
fn with_a_real_key_there_is_no_demo_sign_in() {
    run(with_a_real_key_there_is_no_demo_sign_in_body())
}

async fn with_a_real_key_there_is_no_demo_sign_in_body() {
    // A "remote" API that happens to be a sandbox: the portal must behave as in production.
    let sb = spawn_sandbox().await;
    let url = sb.api_url.to_string();
    let app = spawn_app_remote(&url).await;
    let (status, html) = app.0.get(format!("{}/", app.1)).send().await.map(|r| (r.status(), r)).unwrap();
    assert_eq!(status, 200);
    let html = html.text().await.unwrap();
    assert!(!html.contains("Continue as this user") && !html.contains("badge sandbox"), "{html}");
    let resp = app
        .0
        .post(format!("{}/api/demo-sign-in", app.1))
        .header("sec-fetch-site", "same-origin")
        .form(&[("user_id", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

#[test]
fn pages_carry_security_headers_and_a_nonce_csp() {
    run(pages_carry_security_headers_and_a_nonce_csp_body())
}

async fn pages_carry_security_headers_and_a_nonce_csp_body() {
    let app = spawn_app(&[]).await;
    let resp = browser().get(app.url("/")).send().await.unwrap();
    let h = resp.headers().clone();
    assert_eq!(h["referrer-policy"], "no-referrer");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    let csp = h["content-security-policy"].to_str().unwrap().to_owned();
    let html = resp.text().await.unwrap();
    let nonce = Regex::new(r"'nonce-([^']+)'").unwrap().captures(&csp).expect("nonce in CSP")[1].to_string();
    assert!(html.contains(&format!(r#"nonce="{nonce}""#)), "the inline scripts carry the CSP's nonce");
    assert!(csp.contains("form-action 'self' https://*.toolregistry.ai"), "{csp}");
    assert!(csp.contains(&format!("http://localhost:{}", app.sandbox.addr.port())), "{csp}");
    assert!(!html.contains(" style=\""), "no inline styles (style-src 'self')");
    let other = browser().get(app.url("/")).send().await.unwrap();
    assert_ne!(other.headers()["content-security-policy"].to_str().unwrap(), csp, "a fresh nonce per response");
}

