//! Operating it: liveness and readiness (the database, a rejected key, draining; a merely failing API keeps the
//! instance ready), Prometheus metrics on their own listener moving after a connect, request ids.

use crate::helpers::*;

async fn get_json(url: &str) -> (u16, serde_json::Value) {
    let resp = http().get(url).send().await.unwrap();
    (resp.status().as_u16(), resp.json().await.unwrap())
}

#[test]
fn health_and_readiness_name_the_failing_part() {
    run(async {
        let app = spawn_app(&[]).await;
        let (status, v) = get_json(&app.url("/healthz")).await;
        assert_eq!((status, v["status"].as_str()), (200, Some("ok")));
        let (status, v) = get_json(&app.url("/readyz")).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!((v["database"].as_str(), v["upstream"].as_str()), (Some("ok"), Some("ok")));

        // The API failing or slow: still ready (the body says so).
        app.state.catalog.invalidate();
        app.faults(json!({"errorRate": 1.0})).await;
        tokio::time::sleep(std::time::Duration::from_millis(5100)).await; // the probe is cached for 5 s
        let (status, v) = get_json(&app.url("/readyz")).await;
        assert_eq!((status, v["upstream"].as_str()), (200, Some("degraded")), "{v}");
        app.faults(json!({})).await;

        // The key rejected: still ready, naming it in the body and on the console.
        let bad = spawn_app_on_remote(&[]).await;
        let (status, _) = get_json(&bad.url("/readyz")).await;
        assert_eq!(status, 200);
        let sb = spawn_sandbox().await;
        let (db_url, _guard) = fresh_sqlite();
        let rejected = {
            let env = vec![
                ("PLUGBOARD_DATABASE_URL", db_url.clone()),
                ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD.to_owned()),
                ("TR_API_URL", sb.api_url.to_string()),
                ("TR_API_KEY", "a-key-the-api-does-not-know".to_owned()),
                ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef0123".to_owned()),
            ];
            let (app, _) = start(&env).await;
            let base = format!("http://{}", app.addr());
            tokio::spawn(app.run_until(std::future::pending()));
            base
        };
        // Ready all the same (the host API, the feed, erasure, the console and webhooks work without the key), and
        // it says so.
        let (status, v) = get_json(&format!("{rejected}/readyz")).await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["failing"], json!([]));
        assert_eq!(v["upstream"], "rejected");
        let admin = admin_at(&rejected).await;
        let html = admin.get(format!("{rejected}/admin")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("rejects our API key"), "the console says so: {html}");

        // The database gone: unready, naming it.
        app.state.db.pool().close().await;
        let (status, v) = get_json(&app.url("/readyz")).await;
        assert_eq!((status, v["database"].as_str()), (503, Some("unreachable")), "{v}");
        let (status, _) = get_json(&app.url("/healthz")).await;
        assert_eq!(status, 200, "alive all the same");
    })
}

#[test]
fn draining_after_sigterm_makes_the_instance_unready_while_it_keeps_serving() {
    run(async {
        let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
        std::fs::create_dir_all(&dir).unwrap();
        let env = vec![
            ("PLUGBOARD_DATABASE_URL", format!("sqlite://{}?mode=rwc", dir.join("t.db").display())),
            ("PLUGBOARD_SANDBOX", "1".to_owned()),
            ("PLUGBOARD_DRAIN_SECONDS", "8".to_owned()),
            ("PLUGBOARD_SHUTDOWN_SECONDS", "5".to_owned()),
        ];
        let (app, state) = start(&env).await;
        let base = format!("http://{}", app.addr());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (done_tx, mut done) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = app.run_until(async move {
                let _ = stopped.await;
            })
            .await;
            let _ = done_tx.send(());
        });
        assert_eq!(http().get(format!("{base}/readyz")).send().await.unwrap().status(), 200);
        let _ = stop.send(());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !state.readiness.is_draining() {
            assert!(std::time::Instant::now() < deadline);
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        // Draining: a new connection (as a balancer's probe opens) is answered, and /readyz says 503; pages are
        // still served. (The test fails if the 503 is missing or if the connection is refused.)
        let fresh = || reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
        let resp = fresh().get(format!("{base}/readyz")).send().await.expect("still accepting while draining");
        assert_eq!(resp.status(), 503);
        let v: serde_json::Value = resp.json().await.unwrap();
        assert_eq!((v["draining"].as_bool(), v["failing"].clone()), (Some(true), json!(["draining"])));
        assert_eq!(fresh().get(format!("{base}/")).send().await.expect("still serving").status(), 200);
        // After the drain it stops accepting and ends.
        tokio::time::timeout(std::time::Duration::from_secs(25), &mut done).await.expect("stopped after the drain").unwrap();
        assert!(fresh().get(format!("{base}/healthz")).send().await.is_err(), "no longer accepting");
    })
}

fn metric(text: &str, name: &str, labels: &[(&str, &str)]) -> f64 {
    text.lines()
        .filter(|l| l.starts_with(name) && !l.starts_with('#'))
        .filter(|l| l[name.len()..].starts_with('{') || l[name.len()..].starts_with(' '))
        .filter(|l| labels.iter().all(|(k, v)| l.contains(&format!("{k}=\"{v}\""))))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

#[test]
fn metrics_are_served_on_their_own_listener_and_move_after_a_connect() {
    run(async {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let addr = format!("127.0.0.1:{port}");
        let app = spawn_app(&[("PLUGBOARD_METRICS_ADDR", addr.as_str())]).await;
        let scrape = || async { http().get(format!("http://{addr}/metrics")).send().await.unwrap().text().await.unwrap() };
        assert_eq!(http().get(app.url("/metrics")).send().await.unwrap().status(), 404, "never on the public listener");
        let before = scrape().await;
        let c = app.signed_in("metered").await;
        let authorize = app.connect(&c, "ci_01_slack").await;
        let back = app.authorize(&authorize, &[("decision", "approve")]).await;
        let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
        let after = scrape().await;
        let delta = |name: &str, labels: &[(&str, &str)]| metric(&after, name, labels) - metric(&before, name, labels);
        assert!(delta("plugboard_connects_total", &[("integration", "ci_01_slack"), ("outcome", "started")]) >= 1.0, "{after}");
        assert!(delta("plugboard_connects_total", &[("integration", "ci_01_slack"), ("outcome", "verified")]) >= 1.0);
        assert!(delta("plugboard_link_redemptions_total", &[("outcome", "signed_in")]) >= 1.0);
        for step in ["link_opened", "signed_in", "connect_pressed", "returned", "verified"] {
            assert!(delta("plugboard_funnel_total", &[("kind", "step"), ("name", step)]) >= 1.0, "funnel step {step}: {after}");
        }
        assert!(delta("plugboard_upstream_calls_total", &[("endpoint", "auth_url"), ("outcome", "ok")]) >= 1.0);
        assert!(delta("plugboard_http_requests_total", &[("route", "/link/{token}"), ("method", "POST")]) >= 1.0);
        let open = metric(&after, "plugboard_db_pool_connections", &[("state", "idle")])
            + metric(&after, "plugboard_db_pool_connections", &[("state", "in_use")]);
        assert!((1.0..=8.0).contains(&open), "the pool's connections are reported: {open}");
        assert!(after.contains("plugboard_http_request_duration_seconds_bucket"), "latency histograms");
        assert!(!after.contains("metered"), "no user id in any label");
        assert!(!after.contains("/link/v1."), "no token in any label");
    })
}

#[test]
fn every_response_carries_a_request_id_and_error_pages_show_it() {
    run(async {
        let app = spawn_app(&[]).await;
        let resp = http().get(app.url("/")).header("x-request-id", "from-a-stranger").send().await.unwrap();
        let id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
        assert_ne!(id, "from-a-stranger", "an untrusted peer's id is replaced");
        assert_eq!(id.len(), 36, "a UUID: {id}");
        let resp = http().get(app.url("/link/v1.bogus.token")).send().await.unwrap();
        let id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
        let html = Regex::new(r"<!(--.*?--)?>").unwrap().replace_all(&resp.text().await.unwrap(), "").into_owned();
        assert!(html.contains(&format!(r#"Reference: <code translate="no" dir="ltr">{id}</code>"#)), "{html}");

        let trusting = spawn_app(&[("PLUGBOARD_TRUSTED_PROXIES", "127.0.0.1/32")]).await;
        let resp = http().get(trusting.url("/healthz")).header("x-request-id", "lb-1234").send().await.unwrap();
        assert_eq!(resp.headers()["x-request-id"], "lb-1234", "a trusted proxy's id is kept");
    })
}
