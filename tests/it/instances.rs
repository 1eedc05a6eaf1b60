//! Two instances on one fresh PostgreSQL database in front of one API, driven the way a round-robin balancer
//! would: a link minted on A is redeemed on B, Connect on A returns to B, the console on B shows it; with the
//! refresher on in both, the API sees one budget in total (one leader holds a PostgreSQL advisory lock) and no pair
//! is checked twice; when the leader stops, the other takes over.

use crate::helpers::*;
use sqlx::{Connection, Executor};

struct Instance {
    base: String,
    state: plugboard::state::AppState,
    stop: tokio::sync::oneshot::Sender<()>,
    done: tokio::task::JoinHandle<()>,
}

async fn instance(db_url: &str, api: &SandboxHandle, extra: &[(&str, &str)]) -> Instance {
    let mut env: Vec<(&str, String)> = vec![
        ("PLUGBOARD_DATABASE_URL", db_url.to_owned()),
        ("TR_API_URL", api.api_url.to_string()),
        ("TR_API_KEY", KEY.to_owned()),
        ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef0123".to_owned()),
        ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD.to_owned()),
        ("PLUGBOARD_AUTHORIZE_HOSTS", "http://localhost".to_owned()),
        ("PLUGBOARD_SHUTDOWN_SECONDS", "0".to_owned()),
        ("PLUGBOARD_DRAIN_SECONDS", "0".to_owned()),
    ];
    env.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let (app, state) = start(&env).await;
    let base = format!("http://{}", app.addr());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(async move {
        let _ = app.run_until(async move {
            let _ = stopped.await;
        })
        .await;
    });
    Instance { base, state, stop, done }
}

async fn drop_database(admin_url: &str, name: &str) {
    if let Ok(mut admin) = sqlx::PgConnection::connect(admin_url).await {
        let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
    }
}

#[test]
fn two_instances_share_links_sessions_attempts_and_one_refresher_budget() {
    run(async {
        let (url, name) = fresh_postgres("plugboard_two").await;
        let admin_url = postgres_admin_url();
        let outcome = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(two_instances(&url))).await;
        drop_database(&admin_url, &name).await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    })
}

async fn two_instances(url: &str) {
    let api = spawn_sandbox().await;
    let a = instance(url, &api, &[]).await;
    let b = instance(url, &api, &[]).await;
    let page = |c: &Client, base: &str, path: &str| {
        let (c, url) = (c.clone(), format!("{base}{path}"));
        async move {
            let resp = c.get(url).send().await.unwrap();
            (resp.status(), resp.text().await.unwrap())
        }
    };

    // A link minted on A, opened and used on B.
    let user = plugboard::domain::UserId::parse("roundrobin").unwrap();
    let (token, _) = a.state.links.signer().mint(&user, chrono::Duration::minutes(5), None, chrono::Utc::now()).unwrap();
    let c = browser();
    let (status, html) = page(&c, &b.base, &format!("/link/{token}")).await;
    assert_eq!(status, 200, "{html}");
    let resp = c.post(format!("{}/link/{token}", b.base)).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    // The session works on A too (same database).
    let (status, html) = page(&c, &a.base, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Signed in as"), "{html}");

    // Connect on A; the provider returns the browser to B.
    let resp = c
        .post(format!("{}/api/connect", a.base))
        .header("sec-fetch-site", "same-origin")
        .form(&[("integration_id", "ci_01_slack")])
        .send()
        .await
        .unwrap();
    let authorize = resp.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let resp = http().post(reachable(&api, &authorize)).form(&[("decision", "approve")]).send().await.unwrap();
    let back = resp.headers()[header::LOCATION].to_str().unwrap().to_owned();
    let path = back.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap();
    let (status, html) = page(&c, &b.base, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-outcome="connected""#), "{html}");

    // The console on B shows it.
    let admin = admin_at(&b.base).await;
    let (_, html) = page(&admin, &b.base, "/admin?q=roundrobin").await;
    assert_eq!(matrix_users(&html), ["roundrobin"]);
    let row = &html[html.find(r#"<tr data-user="roundrobin""#).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(r#"class="state state-connected""#), "{row}");

    // Stop both; start two with the refresher on (5 calls per second) over 30 users never checked.
    for i in [a, b] {
        let _ = i.stop.send(());
        let _ = i.done.await;
    }
    let (db, _) = plugboard::platform::db::open(url).await.unwrap();
    for n in 0..30 {
        db.touch_user(&plugboard::domain::UserId::parse(format!("bulk-{n:02}")).unwrap(), chrono::Utc::now()).await.unwrap();
    }
    let refresh = [("PLUGBOARD_REFRESH_PER_SECOND", "5"), ("PLUGBOARD_REFRESH_MIN_AGE_SECONDS", "3600")];
    let before = api.sandbox.stats().user;
    let started = std::time::Instant::now();
    let a = instance(url, &api, &refresh).await;
    let b = instance(url, &api, &refresh).await;
    // Until the refresher has run a while (a condition: a slow start only delays it), then at least 3 s in all.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while api.sandbox.stats().user - before < 10 || started.elapsed() < std::time::Duration::from_secs(3) {
        assert!(std::time::Instant::now() < deadline, "the refresher did not run ({} calls)", api.sandbox.stats().user - before);
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let calls = api.sandbox.stats().user - before;
    let elapsed = started.elapsed().as_secs_f64();
    assert!((calls as f64) <= 5.0 * elapsed + 2.0, "{calls} calls in {elapsed:.1} s: more than one budget");
    let tried: i64 = sqlx::Row::get(&sqlx::query("SELECT COUNT(*) FROM status_snapshots").fetch_one(db.pool()).await.unwrap(), 0);
    assert!(calls as i64 <= tried + 1, "no pair checked twice ({calls} calls for {tried} pairs)");

    // The leader stops; the other instance takes over within a few seconds.
    let leader_first = a;
    let _ = leader_first.stop.send(());
    let _ = leader_first.done.await;
    let before = api.sandbox.stats().user;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while api.sandbox.stats().user == before {
        assert!(std::time::Instant::now() < deadline, "nobody took the refresher over");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let _ = b.stop.send(());
    let _ = b.done.await;
    db.pool().close().await;
}
