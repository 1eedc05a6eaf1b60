//! Promises at the edge (issue 17), over real HTTP with the headers a reverse proxy sends: the client's address comes
//! from the one header the operator named and only from a trusted proxy, every anonymous route that writes has a
//! per-client budget (IPv6 counted per /64), and the admin can always sign in.

use crate::helpers::*;
use futures::StreamExt;

fn plain() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

#[test]
fn the_admin_sign_in_limit_counts_before_checking_and_holds_across_instances() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        // Twenty concurrent wrong guesses from one client: at most five are even checked.
        let clients: Vec<Client> = (0..20).map(|_| browser()).collect();
        let guesses = clients.iter().map(|c| app.post_form(c, "/api/admin-sign-in", &[("password", "guess")]));
        let answers = futures::future::join_all(guesses).await;
        let wrong = answers.iter().filter(|(_, loc)| loc == "/admin?error=wrong").count();
        let limited = answers.iter().filter(|(_, loc)| loc.starts_with("/admin?error=limited")).count();
        assert_eq!((wrong, limited), (5, 15), "{answers:?}");
        // A second instance on the same database knows the lockout, even for the right password.
        let other = spawn_app_in(app.dir.0.clone(), &[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let (_, loc) = other.post_form(&browser(), "/api/admin-sign-in", &[("password", ADMIN_PASSWORD)]).await;
        assert!(loc.starts_with("/admin?error=limited"), "{loc}");
        std::mem::forget(other); // the directory belongs to `app`
    });
    run(async {
        // Forty clients (behind a trusted proxy), one guess each, then a forged Forwarded on top: the overall count
        // is an alert (a metric and a log line), not a lock. Every guess is checked (and wrong), and the admin, from a
        // client inside its own budget, signs in with the right password afterwards (before issue 17 the spray
        // locked everybody out).
        let metrics = free_addr();
        let app = spawn_app(&[
            ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("PLUGBOARD_TRUSTED_PROXIES", "127.0.0.1/32"),
            ("PLUGBOARD_METRICS_ADDR", metrics.as_str()),
        ])
        .await;
        let guess = |i: usize, forged: bool| {
            let mut req = browser()
                .post(app.url("/api/admin-sign-in"))
                .header("sec-fetch-site", "same-origin")
                .header("x-forwarded-for", format!("198.51.100.{}", i + 1));
            if forged {
                req = req.header("forwarded", format!("for=203.0.113.{}", i + 1));
            }
            req.form(&[("password", "guess")]).send()
        };
        let answers = futures::future::join_all((0..40).map(|i| guess(i, false))).await;
        let locations: Vec<String> =
            answers.into_iter().map(|r| r.unwrap().headers()[header::LOCATION].to_str().unwrap().to_owned()).collect();
        assert!(locations.iter().all(|l| l == "/admin?error=wrong"), "{locations:?}");
        // A forged Forwarded does not make a new client: 198.51.100.1 has four left of its five, then it waits.
        let answers = futures::future::join_all((0..5).map(|_| guess(0, true))).await;
        let limited = answers.into_iter().filter(|r| r.as_ref().unwrap().headers()[header::LOCATION].to_str().unwrap().starts_with("/admin?error=limited")).count();
        assert_eq!(limited, 1, "the forged Forwarded was not read");
        let resp = browser()
            .post(app.url("/api/admin-sign-in"))
            .header("sec-fetch-site", "same-origin")
            .header("x-forwarded-for", "192.0.2.77")
            .form(&[("password", ADMIN_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.headers()[header::LOCATION], "/admin", "the admin signs in");
        let scraped = reqwest::get(format!("http://{metrics}/metrics")).await.unwrap().text().await.unwrap();
        let alerts = scraped.lines().find(|l| l.starts_with("plugboard_admin_sign_in_alerts_total")).unwrap_or_else(|| panic!("{scraped}"));
        assert!(alerts.split(' ').next_back().and_then(|n| n.parse::<f64>().ok()).is_some_and(|n| n >= 1.0), "{alerts}");
    });
}

#[test]
fn a_forged_forwarded_header_cannot_bypass_a_budget_behind_a_proxy() {
    run(async {
        // nginx in front (127.0.0.1 trusted) appends the peer it saw to X-Forwarded-For and passes on whatever
        // Forwarded the client sent: a random Forwarded per request must not make a new client each time.
        let app = spawn_app(&[("PLUGBOARD_LINK_RATE_PER_MINUTE", "3"), ("PLUGBOARD_TRUSTED_PROXIES", "127.0.0.1/32")]).await;
        let link = app.url("/link/v1.whatever.sig");
        let mut statuses = Vec::new();
        for i in 0..5 {
            let resp = plain()
                .get(&link)
                .header("forwarded", format!("for=203.0.113.{}", i + 1))
                .header("x-forwarded-for", "198.51.100.44")
                .send()
                .await
                .unwrap();
            statuses.push(resp.status().as_u16());
        }
        assert_eq!(statuses[3..], [429, 429], "one client, whatever Forwarded says: {statuses:?}");

        // The operator who names `forwarded` gets it read (and X-Forwarded-For ignored).
        let app = spawn_app(&[
            ("PLUGBOARD_LINK_RATE_PER_MINUTE", "1"),
            ("PLUGBOARD_TRUSTED_PROXIES", "127.0.0.1/32"),
            ("PLUGBOARD_CLIENT_IP_HEADER", "forwarded"),
        ])
        .await;
        let link = app.url("/link/v1.whatever.sig");
        let get = |fwd: &'static str, xff: &'static str| plain().get(&link).header("forwarded", fwd).header("x-forwarded-for", xff).send();
        assert_ne!(get("for=192.0.2.1", "1.1.1.1").await.unwrap().status(), 429);
        assert_eq!(get("for=192.0.2.1", "2.2.2.2").await.unwrap().status(), 429, "the same client by Forwarded");
        assert_ne!(get("for=192.0.2.2", "2.2.2.2").await.unwrap().status(), 429, "another client by Forwarded");

        // A stranger (not a trusted proxy) is its socket's address, whatever it sends.
        let app = spawn_app(&[("PLUGBOARD_LINK_RATE_PER_MINUTE", "1"), ("PLUGBOARD_TRUSTED_PROXIES", "10.0.0.0/8")]).await;
        let link = app.url("/link/v1.whatever.sig");
        let first = plain().get(&link).header("x-forwarded-for", "198.51.100.1").send().await.unwrap().status();
        let second = plain().get(&link).header("x-forwarded-for", "198.51.100.2").send().await.unwrap().status();
        assert_eq!((first.as_u16() == 429, second.as_u16()), (false, 429));
    })
}

#[test]
fn the_landing_pages_server_function_has_a_budget_and_refusals_count_per_64() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_LINK_RATE_PER_MINUTE", "3"), ("PLUGBOARD_TRUSTED_PROXIES", "127.0.0.1/32")]).await;
        // POSTed straight to the server function (it records refused links): under the link budget.
        let landing = |ip: &'static str| {
            plain()
                .post(app.url("/api/link-landing"))
                .header("sec-fetch-site", "same-origin")
                .header("x-forwarded-for", ip)
                .header(header::ACCEPT, "application/json")
                .form(&[("token", "v1.made.up")])
                .send()
        };
        let mut statuses = Vec::new();
        for _ in 0..5 {
            statuses.push(landing("198.51.100.60").await.unwrap().status().as_u16());
        }
        assert_eq!(statuses[3..], [429, 429], "{statuses:?}");
        // The refused-link log counts an IPv6 client per /64: ten addresses of one /64 record at most five refusals.
        let app = spawn_app(&[("PLUGBOARD_TRUSTED_PROXIES", "127.0.0.1/32")]).await;
        for i in 0..10 {
            let resp = plain()
                .get(app.url("/link/v1.not.signed"))
                .header("x-forwarded-for", format!("2001:db8:7:7::{:x}", i + 1))
                .send()
                .await
                .unwrap();
            assert!(resp.status().is_client_error(), "{}", resp.status());
        }
        let stored: i64 = sqlx::Row::get(
            &sqlx::query("SELECT COUNT(*) FROM events WHERE kind = 'link_rejected'").fetch_one(app.state.db.pool()).await.unwrap(),
            0,
        );
        assert_eq!(stored, 5, "one /64, one budget of five");
    })
}

#[test]
fn metric_labels_come_from_closed_sets_whatever_clients_send() {
    run(async {
        let metrics = free_addr();
        let app = spawn_app(&[("PLUGBOARD_METRICS_ADDR", metrics.as_str())]).await;
        let c = app.signed_in("labeller").await;
        // 1,000 requests with made-up methods, paths and integration ids.
        let sends = (0..1000).map(|i| {
            let c = c.clone();
            let url = app.url(&format!("/made-up-{i}/x"));
            let connect = app.url("/api/connect");
            async move {
                if i % 2 == 0 {
                    let method = reqwest::Method::from_bytes(format!("R{i}X").as_bytes()).unwrap();
                    let _ = c.request(method, url).send().await;
                } else {
                    let _ = c
                        .post(connect)
                        .header("sec-fetch-site", "same-origin")
                        .form(&[("integration_id", format!("ci_made_up_{i}"))])
                        .send()
                        .await;
                }
            }
        });
        futures::stream::iter(sends).buffer_unordered(16).collect::<Vec<()>>().await;
        let scraped = reqwest::get(format!("http://{metrics}/metrics")).await.unwrap().text().await.unwrap();
        for token in ["R0X", "R998X", "made-up-", "ci_made_up_"] {
            assert!(!scraped.contains(token), "{token} became a label:\n{scraped}");
        }
        let others: Vec<&str> =
            scraped.lines().filter(|l| l.starts_with("plugboard_http_requests_total{") && l.contains("method=\"other\"")).collect();
        assert_eq!(others.len(), 1, "one `other` series: {others:?}");
        assert!(others[0].contains("route=\"unmatched\""), "{others:?}");
        let connects: Vec<&str> = scraped.lines().filter(|l| l.starts_with("plugboard_connects_total{")).collect();
        assert!(connects.iter().any(|l| l.contains("integration=\"other\"")), "{connects:?}");
        assert!(connects.iter().all(|l| !l.contains("ci_made_up")), "{connects:?}");
    })
}

#[test]
fn the_session_store_counts_in_the_instances_connection_budget() {
    run(async {
        use sqlx::{Connection, Executor, Row};
        let (url, name) = fresh_postgres("plugboard_pool").await;
        let mut admin = sqlx::PgConnection::connect(&postgres_admin_url()).await.unwrap();
        let app = spawn_app(&[("PLUGBOARD_DATABASE_URL", url.as_str()), ("PLUGBOARD_DATABASE_MAX_CONNECTIONS", "4")]).await;
        // Busy: many signed-in views at once use sessions and the registry together.
        let clients: Vec<Client> = futures::future::join_all((0..6).map(|i| app.signed_in_owned(format!("pool-{i}")))).await;
        let mut peak = 0i64;
        for _ in 0..3 {
            let views = clients.iter().flat_map(|c| (0..4).map(move |_| c)).map(|c| app.page(c, "/"));
            futures::future::join_all(views).await;
            let n: i64 = admin
                .fetch_one(format!("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '{name}' AND backend_type = 'client backend'").as_str())
                .await
                .unwrap()
                .get(0);
            peak = peak.max(n);
        }
        assert!(peak >= 2 && peak <= 4, "at most PLUGBOARD_DATABASE_MAX_CONNECTIONS connections in all: {peak}");
    })
}

#[test]
fn every_page_and_response_carries_what_production_needs() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_API_TOKEN", "host-api-token-0123456789"), ("PLUGBOARD_MAX_BODY_BYTES", "2048")]).await;
        // The 404 page for an unknown path names the request, as every error page does.
        let resp = plain().get(app.url("/no/such/page")).send().await.unwrap();
        assert_eq!(resp.status(), 404);
        let id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
        let html = Regex::new(r"<!(--.*?--)?>").unwrap().replace_all(&resp.text().await.unwrap(), "").into_owned();
        assert!(html.contains(&format!(r#"Reference: <code translate="no" dir="ltr">{id}</code>"#)), "{html}");
        // The host API answers an oversized body in JSON, as every one of its errors.
        let resp = plain()
            .post(app.url("/api/v1/links"))
            .bearer_auth("host-api-token-0123456789")
            .header(header::CONTENT_TYPE, "application/json")
            .body(format!("{{\"userId\":\"{}\"}}", "x".repeat(4000)))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 413);
        assert_eq!(resp.json::<serde_json::Value>().await.unwrap()["error"], "payload_too_large");
        // JSON, CSV, redirects and static files carry a CSP; every response says noindex.
        let c = app.signed_in("robot").await;
        for (what, resp) in [
            ("json", plain().get(app.url("/healthz")).send().await.unwrap()),
            ("redirect", c.post(app.url("/api/connect")).header("sec-fetch-site", "same-origin").form(&[("integration_id", "ci_01_slack")]).send().await.unwrap()),
            ("static", plain().get(app.url("/favicon.svg")).send().await.unwrap()),
            ("page", c.get(app.url("/")).send().await.unwrap()),
            ("landing", plain().get(app.url("/link/v2.whatever")).send().await.unwrap()),
        ] {
            let h = resp.headers();
            let csp = h.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default();
            assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp:?}");
            assert_eq!(h.get("x-robots-tag").and_then(|v| v.to_str().ok()), Some("noindex, nofollow"), "{what}");
        }
    })
}
