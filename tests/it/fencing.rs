//! Webhook deliveries are fenced: a claim holds a lease token, renewed while its deliveries are sent, so two workers
//! facing a receiver slower than the lease send each attempt once and never two at once; a stale worker's late
//! update (its lease ran out and another worker took over) changes nothing; the console cannot resend a delivery
//! while it is being sent.

use crate::helpers::*;
use chrono::{Duration, Utc};
use plugboard::domain::{ConnState, CustomerIntegrationId, ObservedBy, UserId};
use plugboard::services::registry::outbox::Lease;
use plugboard::services::registry::snapshots::Observation;
use plugboard::services::registry::{Attempted, DeliveryStatus};
use std::sync::{Arc, Mutex};

/// A receiver that takes `delay` to answer and records, per webhook-id, how many requests arrived and how many were
/// in flight at once.
#[derive(Clone, Default)]
struct SlowReceiver {
    seen: Arc<Mutex<Vec<String>>>,
    in_flight: Arc<Mutex<std::collections::HashMap<String, usize>>>,
    overlaps: Arc<Mutex<usize>>,
}

impl SlowReceiver {
    async fn start(delay: std::time::Duration) -> (SlowReceiver, String) {
        use axum::{extract::State, http::HeaderMap};
        let r = SlowReceiver::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks", listener.local_addr().unwrap());
        let handler = move |State(rx): State<SlowReceiver>, headers: HeaderMap| async move {
            let id = headers.get("webhook-id").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            rx.seen.lock().unwrap().push(id.clone());
            {
                let mut f = rx.in_flight.lock().unwrap();
                let n = f.entry(id.clone()).or_default();
                *n += 1;
                if *n > 1 {
                    *rx.overlaps.lock().unwrap() += 1;
                }
            }
            tokio::time::sleep(delay).await;
            *rx.in_flight.lock().unwrap().get_mut(&id).unwrap() -= 1;
            axum::http::StatusCode::NO_CONTENT
        };
        let app = axum::Router::new().route("/hooks", axum::routing::post(handler)).with_state(r.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (r, url)
    }
}

#[test]
fn two_workers_and_a_receiver_slower_than_the_lease_send_each_attempt_once() {
    run(async {
        let (rx, url) = SlowReceiver::start(std::time::Duration::from_millis(1500)).await;
        let dir = std::env::temp_dir().join(format!("plugboard-test-{}", uuid_like()));
        std::fs::create_dir_all(&dir).unwrap();
        let env = [
            ("PLUGBOARD_WEBHOOK_URL", url.as_str()),
            ("PLUGBOARD_WEBHOOK_SECRET", WEBHOOK_SECRET),
            ("PLUGBOARD_WEBHOOK_LEASE_SECONDS", "3"),
        ];
        // Two instances on one database: two delivery workers.
        let a = spawn_app_in(dir.clone(), &env).await;
        let _b = spawn_app_in(dir, &env).await;
        // Three changes at once: one worker claims all three and works through them for 4.5 s, longer than the 3 s
        // lease (renewed every second meanwhile).
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        let batch: Vec<Observation> = (0..3)
            .map(|i| Observation {
                user: UserId::parse(format!("slow-{i}")).unwrap(),
                integration: slack.clone(),
                state: ConnState::Connected { since: Utc::now() },
                at: Utc::now(),
                by: ObservedBy::Refresher,
            })
            .collect();
        a.state.db.record_observations(&batch, &a.state.webhooks.endpoint_names()).await.unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            let done = a.state.db.deliveries(Some(DeliveryStatus::Delivered), None, 0, 10).await.unwrap().len();
            if done == 3 {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "{done} of 3 delivered");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let seen = rx.seen.lock().unwrap().clone();
        assert_eq!(*rx.overlaps.lock().unwrap(), 0, "never two requests for one message at once: {seen:?}");
        assert_eq!(seen.len(), 3, "one request per attempt: {seen:?}");
        for d in a.state.db.deliveries(None, None, 0, 10).await.unwrap() {
            assert_eq!(d.attempts, 1, "{d:?}");
        }
    })
}

#[test]
fn a_stale_worker_changes_nothing_and_a_delivery_in_flight_is_not_resent() {
    run(async {
        // The database alone: no worker runs here, the test plays two workers.
        let (url, _guard) = fresh_sqlite();
        let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
        let db = &db;
        let o = Observation {
            user: UserId::parse("stale").unwrap(),
            integration: CustomerIntegrationId::parse("ci_01_slack").unwrap(),
            state: ConnState::Connected { since: Utc::now() },
            at: Utc::now(),
            by: ObservedBy::Refresher,
        };
        db.record_observations(&[o], &["default".to_owned()]).await.unwrap();
        // A claim whose lease ended in the past stands for a worker that stalled past its lease.
        let (old, new) = (Lease::new(), Lease::new());
        let past = Utc::now() - Duration::seconds(30);
        let claimed = db.claim_deliveries(Utc::now(), &old, Duration::seconds(1), 10).await.unwrap();
        sqlx::query("UPDATE webhook_deliveries SET locked_until = $1").bind(past.timestamp_millis()).execute(db.pool()).await.unwrap();
        assert_eq!(claimed.len(), 1);
        let id = claimed[0].id.clone();
        // The lease ran out; another worker takes it over (now, for a minute).
        let taken = db.claim_deliveries(Utc::now(), &new, Duration::seconds(60), 10).await.unwrap();
        assert_eq!(taken.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
        assert_eq!(db.extend_lease(&old, Utc::now() + Duration::seconds(60)).await.unwrap(), 0, "the old lease renews nothing");
        assert!(!db.holds(&old, &id, Utc::now()).await.unwrap() && db.holds(&new, &id, Utc::now()).await.unwrap());
        // The stale worker's late answer changes nothing.
        assert!(!db.attempted(&id, &old, &Attempted::Failed, Some(500), Some("late"), Utc::now()).await.unwrap());
        let d = db.delivery(&id).await.unwrap().unwrap();
        assert_eq!((d.status, d.last_code), (DeliveryStatus::Pending, claimed[0].last_code));
        // While the new worker holds it, the console cannot resend it (that would let a third worker send it).
        assert!(!db.resend(&id, "password", Utc::now()).await.unwrap(), "not while it is being sent");
        // The holder records its delivery; a stale worker cannot turn it back into pending or failed.
        assert!(db.attempted(&id, &new, &Attempted::Delivered, Some(204), None, Utc::now()).await.unwrap());
        let retry = Attempted::RetryAt(Utc::now());
        assert!(!db.attempted(&id, &old, &retry, None, None, Utc::now()).await.unwrap());
        assert!(!db.attempted(&id, &new, &Attempted::Failed, None, None, Utc::now()).await.unwrap(), "a lease is used once");
        assert_eq!(db.delivery(&id).await.unwrap().unwrap().status, DeliveryStatus::Delivered);
    })
}
