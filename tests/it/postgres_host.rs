//! The host-facing data on PostgreSQL, with two pools standing for two instances: the event feed never skips a
//! row while writers commit out of order, one change fires one webhook however many observers race, and workers
//! claim disjoint deliveries.

use chrono::Utc;
use plugboard::domain::{ConnState, CustomerIntegrationId, EventDetail, EventKind, ObservedBy, Profile, UserId};
use plugboard::platform::db::Db;
use plugboard::services::registry::snapshots::Observation;
use plugboard::services::registry::outbox::Lease;
use plugboard::services::registry::EventQuery;
use sqlx::{Connection, Executor};

/// Runs `f` on a fresh database (dropped afterwards), opened twice.
async fn on_fresh_postgres<F, Fut>(f: F)
where
    F: FnOnce(Db, Db) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let admin_url =
        std::env::var("PLUGBOARD_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let name = format!("plugboard_host_{}_{}", std::process::id(), Utc::now().timestamp_nanos_opt().unwrap_or(0));
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("PostgreSQL on 127.0.0.1:5432");
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let mut u = url::Url::parse(&admin_url).unwrap();
    u.set_path(&format!("/{name}"));
    let key = || vec![b"0123456789abcdef0123456789abcdef".to_vec()];
    let (a, _) = plugboard::platform::db::open(u.as_str()).await.expect("open + migrate");
    let (b, _) = plugboard::platform::db::open(u.as_str()).await.expect("second instance");
    let (a, b) = (a.with_erasure_keys(key()), b.with_erasure_keys(key()));
    let outcome = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(f(a.clone(), b.clone()))).await;
    a.pool().close().await;
    b.pool().close().await;
    let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_event_feed_never_skips_a_row_committed_out_of_order() {
    on_fresh_postgres(|a, b| async move {
        const WRITERS: usize = 8;
        const EACH: usize = 30;
        let user = UserId::parse("feed").unwrap();
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                let db = if w % 2 == 0 { a.clone() } else { b.clone() };
                let user = user.clone();
                tokio::spawn(async move {
                    for i in 0..EACH {
                        // Each event's transaction stays open a varying while after taking its position.
                        let mut tx = db.pool().begin().await.unwrap();
                        plugboard::services::registry::events::append_event(
                            &mut tx, EventKind::LinkUsed, Some(&user), None, &EventDetail::None, Utc::now(),
                        )
                        .await
                        .unwrap();
                        tokio::time::sleep(std::time::Duration::from_millis(((w * 7 + i * 3) % 11) as u64)).await;
                        tx.commit().await.unwrap();
                    }
                })
            })
            .collect();
        // A reader follows the feed with its cursor while they write.
        let mut seen: Vec<i64> = Vec::new();
        let mut after = 0;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while seen.len() < WRITERS * EACH {
            assert!(std::time::Instant::now() < deadline, "the reader saw {} of {}", seen.len(), WRITERS * EACH);
            let page = b.event_feed(&EventQuery::default(), after, 7).await.unwrap();
            for (pos, _) in &page {
                seen.push(*pos);
            }
            after = page.last().map_or(after, |(p, _)| *p);
            if page.is_empty() {
                tokio::time::sleep(std::time::Duration::from_millis(2)).await;
            }
        }
        for w in writers {
            w.await.unwrap();
        }
        let rest = a.event_feed(&EventQuery::default(), after, 1000).await.unwrap();
        assert!(rest.is_empty(), "nothing was left behind the cursor: {rest:?}");
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "strictly increasing, no duplicates");
        assert_eq!(seen, (1..=(WRITERS * EACH) as i64).collect::<Vec<_>>(), "every position, none skipped");
        assert_eq!(a.event_position().await.unwrap(), (WRITERS * EACH) as i64);
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_instances_fire_one_webhook_per_change_and_claim_disjoint_deliveries() {
    on_fresh_postgres(|a, b| async move {
        let user = UserId::parse("racer").unwrap();
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        let endpoints = vec!["default".to_owned()];
        let observe = |db: Db, state: ConnState, by: ObservedBy| {
            let (user, slack, endpoints) = (user.clone(), slack.clone(), endpoints.clone());
            tokio::spawn(async move {
                let o = Observation { user, integration: slack, state, at: Utc::now(), by };
                db.record_observations(&[o], &endpoints).await
            })
        };
        for round in [ConnState::Connected { since: Utc::now() }, ConnState::NeedsReconnect { since: Utc::now() }, ConnState::Connected { since: Utc::now() }] {
            let racers: Vec<_> = (0..16)
                .map(|i| observe(if i % 2 == 0 { a.clone() } else { b.clone() }, round.clone(), ObservedBy::Refresher))
                .collect();
            for r in racers {
                r.await.unwrap().unwrap();
            }
        }
        let deliveries = a.deliveries(None, None, 0, 100).await.unwrap();
        let mut got: Vec<(i64, &str)> = deliveries.iter().map(|d| (d.seq, d.kind.as_str())).collect();
        got.sort();
        assert_eq!(got, [(1, "connection.created"), (2, "connection.lost"), (3, "connection.recovered")]);

        // Two workers claim at once: each delivery goes to one of them.
        for i in 0..20 {
            let u = UserId::parse(format!("claim-{i}")).unwrap();
            let o = Observation { user: u, integration: slack.clone(), state: ConnState::Connected { since: Utc::now() }, at: Utc::now(), by: ObservedBy::View };
            a.record_observations(&[o], &endpoints).await.unwrap();
        }
        let lease = chrono::Duration::seconds(60);
        let (la, lb) = (Lease::new(), Lease::new());
        let (x, y) = tokio::join!(a.claim_deliveries(Utc::now(), &la, lease, 50), b.claim_deliveries(Utc::now(), &lb, lease, 50));
        let (x, y) = (x.unwrap(), y.unwrap());
        let mut ids: Vec<String> = x.iter().chain(y.iter()).map(|d| d.id.clone()).collect();
        assert_eq!(ids.len(), 23, "every due delivery claimed once ({} + {})", x.len(), y.len());
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 23, "no delivery claimed twice");
        assert!(a.claim_deliveries(Utc::now(), &Lease::new(), lease, 50).await.unwrap().is_empty(), "leased: nobody takes them again");

        // Profiles and erasure on PostgreSQL.
        let p = Profile { display_name: Some("Ada".into()), ..Default::default() };
        a.touch_user(&user, Utc::now()).await.unwrap();
        a.update_profile(&user, &p).await.unwrap();
        assert_eq!(b.profile(&user).await.unwrap().display_name.as_deref(), Some("Ada"));
        assert!(b.erase_user(&user, Utc::now()).await.unwrap());
        assert!(a.user_info(&user).await.unwrap().is_none() && a.erased_at(&user).await.unwrap().is_some());
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_older_observation_committed_last_never_overwrites_a_newer_one_and_never_fires() {
    on_fresh_postgres(|a, b| async move {
        let user = UserId::parse("late-view").unwrap();
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        let endpoints = vec!["default".to_owned()];
        let t0 = Utc::now() - chrono::Duration::seconds(10);
        let at = |s: i64| t0 + chrono::Duration::seconds(s);
        let o = |state: ConnState, when, by| Observation { user: user.clone(), integration: slack.clone(), state, at: when, by };
        a.record_observations(&[o(ConnState::Connected { since: t0 }, at(0), ObservedBy::View)], &endpoints).await.unwrap();
        // A view asks at t=1 (still connected) and is batched; the refresher asks at t=2 and sees the revoke; the
        // view's batch commits last, on the other instance.
        let view = o(ConnState::Connected { since: t0 }, at(1), ObservedBy::View);
        let refresher = o(ConnState::NeedsReconnect { since: at(2) }, at(2), ObservedBy::Refresher);
        a.record_observations(&[refresher], &endpoints).await.unwrap();
        b.record_observations(&[view], &endpoints).await.unwrap();
        let snap = b.snapshots(&user).await.unwrap();
        assert_eq!(snap[0].state.key(), plugboard::domain::StateKey::NeedsReconnect, "the newer observation stays");
        assert_eq!(snap[0].checked_at.timestamp_millis(), at(2).timestamp_millis(), "the row keeps the instant of the observation it holds");
        let kinds: Vec<&str> = {
            let mut d = a.deliveries(None, None, 0, 10).await.unwrap();
            d.sort_by_key(|d| d.seq);
            d.iter().map(|d| d.kind.as_str()).collect()
        };
        assert_eq!(kinds, ["connection.created", "connection.lost"], "no fictitious connection.recovered");
        let feed: Vec<String> =
            a.event_feed(&EventQuery::default(), 0, 100).await.unwrap().into_iter().map(|(_, e)| e.kind.as_str().to_owned()).collect();
        assert_eq!(feed, ["connection.created", "connection.lost"]);

        // Interleaved for real: an older observer whose transaction holds the user's lock when a newer one arrives
        // commits first or waits; whichever order they take, the newer state is what stays.
        let newer = o(ConnState::Connected { since: at(4) }, at(4), ObservedBy::Refresher);
        let older = o(ConnState::NeedsReconnect { since: at(2) }, at(3), ObservedBy::View);
        let (x, y) = tokio::join!(
            a.record_observations(std::slice::from_ref(&older), &endpoints),
            b.record_observations(std::slice::from_ref(&newer), &endpoints)
        );
        x.unwrap();
        y.unwrap();
        assert_eq!(a.snapshots(&user).await.unwrap()[0].state.key(), plugboard::domain::StateKey::Connected);
        let feed: Vec<String> =
            a.event_feed(&EventQuery::default(), 0, 100).await.unwrap().into_iter().map(|(_, e)| e.kind.as_str().to_owned()).collect();
        assert_eq!(feed, ["connection.created", "connection.lost", "connection.recovered"]);

        // An erased user is refused on this path: an observation asked before the erasure, or sent after it by work
        // that began before it (a refresher round, a callback), writes nothing after it.
        a.touch_user(&user, Utc::now()).await.unwrap();
        a.erase_user(&user, Utc::now()).await.unwrap();
        let late = o(ConnState::Connected { since: at(5) }, at(5), ObservedBy::View);
        let later = o(ConnState::NeedsReconnect { since: at(5) }, Utc::now() + chrono::Duration::seconds(1), ObservedBy::Refresher);
        b.record_observations(&[late, later], &endpoints).await.unwrap();
        assert!(a.snapshots(&user).await.unwrap().is_empty(), "nothing written about an erased user");
        let changes = a.event_feed(&EventQuery::default(), 0, 100).await.unwrap().into_iter().filter(|(_, e)| e.kind.webhook().is_some()).count();
        assert_eq!(changes, 3, "no change recorded after the erasure");
        // Registered again by a link minted after the erasure: recorded again.
        a.touch_user(&user, Utc::now() + chrono::Duration::milliseconds(5)).await.unwrap();
        let back = o(ConnState::Connected { since: Utc::now() }, Utc::now() + chrono::Duration::seconds(2), ObservedBy::View);
        b.record_observations(&[back], &endpoints).await.unwrap();
        assert_eq!(a.snapshots(&user).await.unwrap().len(), 1, "a user registered again is recorded");
    })
    .await
}

/// `Idempotency-Key` across instances: of many requests racing on two instances under one key, exactly one runs;
/// the others see it running, then get its answer; another request under the key is refused on either instance.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_idempotency_key_holds_across_instances() {
    use plugboard::services::idempotency::{fingerprint, Claim, Idempotency};
    on_fresh_postgres(|a, b| async move {
        let key = [9u8; 32];
        let (ia, ib) = (Idempotency::new(a.clone(), key), Idempotency::new(b.clone(), key));
        let body = serde_json::json!({"userId": "pg-ada"});
        let fp = fingerprint("POST", "/api/v1/links", Some(&body));
        let now = Utc::now();
        let racers: Vec<_> = (0..16)
            .map(|i| {
                let (idem, fp) = (if i % 2 == 0 { ia.clone() } else { ib.clone() }, fp.clone());
                tokio::spawn(async move { idem.claim("env", "k-pg", &fp, None, now).await.unwrap() })
            })
            .collect();
        let mut fresh = 0;
        for r in racers {
            match r.await.unwrap() {
                Claim::Fresh => fresh += 1,
                Claim::Running => {}
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(fresh, 1, "exactly one request runs");
        ia.complete("env", "k-pg", 201, br#"{"url":"https://portal/link/v2.x"}"#).await.unwrap();
        assert_eq!(
            ib.claim("env", "k-pg", &fp, None, Utc::now()).await.unwrap(),
            Claim::Replay { status: 201, body: br#"{"url":"https://portal/link/v2.x"}"#.to_vec() },
            "the other instance gives the first answer"
        );
        let other = fingerprint("POST", "/api/v1/links", Some(&serde_json::json!({"userId": "pg-bob"})));
        assert_eq!(ib.claim("env", "k-pg", &other, None, Utc::now()).await.unwrap(), Claim::Mismatch);
        assert_eq!(ia.claim("tok_other", "k-pg", &other, None, Utc::now()).await.unwrap(), Claim::Fresh, "keys belong to their token");
    })
    .await;
}
