//! The refresher looks where changes matter: connected pairs (the only ones that can be lost) take 80% of each
//! round, oldest first; never-checked and other pairs the rest, so neither group starves; and the console says how
//! long a full pass over connected pairs takes at the current budget.

use crate::helpers::*;
use chrono::{Duration, Utc};
use plugboard::domain::{ConnState, CustomerIntegrationId, UserId};

#[test]
fn connected_pairs_get_most_of_each_round_and_the_others_are_not_starved() {
    run(async {
        let (url, _guard) = fresh_sqlite();
        let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        let ids = [slack.clone()];
        let now = Utc::now();
        // 40 users never checked (arrived first), 10 connected and 5 not connected, checked long ago.
        for n in 0..40 {
            db.touch_user(&UserId::parse(format!("new-{n:02}")).unwrap(), now - Duration::days(3)).await.unwrap();
        }
        for n in 0..10 {
            let u = UserId::parse(format!("conn-{n:02}")).unwrap();
            db.touch_user(&u, now).await.unwrap();
            let state = ConnState::Connected { since: now - Duration::days(30) };
            db.record_snapshot(&u, &slack, &state, now - Duration::hours(20 - n)).await.unwrap();
        }
        for n in 0..5 {
            let u = UserId::parse(format!("off-{n:02}")).unwrap();
            db.touch_user(&u, now).await.unwrap();
            db.record_snapshot(&u, &slack, &ConnState::NotConnected, now - Duration::hours(30)).await.unwrap();
        }
        let picks = db.refresh_picks(&ids, now - Duration::minutes(5), 10, 80).await.unwrap();
        let who: Vec<&str> = picks.iter().map(|(u, _)| u.as_str()).collect();
        // Before issue 17 the round took never-checked pairs first: ten `new-*` and no connected pair for a day.
        assert_eq!(&who[..8], ["conn-00", "conn-01", "conn-02", "conn-03", "conn-04", "conn-05", "conn-06", "conn-07"], "{who:?}");
        assert_eq!(&who[8..], ["new-00", "off-00"], "the rest is shared, and not starved: {who:?}");
        // No connected pair due: the whole round goes to the others (never-checked first, then the oldest others).
        let picks = db.refresh_picks(&ids, now - Duration::days(2), 10, 80).await.unwrap();
        assert!(picks.iter().all(|(u, _)| u.as_str().starts_with("new-")), "{picks:?}");
        // Few others: connected pairs take what they leave.
        let picks = db.refresh_picks(&ids, now - Duration::minutes(5), 60, 80).await.unwrap();
        assert_eq!(picks.iter().filter(|(u, _)| u.as_str().starts_with("conn-")).count(), 10);
        assert_eq!(picks.len(), 55, "everything due, once");
        assert_eq!(db.connected_pairs(&ids).await.unwrap(), 10);
    })
}

#[test]
fn the_console_says_how_long_a_pass_over_connected_pairs_takes() {
    run(async {
        // 16 pairs connected at the API and in the snapshot, seeded before the app (and its refresher) starts.
        let (url, _guard) = fresh_sqlite();
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        {
            let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
            for n in 0..16 {
                let u = UserId::parse(format!("pass-{n:02}")).unwrap();
                db.touch_user(&u, Utc::now()).await.unwrap();
                db.record_snapshot(&u, &slack, &ConnState::Connected { since: Utc::now() }, Utc::now()).await.unwrap();
            }
            db.pool().close().await;
        }
        let env = [
            ("PLUGBOARD_DATABASE_URL", url.as_str()),
            ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("PLUGBOARD_REFRESH_PER_SECOND", "2"),
            ("PLUGBOARD_REFRESH_MIN_AGE_SECONDS", "5"),
        ];
        let app = spawn_app(&env).await;
        for n in 0..16 {
            // The refresher, re-checking them, finds them connected at the API too.
            app.set_connection(&format!("pass-{n:02}"), "ci_01_slack", true).await;
        }
        let admin = app.admin().await;
        let (_, html) = app.page(&admin, "/admin").await;
        // 16 connected pairs at 80% of 2 calls/s: 10 s (more than the 5 s minimum age).
        assert!(html.contains("Every connection is re-checked about every 10 s"), "{html}");
        let off = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let (_, html) = off.page(&off.admin().await, "/admin").await;
        assert!(html.contains("The background refresher is off"), "{html}");
    })
}

/// Never-checked pairs are found by walking users in the order they arrived from a cursor per integration, not by
/// an anti-join over every user: the cursor moves only past users that have a row and arrived more than a few
/// minutes ago, so it never skips a pair that still needs its first check.
#[test]
fn never_checked_pairs_come_from_a_cursor_that_only_passes_checked_users() {
    run(async {
        let (url, _guard) = fresh_sqlite();
        let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        let ids = [slack.clone()];
        let now = Utc::now();
        let settled = now - Duration::minutes(5);
        let checked = |u: UserId, at| {
            let db = db.clone();
            let slack = slack.clone();
            async move {
                db.touch_user(&u, at).await.unwrap();
                db.record_snapshot(&u, &slack, &ConnState::NotConnected, at).await.unwrap();
            }
        };
        for n in 0..30 {
            checked(UserId::parse(format!("a-{n:02}")).unwrap(), now - Duration::days(3) + Duration::minutes(n)).await;
        }
        let late = UserId::parse("late").unwrap();
        db.touch_user(&late, now - Duration::days(2)).await.unwrap();
        checked(UserId::parse("fresh").unwrap(), now - Duration::minutes(1)).await;
        let cursor = || async {
            sqlx::query("SELECT user_id FROM refresh_cursors WHERE integration_id = 'ci_01_slack'")
                .fetch_optional(db.pool())
                .await
                .unwrap()
                .map(|r| sqlx::Row::get::<String, _>(&r, 0))
        };
        assert_eq!(db.unchecked_pairs(&ids, 10, settled).await.unwrap(), vec![(late.clone(), slack.clone())]);
        assert_eq!(cursor().await.as_deref(), Some("a-29"), "past the checked users, not past the unchecked one");
        db.record_snapshot(&late, &slack, &ConnState::NotConnected, now).await.unwrap();
        assert!(db.unchecked_pairs(&ids, 10, settled).await.unwrap().is_empty());
        assert_eq!(cursor().await.as_deref(), Some("late"), "not past a user who arrived minutes ago");
        let newcomer = UserId::parse("newcomer").unwrap();
        db.touch_user(&newcomer, Utc::now()).await.unwrap();
        assert_eq!(db.unchecked_pairs(&ids, 10, settled).await.unwrap(), vec![(newcomer, slack.clone())]);
        assert_counts_kept(&db).await;
    })
}

/// A seed adds users who arrived in the past, behind where the cursors for never-checked pairs may stand: it sets
/// them back, so those pairs are still found.
#[test]
fn a_seed_behind_the_cursor_sets_it_back() {
    run(async {
        let (url, _guard) = fresh_sqlite();
        let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
        let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
        let ids = [slack.clone()];
        let early = UserId::parse("early").unwrap();
        db.touch_user(&early, Utc::now() - Duration::hours(1)).await.unwrap();
        db.record_snapshot(&early, &slack, &ConnState::NotConnected, Utc::now()).await.unwrap();
        assert!(db.unchecked_pairs(&ids, 10, Utc::now()).await.unwrap().is_empty(), "the cursor moves past `early`");
        // Seeded users arrived days ago; about one pair in ten is never checked.
        db.seed_console(200, &ids, 0, Utc::now()).await.unwrap();
        let found = db.unchecked_pairs(&ids, 1000, Utc::now()).await.unwrap();
        assert!(found.len() >= 5 && found.iter().all(|(u, _)| u.as_str().starts_with("user-")), "{found:?}");
    })
}
