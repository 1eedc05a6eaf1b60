//! The `plugboard` binary: help lists the configuration, bad configuration exits 2 naming the variable, and
//! `plugboard sandbox` serves a fixtures file over real HTTP.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_plugboard");

#[test]
fn help_lists_every_variable() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for var in [
        "TR_API_URL",
        "TR_API_KEY",
        "PLUGBOARD_PUBLIC_URL",
        "LEPTOS_SITE_ADDR",
        "PLUGBOARD_DATABASE_URL",
        "PLUGBOARD_LINK_SECRET",
        "PLUGBOARD_AUTHORIZE_HOSTS",
        "PLUGBOARD_SANDBOX_FIXTURES",
        "PLUGBOARD_REFRESH_PER_SECOND",
        "PLUGBOARD_STALE_AFTER_SECONDS",
    ] {
        assert!(text.contains(var), "--help mentions {var}");
    }
}

#[tokio::test]
async fn seed_console_fills_the_registry() {
    let dir = std::env::temp_dir().join(format!("plugboard-cli-seed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("s.db").display());
    let out = Command::new(BIN)
        .args(["seed-console", "--users", "120", "--integrations", "i_a,i_b,i_c", "--events", "300"])
        .env("PLUGBOARD_DATABASE_URL", &url)
        .env("PLUGBOARD_SANDBOX", "1")
        .env_remove("TR_API_KEY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
    let cols: Vec<_> =
        ["i_a", "i_b", "i_c"].iter().map(|i| plugboard::domain::CustomerIntegrationId::parse(*i).unwrap()).collect();
    let all = plugboard::services::registry::MatrixQuery { organization: None, search: "", state: None, integrations: &cols };
    let summary = db.summary(&cols).await.unwrap();
    assert_eq!(db.matrix_matching(&all, &summary).await.unwrap(), plugboard::services::registry::matrix::Matching::Exact(120));
    assert_eq!(db.event_position().await.unwrap(), 300);
    db.recount().await.unwrap();
    assert_eq!(db.summary(&cols).await.unwrap(), summary, "the seed fills the kept counts");
    let counts = db.matrix_counts(&all, 120).await.unwrap();
    for c in &counts {
        assert_eq!(c.connected + c.not_connected + c.needs_reconnect + c.unknown, 120);
        assert!(c.connected > 30 && c.not_connected > 20 && c.needs_reconnect > 3 && c.unknown > 3, "{c:?}");
    }
    let out = Command::new(BIN)
        .args(["seed-console"])
        .env("PLUGBOARD_DATABASE_URL", &url)
        .env("PLUGBOARD_SANDBOX", "1")
        .env_remove("TR_API_KEY")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--integrations"));
    // With a real key it refuses unless --force (fake connected rows would fire connection.lost to a real host).
    let real = |force: bool| {
        let mut c = Command::new(BIN);
        c.args(["seed-console", "--users", "3", "--integrations", "i_a"])
            .env("PLUGBOARD_DATABASE_URL", &url)
            .env("TR_API_URL", "http://127.0.0.1:9")
            .env("TR_API_KEY", "a-real-looking-key")
            .env("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef0123");
        if force {
            c.arg("--force");
        }
        c.output().unwrap()
    };
    let out = real(false);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--force"), "{out:?}");
    assert!(real(true).status.success());
    let _ = std::fs::remove_dir_all(dir);
}

/// A brand colour that cannot reach WCAG 2.2 AA contrast is refused at start: exit 2, naming the variable, the
/// pair that fails and its ratio. One that can starts.
#[test]
fn a_brand_colour_without_contrast_is_refused_at_start() {
    let out = Command::new(BIN)
        .env("PLUGBOARD_SANDBOX", "1")
        .env_remove("TR_API_KEY")
        .env("PLUGBOARD_BRAND_COLOR", "#ffcc00")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PLUGBOARD_BRAND_COLOR"), "{err}");
    assert!(err.contains("#ffcc00 as link text on the page background #f6f7f9 has contrast 1."), "{err}");
    assert!(err.contains("below 4.5:1"), "{err}");
    // Too light for text; and one whose button label cannot reach 4.5:1 in either white or near-black.
    for (colour, pair) in [("#7f7f7f", "as link text"), ("#ff00ff", "as link text")] {
        let out = Command::new(BIN)
            .env("PLUGBOARD_SANDBOX", "1")
            .env_remove("TR_API_KEY")
            .env("PLUGBOARD_BRAND_COLOR", colour)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{colour}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(pair), "{colour}");
    }
}

#[test]
fn bad_configuration_exits_2_and_names_the_variable() {
    let cases = [
        (vec![("LEPTOS_SITE_ADDR", "nowhere")], "LEPTOS_SITE_ADDR"),
        (vec![("PLUGBOARD_PUBLIC_URL", "ftp://x")], "PLUGBOARD_PUBLIC_URL"),
        (vec![("TR_API_KEY", "secret-key-value"), ("PLUGBOARD_LINK_SECRET", "")], "PLUGBOARD_LINK_SECRET"),
        // Neither a key nor the sandbox flag: the message names both ways.
        (vec![("PLUGBOARD_SANDBOX", "")], "PLUGBOARD_SANDBOX=1"),
        (vec![("PLUGBOARD_DEFAULT_LOCALE", "ru")], "PLUGBOARD_DEFAULT_LOCALE"),
        (vec![("PLUGBOARD_BRAND_LOGO", "https://cdn.elsewhere.example/logo.svg")], "PLUGBOARD_BRAND_LOGO_HOSTS"),
        (vec![("PLUGBOARD_INTEGRATION_HELP", "/nonexistent/help.json")], "PLUGBOARD_INTEGRATION_HELP"),
    ];
    for (env, var) in cases {
        let out = Command::new(BIN)
            .env("PLUGBOARD_SANDBOX", "1")
            .env_remove("TR_API_KEY")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{var}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(var), "{err}");
        assert!(!err.contains("secret-key-value"), "the key is never echoed: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[tokio::test]
async fn sandbox_subcommand_serves_a_fixtures_file() {
    let dir = std::env::temp_dir().join(format!("plugboard-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixtures = dir.join("fixtures.json");
    std::fs::write(
        &fixtures,
        r#"[{"integrationId":"i1","customerIntegrationId":"c1","active":true,"name":"Acme","host":"acme.test",
             "updatedAt":"2026-01-01T00:00:00Z","createdAt":"2026-01-01T00:00:00Z","authType":"SAML"},
            {"integrationId":"i2","customerIntegrationId":"c2","active":false,"name":"Old","host":"old.test",
             "updatedAt":"2026-01-01T00:00:00Z","createdAt":"2026-01-01T00:00:00Z"}]"#,
    )
    .unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(BIN)
        .args(["sandbox", "--addr", &format!("127.0.0.1:{port}"), "--api-key", "cli-key", "--fixtures"])
        .arg(&fixtures)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let http = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/v1/integrations");
    let deadline = Instant::now() + Duration::from_secs(15);
    let body = loop {
        match http.get(&url).header("x-api-key", "cli-key").send().await {
            Ok(r) if r.status() == 200 => break r.json::<serde_json::Value>().await.unwrap(),
            _ if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
            other => panic!("sandbox did not answer: {other:?}"),
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    let list = body.as_array().unwrap();
    assert_eq!(list.len(), 1, "only the active fixture: {body}");
    assert_eq!(list[0]["name"], "Acme");
    assert_eq!(list[0]["authType"], "SAML", "an unknown auth type survives the round trip");

    // A fixtures file that is not the list shape is refused with a clear message and a non-zero exit.
    std::fs::write(&fixtures, r#"{"not":"a list"}"#).unwrap();
    let out = Command::new(BIN)
        .args(["sandbox", "--addr", "127.0.0.1:0", "--api-key", "k", "--fixtures"])
        .arg(&fixtures)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a list of integrations"));
}

/// SIGTERM during a slow page: the page still completes, the process exits within the grace period, and the
/// snapshots the page queued are in the database.
#[tokio::test]
async fn sigterm_drains_in_flight_pages_and_flushes_snapshots() {
    let dir = std::env::temp_dir().join(format!("plugboard-cli-drain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("d.db").display());
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = [
        ("PLUGBOARD_SANDBOX", "1".to_string()),
        ("PLUGBOARD_SANDBOX_LATENCY_MS", "1200".into()),
        ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")),
        ("PLUGBOARD_DATABASE_URL", url.clone()),
        ("PLUGBOARD_REFRESH_PER_SECOND", "0".into()),
        ("PLUGBOARD_SHUTDOWN_SECONDS", "10".into()),
        ("PLUGBOARD_DRAIN_SECONDS", "1".into()),
        ("RUST_LOG", "warn".into()),
    ];
    let mut child = Command::new(BIN)
        .env_remove("TR_API_KEY")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let http = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while http.get(format!("{base}/favicon.svg")).send().await.is_err() {
        assert!(Instant::now() < deadline, "the portal did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let out = Command::new(BIN).args(["link", "drain-user"]).envs(env.iter().map(|(k, v)| (*k, v.as_str()))).output().unwrap();
    let link = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let resp = http.post(&link).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_eq!(resp.status(), 303, "signed in");

    // The page's head has arrived (its shell streams at once), so the request is in flight when SIGTERM comes; the
    // cards are still being read (the sandbox answers after its latency).
    let resp = http.get(format!("{base}/")).header("accept", "text/html").send().await.unwrap();
    let page = tokio::spawn(async move { (resp.status().as_u16(), resp.text().await.unwrap()) });
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let (status, html) = page.await.unwrap();
    assert_eq!(status, 200);
    let cards = html.matches("data-card").count();
    assert!(cards >= 10 && !html.contains(r#"data-state="unknown""#), "the page completed with real states");
    let exited = Instant::now() + Duration::from_secs(15);
    let code = loop {
        if let Some(code) = child.try_wait().unwrap() {
            break code;
        }
        assert!(Instant::now() < exited, "the process did not exit after SIGTERM");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(code.success(), "{code:?}");
    let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
    let user = plugboard::domain::UserId::parse("drain-user").unwrap();
    assert!(db.snapshots(&user).await.unwrap().len() >= 10, "the queued snapshots were written before exit");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn link_takes_the_host_apis_fields_as_flags() {
    let dir = std::env::temp_dir().join(format!("plugboard-cli-link-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("l.db").display());
    let run = |args: &[&str]| {
        Command::new(BIN)
            .arg("link")
            .args(args)
            .env("PLUGBOARD_DATABASE_URL", &url)
            .env("PLUGBOARD_SANDBOX", "1")
            .env_remove("TR_API_KEY")
            .output()
            .unwrap()
    };
    let out = run(&["ada", "--allow", "ci_01_slack", "--name", "Ada Lovelace", "--email", "ada@example.com", "--org-id", "org_9", "--org-name", "Engines", "--tag", "plan=pro", "--locale", "de"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("/link/v2."));
    let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
    let p = db.profile(&plugboard::domain::UserId::parse("ada").unwrap()).await.unwrap();
    assert_eq!((p.display_name.as_deref(), p.email.as_deref(), p.locale.as_deref()), (Some("Ada Lovelace"), Some("ada@example.com"), Some("de")));
    assert_eq!(p.organization.map(|o| (o.id, o.name)), Some(("org_9".into(), Some("Engines".into()))));
    assert_eq!(p.tags.get("plan").map(String::as_str), Some("pro"));
    for (args, says) in [(&["b", "--email", "nope"][..], "--email"), (&["b", "--tag", "novalue"][..], "--tag"), (&["b", "--allow", ".."][..], "--allow")] {
        let out = run(args);
        assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains(says), "{args:?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// `PLUGBOARD_LOG_FORMAT=json`: every log line is one JSON object; a request's lines carry its route template and
/// request id, never the raw path.
#[tokio::test]
async fn json_logs_carry_the_route_and_request_id() {
    use std::io::{BufRead, BufReader};
    let dir = std::env::temp_dir().join(format!("plugboard-cli-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(BIN)
        .env_remove("TR_API_KEY")
        .env("PLUGBOARD_SANDBOX", "1")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("PLUGBOARD_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.join("j.db").display()))
        .env("PLUGBOARD_LOG_FORMAT", "json")
        .env("LEPTOS_OUTPUT_NAME", "plugboard")
        .env("RUST_LOG", "info,tower_http=warn,plugboard=debug")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let lines = std::thread::spawn(move || BufReader::new(stderr).lines().map_while(Result::ok).collect::<Vec<_>>());
    let base = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(20);
    while reqwest::get(format!("{base}/healthz")).await.is_err() {
        assert!(Instant::now() < deadline, "the portal did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let resp = reqwest::get(format!("{base}/link/v1.secret-looking.token")).await.unwrap();
    let id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
    let lines = lines.join().unwrap();
    assert!(!lines.is_empty());
    let parsed: Vec<serde_json::Value> =
        lines.iter().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect();
    let of_request: Vec<&serde_json::Value> = parsed.iter().filter(|v| v["span"]["request_id"] == id.as_str()).collect();
    assert!(!of_request.is_empty(), "a line of that request: {lines:?}");
    assert!(of_request.iter().all(|v| v["span"]["route"] == "/link/{token}"), "{of_request:?}");
    assert!(!lines.iter().any(|l| l.contains("secret-looking")), "no raw path or token in the logs");
    let _ = std::fs::remove_dir_all(dir);
}

/// `plugboard link --connect`: a deep link; checked against the API when it can be reached (an inactive id is
/// refused), left to the landing page otherwise.
#[tokio::test]
async fn link_connect_is_checked_when_the_api_can_be_reached() {
    let sb = crate::helpers::spawn_sandbox().await;
    let dir = std::env::temp_dir().join(format!("plugboard-cli-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("d.db").display());
    let api = sb.api_url.to_string();
    let key = sb.sandbox.api_key().to_owned();
    let run = |args: &'static [&'static str], remote: bool| {
        let (url, api, key) = (url.clone(), api.clone(), key.clone());
        tokio::task::spawn_blocking(move || {
            let mut c = Command::new(BIN);
            c.arg("link").args(args).env("PLUGBOARD_DATABASE_URL", &url).env("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef");
            if remote {
                c.env("TR_API_URL", &api).env("TR_API_KEY", &key).env_remove("PLUGBOARD_SANDBOX");
            } else {
                c.env("PLUGBOARD_SANDBOX", "1").env_remove("TR_API_KEY");
            }
            c.output().unwrap()
        })
    };
    let ok = run(&["ada", "--connect", "ci_01_slack"], true).await.unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("/link/v2."));
    let inactive = run(&["ada", "--connect", "ci_12_jira"], true).await.unwrap();
    assert!(!inactive.status.success());
    assert!(String::from_utf8_lossy(&inactive.stderr).contains("--connect: ci_12_jira is not an active integration"));
    let outside = run(&["ada", "--allow", "ci_02_github", "--connect", "ci_01_slack"], false).await.unwrap();
    assert!(!outside.status.success() && String::from_utf8_lossy(&outside.stderr).contains("--allow"));
    // On the embedded sandbox (not running here), the landing page checks it.
    let unchecked = run(&["ada", "--connect", "ci_12_jira"], false).await.unwrap();
    assert!(unchecked.status.success());
    assert!(String::from_utf8_lossy(&unchecked.stderr).contains("the link's page will check ci_12_jira"));
    let _ = std::fs::remove_dir_all(dir);
}
