//! Production safety over real HTTP: sliding sessions, bounded bodies and time, per-client rate limits behind
//! trusted proxies, the admin sign-in limit across instances and concurrent guesses, refused links that cannot grow
//! the database, forged card states, https-only authorize pages, the stale list, the refresher's breaker, headers on
//! every HTML response, return URLs checked at render, secret rotation.

use crate::helpers::*;
use std::time::{Duration, Instant};

fn plain() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

/// The session cookie's `name=value`, from a response.
fn session_cookie(resp: &reqwest::Response) -> Option<String> {
    resp.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("plugboard_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

async fn signed_in_as(app: &TestApp, cookie: &str) -> bool {
    let resp = plain().get(app.url("/")).header(header::COOKIE, cookie).send().await.unwrap();
    !resp.text().await.unwrap().contains("Open your integrations from")
}

#[test]
fn sessions_slide_with_activity_and_end_when_idle() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_SESSION_IDLE_SECONDS", "3")]).await;
        let token = app.mint("sally", chrono::Duration::minutes(15), chrono::Utc::now());
        let url = app.url(&format!("/link/{token}"));
        let resp = app.press_continue(&plain(), &url).await;
        let mut active = session_cookie(&resp).expect("signed in");
        let idle = active.clone();
        // Active every second for five seconds (past the 3 s timeout): still signed in.
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            let resp = plain().get(app.url("/")).header(header::COOKIE, &active).send().await.unwrap();
            if let Some(fresh) = session_cookie(&resp) {
                assert!(resp.headers()[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=3"), "the expiry moves on");
                active = fresh;
            }
            assert!(!resp.text().await.unwrap().contains("Open your integrations from"), "signed out while active");
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        assert!(signed_in_as(&app, &active).await, "the active client stays signed in past the timeout");
        assert!(!signed_in_as(&app, &idle).await || idle == active, "the idle copy of the session has expired");
    });
    run(async {
        let app = spawn_app(&[("PLUGBOARD_SESSION_IDLE_SECONDS", "2")]).await;
        let token = app.mint("ida", chrono::Duration::minutes(15), chrono::Utc::now());
        let resp = app.press_continue(&plain(), &app.url(&format!("/link/{token}"))).await;
        let cookie = session_cookie(&resp).expect("signed in");
        assert!(signed_in_as(&app, &cookie).await);
        tokio::time::sleep(Duration::from_millis(3000)).await;
        assert!(!signed_in_as(&app, &cookie).await, "an idle session is out after its timeout");
    });
}

#[test]
fn bodies_and_time_are_bounded() {
    run(async {
        let app = spawn_app(&[
            ("PLUGBOARD_MAX_BODY_BYTES", "4096"),
            ("PLUGBOARD_REQUEST_TIMEOUT_SECONDS", "1"),
            ("PLUGBOARD_API_TOKEN", "host-api-token-0123456789"),
        ])
        .await;
        let c = app.signed_in("bea").await;
        let big = "x".repeat(12 * 1024);
        for path in ["/api/connect", "/api/admin-sign-in", "/api/v1/links"] {
            let resp = c
                .post(app.url(path))
                .header("sec-fetch-site", "same-origin")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(format!("integration_id={big}"))
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE, "{path}");
            assert!(resp.text().await.unwrap().contains("larger than the 4096 bytes"), "{path}");
            // 3 MB announced: refused on the announcement, before any of it is read.
            assert_eq!(raw_post(&app, path, 3 * 1024, false).await, "413", "{path}");
        }
        // Chunked: no Content-Length to refuse up front; the body is cut off at the limit.
        assert_eq!(raw_post(&app, "/api/connect", 64, true).await, "413", "chunked, over the limit");
        assert_ne!(raw_post(&app, "/api/connect", 2, true).await, "413", "chunked, under the limit");
        // A response that has not started within the request timeout: 408 in words.
        app.faults(json!({ "latencyMs": 1500, "endpoints": ["authUrl"] })).await;
        let resp = c
            .post(app.url("/api/connect"))
            .header("sec-fetch-site", "same-origin")
            .form(&[("integration_id", "ci_01_slack")])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::REQUEST_TIMEOUT);
        assert!(resp.text().await.unwrap().contains("took too long"));
        // The same page in the browser's language, before any session is read.
        let resp = c
            .post(app.url("/api/connect"))
            .header("sec-fetch-site", "same-origin")
            .header(header::ACCEPT_LANGUAGE, "ko-KR,ko;q=0.9")
            .form(&[("integration_id", "ci_01_slack")])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(resp.headers()[header::CONTENT_LANGUAGE], "ko");
        let html = resp.text().await.unwrap();
        assert!(html.contains(r#"<html lang="ko" dir="ltr">"#) && !html.contains("took too long"), "{html}");
    });
}

/// A POST of `kib` KiB over a raw connection, chunked or with its Content-Length; returns the response's status
/// code (write errors are ignored: the server may answer and close before the body is sent).
async fn raw_post(app: &TestApp, path: &str, kib: usize, chunked: bool) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let host = app.base.trim_start_matches("http://");
    let mut tcp = tokio::net::TcpStream::connect(host).await.unwrap();
    let framing = if chunked { "transfer-encoding: chunked".to_owned() } else { format!("content-length: {}", kib * 1024) };
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nsec-fetch-site: same-origin\r\n\
         content-type: application/x-www-form-urlencoded\r\n{framing}\r\nconnection: close\r\n\r\n"
    );
    let _ = tcp.write_all(head.as_bytes()).await;
    // With a Content-Length, only the announcement is sent: the answer must not wait for the body.
    for _ in 0..if chunked { kib } else { 0 } {
        let mut chunk = if chunked { b"400\r\n".to_vec() } else { Vec::new() };
        chunk.extend(std::iter::repeat_n(b'x', 1024));
        if chunked {
            chunk.extend(b"\r\n");
        }
        if tcp.write_all(&chunk).await.is_err() {
            break; // the server answered and closed early
        }
    }
    if chunked {
        let _ = tcp.write_all(b"0\r\n\r\n").await;
    }
    let mut answer = Vec::new();
    let _ = tcp.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).split(' ').nth(1).unwrap_or_default().to_owned()
}

#[test]
fn clients_are_rate_limited_per_route_class_behind_trusted_proxies() {
    run(async {
        let app = spawn_app(&[
            ("PLUGBOARD_LINK_RATE_PER_MINUTE", "3"),
            ("PLUGBOARD_CONNECT_RATE_PER_MINUTE", "2"),
            ("PLUGBOARD_API_RATE_PER_MINUTE", "2"),
            ("PLUGBOARD_API_TOKEN", "host-api-token-0123456789"),
            ("PLUGBOARD_TRUSTED_PROXIES", "127.0.0.1/32"),
        ])
        .await;
        let token = app.mint("rita", chrono::Duration::minutes(15), chrono::Utc::now());
        let link = app.url(&format!("/link/{token}"));
        let from = |ip: &'static str| move |r: reqwest::RequestBuilder| r.header("x-forwarded-for", ip);
        let one = from("198.51.100.1");
        for _ in 0..3 {
            assert_eq!(one(plain().get(&link)).send().await.unwrap().status(), 200);
        }
        let resp = one(plain().get(&link)).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(resp.headers()[header::RETRY_AFTER].to_str().unwrap().parse::<u64>().unwrap() >= 1);
        assert!(resp.text().await.unwrap().contains("Too many requests"));
        // Another client behind the same (trusted) proxy has its own budget; IPv6 clients share one per /64.
        assert_eq!(from("198.51.100.2")(plain().get(&link)).send().await.unwrap().status(), 200);
        for (i, ip) in ["2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2::3"].into_iter().enumerate() {
            assert_eq!(plain().get(&link).header("x-forwarded-for", ip).send().await.unwrap().status(), 200, "{i}");
        }
        let resp = plain().get(&link).header("x-forwarded-for", "2001:db8:1:2::4").send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS, "the same /64");

        // Connect: 2 a minute.
        let c = browser();
        let resp = app.press_continue(&c, &link).await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        let connect = || {
            c.post(app.url("/api/connect"))
                .header("sec-fetch-site", "same-origin")
                .header("x-forwarded-for", "203.0.113.9")
                .form(&[("integration_id", "ci_01_slack")])
                .send()
        };
        assert_eq!(connect().await.unwrap().status(), StatusCode::FOUND);
        assert_eq!(connect().await.unwrap().status(), StatusCode::FOUND);
        assert_eq!(connect().await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);

        // The host API: 2 a minute, answered in JSON.
        let api = || {
            plain()
                .post(app.url("/api/v1/links"))
                .bearer_auth("host-api-token-0123456789")
                .header("x-forwarded-for", "192.0.2.77")
                .json(&json!({"userId": "u"}))
                .send()
        };
        assert_eq!(api().await.unwrap().status(), StatusCode::CREATED);
        assert_eq!(api().await.unwrap().status(), StatusCode::CREATED);
        let resp = api().await.unwrap();
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(resp.headers().contains_key(header::RETRY_AFTER));
        assert_eq!(resp.json::<serde_json::Value>().await.unwrap()["error"], "rate_limited");
    });
    run(async {
        // Without trusted proxies, a forged X-Forwarded-For changes nothing: the socket's peer is the client.
        let app = spawn_app(&[("PLUGBOARD_LINK_RATE_PER_MINUTE", "2")]).await;
        let link = app.url("/link/v1.whatever.sig");
        for (i, ip) in ["10.0.0.1", "10.0.0.2", "10.0.0.3"].into_iter().enumerate() {
            let status = plain().get(&link).header("x-forwarded-for", ip).send().await.unwrap().status();
            assert_eq!(status == StatusCode::TOO_MANY_REQUESTS, i == 2, "{i}: {status}");
        }
    });
}

#[test]
fn anonymous_traffic_cannot_grow_the_database_or_spend_the_key() {
    run(async {
        let app = spawn_app(&[]).await;
        for i in 0..12 {
            let _ = plain().get(app.url(&format!("/link/v1.bad{i}.sig"))).send().await.unwrap();
        }
        let stored: i64 = sqlx::Row::get(
            &sqlx::query("SELECT COUNT(*) FROM events WHERE kind = 'link_rejected'").fetch_one(app.state.db.pool()).await.unwrap(),
            0,
        );
        assert_eq!(stored, 5, "at most five refused links per client per minute reach the event log");

        // The card-state route takes no ids: only integrations of the active list are read, whatever is posted.
        let c = app.signed_in("forger").await;
        let before = app.sandbox.sandbox.stats().user;
        let resp = c
            .post(app.url("/api/card-states"))
            .header("sec-fetch-site", "same-origin")
            .header(header::ACCEPT, "application/json")
            .form(&[("integration_id", "ci_12_jira"), ("ids[0]", "made-up")])
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{}", resp.status());
        let cards: Vec<(String, serde_json::Value)> = resp.json().await.unwrap();
        assert_eq!(cards.len(), 11);
        assert!(!cards.iter().any(|(id, _)| id == "ci_12_jira" || id == "made-up"));
        assert_eq!(app.sandbox.sandbox.stats().user - before, 11, "one read per active integration, nothing else");
    });
}

#[test]
fn outside_the_sandbox_authorize_pages_must_be_https_unless_listed_as_http() {
    run(async {
        for (hosts, expected) in [("localhost", "/?error=untrusted_redirect"), ("http://localhost", "http://localhost:")] {
            let app = spawn_app_on_remote(&[("PLUGBOARD_AUTHORIZE_HOSTS", hosts)]).await;
            let c = app.signed_in("hugo").await;
            let loc = app.connect(&c, "ci_01_slack").await;
            assert!(loc.starts_with(expected), "{hosts}: {loc}");
        }
    });
}

#[test]
fn a_failing_list_is_served_stale_with_a_note_and_a_failing_api_pauses_the_refresher() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_LIST_CACHE_SECONDS", "1")]).await;
        let c = app.signed_in("stan").await;
        let (_, html) = app.page(&c, "/").await;
        assert!(cards(&html).len() >= 10 && !html.contains("data-stale"));
        app.faults(json!({ "errorRate": 1.0, "endpoints": ["list"] })).await;
        let deadline = Instant::now() + Duration::from_secs(10);
        let html = loop {
            let (status, html) = app.page(&c, "/").await;
            assert_eq!(status, 200);
            if html.contains("data-stale") || Instant::now() > deadline {
                break html;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        assert!(html.contains("may be out of date") && cards(&html).len() >= 10, "the last good list, marked: {html}");
        assert!(!html.contains("temporarily unavailable"), "no outage banner while the stale list is fresh enough");
    });
    run(async {
        let app = spawn_app(&[]).await;
        for i in 0..20 {
            app.state.db.touch_user(&plugboard::domain::UserId::parse(format!("r{i}")).unwrap(), chrono::Utc::now()).await.unwrap();
        }
        let refresher = |per_second| {
            plugboard::console::refresher::Refresher::new(
                app.state.catalog.clone(),
                app.state.connections.clone(),
                app.state.db.clone(),
                per_second,
                Duration::from_secs(300),
            )
            .unwrap()
            .spawn()
        };
        // Every state call fails: after three failed checks the breaker opens (5 s), instead of 20 checks a second.
        app.faults(json!({ "errorRate": 1.0, "endpoints": ["user"] })).await;
        let before = app.sandbox.sandbox.stats().user;
        let task = refresher(20);
        tokio::time::sleep(Duration::from_secs(2)).await;
        let calls = app.sandbox.sandbox.stats().user - before;
        assert!(calls > 0 && calls <= 30, "paused by the breaker: {calls} calls in 2 s (unpaused: ~120)");
        // The API recovers: checks resume once the pause is over.
        app.faults(json!({})).await;
        let resumed = Instant::now();
        let mark = app.sandbox.sandbox.stats().user;
        while app.sandbox.sandbox.stats().user < mark + 10 && resumed.elapsed() < Duration::from_secs(20) {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(app.sandbox.sandbox.stats().user >= mark + 10, "the refresher resumed");
        task.abort();

        // A 429 with Retry-After: 3 pauses it for three seconds.
        app.faults(json!({ "rateLimited": 3, "endpoints": ["user"] })).await;
        let task = refresher(20);
        let before = app.sandbox.sandbox.stats().user;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let calls = app.sandbox.sandbox.stats().user - before;
        task.abort();
        assert!(calls <= 4, "paused for the Retry-After: {calls} calls in 1.5 s");
    });
}

#[test]
fn every_html_response_has_the_headers_and_return_urls_are_checked_when_shown() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_RETURN_HOSTS", "app.example.com")]).await;
        let resp = browser().get(app.url("/no/such/page")).send().await.unwrap();
        assert_eq!(resp.status(), 404);
        assert!(resp.headers().contains_key(header::CONTENT_SECURITY_POLICY), "the 404 page has a CSP too");
        assert_eq!(resp.headers()[header::CACHE_CONTROL], "no-store");
        let resp = browser().get(app.url("/")).send().await.unwrap();
        assert_eq!(resp.headers()[header::CACHE_CONTROL], "no-store", "pages that show a user's state are not cached");
        assert!(!resp.headers().contains_key(header::STRICT_TRANSPORT_SECURITY), "no HSTS on http");

        // A validly signed link whose return URL is not allowed (any more) shows no "Back to" link.
        for bad in ["javascript:alert(1)", "https://evil.example/x"] {
            let user = plugboard::domain::UserId::parse("rex").unwrap();
            let ret = url::Url::parse(bad).unwrap();
            let (token, _) = app.state.links.signer().mint(&user, chrono::Duration::minutes(5), Some(&ret), chrono::Utc::now()).unwrap();
            let c = browser();
            app.use_link(&c, &app.url(&format!("/link/{token}"))).await;
            let (_, html) = app.page(&c, "/").await;
            assert!(!html.contains("Back to the app") && !html.contains("javascript:") && !html.contains("evil.example"), "{bad}");
        }

        // An admin server function called directly with page 0 answers, it does not panic.
        let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let admin = app.admin().await;
        let resp = admin
            .post(app.url("/api/admin-matrix"))
            .header("sec-fetch-site", "same-origin")
            .header(header::ACCEPT, "application/json")
            .form(&[("filter[page]", "0")])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK, "{}", resp.text().await.unwrap_or_default());
    });
    run(async {
        // On https: HSTS, and the session cookie is Secure with the __Host- prefix.
        let app = spawn_app(&[("PLUGBOARD_PUBLIC_URL", "https://portal.example")]).await;
        let resp = plain().get(app.url("/")).send().await.unwrap();
        assert!(resp.headers()[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap().starts_with("max-age="));
        let token = app.mint("sue", chrono::Duration::minutes(5), chrono::Utc::now());
        let resp = plain()
            .post(app.url(&format!("/link/{token}")))
            .header(header::ORIGIN, "https://portal.example")
            .send()
            .await
            .unwrap();
        let cookie = resp.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
        assert!(cookie.starts_with("__Host-plugboard_session=") && cookie.contains("Secure") && cookie.contains("Path=/"), "{cookie}");
    });
}

#[test]
fn secrets_rotate_without_downtime() {
    run(async {
        const OLD: &str = "old-link-secret-0123456789abcdef-0123";
        const NEW: &str = "new-link-secret-0123456789abcdef-0123";
        let app = spawn_app(&[
            ("PLUGBOARD_LINK_SECRET", NEW),
            ("PLUGBOARD_LINK_SECRET_PREVIOUS", OLD),
            ("PLUGBOARD_API_TOKEN", "new-api-token-0123456789,old-api-token-0123456789"),
        ])
        .await;
        let user = plugboard::domain::UserId::parse("rosa").unwrap();
        let old = plugboard::services::links::LinkSigner::new(OLD.as_bytes()).unwrap();
        let (token, _) = old.mint(&user, chrono::Duration::minutes(5), None, chrono::Utc::now()).unwrap();
        app.use_link(&browser(), &app.url(&format!("/link/{token}"))).await;
        let stranger = plugboard::services::links::LinkSigner::new(&[9u8; 32]).unwrap();
        let (token, _) = stranger.mint(&user, chrono::Duration::minutes(5), None, chrono::Utc::now()).unwrap();
        assert_eq!(plain().get(app.url(&format!("/link/{token}"))).send().await.unwrap().status(), 403);
        for (token, expected) in
            [("new-api-token-0123456789", 201), ("old-api-token-0123456789", 201), ("other-api-token-0123456789", 401)]
        {
            let resp = plain().post(app.url("/api/v1/links")).bearer_auth(token).json(&json!({"userId": "u"})).send().await.unwrap();
            assert_eq!(resp.status().as_u16(), expected, "{token}");
        }
    });
}
