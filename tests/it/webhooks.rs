//! Webhooks over real HTTP: a verified change fires one signed event, delivered to a receiver that verifies it as a
//! host would; retries on 5xx and 429 (with Retry-After), give-up, permanent 4xx, no duplicate from racing
//! observers, nothing lost when the process dies between the commit and the send.

use crate::helpers::*;
use plugboard::domain::{ConnState, CustomerIntegrationId, ObservedBy, UserId};
use plugboard::services::registry::snapshots::Observation;
use plugboard::services::registry::DeliveryStatus;

fn env<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Connect `integration` all the way: Connect, approve on the sandbox page, back on the callback page.
async fn connect_fully(app: &TestApp, c: &Client, integration: &str) -> String {
    let authorize = app.connect(c, integration).await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let (status, html) = app.page(c, back.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200, "{html}");
    html
}

#[test]
fn created_lost_with_a_reconnect_link_then_recovered() {
    run(async {
        let rx = Receiver::start(&[]).await;
        let mut pairs = webhook_env(&rx);
        pairs.push(("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD.to_owned()));
        pairs.push(("PLUGBOARD_API_TOKEN", "host-api-token-0123456789".to_owned()));
        let app = spawn_app(&env(&pairs)).await;
        // The host mints a link with what it knows about the user.
        let resp = Client::new()
            .post(app.url("/api/v1/links"))
            .bearer_auth("host-api-token-0123456789")
            .json(&json!({"userId": "ada", "endUser": {"displayName": "Ada Lovelace", "email": "ada@example.com"},
                          "organization": {"id": "org_9", "name": "Analytical Engines"}, "tags": {"plan": "pro"}}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 201);
        let url = resp.json::<serde_json::Value>().await.unwrap()["url"].as_str().unwrap().to_owned();
        let c = browser();
        app.use_link(&c, &url).await;

        // Connect Slack: connection.created, signed, with the user's details.
        connect_fully(&app, &c, "ci_01_slack").await;
        let got = rx.wait_for(1).await;
        assert!(verifies(&got[0]), "the signature verifies with the host's secret");
        let body = got[0].json();
        assert_eq!(body["type"], "connection.created");
        assert_eq!(got[0].id.starts_with("msg_"), true);
        let data = &body["data"];
        assert_eq!((data["user"]["id"].as_str(), data["user"]["displayName"].as_str()), (Some("ada"), Some("Ada Lovelace")));
        assert_eq!(data["user"]["organization"]["id"], "org_9");
        assert_eq!(data["user"]["tags"]["plan"], "pro");
        assert_eq!((data["integration"]["id"].as_str(), data["integration"]["name"].as_str()), (Some("ci_01_slack"), Some("Slack")));
        // Never verified before (no page view had recorded it): previous is unknown.
        assert_eq!((data["previousState"].as_str(), data["state"].as_str()), (Some("unknown"), Some("connected")));
        assert_eq!(data["observedBy"], "callback");
        let seq_created = data["sequence"].as_i64().unwrap();

        // Revoked elsewhere, seen by Check now: connection.lost, with a reconnect link scoped to Slack.
        app.set_connection("ada", "ci_01_slack", false).await;
        app.check_now(&app.admin().await, "ada").await;
        let got = rx.wait_for(2).await;
        let lost = got[1].json();
        assert!(verifies(&got[1]));
        assert_eq!(lost["type"], "connection.lost");
        assert_eq!(lost["data"]["observedBy"], "check_now");
        assert_eq!(lost["data"]["state"], "needs_reconnect");
        assert!(lost["data"]["sequence"].as_i64().unwrap() > seq_created, "the pair's sequence moves on");
        let reconnect = lost["data"]["reconnectUrl"].as_str().unwrap().to_owned();
        let expires = chrono::DateTime::parse_from_rfc3339(lost["data"]["reconnectUrlExpiresAt"].as_str().unwrap()).unwrap();
        assert!(expires.with_timezone(&chrono::Utc) - chrono::Utc::now() > chrono::Duration::days(6), "7 days by default");

        // The reconnect link opens a portal showing only Slack; reconnecting fires connection.recovered.
        let c2 = browser();
        app.use_link(&c2, &reconnect).await;
        let (_, html) = app.page(&c2, "/").await;
        let names: Vec<String> = cards(&html).into_iter().map(|c| c.0).collect();
        assert_eq!(names, vec!["Slack".to_owned()], "{html}");
        assert!(html.contains("Ada Lovelace"), "the header names the user as the host did");
        connect_fully(&app, &c2, "ci_01_slack").await;
        let got = rx.wait_for(3).await;
        assert_eq!(got[2].json()["type"], "connection.recovered");
        // And re-authorizing while connected is connection.reconnected.
        connect_fully(&app, &c2, "ci_01_slack").await;
        let got = rx.wait_for(4).await;
        assert_eq!(got[3].json()["type"], "connection.reconnected");
        assert_eq!(rx.types(), ["connection.created", "connection.lost", "connection.recovered", "connection.reconnected"]);
        // Sequence numbers of one pair only grow, in delivery order.
        let seqs: Vec<i64> = got.iter().map(|r| r.json()["data"]["sequence"].as_i64().unwrap()).collect();
        assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");

        // A host that missed the webhooks catches up from the feed: the same changes, the same ids and sequences.
        let feed: serde_json::Value = Client::new()
            .get(app.url("/api/v1/events?userId=ada&limit=1000"))
            .bearer_auth("host-api-token-0123456789")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let changes: Vec<&serde_json::Value> =
            feed["events"].as_array().unwrap().iter().filter(|e| e["kind"].as_str().unwrap().contains('.')).collect();
        let from_feed: Vec<(String, String, i64)> = changes
            .iter()
            .map(|e| (e["id"].as_str().unwrap().to_owned(), e["kind"].as_str().unwrap().to_owned(), e["sequence"].as_i64().unwrap()))
            .collect();
        let from_hooks: Vec<(String, String, i64)> = got
            .iter()
            .map(|r| (r.id.clone(), r.json()["type"].as_str().unwrap().to_owned(), r.json()["data"]["sequence"].as_i64().unwrap()))
            .collect();
        assert_eq!(from_feed, from_hooks, "{feed}");
        assert_eq!((changes[1]["previousState"].as_str(), changes[1]["state"].as_str()), (Some("connected"), Some("needs_reconnect")));
        assert_eq!(changes[1]["observedBy"], "check_now");
    })
}

#[test]
fn a_denied_connect_fires_connect_failed_and_status_alone_fires_nothing() {
    run(async {
        let rx = Receiver::start(&[]).await;
        let pairs = webhook_env(&rx);
        let app = spawn_app(&env(&pairs)).await;
        let c = app.signed_in("dora").await;
        let authorize = app.connect(&c, "ci_02_github").await;
        let back = app.authorize(&authorize, &[("decision", "deny")]).await;
        let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
        let got = rx.wait_for(1).await;
        assert_eq!(got[0].json()["type"], "connect.failed");
        // A crafted ?status=success on a fresh attempt that was never authorized: the API says inactive, so nothing
        // is "created".
        let _ = app.connect(&c, "ci_05_notion").await;
        let attempt: String = sqlx::Row::get(
            &sqlx::query("SELECT id FROM connect_attempts WHERE integration_id = 'ci_05_notion'").fetch_one(app.state.db.pool()).await.unwrap(),
            0,
        );
        let _ = app.page(&c, &format!("/callback/{attempt}?status=success")).await;
        // The API says inactive: that callback is a second connect.failed, and nothing is "created".
        rx.wait_for(2).await;
        assert_eq!(rx.types(), ["connect.failed", "connect.failed"]);
        let messages: i64 = sqlx::Row::get(&sqlx::query("SELECT COUNT(*) FROM webhook_messages").fetch_one(app.state.db.pool()).await.unwrap(), 0);
        assert_eq!(messages, 2, "nothing else was queued");
    })
}

#[test]
fn retries_on_5xx_and_429_with_retry_after_then_delivered_with_the_same_id_and_body() {
    run(async {
        let rx = Receiver::start(&[(500, None), (429, Some("1")), (503, None)]).await;
        let pairs = webhook_env(&rx);
        let app = spawn_app(&env(&pairs)).await;
        let c = app.signed_in("reta").await;
        connect_fully(&app, &c, "ci_01_slack").await;
        let got = rx.wait_for(4).await;
        assert!(got.iter().all(|r| r.id == got[0].id && r.body == got[0].body), "one message, the same bytes every time");
        assert!(got.iter().all(verifies));
        let waited = got[2].at - got[1].at;
        // Due a second after the previous attempt started (without Retry-After: about one 400 ms poll).
        assert!(waited >= std::time::Duration::from_millis(800), "Retry-After: 1 was honoured ({waited:?})");
        wait_for_status(&app, DeliveryStatus::Delivered).await; // recorded after the answer is read
        let deliveries = app.state.db.deliveries(None, None, 0, 10).await.unwrap();
        assert_eq!(deliveries.len(), 1);
        let d = &deliveries[0];
        assert_eq!((d.status, d.attempts, d.last_code), (DeliveryStatus::Delivered, 4, Some(204)));
    })
}

#[test]
fn a_permanent_4xx_fails_at_once_and_a_failing_receiver_is_given_up_on() {
    run(async {
        let rx = Receiver::start(&[(400, None)]).await;
        let mut pairs = webhook_env(&rx);
        pairs.push(("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD.to_owned()));
        let app = spawn_app(&env(&pairs)).await;
        let c = app.signed_in("pia").await;
        connect_fully(&app, &c, "ci_01_slack").await;
        rx.wait_for(1).await;
        let d = wait_for_status(&app, DeliveryStatus::Failed).await;
        assert_eq!((d.attempts, d.last_code), (1, Some(400)));
        assert_eq!(d.last_excerpt.as_deref(), Some("receiver says hi"), "a short excerpt of the answer is kept");
        // The console lists it (filtered by status) and resends it; the receiver takes it this time.
        let admin = app.admin().await;
        let (status, html) = app.page(&admin, "/admin/webhooks?status=failed").await;
        assert_eq!(status, 200);
        assert!(html.contains(r#"<tr data-status="failed">"#) && html.contains("connection.created") && html.contains("400 · receiver says hi"), "{html}");
        let (_, html) = app.page(&admin, "/admin/webhooks?status=delivered").await;
        assert!(html.contains("No deliveries match."), "{html}");
        let (status, location) = app.post_form(&admin, "/api/admin-resend-webhook", &[("delivery", d.id.as_str())]).await;
        assert_eq!((status, location.as_str()), (StatusCode::FOUND, "/admin/webhooks?resent=1"));
        wait_for_status(&app, DeliveryStatus::Delivered).await;
        assert_eq!(rx.wait_for(2).await[1].id, rx.all()[0].id, "the same message, again");

        // Always 500, give up after 3 s.
        let rx = Receiver::start(&[(500, None); 1000]).await;
        let mut pairs = webhook_env(&rx);
        pairs.push(("PLUGBOARD_WEBHOOK_GIVE_UP_SECONDS", "3".to_owned()));
        let app = spawn_app(&env(&pairs)).await;
        let c = app.signed_in("gus").await;
        connect_fully(&app, &c, "ci_01_slack").await;
        let d = wait_for_status(&app, DeliveryStatus::Failed).await;
        assert!(d.attempts >= 3, "retried before giving up ({})", d.attempts);
        assert_eq!(d.last_code, Some(500));
        // Resend (the console's button) sends it once more.
        let n = rx.all().len();
        assert!(app.state.db.resend(&d.id, "password", chrono::Utc::now()).await.unwrap());
        rx.wait_for(n + 1).await;
    })
}

async fn wait_for_status(app: &TestApp, status: DeliveryStatus) -> plugboard::services::registry::Delivery {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(d) = app.state.db.deliveries(Some(status), None, 0, 1).await.unwrap().into_iter().next() {
            return d;
        }
        assert!(std::time::Instant::now() < deadline, "no delivery became {status:?}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[test]
fn racing_observers_fire_one_event_per_change() {
    run(async {
        let rx = Receiver::start(&[]).await;
        let pairs = webhook_env(&rx);
        let app = spawn_app(&env(&pairs)).await;
        let user = UserId::parse("rachel").unwrap();
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        let names = app.state.webhooks.endpoint_names();
        // Twenty observers of the same change at once (views, the refresher, Check now on several instances).
        let now = chrono::Utc::now();
        let writes = (0..20).map(|i| {
            let db = app.state.db.clone();
            let o = Observation {
                user: user.clone(),
                integration: slack.clone(),
                state: ConnState::Connected { since: now },
                at: now,
                by: if i % 2 == 0 { ObservedBy::View } else { ObservedBy::Refresher },
            };
            let names = names.clone();
            tokio::spawn(async move { db.record_observations(&[o], &names).await })
        });
        for w in futures::future::join_all(writes).await {
            w.unwrap().unwrap();
        }
        // Every write has returned: what was queued is all there will be.
        let messages: i64 = sqlx::Row::get(&sqlx::query("SELECT COUNT(*) FROM webhook_messages").fetch_one(app.state.db.pool()).await.unwrap(), 0);
        assert_eq!(messages, 1, "one change, one message");
        rx.wait_for(1).await;
        assert_eq!(rx.types(), ["connection.created"]);
    })
}

#[test]
fn a_change_committed_before_a_crash_is_delivered_after_the_restart() {
    run(async {
        let rx = Receiver::start(&[]).await;
        let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("t.db").display());
        // The state change and its outbox row committed; the process dies before sending (nothing else runs).
        {
            let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
            let o = Observation {
                user: UserId::parse("kim").unwrap(),
                integration: CustomerIntegrationId::parse("ci_01_slack").unwrap(),
                state: ConnState::Connected { since: chrono::Utc::now() },
                at: chrono::Utc::now(),
                by: ObservedBy::Refresher,
            };
            db.record_observations(&[o], &["default".to_owned()]).await.unwrap();
            db.pool().close().await;
        }
        assert!(rx.all().is_empty());
        let pairs = webhook_env(&rx);
        let _app = spawn_app_in(dir, &env(&pairs)).await;
        let got = rx.wait_for(1).await;
        assert_eq!(got[0].json()["type"], "connection.created");
        assert!(verifies(&got[0]));
    })
}

#[test]
fn the_sandbox_inbox_receives_and_verifies_by_default() {
    run(async {
        let app = spawn_app(&[]).await;
        let c = app.signed_in("sandy").await;
        connect_fully(&app, &c, "ci_01_slack").await;
        app.wait_for_inbox("connection.created").await;
        let got = app.sandbox.sandbox.webhooks();
        assert!(got[0].verified && got[0].event_type == "connection.created", "{got:?}");
        let page = http().get(app.sandbox.api_url.join("_sandbox/webhooks").unwrap()).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("connection.created") && page.contains("signature verified"), "{page}");
    })
}
