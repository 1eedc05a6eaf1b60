//! The connect funnel and connection health (issue 21): the roll-up written with each event equals the log counted
//! again (SQLite and PostgreSQL), attempts abandoned once, the page and the CSV over HTTP after a real flow, and the
//! lost pairs' reconnect links.

use crate::helpers::*;
use chrono::{Duration, Utc};
use plugboard::domain::funnel::{DropOff, Step, Tally};
use plugboard::domain::{ConnectProblem, CustomerIntegrationId, EventDetail, EventKind, LinkRefusal, StateKey, StatusHint, UserId};
use plugboard::platform::db::Db;
use plugboard::services::attempts::Attempt;
use reqwest::StatusCode;

/// The roll-up's rows, sorted (hour, integration, name, n).
async fn rollup_rows(db: &Db) -> Vec<(i64, String, String, i64)> {
    let rows = sqlx::query("SELECT hour, integration_id, name, n FROM event_rollup ORDER BY hour, integration_id, name")
        .fetch_all(db.pool())
        .await
        .unwrap();
    rows.iter().map(|r| { use sqlx::Row; (r.get(0), r.get(1), r.get(2), r.get(3)) }).collect()
}

/// The timing histograms' rows, hourly then daily, sorted (table, hour or day, integration, bucket, n).
async fn timings_rows(db: &Db) -> Vec<(String, i64, String, i64, i64)> {
    let rows = sqlx::query(
        "SELECT 'h', hour, integration_id, bucket, n FROM timing_hourly \
         UNION ALL SELECT 'd', day, integration_id, bucket, n FROM timing_daily ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    rows.iter().map(|r| { use sqlx::Row; (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)) }).collect()
}

fn total(buckets: &[plugboard::services::registry::funnel::Bucket], tally: Tally) -> i64 {
    buckets.iter().filter(|b| b.tally == tally).map(|b| b.n).sum()
}

/// On one database: events of every kind the funnel counts, recorded through the one append path; the roll-up and
/// the timings it keeps equal what counting the whole log again gives; abandoning is once only.
async fn rollup_checks(db: &Db) {
    let now = Utc::now();
    let user = UserId::parse("funnel-user").unwrap();
    let slack = CustomerIntegrationId::parse("ci_01_slack").unwrap();
    let gh = CustomerIntegrationId::parse("ci_02_github").unwrap();
    let ev = |kind, integration: Option<&CustomerIntegrationId>, detail: EventDetail, at| {
        let (db, user, integration) = (db.clone(), user.clone(), integration.cloned());
        async move { db.record_event(kind, Some(&user), integration.as_ref(), &detail, at).await.unwrap() }
    };
    let callback = |reported, verified, took_ms| EventDetail::Callback { reported, verified, took_ms };
    ev(EventKind::LinkOpened, None, EventDetail::None, now).await;
    ev(EventKind::LinkUsed, None, EventDetail::None, now).await;
    for _ in 0..4 {
        ev(EventKind::ConnectStarted, Some(&slack), EventDetail::None, now).await;
    }
    ev(EventKind::ConnectStarted, Some(&gh), EventDetail::ConnectFailed(ConnectProblem::Timeout), now).await;
    ev(EventKind::ConnectStarted, Some(&gh), EventDetail::ConnectFailed(ConnectProblem::UntrustedRedirect), now).await;
    for took in [1_000, 2_000, 3_000, 10_000] {
        ev(EventKind::CallbackReceived, Some(&slack), callback(StatusHint::Success, StateKey::Connected, Some(took)), now).await;
    }
    ev(EventKind::CallbackReceived, Some(&slack), callback(StatusHint::Error, StateKey::NotConnected, Some(5)), now).await;
    ev(EventKind::CallbackReceived, Some(&slack), callback(StatusHint::Success, StateKey::NotConnected, None), now).await;
    ev(EventKind::CallbackReceived, Some(&gh), callback(StatusHint::Success, StateKey::Unknown, Some(9)), now).await;
    ev(EventKind::LinkRejected, None, EventDetail::LinkRefused(LinkRefusal::Expired), now).await;
    ev(EventKind::LinkRejected, None, EventDetail::LinkRefused(LinkRefusal::Replayed), now).await;
    ev(EventKind::LinkRejected, None, EventDetail::LinkRefused(LinkRefusal::BadSignature), now).await;
    ev(EventKind::ConnectionLost, Some(&slack), EventDetail::None, now - Duration::days(3)).await;
    ev(EventKind::CallbackReceived, Some(&slack), callback(StatusHint::Success, StateKey::Connected, Some(7_000)), now - Duration::days(3)).await;
    // An attempt that expired unused: abandoned once, however many sweeps run at once, and never used after.
    let attempt = Attempt {
        id: format!("abandoned-{}", uuid_like()),
        session_binding: "b".into(),
        user: user.clone(),
        integration: slack.clone(),
        created_at: now - Duration::minutes(20),
        expires_at: now - Duration::minutes(5),
        consumed: false,
        outcome: None,
    };
    db.create_attempt(&attempt).await.unwrap();
    // One that expired half a minute ago is left to a callback that may still be on its way.
    let just = Attempt { id: format!("just-{}", uuid_like()), expires_at: now - Duration::seconds(30), ..attempt.clone() };
    db.create_attempt(&just).await.unwrap();
    let (a, b) = tokio::join!(db.abandon_expired(now), db.abandon_expired(now));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "abandoned once");
    assert_eq!(db.abandon_expired(now).await.unwrap(), 0);
    assert!(!db.consume_attempt(&attempt.id, now).await.unwrap(), "an abandoned attempt cannot be used");
    assert!(db.consume_attempt(&just.id, now).await.unwrap(), "within the grace minute it is still the callback's");
    // A start refused for an integration that is not on the list counts without it (the id is the client's).
    let bogus = CustomerIntegrationId::parse("ci_made_up_by_a_client").unwrap();
    ev(EventKind::ConnectStarted, Some(&bogus), EventDetail::ConnectFailed(ConnectProblem::UnknownIntegration), now).await;

    let buckets = db.rollup_since(now - Duration::hours(1)).await.unwrap();
    let expect = [
        (Tally::Step(Step::LinkOpened), 1),
        (Tally::Step(Step::SignedIn), 1),
        (Tally::Step(Step::ConnectPressed), 7),
        (Tally::Step(Step::Returned), 7),
        (Tally::Step(Step::Verified), 4),
        (Tally::DropOff(DropOff::ProviderError), 1),
        (Tally::DropOff(DropOff::NotVerified), 1),
        (Tally::DropOff(DropOff::ApiFailure), 2),
        (Tally::DropOff(DropOff::AuthorizeRefused), 2),
        (Tally::DropOff(DropOff::Abandoned), 1),
        (Tally::DropOff(DropOff::LinkExpired), 1),
        (Tally::DropOff(DropOff::LinkReused), 1),
    ];
    for (tally, n) in expect {
        assert_eq!(total(&buckets, tally), n, "{tally:?}");
    }
    assert!(buckets.iter().all(|b| b.integration.as_ref() != Some(&bogus)), "no bucket for a made-up id");
    assert_eq!(total(&buckets, Tally::Health(plugboard::domain::funnel::Health::Lost)), 0, "three days ago is outside");
    assert_eq!(total(&db.rollup_since(now - Duration::days(4)).await.unwrap(), Tally::Health(plugboard::domain::funnel::Health::Lost)), 1);
    // Nearest rank over 1, 2, 3, 10 s: the median is the 2nd, the 90th percentile the 4th (each within 5%).
    let timings = db.connect_timings(now - Duration::hours(1), now).await.unwrap();
    let overall = timings.iter().find(|(k, _)| k.is_none()).expect("overall").1;
    assert_eq!(overall.of, 4);
    assert!((overall.median_ms - 2_000).abs() <= 100 && (overall.p90_ms - 10_000).abs() <= 500, "{overall:?}");
    // A window of a month reads whole days from the daily histograms (three days ago) and its ends from the hourly
    // ones (today): the five of them, the median now the 3rd.
    let month = db.connect_timings(now - Duration::days(30), now).await.unwrap();
    let month = month.iter().find(|(k, _)| k.is_none()).expect("overall").1;
    assert_eq!(month.of, 5);
    assert!((month.median_ms - 3_000).abs() <= 150, "{month:?}");
    let per_slack = timings.iter().find(|(k, _)| k.as_ref() == Some(&slack)).expect("slack").1;
    assert_eq!(per_slack.of, 4);
    assert!(timings.iter().all(|(k, _)| k.as_ref() != Some(&gh)), "gh verified nothing");

    // Counting the whole log again (what a database from before the roll-up gets at start) gives the same rows.
    let (live, live_timings) = (rollup_rows(db).await, timings_rows(db).await);
    assert!(!live.is_empty());
    sqlx::query("UPDATE counters SET value = 1 WHERE name = 'rollup_stale'").execute(db.pool()).await.unwrap();
    sqlx::query("DELETE FROM event_rollup").execute(db.pool()).await.unwrap();
    assert!(db.ensure_rollup().await.unwrap(), "rebuilt");
    assert!(!db.ensure_rollup().await.unwrap(), "once");
    assert_eq!(rollup_rows(db).await, live);
    assert_eq!(timings_rows(db).await, live_timings);
    assert!(live_timings.iter().any(|r| r.0 == "d") && live_timings.iter().any(|r| r.0 == "h"));
}

#[test]
fn the_rollup_equals_the_log_counted_again_on_sqlite_and_postgres() {
    run(async {
        let (url, _dir) = fresh_sqlite();
        let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
        rollup_checks(&db).await;
        let (url, name) = fresh_postgres("plugboard_funnel").await;
        let result = std::panic::AssertUnwindSafe(async {
            let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
            rollup_checks(&db).await;
            db.pool().close().await;
        });
        let outcome = futures::FutureExt::catch_unwind(result).await;
        drop_postgres(&name).await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    })
}

/// The count in a funnel table's row (`data-step` or `data-drop-off`) of the figure `data-funnel=<key>`.
fn figure_count(html: &str, key: &str, attr: &str, name: &str) -> i64 {
    let start = html.find(&format!(r#"data-funnel="{key}""#)).unwrap_or_else(|| panic!("no funnel {key}"));
    let figure = &html[start..start + html[start..].find("</figure>").unwrap()];
    let row = figure.find(&format!(r#"{attr}="{name}""#)).unwrap_or_else(|| panic!("no row {name}"));
    let cells = regex::Regex::new(r"<td[^>]*>([^<]*)</td>").unwrap();
    let n = cells.captures(&figure[row..]).unwrap()[1].replace(',', "");
    n.parse().unwrap()
}

#[test]
fn the_funnel_page_and_csv_follow_a_real_flow() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        // Verified: opened, signed in, Connect, approved, back.
        let ok = app.signed_in("fun-ok").await;
        let back = app.authorize(&app.connect(&ok, "ci_01_slack").await, &[("decision", "approve")]).await;
        let _ = app.page(&ok, back.trim_start_matches(&app.base)).await;
        // Denied at the provider: back with status=error, verified not connected.
        let no = app.signed_in("fun-no").await;
        let back = app.authorize(&app.connect(&no, "ci_01_slack").await, &[("decision", "deny")]).await;
        let _ = app.page(&no, back.trim_start_matches(&app.base)).await;
        // Left at the provider: the attempt expires unused.
        let gone = app.signed_in("fun-gone").await;
        let _ = app.connect(&gone, "ci_01_slack").await;
        // The API fails to give an authorize URL.
        app.faults(serde_json::json!({ "errorRate": 1.0, "endpoints": ["authUrl"] })).await;
        assert!(app.connect(&ok, "ci_01_slack").await.starts_with("/?error="));
        app.faults(serde_json::json!({})).await;
        // A link opened twice counts once; a used link opened again is a reuse; an expired one, expired.
        let token = app.mint("fun-late", Duration::minutes(15), Utc::now());
        let c = browser();
        let _ = app.page(&c, &format!("/link/{token}")).await;
        app.use_link(&c, &app.url(&format!("/link/{token}"))).await;
        let (status, _) = app.page(&browser(), &format!("/link/{token}")).await;
        assert_eq!(status, StatusCode::GONE);
        let old = app.mint("fun-old", Duration::minutes(1), Utc::now() - Duration::minutes(5));
        let (status, _) = app.page(&browser(), &format!("/link/{old}")).await;
        assert_eq!(status, StatusCode::GONE);
        assert_eq!(app.state.db.abandon_expired(Utc::now() + Duration::minutes(16)).await.unwrap(), 1);

        let admin = app.admin().await;
        let (status, html) = app.page(&admin, "/admin/funnel?window=24h").await;
        assert_eq!(status, 200);
        let step = |name| figure_count(&html, "", "data-step", name);
        let drop = |name| figure_count(&html, "", "data-drop-off", name);
        assert_eq!(step("link_opened"), 4, "four links, the one opened twice counted once");
        assert_eq!(step("signed_in"), 4);
        assert_eq!(step("connect_pressed"), 4);
        assert_eq!(step("returned"), 2);
        assert_eq!(step("verified"), 1);
        assert_eq!((drop("provider_error"), drop("abandoned"), drop("api_failure")), (1, 1, 1));
        assert_eq!((drop("link_reused"), drop("link_expired"), drop("not_verified")), (1, 1, 0));
        assert_eq!(figure_count(&html, "ci_01_slack", "data-step", "verified"), 1);
        assert!(html.contains(r#"data-fact="median""#) && html.contains("<svg") && html.contains(r#"role="img""#));
        assert!(html.contains(r#"data-chart="outcomes""#) && html.contains(r#"data-chart="health""#));
        assert!(html.contains(r#"<option value="24h" selected"#), "the window is kept in the form");

        // The CSV: the same query, one row per (integration, step or drop-off), the whole funnel first.
        let resp = admin.get(app.url("/admin/funnel.csv?window=24h")).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let body = resp.text().await.unwrap();
        let mut rows = csv::Reader::from_reader(body.as_bytes());
        assert_eq!(rows.headers().unwrap(), vec!["integration_id", "integration", "kind", "name", "count"]);
        let rows: Vec<Vec<String>> = rows.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        let find = |id: &str, kind: &str, name: &str| {
            rows.iter().find(|r| r[0] == id && r[2] == kind && r[3] == name).map(|r| r[4].parse::<i64>().unwrap())
        };
        assert_eq!(find("", "step", "verified"), Some(1));
        assert_eq!(find("", "drop_off", "abandoned"), Some(1));
        assert_eq!(find("ci_01_slack", "step", "connect_pressed"), Some(4));
        assert_eq!(find("ci_01_slack", "drop_off", "provider_error"), Some(1));
        assert_eq!(rows.iter().filter(|r| r[0].is_empty()).count(), 12, "5 steps + 7 drop-offs");
        assert!(rows.iter().all(|r| r[2] == "step" || r[2] == "drop_off"));
        assert_eq!(rows[0][1], "All integrations");

        // Admins only: an end user gets 403, nobody signed in goes to the sign-in.
        assert_eq!(ok.get(app.url("/admin/funnel.csv")).send().await.unwrap().status(), 403);
        let (status, _) = app.page(&ok, "/admin/funnel").await;
        assert_eq!(status, 403);
    })
}

#[test]
fn without_the_integration_list_the_page_says_so_and_the_csv_waits() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let admin = app.admin().await;
        app.faults(serde_json::json!({ "errorRate": 1.0, "endpoints": ["list"] })).await;
        let resp = admin.get(app.url("/admin/funnel.csv")).send().await.unwrap();
        assert_eq!(resp.status(), 503);
        assert_eq!(resp.headers()["retry-after"], "30");
        let (status, html) = app.page(&admin, "/admin/funnel").await;
        assert_eq!(status, 200);
        assert!(html.contains("The integration list could not be read"), "{html}");
    })
}

#[test]
fn a_lost_pair_is_listed_with_its_reconnect_link() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let c = app.signed_in("lost-one").await;
        let back = app.authorize(&app.connect(&c, "ci_01_slack").await, &[("decision", "approve")]).await;
        let _ = app.page(&c, back.trim_start_matches(&app.base)).await;
        let admin = app.admin().await;
        app.set_connection("lost-one", "ci_01_slack", false).await;
        app.check_now(&admin, "lost-one").await;

        let (_, html) = app.page(&admin, "/admin/funnel?window=30d").await;
        assert!(html.contains(r#"data-lost="ci_01_slack""#), "{html}");
        assert!(html.contains("Create reconnect link"));
        let info = app.state.db.user_info(&UserId::parse("lost-one").unwrap()).await.unwrap().unwrap();
        let (status, location) = app
            .post_form(&admin, "/api/admin-reconnect-link", &[("reference", info.reference.as_str()), ("integration", "ci_01_slack"), ("back", "window=30d")])
            .await;
        assert_eq!((status, location.as_str()), (StatusCode::FOUND, "/admin/funnel?window=30d#reconnect-link"));
        let (_, html) = app.page(&admin, "/admin/funnel?window=30d").await;
        let url = regex::Regex::new(r#"id="reconnect-url" type="text" readonly value="([^"]+)""#).unwrap().captures(&html).expect("the link, once")[1].to_owned();
        let (_, again) = app.page(&admin, "/admin/funnel?window=30d").await;
        assert!(!again.contains("reconnect-url"), "shown once");
        // The link is scoped to the lost integration, like the webhook's.
        let token = url.rsplit('/').next().unwrap();
        let link = app.state.links.signer().verify(token, Utc::now()).unwrap();
        assert_eq!(link.user.as_str(), "lost-one");
        assert_eq!(link.allowed, vec![CustomerIntegrationId::parse("ci_01_slack").unwrap()]);
        // Only admins create them.
        let (status, _) = app.post_form(&c, "/api/admin-reconnect-link", &[("reference", info.reference.as_str()), ("integration", "ci_01_slack"), ("back", "")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The daily health counts saw it.
        let buckets = app.state.db.rollup_since(Utc::now() - Duration::hours(1)).await.unwrap();
        assert_eq!(total(&buckets, Tally::Health(plugboard::domain::funnel::Health::Lost)), 1);
        assert_eq!(total(&buckets, Tally::Health(plugboard::domain::funnel::Health::Created)), 1);
    })
}
