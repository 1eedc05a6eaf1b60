//! The portal over real HTTP, with a cookie jar and redirects off, against the embedded sandbox.

mod common;

use plugboard::server::{prepare, router, AppState};
use regex::Regex;
use reqwest::{header, redirect::Policy, Client, StatusCode};
use serde_json::json;
use std::collections::HashMap;
use std::sync::Arc;

/// One runtime for every test in this file, as in production: the apps' pools and background tasks live as long as
/// the process, not as long as the test that happened to start them.
fn run<F: std::future::Future>(f: F) -> F::Output {
    static RT: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().expect("runtime")
    });
    RT.block_on(f)
}

struct TestApp {
    base: String,
    state: AppState,
    sandbox: plugboard::sandbox::SandboxHandle,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn spawn_app(extra: &[(&str, &str)]) -> TestApp {
    let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    spawn_app_in(dir, "127.0.0.1:0", extra).await
}

async fn spawn_app_in(dir: std::path::PathBuf, addr: &str, extra: &[(&str, &str)]) -> TestApp {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut env: HashMap<String, String> = HashMap::new();
    env.insert("LEPTOS_SITE_ADDR".into(), addr.to_string());
    env.insert("PLUGBOARD_DATABASE_URL".into(), format!("sqlite://{}?mode=rwc", dir.join("t.db").display()));
    for (k, v) in extra {
        env.insert(k.to_string(), v.to_string());
    }
    let config = plugboard::config::Config::from_lookup(|k| env.get(k).cloned()).expect("config");
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name(Arc::<str>::from("plugboard"))
        .site_root(Arc::<str>::from("target/site"))
        .site_pkg_dir(Arc::<str>::from("pkg"))
        .site_addr(addr)
        .build();
    let started = prepare(config, options).await.expect("prepare");
    let state = started.state.clone();
    let app = router(started.state, started.sessions);
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    let sandbox = started.sandbox.expect("embedded sandbox");
    TestApp { base: format!("http://{addr}"), state, sandbox, _dir: TempDir(dir) }
}

fn uuid_like() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    )
}

/// A browser-like client: cookie jar, no redirects followed, HTML accepted.
fn browser() -> Client {
    let mut headers = header::HeaderMap::new();
    headers.insert(header::ACCEPT, "text/html".parse().unwrap());
    Client::builder().cookie_store(true).redirect(Policy::none()).default_headers(headers).build().unwrap()
}

impl TestApp {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn mint(&self, user: &str, ttl: chrono::Duration, now: chrono::DateTime<chrono::Utc>) -> String {
        let user = plugboard::domain::UserId::parse(user).unwrap();
        let (token, _) = self.state.links.mint(&user, ttl, None, now).unwrap();
        token
    }

    /// Signs a fresh browser in through a portal link.
    async fn signed_in(&self, user: &str) -> Client {
        let c = browser();
        let token = self.mint(user, chrono::Duration::minutes(15), chrono::Utc::now());
        let resp = c.get(self.url(&format!("/link/{token}"))).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::FOUND, "{}", resp.text().await.unwrap_or_default());
        assert_eq!(resp.headers()[header::LOCATION], "/");
        c
    }

    /// A page's status and HTML, with Leptos' hydration markers (`<!>`, `<!--...-->`) removed so text reads whole.
    async fn page(&self, c: &Client, path: &str) -> (StatusCode, String) {
        let resp = c.get(self.url(path)).send().await.unwrap();
        let status = resp.status();
        let html = resp.text().await.unwrap();
        (status, Regex::new(r"<!(--.*?--)?>").unwrap().replace_all(&html, "").into_owned())
    }

    /// Presses Connect (a plain form POST); returns the Location.
    async fn connect(&self, c: &Client, integration: &str) -> String {
        let resp = c
            .post(self.url("/api/connect"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("integration_id", integration)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::FOUND, "{}", resp.text().await.unwrap_or_default());
        resp.headers()[header::LOCATION].to_str().unwrap().to_owned()
    }

    /// Acts on the sandbox's authorize page; returns where it sends the browser.
    async fn authorize(&self, authorize_url: &str, form: &[(&str, &str)]) -> String {
        let url = common::reachable(&self.sandbox, authorize_url);
        let resp = common::http().post(url).form(form).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        resp.headers()[header::LOCATION].to_str().unwrap().to_owned()
    }

    async fn faults(&self, faults: serde_json::Value) {
        common::set_faults_with_key(&self.sandbox, self.sandbox.sandbox.api_key(), faults).await;
    }
}

/// (name, state key, hidden) of every card on a page.
fn cards(html: &str) -> Vec<(String, String, bool)> {
    let li = Regex::new(r#"<li [^>]*data-card[^>]*>"#).unwrap();
    let attr = |tag: &str, name: &str| {
        Regex::new(&format!(r#"{name}="([^"]*)""#)).unwrap().captures(tag).map(|c| c[1].to_string()).unwrap_or_default()
    };
    li.find_iter(html)
        .map(|m| {
            let tag = m.as_str();
            (attr(tag, "data-name"), attr(tag, "data-state"), tag.contains(" hidden"))
        })
        .collect()
}

fn state_of(html: &str, name: &str) -> String {
    cards(html).into_iter().find(|c| c.0 == name).map(|c| c.1).unwrap_or_else(|| panic!("no card {name}"))
}

async fn sessions_survive_a_restart_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("nora").await;
    let (dir, addr) = (app._dir.0.clone(), app.base.trim_start_matches("http://").to_owned());
    // A second process on the same database file (the first keeps running; sessions are in the database, not memory).
    let again = spawn_app_in(dir.clone(), "127.0.0.1:0", &[]).await;
    let (status, html) = again.page(&c, "/").await;
    assert_eq!(status, 200);
    assert!(cards(&html).len() >= 10, "the cookie from the first instance is honoured by the second: {addr}");
    std::mem::forget(again); // the directory belongs to `app`
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
    assert!(url.starts_with(&format!("{}/link/v1.", app.base)), "{url}");
    let expires = chrono::DateTime::parse_from_rfc3339(v["expiresAt"].as_str().unwrap()).unwrap();
    let left = expires.with_timezone(&chrono::Utc) - chrono::Utc::now();
    assert!(left > chrono::Duration::seconds(100) && left <= chrono::Duration::seconds(121), "{left}");

    // The link signs a fresh browser in, and "Back to Acme" leads to the returnUrl.
    let c = browser();
    let resp = c.get(&url).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    let (_, html) = app.page(&c, "/").await;
    assert!(
        html.contains(r#"href="https://eu.acme.test/settings?tab=apps""#) && html.contains("Back to Acme"),
        "{html}"
    );
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
    tokio::time::sleep(std::time::Duration::from_millis(300)).await; // snapshots are written off the page's path

    let (first, last) = db.user_seen(&user).await.unwrap().expect("registered on sign-in");
    assert!(first <= last);
    let kinds: Vec<String> = db.events_for(&user, 50).await.unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec!["callback_received", "connect_started", "link_used"], "newest first");
    let callback = &db.events_for(&user, 1).await.unwrap()[0];
    assert_eq!(callback.detail, "reported=success verified=connected");
    assert_eq!(callback.integration.as_deref(), Some("ci_01_slack"));
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
    let slack = snaps.iter().find(|s| s.integration == "ci_01_slack").unwrap();
    assert_eq!(slack.state, "connected");
    assert!(slack.api_updated_at.is_some());

    // Unknown never overwrites what we knew.
    let slack_id = plugboard::domain::CustomerIntegrationId::parse("ci_01_slack").unwrap();
    db.record_snapshot(&user, &slack_id, &plugboard::domain::ConnState::Unknown, chrono::Utc::now()).await.unwrap();
    let again = db.snapshots(&user).await.unwrap();
    assert_eq!(again.iter().find(|s| s.integration == "ci_01_slack").unwrap(), slack);
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
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;

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

async fn without_a_session_the_portal_explains_how_to_sign_in_body() {
    let app = spawn_app(&[("PLUGBOARD_APP_NAME", "Acme CRM")]).await;
    let (status, html) = app.page(&browser(), "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Open your integrations from Acme CRM"), "{html}");
    assert!(html.contains("Continue as this user"), "the sandbox offers a demo sign-in");
    assert!(cards(&html).is_empty());
    assert!(html.contains("Sandbox"));
}

async fn a_link_signs_in_once_with_a_rotated_session_body() {
    let app = spawn_app(&[]).await;
    let c = browser();
    // The link signs in and sets the session cookie with the right flags.
    let token = app.mint("alice", chrono::Duration::minutes(15), chrono::Utc::now());
    let resp = c.get(app.url(&format!("/link/{token}"))).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    let cookie = resp.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("plugboard_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), "{cookie}");
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    let all = cards(&html);
    assert!(all.len() >= 10, "{all:?}");
    assert!(all.iter().all(|(_, s, hidden)| s == "not_connected" && !hidden), "{all:?}");
    assert!(!html.contains("alice"), "the user id is not put into the page's markup needlessly");

    // The session id is rotated on sign-in: a second link in the same browser replaces the cookie's value.
    let session_id =
        |r: &reqwest::Response| r.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let first = session_id(&resp);
    let again = app.mint("alice-2", chrono::Duration::minutes(15), chrono::Utc::now());
    let resp2 = c.get(app.url(&format!("/link/{again}"))).send().await.unwrap();
    assert_eq!(resp2.status(), StatusCode::FOUND);
    assert_ne!(session_id(&resp2), first, "a new session id");

    // A client that does not say it accepts HTML (curl) is redirected too.
    let fresh = app.mint("alice", chrono::Duration::minutes(15), chrono::Utc::now());
    let plain = Client::builder().redirect(Policy::none()).build().unwrap();
    let resp = plain.get(app.url(&format!("/link/{fresh}"))).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);

    // The same link again: refused with its own page, and 410.
    let other = browser();
    let (status, html) = app.page(&other, &format!("/link/{token}")).await;
    assert_eq!(status, 410);
    assert!(html.contains("This link was already used"));
    assert!(html.contains("Ask the app for a new link"));
}

async fn expired_tampered_and_malformed_links_each_get_their_own_page_body() {
    let app = spawn_app(&[]).await;
    let old = app.mint("bob", chrono::Duration::minutes(15), chrono::Utc::now() - chrono::Duration::hours(1));
    let (status, html) = app.page(&browser(), &format!("/link/{old}")).await;
    assert_eq!((status.as_u16(), html.contains("This link has expired")), (410, true));

    // Signed with another secret, and a good link whose claims were swapped for another user's.
    let stranger = plugboard::links::LinkSigner::new(&[42u8; 32]).unwrap();
    let user = plugboard::domain::UserId::parse("bob").unwrap();
    let (foreign, _) = stranger.mint(&user, chrono::Duration::minutes(15), None, chrono::Utc::now()).unwrap();
    let good = app.mint("bob", chrono::Duration::minutes(15), chrono::Utc::now());
    let mallory = app.mint("mallory", chrono::Duration::minutes(15), chrono::Utc::now());
    let (g, m): (Vec<&str>, Vec<&str>) = (good.split('.').collect(), mallory.split('.').collect());
    let swapped = format!("v1.{}.{}", m[1], g[2]);
    for tampered in [foreign, swapped] {
        let (status, html) = app.page(&browser(), &format!("/link/{tampered}")).await;
        assert_eq!((status.as_u16(), html.contains("This link is not valid")), (403, true), "{html}");
    }

    let (status, html) = app.page(&browser(), "/link/v1.abc").await;
    assert_eq!((status.as_u16(), html.contains("This link is incomplete")), (400, true));

    // None of them signed anyone in.
    let c = browser();
    let _ = app.page(&c, &format!("/link/{old}")).await;
    let (_, html) = app.page(&c, "/").await;
    assert!(html.contains("Open your integrations from"));
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

    // The callback works once.
    let (status, html) = app.page(&c, &path).await;
    assert_eq!(status, 409);
    assert!(html.contains("already used"));

    let (_, html) = app.page(&c, "/").await;
    assert_eq!(state_of(&html, "Slack"), "connected");
    assert!(html.contains("Connected since"));
    assert!(html.contains("Reconnect"));
}

async fn a_denied_authorization_offers_try_again_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("dave").await;
    let authorize = app.connect(&c, "ci_02_github").await;
    let back = app.authorize(&authorize, &[("decision", "deny")]).await;
    assert!(back.ends_with("?status=error"));
    let (status, html) = app.page(&c, back.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("GitHub was not connected") && html.contains("cancelled or refused"), "{html}");
    assert!(html.contains("Try again") && html.contains("Back to integrations"));
    let (_, html) = app.page(&c, "/").await;
    assert_eq!(state_of(&html, "GitHub"), "needs_reconnect", "the user exists but is inactive");
}

async fn success_without_an_active_connection_is_not_believed_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("erin").await;
    let authorize = app.connect(&c, "ci_05_notion").await;
    assert!(authorize.contains("/authorize/"));
    // The user never completes the sandbox page, but someone crafts ?status=success.
    let attempt = {
        let row = sqlx::query("SELECT id FROM connect_attempts").fetch_one(app.state.db.pool()).await.unwrap();
        sqlx::Row::get::<String, _>(&row, 0)
    };
    let (status, html) = app.page(&c, &format!("/callback/{attempt}?status=success")).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-outcome="unconfirmed""#) && html.contains("Notion is not connected yet"), "{html}");
}

async fn forged_foreign_and_expired_callbacks_are_refused_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("frank").await;

    let (status, html) = app.page(&c, "/callback/not-an-attempt?status=success").await;
    assert_eq!((status.as_u16(), html.contains("not one we issued")), (404, true));

    // An attempt started in one session, returned to in another (same user, other browser).
    let authorize = app.connect(&c, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let other = app.signed_in("frank").await;
    let (status, html) = app.page(&other, back.trim_start_matches(&app.base)).await;
    assert_eq!((status.as_u16(), html.contains("started somewhere else")), (403, true));
    // Not consumed by the foreign visit: the right session still gets its answer.
    let (status, html) = app.page(&c, back.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Connected to Slack"));

    // No session at all.
    let (status, html) = app.page(&browser(), back.trim_start_matches(&app.base)).await;
    assert_eq!((status.as_u16(), html.contains("session has ended")), (401, true));

    // Expired.
    let authorize = app.connect(&c, "ci_02_github").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    sqlx::query("UPDATE connect_attempts SET expires_at = 0 WHERE consumed_at IS NULL")
        .execute(app.state.db.pool())
        .await
        .unwrap();
    let (status, html) = app.page(&c, back.trim_start_matches(&app.base)).await;
    assert_eq!((status.as_u16(), html.contains("took too long")), (410, true));
}

async fn a_status_appended_to_an_existing_query_is_read_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("gina").await;
    let authorize = app.connect(&c, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "deny")]).await;
    let path = back.trim_start_matches(&app.base).replace("?status=error", "?utm=x?status=error");
    let (status, html) = app.page(&c, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains("cancelled or refused"), "{html}");
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

async fn an_authorize_url_off_the_allow_list_is_not_followed_body() {
    let app = spawn_app(&[("PLUGBOARD_AUTHORIZE_HOSTS", "auth.toolregistry.ai")]).await;
    let c = app.signed_in("ivy").await;
    assert_eq!(app.connect(&c, "ci_01_slack").await, "/?error=untrusted_redirect");
}

async fn upstream_faults_render_unknown_states_or_a_banner_never_a_500_body() {
    let app = spawn_app(&[("PLUGBOARD_STATE_DEADLINE_MS", "400"), ("PLUGBOARD_UPSTREAM_TIMEOUT_MS", "2000")]).await;
    let c = app.signed_in("jack").await;

    app.faults(json!({ "errorRate": 0.5, "endpoints": ["user"] })).await;
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    let states: Vec<String> = cards(&html).into_iter().map(|c| c.1).collect();
    let unknown = states.iter().filter(|s| *s == "unknown").count();
    assert!(unknown > 0 && unknown < states.len(), "some Unknown, the rest real: {states:?}");

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

async fn one_page_view_makes_one_state_call_per_card_and_the_list_is_shared_body() {
    let app = spawn_app(&[("PLUGBOARD_SANDBOX_LATENCY_MS", "50")]).await;
    let c = app.signed_in("lena").await;
    let before = app.sandbox.sandbox.stats();
    // Eight concurrent first views: one list call between them (coalesced), one state call per card per view.
    let pages = futures::future::join_all((0..8).map(|_| app.page(&c, "/"))).await;
    let after = app.sandbox.sandbox.stats();
    let cards_per_page = cards(&pages[0].1).len() as u64;
    assert!(pages.iter().all(|(s, h)| *s == 200 && cards(h).len() as u64 == cards_per_page));
    assert_eq!(after.list - before.list, 1, "concurrent refreshes are coalesced into one upstream call");
    assert_eq!(after.user - before.user, 8 * cards_per_page, "exactly one GET user per card per view");
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

async fn with_a_real_key_there_is_no_demo_sign_in_body() {
    // A "remote" API that happens to be a sandbox: the portal must behave as in production.
    let sb = common::spawn_sandbox().await;
    let url = sb.api_url.to_string();
    let app = spawn_app_remote(&url).await;
    let (status, html) = app.0.get(format!("{}/", app.1)).send().await.map(|r| (r.status(), r)).unwrap();
    assert_eq!(status, 200);
    let html = html.text().await.unwrap();
    assert!(!html.contains("Continue as this user") && !html.contains("badge sandbox"), "{html}");
    let resp = app.0.post(format!("{}/api/demo-sign-in", app.1)).form(&[("user_id", "x")]).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

async fn spawn_app_remote(api_url: &str) -> (Client, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}?mode=rwc", dir.join("t.db").display());
    let env: HashMap<&str, String> = HashMap::from([
        ("LEPTOS_SITE_ADDR", addr.to_string()),
        ("PLUGBOARD_DATABASE_URL", db),
        ("TR_API_URL", api_url.to_string()),
        ("TR_API_KEY", common::KEY.to_string()),
        ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef0123".to_string()),
    ]);
    let config = plugboard::config::Config::from_lookup(|k| env.get(k).cloned()).expect("config");
    let options =
        leptos::prelude::LeptosOptions::builder().output_name(Arc::<str>::from("plugboard")).site_addr(addr).build();
    let started = prepare(config, options).await.expect("prepare");
    assert!(started.sandbox.is_none());
    let app = router(started.state, started.sessions);
    tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    (browser(), format!("http://{addr}"))
}


const ADMIN_PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// A browser signed in to the admin console.
    async fn admin(&self) -> Client {
        let c = browser();
        let resp = c
            .post(self.url("/api/admin-sign-in"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("password", ADMIN_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.headers()[header::LOCATION], "/admin");
        c
    }

    /// A form POST to a server function; returns (status, Location).
    async fn post_form(&self, c: &Client, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let resp = c.post(self.url(path)).header("sec-fetch-site", "same-origin").form(form).send().await.unwrap();
        let loc = resp.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        (resp.status(), loc)
    }
}

/// The user ids of the matrix rows on a console page.
fn matrix_users(html: &str) -> Vec<String> {
    Regex::new(r#"<tr data-user="([^"]*)""#).unwrap().captures_iter(html).map(|c| decode_html(&c[1])).collect()
}

fn decode_html(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The cell (state key) of `user` in the column at `index` (0-based among integration columns).
fn cell(html: &str, user: &str, index: usize) -> String {
    let start = html.find(&format!("<tr data-user=\"{user}\"")).unwrap_or_else(|| panic!("no row for {user}"));
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    Regex::new(r#"class="state state-([a-z_]+)""#).unwrap().captures_iter(row).nth(index).unwrap()[1].to_owned()
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
    tokio::time::sleep(std::time::Duration::from_millis(300)).await; // page-view snapshots are batched

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
    assert!(html.contains("55 of 58 users match") && html.contains("Page 1 of 2"), "{}", &html[..2000.min(html.len())]);
    assert!(html.contains("href=\"/admin?q=bulk&amp;page=2\""), "next page keeps the filter");
    let (_, html) = app.page(&admin, "/admin?q=bulk&page=2").await;
    assert_eq!(matrix_users(&html).len(), 5);
    let (_, html) = app.page(&admin, "/admin?q=bulk&page=99&state=bogus").await;
    assert_eq!(matrix_users(&html).len(), 5, "a page past the end shows the last; an unknown state is ignored");
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
    let resp = common::http()
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
    let resp = fresh.get(url.replace(&app.base, &app.base)).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
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
    assert!(lines[0].starts_with("user_id,first_seen,last_seen,"), "{}", lines[0]);
    assert_eq!(lines[0].split(',').count(), 3 + 2 * 11);
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
        Regex::new(r#"<tr data-kind="([a-z_]+)""#).unwrap().captures_iter(&html).map(|c| c[1].to_owned()).collect();
    assert_eq!(
        kinds,
        vec!["link_used", "link_minted", "admin_checked", "callback_received", "connect_started", "link_used"]
    );
    let (_, html) = app.page(&admin, "/admin/events?integration=ci_01_slack").await;
    assert_eq!(html.matches("<tr data-kind=").count(), 2, "connect started + callback");
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

async fn the_refresher_keeps_its_budget_and_goes_oldest_first_body() {
    use plugboard::domain::{ConnState, CustomerIntegrationId, UserId};
    let app = spawn_app(&[]).await;
    let db = &app.state.db;
    let active: Vec<CustomerIntegrationId> =
        app.state.portal.integrations().await.unwrap().iter().map(|i| i.customer_integration_id.clone()).collect();
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
    let refresher = plugboard::refresher::Refresher::new(
        app.state.portal.clone(),
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
    tokio::time::sleep(std::time::Duration::from_millis(200)).await; // the last answers are written
    let tried = |u: &UserId| {
        let u = u.clone();
        async move { db.tried_at(&u).await.unwrap() }
    };
    let fresh = |v: &[(String, chrono::DateTime<chrono::Utc>)]| v.iter().filter(|(_, t)| *t > epoch(10_000)).count();
    let (m, o, oo) = (tried(&missing).await, tried(&older).await, tried(&old).await);
    assert!(calls >= 14, "the refresher works: {calls} calls");
    assert!(
        (calls as f64) <= 1.0 + 10.0 * elapsed + 1.0,
        "budget of 10/s: {calls} calls in {elapsed:.2} s"
    );
    assert!(elapsed >= 1.2, "14 calls at 10/s take at least 1.3 s: {elapsed:.2} s");
    assert_eq!((m.len(), fresh(&m)), (11, 11), "never-checked pairs first");
    assert!(fresh(&o) >= 2, "then the oldest: {o:?}");
    assert_eq!(fresh(&oo), 0, "the less old wait: {oo:?}");

    // Over a longer window the budget still holds.
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    let calls = app.sandbox.sandbox.stats().user - before;
    let elapsed = started.elapsed().as_secs_f64();
    refresher.abort();
    assert!((calls as f64) <= 2.0 + 10.0 * elapsed, "{calls} calls in {elapsed:.2} s");
    assert!((calls as f64) >= 10.0 * (elapsed - 1.0), "and it keeps going: {calls} calls in {elapsed:.2} s");
}

// The tests, each on the shared runtime.
#[test]
fn console_matrix_user_page_events_and_export() {
    run(console_matrix_user_page_events_and_export_body())
}
#[test]
fn the_refresher_keeps_its_budget_and_goes_oldest_first() {
    run(the_refresher_keeps_its_budget_and_goes_oldest_first_body())
}
#[test]
fn admin_sign_in_access_and_rate_limit() {
    run(admin_sign_in_access_and_rate_limit_body())
}
#[test]
fn the_registry_records_users_events_and_snapshots() {
    run(the_registry_records_users_events_and_snapshots_body())
}
#[test]
fn link_api_mints_links_and_names_every_bad_field() {
    run(link_api_mints_links_and_names_every_bad_field_body())
}
#[test]
fn sessions_survive_a_restart() {
    run(sessions_survive_a_restart_body())
}
#[test]
fn pages_carry_security_headers_and_a_nonce_csp() {
    run(pages_carry_security_headers_and_a_nonce_csp_body())
}
#[test]
fn one_page_view_makes_one_state_call_per_card_and_the_list_is_shared() {
    run(one_page_view_makes_one_state_call_per_card_and_the_list_is_shared_body())
}
#[test]
fn without_a_session_the_portal_explains_how_to_sign_in() {
    run(without_a_session_the_portal_explains_how_to_sign_in_body())
}
#[test]
fn a_link_signs_in_once_with_a_rotated_session() {
    run(a_link_signs_in_once_with_a_rotated_session_body())
}
#[test]
fn expired_tampered_and_malformed_links_each_get_their_own_page() {
    run(expired_tampered_and_malformed_links_each_get_their_own_page_body())
}
#[test]
fn connect_authorize_callback_shows_the_verified_state() {
    run(connect_authorize_callback_shows_the_verified_state_body())
}
#[test]
fn a_denied_authorization_offers_try_again() {
    run(a_denied_authorization_offers_try_again_body())
}
#[test]
fn success_without_an_active_connection_is_not_believed() {
    run(success_without_an_active_connection_is_not_believed_body())
}
#[test]
fn forged_foreign_and_expired_callbacks_are_refused() {
    run(forged_foreign_and_expired_callbacks_are_refused_body())
}
#[test]
fn a_status_appended_to_an_existing_query_is_read() {
    run(a_status_appended_to_an_existing_query_is_read_body())
}
#[test]
fn connect_refuses_unknown_integrations_cross_site_posts_and_strangers() {
    run(connect_refuses_unknown_integrations_cross_site_posts_and_strangers_body())
}
#[test]
fn an_authorize_url_off_the_allow_list_is_not_followed() {
    run(an_authorize_url_off_the_allow_list_is_not_followed_body())
}
#[test]
fn upstream_faults_render_unknown_states_or_a_banner_never_a_500() {
    run(upstream_faults_render_unknown_states_or_a_banner_never_a_500_body())
}
#[test]
fn filters_work_without_javascript() {
    run(filters_work_without_javascript_body())
}
#[test]
fn with_a_real_key_there_is_no_demo_sign_in() {
    run(with_a_real_key_there_is_no_demo_sign_in_body())
}
