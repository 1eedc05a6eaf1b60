//! The same SQL on PostgreSQL (the server on this machine: 127.0.0.1:5432, trust auth). Each run uses a fresh
//! database, dropped at the end. `PLUGBOARD_TEST_POSTGRES_URL` points elsewhere.

use chrono::{Duration, Utc};
use plugboard::domain::{ConnState, CustomerIntegrationId, EventDetail, EventKind, StateKey, StatusHint, UserId, UserRef};
use plugboard::services::attempts::Attempt;
use plugboard::filters::PageAt;
use plugboard::services::registry::matrix::Matching;
use plugboard::services::registry::{EventQuery, MatrixQuery};
use sqlx::{Connection, Executor};

/// The console's dynamic SQL (filters, counts, paging, the refresher's picks) on the embedded default as well.
#[tokio::test]
async fn console_queries_run_on_sqlite() {
    let dir = std::env::temp_dir().join(format!("plugboard-sqlite-{}-{}", std::process::id(), Utc::now().timestamp_nanos_opt().unwrap_or(0)));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("c.db").display());
    let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
    let user = UserId::parse("pg/user ü").unwrap();
    db.touch_user(&user, Utc::now() - Duration::hours(1)).await.unwrap();
    console_queries(&db).await;
    retention(&db).await;
    let _ = std::fs::remove_dir_all(dir);
}

/// The retention sweep: old events, expired used-link records, attempts a day after they finished or expired.
async fn retention(db: &plugboard::platform::db::Db) {
    use plugboard::services::retention::sweep;
    let now = Utc::now();
    let user = UserId::parse("keeper").unwrap();
    let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
    db.record_event(EventKind::LinkUsed, Some(&user), None, &EventDetail::None, now - Duration::days(91)).await.unwrap();
    db.record_event(EventKind::LinkUsed, Some(&user), None, &EventDetail::None, now - Duration::days(89)).await.unwrap();
    assert!(db.use_link("old-jti", now - Duration::minutes(1)).await.unwrap());
    assert!(db.use_link("live-jti", now + Duration::minutes(10)).await.unwrap());
    let attempt = |id: &str, created: chrono::DateTime<Utc>| Attempt {
        id: id.into(),
        session_binding: "b".into(),
        user: user.clone(),
        integration: slack.clone(),
        created_at: created,
        expires_at: created + Duration::minutes(15),
        consumed: false,
        outcome: None,
    };
    for (id, created, consumed) in [
        ("finished-long-ago", now - Duration::hours(30), Some(now - Duration::hours(25))),
        ("finished-recently", now - Duration::hours(2), Some(now - Duration::hours(2))),
        ("expired-long-ago", now - Duration::hours(30), None),
        ("open", now, None),
    ] {
        db.create_attempt(&attempt(id, created)).await.unwrap();
        if let Some(at) = consumed {
            assert!(db.consume_attempt(id, at).await.unwrap());
        }
    }
    // A webhook delivered long ago is forgotten; one still pending is kept, however old.
    for (who, deliver) in [("hooked-done", true), ("hooked-pending", false)] {
        let o = plugboard::services::registry::snapshots::Observation {
            user: UserId::parse(who).unwrap(),
            integration: slack.clone(),
            state: ConnState::Connected { since: now },
            at: now - Duration::days(91),
            by: plugboard::domain::ObservedBy::View,
        };
        db.record_observations(&[o], &["default".to_owned()]).await.unwrap();
        if deliver {
            let lease = plugboard::services::registry::outbox::Lease::new();
            let d = db.claim_deliveries(now, &lease, Duration::seconds(60), 10).await.unwrap();
            let delivered = plugboard::services::registry::Attempted::Delivered;
            assert!(db.attempted(&d[0].id, &lease, &delivered, Some(204), None, now).await.unwrap());
        }
    }
    let swept = sweep(db, now, std::time::Duration::from_secs(90 * 86_400)).await.unwrap();
    assert!(swept.events >= 1 && swept.used_links >= 1 && swept.attempts >= 2, "{swept:?}");
    assert_eq!(swept.webhooks, 1, "{swept:?}");
    assert_eq!(db.deliveries(None, None, 0, 10).await.unwrap().len(), 1, "the pending one stays");
    let left = db.events(&EventQuery { user: Some(&user), ..Default::default() }, 0, 10).await.unwrap();
    let kinds: Vec<EventKind> = left.iter().map(|e| e.kind).collect();
    // The attempt that expired unused was marked abandoned (with its event) before it was dropped.
    assert_eq!(kinds, [EventKind::ConnectAbandoned, EventKind::LinkUsed], "the 89-day-old event stays");
    assert!(db.use_link("old-jti", now + Duration::minutes(5)).await.unwrap(), "an expired record is forgotten");
    assert!(!db.use_link("live-jti", now + Duration::minutes(10)).await.unwrap(), "a live one is kept");
    for (id, kept) in [("finished-long-ago", false), ("finished-recently", true), ("expired-long-ago", false), ("open", true)] {
        assert_eq!(db.attempt(id).await.unwrap().is_some(), kept, "{id}");
    }
}

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
    let (db, _sessions) = plugboard::platform::db::open(url).await.expect("open + migrate");
    // Opening twice re-runs nothing and fails nothing.
    let (db2, _) = plugboard::platform::db::open(url).await.expect("reopen");
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
        outcome: None,
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
    let info = db.user_info(&user).await.unwrap().unwrap();
    assert!(info.last_seen > info.first_seen);
    db.record_event(EventKind::LinkUsed, Some(&user), None, &EventDetail::None, now).await.unwrap();
    let callback = EventDetail::Callback { reported: StatusHint::Success, verified: StateKey::Connected, took_ms: Some(2500) };
    db.record_event(EventKind::CallbackReceived, Some(&user), Some(&slack), &callback, now).await.unwrap();
    let events = db.events(&EventQuery { user: Some(&user), ..Default::default() }, 0, 10).await.unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events.iter().find(|e| e.kind == EventKind::CallbackReceived).unwrap().detail, callback);
    db.record_snapshot(&user, &slack, &ConnState::Connected { since: now }, now).await.unwrap();
    db.record_snapshot(&user, &slack, &ConnState::Unknown, now).await.unwrap();
    let snaps = db.snapshots(&user).await.unwrap();
    assert_eq!(snaps.len(), 1);
    assert_eq!(snaps[0].state.key(), StateKey::Connected);
    console_queries(&db).await;
    retention(&db).await;
    // The admin sign-in budget's upsert: five admitted, the sixth refused with a wait; a success is given back.
    let limiter = plugboard::services::admin::SignInLimiter::new(db.clone());
    let ip: std::net::IpAddr = "203.0.113.7".parse().unwrap();
    let mut admitted = Vec::new();
    for _ in 0..5 {
        admitted.push(limiter.admit(ip).await.unwrap().expect("within the budget"));
    }
    let wait = limiter.admit(ip).await.unwrap().err().expect("over the budget");
    assert!(wait > std::time::Duration::from_secs(60), "{wait:?}");
    limiter.succeeded(admitted.pop().unwrap()).await.unwrap();
    assert!(limiter.admit(ip).await.unwrap().is_ok(), "a success does not count");
}

/// Expects one user already registered ("pg/user ü", seen before the users added here).
async fn console_queries(db: &plugboard::platform::db::Db) {
    let ids = |v: &[&str]| v.iter().map(|s| CustomerIntegrationId::parse(*s).unwrap()).collect::<Vec<_>>();
    let names = |rows: Vec<plugboard::services::registry::MatrixRow>| {
        rows.into_iter().map(|r| r.user.user.as_str().to_owned()).collect::<Vec<String>>()
    };
    let t0 = Utc::now() + Duration::minutes(1); // after whatever the caller recorded
    let cols = ids(&["i_a", "i_b"]);
    let (a, b) = (CustomerIntegrationId::parse("i_a").unwrap(), CustomerIntegrationId::parse("i_b").unwrap());
    let alice = UserId::parse("alice").unwrap();
    let bob = UserId::parse("Bob_1").unwrap();
    let carol = UserId::parse("carol%").unwrap();
    for (i, u) in [&alice, &bob, &carol].into_iter().enumerate() {
        db.touch_user(u, t0 + Duration::seconds(i as i64)).await.unwrap();
    }
    db.record_snapshot(&alice, &a, &ConnState::Connected { since: t0 }, t0 + Duration::seconds(2)).await.unwrap();
    db.record_snapshot(&alice, &b, &ConnState::NeedsReconnect { since: t0 }, t0 + Duration::seconds(3)).await.unwrap();
    db.record_snapshot(&bob, &a, &ConnState::NotConnected, t0 + Duration::seconds(1)).await.unwrap();

    let q = |search: &'static str, state: Option<&'static str>, integrations: &'static [&'static str]| {
        (search, state.map(|s| StateKey::parse(s).unwrap()), ids(integrations))
    };
    let matching = |(search, state, ints): (&'static str, Option<StateKey>, Vec<CustomerIntegrationId>)| async move {
        let mq = MatrixQuery { organization: None, search, state, integrations: &ints };
        let summary = db.summary(&ints).await.unwrap();
        let n = db.matrix_matching(&mq, &summary).await.unwrap();
        let mut users: Vec<String> = names(db.matrix_page(&mq, &PageAt::Newest, 50).await.unwrap().rows);
        assert_eq!(Matching::Exact(users.len() as i64), n);
        users.sort();
        users
    };
    let all = MatrixQuery { organization: None, search: "", state: None, integrations: &cols };
    assert_eq!(db.matrix_matching(&all, &db.summary(&cols).await.unwrap()).await.unwrap(), Matching::Exact(4));
    assert_eq!(matching(q("BOB", None, &["i_a", "i_b"])).await, vec!["Bob_1"], "search ignores case");
    assert_eq!(matching(q("%", None, &["i_a", "i_b"])).await, vec!["carol%"], "wildcards are literal");
    assert_eq!(matching(q("_", None, &["i_a", "i_b"])).await, vec!["Bob_1"]);
    assert_eq!(matching(q("", Some("connected"), &["i_a", "i_b"])).await, vec!["alice"]);
    assert_eq!(matching(q("", Some("needs_reconnect"), &["i_a", "i_b"])).await, vec!["alice"]);
    assert_eq!(matching(q("", Some("connected"), &["i_b"])).await, Vec::<String>::new());
    assert_eq!(matching(q("", Some("not_connected"), &["i_a", "i_b"])).await, vec!["Bob_1"]);
    assert_eq!(matching(q("", Some("unknown"), &["i_a", "i_b"])).await, vec!["Bob_1", "carol%", "pg/user ü"]);
    assert_eq!(matching(q("", Some("unknown"), &["i_a"])).await, vec!["carol%", "pg/user ü"]);
    assert_eq!(matching(q("o", Some("unknown"), &["i_b"])).await, vec!["Bob_1", "carol%"]);

    // Recent first, page by page by key (next, previous, the oldest), then the export's walk visits everyone once,
    // in user id order.
    let first = db.matrix_page(&all, &PageAt::Newest, 2).await.unwrap();
    assert_eq!(names(first.rows), vec!["carol%", "Bob_1"]);
    assert_eq!(first.newer, None);
    let second = db.matrix_page(&all, &PageAt::Older(first.older.clone().unwrap()), 2).await.unwrap();
    assert_eq!(names(second.rows), vec!["alice", "pg/user ü"]);
    assert_eq!(second.older, None, "nothing older");
    let back = db.matrix_page(&all, &PageAt::Newer(second.newer.clone().unwrap()), 2).await.unwrap();
    assert_eq!((names(back.rows), back.newer, back.older), (vec!["carol%".to_owned(), "Bob_1".to_owned()], None, first.older));
    let oldest = db.matrix_page(&all, &PageAt::Oldest, 3).await.unwrap();
    assert_eq!(names(oldest.rows), vec!["Bob_1", "alice", "pg/user ü"]);
    assert!(oldest.newer.is_some() && oldest.older.is_none());
    let unusable = db.matrix_page(&all, &PageAt::Older("nonsense".into()), 2).await.unwrap();
    assert_eq!(names(unusable.rows), vec!["carol%", "Bob_1"], "a key that cannot be read starts at the top");
    let unusable = db.matrix_page(&all, &PageAt::Newer("nonsense".into()), 2).await.unwrap();
    assert_eq!((names(unusable.rows), unusable.newer), (vec!["carol%".to_owned(), "Bob_1".to_owned()], None), "either way");
    let events = db.events_page(&EventQuery::default(), &PageAt::Newer("x".into()), 1).await.unwrap();
    let newest = db.events_page(&EventQuery::default(), &PageAt::Newest, 1).await.unwrap();
    assert_eq!((events.events, events.newer, events.older), (newest.events, None, newest.older), "an unreadable event key: the newest page");
    let alice_row = db.matrix_page(&MatrixQuery { organization: None, search: "alice", state: None, integrations: &cols }, &PageAt::Newest, 5)
        .await
        .unwrap()
        .rows;
    assert_eq!(alice_row[0].snapshots.len(), 2);

    // The export's walk: a row per user in user id order, a (state, checked_at) pair per column.
    let mut qb = plugboard::platform::db::Db::export_query(&all);
    let rows = plugboard::platform::db::Built::new(&mut qb).unwrap().fetch_all(db.pool()).await.unwrap();

    let columns: std::collections::HashMap<&str, usize> = cols.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    let cells_of = |r: &sqlx::any::AnyRow| {
        let mut cells = vec![None; cols.len()];
        let packed = sqlx::Row::get::<Option<String>, _>(r, 4);
        plugboard::services::registry::export_cells(packed.as_deref(), &columns, &mut cells);
        cells
    };
    let mut walked: Vec<(String, usize)> =
        rows.iter().map(|r| (sqlx::Row::get::<String, _>(r, 0), cells_of(r).iter().flatten().count())).collect();
    walked.sort();
    let expected = vec![("Bob_1", 1), ("alice", 2), ("carol%", 0), ("pg/user ü", 0)];
    assert_eq!(walked, expected.into_iter().map(|(u, n)| (u.to_string(), n)).collect::<Vec<_>>());
    let alice_row = rows.iter().find(|r| sqlx::Row::get::<String, _>(*r, 0) == "alice").unwrap();
    let states: Vec<_> = cells_of(alice_row).iter().map(|c| c.map(|(s, _)| s)).collect();
    assert_eq!(states, vec![Some(StateKey::Connected), Some(StateKey::NeedsReconnect)]);
    assert!(cells_of(alice_row).iter().flatten().all(|(_, at)| *at > 1_700_000_000_000), "checked_at in ms");
    let carol_row = rows.iter().find(|r| sqlx::Row::get::<String, _>(*r, 0) == "carol%").unwrap();
    assert_eq!(cells_of(carol_row), vec![None, None], "never checked");

    // Counts per column (the kept summary: the same as counting the rows again); pairs never checked are unknown.
    let kept = db.summary(&cols).await.unwrap();
    db.recount().await.unwrap();
    assert_eq!(db.summary(&cols).await.unwrap(), kept, "the kept counts are the rows' counts");
    let counts = db.matrix_counts(&all, 4).await.unwrap();
    let row = |i: usize| (counts[i].connected, counts[i].not_connected, counts[i].needs_reconnect, counts[i].unknown);
    assert_eq!((counts[0].integration.as_str(), row(0)), ("i_a", (1, 1, 0, 2)));
    assert_eq!((counts[1].integration.as_str(), row(1)), ("i_b", (0, 0, 1, 3)));
    let bob_only = MatrixQuery { organization: None, search: "bob", state: None, integrations: &cols };
    let counts = db.matrix_counts(&bob_only, 1).await.unwrap();
    assert_eq!((counts[0].not_connected, counts[0].unknown, counts[1].unknown), (1, 0, 1));

    // References: stable, opaque, and found again.
    let info = db.user_info(&alice).await.unwrap().unwrap();
    assert!(info.reference.as_str().len() >= 16 && !info.reference.as_str().contains("alice"));
    assert_eq!(db.user_by_ref(&info.reference).await.unwrap().unwrap().user, alice);
    assert_eq!(db.add_user(&alice, Utc::now()).await.unwrap().reference, info.reference, "adding again keeps the user");
    let dave = db.add_user(&UserId::parse("dave").unwrap(), Utc::now()).await.unwrap();
    assert!(db.user_by_ref(&dave.reference).await.unwrap().is_some());
    assert!(db.user_by_ref(&UserRef::from_url("nope")).await.unwrap().is_none());

    // The refresher's picks: never-checked pairs, then the oldest tries first; Unknown counts as a try.
    let settled = Utc::now() + Duration::days(1);
    let unchecked = db.unchecked_pairs(&cols, 100, settled).await.unwrap();
    assert_eq!(unchecked.len(), 7, "Bob's i_b, and both of carol's, pg's and dave's: {unchecked:?}");
    assert!(!unchecked.iter().any(|(u, i)| *u == alice || (*u == bob && *i == a)));
    assert_eq!(db.unchecked_pairs(&cols, 100, settled).await.unwrap(), unchecked, "the cursor skips nothing unchecked");
    let oldest = db.oldest_pairs(&cols, t0 + Duration::seconds(10), 10).await.unwrap();
    assert_eq!(oldest, vec![(bob.clone(), a.clone()), (alice.clone(), a.clone()), (alice.clone(), b.clone())]);
    db.record_snapshot(&bob, &a, &ConnState::Unknown, t0 + Duration::seconds(5)).await.unwrap();
    let oldest = db.oldest_pairs(&cols, t0 + Duration::seconds(10), 1).await.unwrap();
    assert_eq!(oldest, vec![(alice.clone(), a.clone())]);
    assert_eq!(db.snapshots(&bob).await.unwrap()[0].state, ConnState::NotConnected, "Unknown keeps the known state");
    crate::helpers::assert_counts_kept(db).await;

    // Events filtered by user, integration and kind.
    db.record_event(EventKind::ConnectStarted, Some(&alice), Some(&a), &EventDetail::None, t0).await.unwrap();
    db.record_event(EventKind::ConnectStarted, Some(&bob), Some(&b), &EventDetail::None, t0).await.unwrap();
    let checked = EventDetail::Checked { checked: 2, unknown: 0 };
    db.record_event(EventKind::AdminChecked, Some(&alice), None, &checked, t0).await.unwrap();
    let q = |user, integration, kind| EventQuery { user, integration, kind, actor: None };
    // Besides the connection changes the snapshots above recorded (in their own transactions).
    let not_changes = |v: Vec<plugboard::services::registry::Event>| v.into_iter().filter(|e| e.kind.webhook().is_none()).count();
    assert_eq!(not_changes(db.events(&q(Some(&alice), None, None), 0, 50).await.unwrap()), 2);
    assert_eq!(not_changes(db.events(&q(None, Some(&b), None), 0, 50).await.unwrap()), 1);
    assert_eq!(db.events(&q(None, None, Some(EventKind::ConnectStarted)), 0, 50).await.unwrap().len(), 2);
    let one = db.events(&q(Some(&alice), None, Some(EventKind::AdminChecked)), 0, 50).await.unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].reference.as_ref(), Some(&info.reference), "events carry the user's reference");
    assert_eq!(one[0].detail, checked);
    assert_eq!(db.events(&EventQuery::default(), 1, 1).await.unwrap().len(), 1, "paging");
}

/// `plugboard seed-console` is set-based on PostgreSQL too (`generate_series`): the same users, spread and totals as on
/// SQLite, chunked (past 100,000 users: names stay distinct), and again without duplicates.
#[test]
fn seed_console_is_set_based_on_postgres() {
    crate::helpers::run(async {
        let (url, name) = crate::helpers::fresh_postgres("plugboard_seed").await;
        let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
        let cols: Vec<_> = ["i_a", "i_b"].iter().map(|i| plugboard::domain::CustomerIntegrationId::parse(*i).unwrap()).collect();
        let seeded = db.seed_console(100_123, &cols, 1_001, chrono::Utc::now()).await.unwrap();
        assert_eq!(db.registry_size().await.unwrap(), (100_123, seeded.snapshots as i64));
        assert_eq!((seeded.events, db.event_position().await.unwrap()), (1_001, 1_001));
        let all = plugboard::services::registry::MatrixQuery { organization: None, search: "", state: None, integrations: &cols };
        let summary = db.summary(&cols).await.unwrap();
        assert_eq!(db.matrix_matching(&all, &summary).await.unwrap(), Matching::Exact(100_123));
        db.recount().await.unwrap();
        assert_eq!(db.summary(&cols).await.unwrap(), summary, "the seed fills the kept counts");
        // Filtered counts: exact where the kept counts or a few pairs per user tell, "more than 10,000" where an
        // exact count would read every row; each checked against counting the rows.
        let brute = |sql: &'static str| {
            let db = db.clone();
            async move { sqlx::Row::get::<i64, _>(&sqlx::query(sql).fetch_one(db.pool()).await.unwrap(), 0) }
        };
        let q = |search: &'static str, state: Option<StateKey>, integrations: &'static [CustomerIntegrationId]| MatrixQuery {
            organization: None,
            search,
            state,
            integrations,
        };
        let both: &'static [CustomerIntegrationId] = Box::leak(cols.clone().into_boxed_slice());
        let one: &'static [CustomerIntegrationId] = Box::leak(vec![cols[0].clone()].into_boxed_slice());
        let m = |mq: MatrixQuery<'static>| {
            let (db, summary) = (db.clone(), summary.clone());
            async move { db.matrix_matching(&mq, &summary).await.unwrap() }
        };
        assert_eq!(
            m(q("", Some(StateKey::Connected), one)).await,
            Matching::Exact(brute("SELECT COUNT(*) FROM status_snapshots WHERE integration_id = 'i_a' AND state = 'connected'").await)
        );
        let users = brute("SELECT COUNT(DISTINCT user_id) FROM status_snapshots WHERE state = 'needs_reconnect'").await;
        match m(q("", Some(StateKey::NeedsReconnect), both)).await {
            Matching::Exact(n) => assert_eq!(n, users),
            Matching::MoreThan(n) => assert!(users > n, "{users} users, said more than {n}"),
        }
        assert_eq!(m(q("", Some(StateKey::Connected), both)).await, Matching::MoreThan(10_000));
        assert_eq!(m(q("", Some(StateKey::Unknown), both)).await, Matching::MoreThan(10_000));
        assert_eq!(m(q("user-1", None, both)).await, Matching::MoreThan(10_000));
        assert_eq!(m(q("USER-100123", None, both)).await, Matching::Exact(1), "through the trigram index, any case");
        assert_eq!(
            m(q("ser-0999", Some(StateKey::Connected), both)).await,
            Matching::Exact(
                brute("SELECT COUNT(DISTINCT user_id) FROM status_snapshots WHERE state = 'connected' AND user_id LIKE '%ser-0999%'").await
            )
        );
        let feed = db.event_feed(&Default::default(), 0, 2_000).await.unwrap();
        assert_eq!(feed.len(), 1_001, "every seeded event reads back (a known kind)");
        assert!(feed.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1.at <= w[1].1.at), "positions and times ascend");
        let indexes: i64 = sqlx::Row::get(
            &sqlx::query("SELECT COUNT(*) FROM pg_indexes WHERE tablename IN ('portal_users', 'status_snapshots', 'events')")
                .fetch_one(db.pool())
                .await
                .unwrap(),
            0,
        );
        assert!(indexes >= 15, "the indexes set aside for the load are back: {indexes}");
        for user in ["user-00001", "user-54321", "user-100123"] {
            let row: Option<String> = sqlx::Row::get(
                &sqlx::query("SELECT cells FROM portal_users WHERE user_id = $1").bind(user).fetch_one(db.pool()).await.unwrap(),
                0,
            );
            let lines = row.unwrap_or_default().split('\n').filter(|l| !l.is_empty()).count() as i64;
            let n = sqlx::Row::get::<i64, _>(
                &sqlx::query("SELECT COUNT(*) FROM status_snapshots WHERE user_id = $1").bind(user).fetch_one(db.pool()).await.unwrap(),
                0,
            );
            assert_eq!(lines, n, "{user}'s snapshots packed in their row");
        }
        for c in db.matrix_counts(&all, 100_123).await.unwrap() {
            let share = |n: i64| n * 100 / 100_123;
            assert_eq!(c.connected + c.not_connected + c.needs_reconnect + c.unknown, 100_123);
            assert!((40..=50).contains(&share(c.connected)) && (30..=40).contains(&share(c.not_connected)), "{c:?}");
            assert!((5..=15).contains(&share(c.needs_reconnect)) && (5..=15).contains(&share(c.unknown)), "{c:?}");
        }
        let last = plugboard::domain::UserId::parse("user-100123").unwrap();
        assert!(db.user_info(&last).await.unwrap().is_some(), "the last user keeps all its digits");
        assert_eq!(db.seed_console(100_123, &cols, 0, chrono::Utc::now()).await.unwrap().snapshots, 0, "a second run adds nothing");
        db.pool().close().await;
        crate::helpers::drop_postgres(&name).await;
    })
}
