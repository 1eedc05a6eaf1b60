//! Shared helpers: one runtime for the app tests, a portal started exactly as `main` starts it
//! ([`plugboard::server::Application`]) on a fresh SQLite file and the embedded sandbox, a browser-like client with a
//! cookie jar, and a sandbox on its own for the client and contract tests.
#![allow(dead_code)]

pub use plugboard::sandbox::{self, Faults, SandboxConfig, SandboxHandle};
pub use plugboard::upstream::{ClientOptions, ToolRegistry};
pub use regex::Regex;
pub use reqwest::{header, redirect::Policy, Client, StatusCode};
pub use serde_json::json;
use plugboard::server::Application;
use plugboard::state::AppState;
use secrecy::SecretString;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

mod receiver;
pub use receiver::*;

/// One runtime for every app test, as in production: the apps' pools and background tasks live as long as the
/// process, not as long as the test that happened to start them.
pub fn run<F: std::future::Future>(f: F) -> F::Output {
    static RT: std::sync::LazyLock<tokio::runtime::Runtime> = std::sync::LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread().worker_threads(4).enable_all().build().expect("runtime")
    });
    RT.block_on(f)
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub sandbox: SandboxHandle,
    pub dir: TempDir,
}

pub struct TempDir(pub std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A portal on the embedded sandbox, on a free port and a fresh database, with `extra` configuration. The
/// refresher and the per-client rate limits are off unless `extra` turns them on (tests count upstream calls, and
/// every test client is 127.0.0.1).
pub async fn spawn_app(extra: &[(&str, &str)]) -> TestApp {
    let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    spawn_app_in(dir, extra).await
}

/// A portal on the database in `dir` (a second instance on the same file shares its sessions).
pub async fn spawn_app_in(dir: std::path::PathBuf, extra: &[(&str, &str)]) -> TestApp {
    let mut env: Vec<(&str, String)> = vec![
        ("PLUGBOARD_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.join("t.db").display())),
        ("PLUGBOARD_SANDBOX", "1".into()),
    ];
    env.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let (mut app, state) = start(&env).await;
    let sandbox = app.take_sandbox().expect("embedded sandbox");
    let base = format!("http://{}", app.addr());
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp { base, state, sandbox, dir: TempDir(dir) }
}

/// Builds the application from `env` (plus a free port), as `main` does.
pub async fn start(env: &[(&str, String)]) -> (Application, AppState) {
    let mut map: HashMap<String, String> = [
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0"),
        ("PLUGBOARD_REFRESH_PER_SECOND", "0"),
        ("PLUGBOARD_LINK_RATE_PER_MINUTE", "0"),
        ("PLUGBOARD_CONNECT_RATE_PER_MINUTE", "0"),
        ("PLUGBOARD_API_RATE_PER_MINUTE", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    map.extend(env.iter().map(|(k, v)| (k.to_string(), v.clone())));
    let config = plugboard::platform::config::Config::from_lookup(|k| map.get(k).cloned()).expect("config");
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name(Arc::<str>::from("plugboard"))
        .site_root(Arc::<str>::from("target/site"))
        .site_pkg_dir(Arc::<str>::from("pkg"))
        .build();
    let app = Application::build(config, options).await.expect("build");
    let state = app.state().clone();
    (app, state)
}

/// A portal in front of a standalone sandbox reached with a key, as in production (no embedded sandbox: https
/// rules, no demo sign-in), with `extra` configuration.
pub async fn spawn_app_on_remote(extra: &[(&str, &str)]) -> TestApp {
    let sandbox = spawn_sandbox().await;
    let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut env = vec![
        ("PLUGBOARD_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.join("t.db").display())),
        ("TR_API_URL", sandbox.api_url.to_string()),
        ("TR_API_KEY", KEY.to_string()),
        ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef0123".to_string()),
    ];
    env.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let (app, state) = start(&env).await;
    let base = format!("http://{}", app.addr());
    tokio::spawn(app.run_until(std::future::pending()));
    TestApp { base, state, sandbox, dir: TempDir(dir) }
}

/// A portal on a "remote" API (a sandbox reached with a real key): it must behave as in production.
pub async fn spawn_app_remote(api_url: &str) -> (Client, String) {
    let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = vec![
        ("PLUGBOARD_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.join("t.db").display())),
        ("TR_API_URL", api_url.to_string()),
        ("TR_API_KEY", KEY.to_string()),
        ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef0123".to_string()),
    ];
    let (mut app, _) = start(&env).await;
    assert!(app.take_sandbox().is_none());
    let base = format!("http://{}", app.addr());
    tokio::spawn(app.run_until(std::future::pending()));
    (browser(), base)
}

/// The PostgreSQL the tests use (`PLUGBOARD_TEST_POSTGRES_URL`, else the machine's at 127.0.0.1:5432).
pub fn postgres_admin_url() -> String {
    std::env::var("PLUGBOARD_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh database on that PostgreSQL, named `<prefix>_<pid>_<nanos>`: its URL and its name.
pub async fn fresh_postgres(prefix: &str) -> (String, String) {
    use sqlx::{Connection, Executor};
    let admin_url = postgres_admin_url();
    let name = format!("{prefix}_{}_{}", std::process::id(), chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0));
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("PostgreSQL on 127.0.0.1:5432");
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let mut u = url::Url::parse(&admin_url).unwrap();
    u.set_path(&format!("/{name}"));
    (u.to_string(), name)
}

/// Drops a database made by [`fresh_postgres`].
pub async fn drop_postgres(name: &str) {
    use sqlx::{Connection, Executor};
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url()).await.expect("PostgreSQL on 127.0.0.1:5432");
    let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
}

/// A fresh SQLite file's URL, in a directory removed when the guard drops.
pub fn fresh_sqlite() -> (String, TempDir) {
    let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
    std::fs::create_dir_all(&dir).unwrap();
    (format!("sqlite://{}?mode=rwc", dir.join("t.db").display()), TempDir(dir))
}

/// A free loopback address (`127.0.0.1:<port>`) for a listener the app opens itself.
pub fn free_addr() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("127.0.0.1:{}", l.local_addr().unwrap().port())
}

pub fn uuid_like() -> String {
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
pub fn browser() -> Client {
    let mut headers = header::HeaderMap::new();
    headers.insert(header::ACCEPT, "text/html".parse().unwrap());
    Client::builder().cookie_store(true).redirect(Policy::none()).default_headers(headers).build().unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn mint(&self, user: &str, ttl: chrono::Duration, now: chrono::DateTime<chrono::Utc>) -> String {
        let user = plugboard::domain::UserId::parse(user).unwrap();
        let (token, _) = self.state.links.signer().mint(&user, ttl, None, now).unwrap();
        token
    }

    /// Signs a fresh browser in through a portal link.
    pub async fn signed_in(&self, user: &str) -> Client {
        let c = browser();
        let token = self.mint(user, chrono::Duration::minutes(15), chrono::Utc::now());
        self.use_link(&c, &self.url(&format!("/link/{token}"))).await;
        c
    }

    /// [`TestApp::signed_in`] with an owned id (for futures that outlive the id's borrow).
    pub async fn signed_in_owned(&self, user: String) -> Client {
        self.signed_in(&user).await
    }

    /// What a person does with a portal link: opens it (the landing page), then presses Continue.
    pub async fn use_link(&self, c: &Client, url: &str) {
        let (status, html) = self.page(c, url.trim_start_matches(&self.base)).await;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains(r#"data-landing="ready""#), "{html}");
        let resp = self.press_continue(c, url).await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{}", resp.text().await.unwrap_or_default());
        assert_eq!(resp.headers()[header::LOCATION], "/");
    }

    /// The landing page's button: a same-origin POST to the link.
    pub async fn press_continue(&self, c: &Client, url: &str) -> reqwest::Response {
        c.post(url).header("sec-fetch-site", "same-origin").send().await.unwrap()
    }

    /// A page's status and HTML, with Leptos' hydration markers (`<!>`, `<!--...-->`) removed so text reads whole.
    pub async fn page(&self, c: &Client, path: &str) -> (StatusCode, String) {
        let resp = c.get(self.url(path)).send().await.unwrap();
        let status = resp.status();
        let html = resp.text().await.unwrap();
        (status, Regex::new(r"<!(--.*?--)?>").unwrap().replace_all(&html, "").into_owned())
    }

    /// Presses Connect (a plain form POST); returns the Location.
    pub async fn connect(&self, c: &Client, integration: &str) -> String {
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
    pub async fn authorize(&self, authorize_url: &str, form: &[(&str, &str)]) -> String {
        let url = reachable(&self.sandbox, authorize_url);
        let resp = http().post(url).form(form).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        resp.headers()[header::LOCATION].to_str().unwrap().to_owned()
    }

    /// Sets a user's connection at the sandbox (active, or revoked), as if it happened at the provider.
    pub async fn set_connection(&self, user: &str, integration: &str, active: bool) {
        let resp = http()
            .post(self.sandbox.api_url.join("_sandbox/users").unwrap())
            .header("x-api-key", self.sandbox.sandbox.api_key())
            .json(&json!({"customerIntegrationId": integration, "userId": user, "active": active}))
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success());
    }

    /// The console's Check now for one user, by an admin (`admin`).
    pub async fn check_now(&self, admin: &Client, user: &str) {
        let info = self.state.db.user_info(&plugboard::domain::UserId::parse(user).unwrap()).await.unwrap().unwrap();
        let (status, _) = self.post_form(admin, "/api/admin-check-user", &[("reference", info.reference.as_str())]).await;
        assert_eq!(status, StatusCode::FOUND);
    }

    /// Waits (up to 10 s) until the sandbox's inbox holds a webhook of `kind`.
    pub async fn wait_for_inbox(&self, kind: &str) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !self.sandbox.sandbox.webhooks().iter().any(|w| w.event_type == kind) {
            assert!(std::time::Instant::now() < deadline, "no {kind} reached the sandbox's inbox");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn faults(&self, faults: serde_json::Value) {
        set_faults_with_key(&self.sandbox, self.sandbox.sandbox.api_key(), faults).await;
    }
}

/// (name, state key, hidden) of every card on a page.
pub fn cards(html: &str) -> Vec<(String, String, bool)> {
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

pub fn state_of(html: &str, name: &str) -> String {
    cards(html).into_iter().find(|c| c.0 == name).map(|c| c.1).unwrap_or_else(|| panic!("no card {name}"))
}

pub const ADMIN_PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// A browser signed in to the admin console.
    pub async fn admin(&self) -> Client {
        admin_at(&self.base).await
    }

    /// A form POST to a server function; returns (status, Location).
    pub async fn post_form(&self, c: &Client, path: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
        let resp = c.post(self.url(path)).header("sec-fetch-site", "same-origin").form(form).send().await.unwrap();
        let loc = resp.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        (resp.status(), loc)
    }
}

/// A browser signed in to the admin console of the portal at `base`.
pub async fn admin_at(base: &str) -> Client {
    let c = browser();
    let resp = c
        .post(format!("{base}/api/admin-sign-in"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("password", ADMIN_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()[header::LOCATION], "/admin");
    c
}

/// The user ids of the matrix rows on a console page.
pub fn matrix_users(html: &str) -> Vec<String> {
    Regex::new(r#"<tr data-user="([^"]*)""#).unwrap().captures_iter(html).map(|c| decode_html(&c[1])).collect()
}

pub fn decode_html(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The cell (state key) of `user` in the column at `index` (0-based among integration columns).
pub fn cell(html: &str, user: &str, index: usize) -> String {
    let start = html.find(&format!("<tr data-user=\"{user}\"")).unwrap_or_else(|| panic!("no row for {user}"));
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    Regex::new(r#"class="state state-([a-z_]+)""#).unwrap().captures_iter(row).nth(index).unwrap()[1].to_owned()
}

// ---------- a sandbox on its own ----------

pub const KEY: &str = "test-key-0123456789";

pub async fn spawn_sandbox() -> SandboxHandle {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    sandbox::spawn(
        listener,
        SandboxConfig { api_key: KEY.into(), public_url: None, integrations: None, faults: Faults::default() },
    )
    .await
    .expect("sandbox")
}

pub fn client(sb: &SandboxHandle) -> ToolRegistry {
    client_with(sb, KEY, ClientOptions { timeout: Duration::from_millis(800), ..ClientOptions::default() })
}

pub fn client_with(sb: &SandboxHandle, key: &str, opts: ClientOptions) -> ToolRegistry {
    ToolRegistry::new(sb.api_url.clone(), SecretString::from(key.to_owned()), opts).expect("client")
}

/// A plain HTTP client that does not follow redirects, for the sandbox's pages and control API.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("http client")
}

pub async fn set_faults(sb: &SandboxHandle, faults: serde_json::Value) {
    set_faults_with_key(sb, KEY, faults).await
}

pub async fn set_faults_with_key(sb: &SandboxHandle, key: &str, faults: serde_json::Value) {
    let resp = http()
        .put(sb.api_url.join("_sandbox/faults").unwrap())
        .header("x-api-key", key)
        .json(&faults)
        .send()
        .await
        .expect("faults");
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap_or_default());
}

/// The authorize URL as reachable from the test (the page host is `localhost`; the test talks to the loopback IP).
pub fn reachable(sb: &SandboxHandle, authorize_url: &str) -> url::Url {
    let mut u = url::Url::parse(authorize_url).expect("authorize url");
    u.set_host(Some(&sb.addr.ip().to_string())).unwrap();
    u
}

/// The console's kept counts equal the rows' counts: users in all, and pairs per (integration, known state).
pub async fn assert_counts_kept(db: &plugboard::platform::db::Db) {
    use sqlx::Row;
    let triples = |sql: &'static str| async move {
        sqlx::query(sql)
            .fetch_all(db.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get::<String, _>(0), r.get::<String, _>(1), r.get::<i64, _>(2)))
            .collect::<Vec<_>>()
    };
    let kept = triples("SELECT integration_id, state, n FROM snapshot_counts WHERE n <> 0 ORDER BY integration_id, state").await;
    let rows = triples(
        "SELECT integration_id, state, COUNT(*) FROM status_snapshots WHERE state <> 'unknown' \
         GROUP BY integration_id, state ORDER BY integration_id, state",
    )
    .await;
    assert_eq!(kept, rows, "kept pair counts");
    // Each user's packed snapshots are their snapshots.
    let packed: Vec<(String, Option<String>)> = sqlx::query("SELECT user_id, cells FROM portal_users ORDER BY user_id")
        .fetch_all(db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    for (user, cells) in packed {
        let mut kept: Vec<String> = cells.unwrap_or_default().split('\n').filter(|l| !l.is_empty()).map(String::from).collect();
        let mut rows: Vec<String> = sqlx::query("SELECT integration_id, state, checked_at FROM status_snapshots WHERE user_id = $1")
            .bind(&user)
            .fetch_all(db.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| format!("{} {} {}", r.get::<String, _>(0), r.get::<String, _>(1), r.get::<i64, _>(2)))
            .collect();
        kept.sort();
        rows.sort();
        assert_eq!(kept, rows, "{user}'s packed snapshots");
    }
    let one = |sql: &'static str| async move { sqlx::query(sql).fetch_one(db.pool()).await.unwrap().get::<i64, _>(0) };
    assert_eq!(
        one("SELECT value FROM counters WHERE name = 'users'").await,
        one("SELECT COUNT(*) FROM portal_users").await,
        "kept users' count"
    );
}
