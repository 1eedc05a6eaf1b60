//! The same SQL on PostgreSQL (the server on this machine: 127.0.0.1:5432, trust auth). Each run uses a fresh
//! database, dropped at the end. `PLUGBOARD_TEST_POSTGRES_URL` points elsewhere.

use chrono::{Duration, Utc};
use plugboard::db::Attempt;
use plugboard::domain::{ConnState, CustomerIntegrationId, UserId};
use plugboard::registry::EventKind;
use sqlx::{Connection, Executor};

#[tokio::test]
async fn migrations_and_queries_run_on_postgres() {
    let admin_url = std::env::var("PLUGBOARD_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let name = format!("plugboard_test_{}_{}", std::process::id(), Utc::now().timestamp_millis());
    let mut admin = sqlx::PgConnection::connect(&admin_url).await.expect("PostgreSQL on 127.0.0.1:5432");
    admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    let url = {
        let mut u = url::Url::parse(&admin_url).unwrap();
        u.set_path(&format!("/{name}"));
        u.to_string()
    };

    let result = std::panic::AssertUnwindSafe(exercise(&url));
    let outcome = futures::FutureExt::catch_unwind(result).await;
    let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

async fn exercise(url: &str) {
    let (db, _sessions) = plugboard::db::open(url).await.expect("open + migrate");
    // Opening twice re-runs nothing and fails nothing.
    let (db2, _) = plugboard::db::open(url).await.expect("reopen");
    let now = Utc::now();
    assert!(db.use_link("jti-1", now + Duration::minutes(5)).await.unwrap());
    assert!(!db2.use_link("jti-1", now + Duration::minutes(5)).await.unwrap(), "a link works once");

    let user = UserId::parse("pg/user ü").unwrap();
    let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
    let attempt = Attempt {
        id: "a1".into(),
        session_binding: "b".into(),
        user: user.clone(),
        integration: slack.clone(),
        created_at: now,
        expires_at: now + Duration::minutes(15),
        consumed: false,
    };
    db.create_attempt(&attempt).await.unwrap();
    let read = db.attempt("a1").await.unwrap().unwrap();
    assert_eq!(read.user, user);
    assert!(!read.consumed);
    assert!(db.consume_attempt("a1", now).await.unwrap());
    assert!(!db.consume_attempt("a1", now).await.unwrap());

    let s1 = db.setting_or_insert("k", || "first".into()).await.unwrap();
    let s2 = db.setting_or_insert("k", || "second".into()).await.unwrap();
    assert_eq!((s1.as_str(), s2.as_str()), ("first", "first"));

    db.touch_user(&user, now).await.unwrap();
    db.touch_user(&user, now + Duration::seconds(5)).await.unwrap();
    let (first, last) = db.user_seen(&user).await.unwrap().unwrap();
    assert!(last > first);
    db.record_event(EventKind::LinkUsed, Some(&user), None, "", now).await.unwrap();
    db.record_event(EventKind::CallbackReceived, Some(&user), Some(&slack), "reported=success verified=connected", now)
        .await
        .unwrap();
    assert_eq!(db.events_for(&user, 10).await.unwrap().len(), 2);
    db.record_snapshot(&user, &slack, &ConnState::Connected { since: now }, now).await.unwrap();
    db.record_snapshot(&user, &slack, &ConnState::Unknown, now).await.unwrap();
    let snaps = db.snapshots(&user).await.unwrap();
    assert_eq!(snaps.len(), 1);
    assert_eq!(snaps[0].state, "connected");
    let (rows, total) = db.recent_users(50).await.unwrap();
    assert_eq!((rows.len(), total), (1, 1));
    db.delete_expired(now + Duration::days(3)).await.unwrap();
    assert!(db.attempt("a1").await.unwrap().is_none());
}
