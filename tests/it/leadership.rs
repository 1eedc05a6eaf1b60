//! Leadership survives a stalled leader: two `plugboard` processes on one PostgreSQL database with the refresher on;
//! the leader is stopped with SIGSTOP (as a stalled process or a lost node keeps its TCP connections), the follower
//! takes over within 30 s, and when the stale leader is resumed with SIGCONT it checks its lease before any call and
//! makes none: the API never sees more than one budget.

use crate::helpers::*;
use sqlx::{Connection, Executor};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_plugboard");

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-CONT", &self.0.id().to_string()]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn signal(p: &Proc, sig: &str) {
    assert!(Command::new("kill").args([sig, &p.0.id().to_string()]).status().unwrap().success());
}

fn start(db_url: &str, api: &SandboxHandle) -> Proc {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(BIN)
        .envs([
            ("PLUGBOARD_DATABASE_URL", db_url.to_owned()),
            ("TR_API_URL", api.api_url.to_string()),
            ("TR_API_KEY", KEY.to_owned()),
            ("PLUGBOARD_LINK_SECRET", "0123456789abcdef0123456789abcdef0123".to_owned()),
            ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")),
            ("PLUGBOARD_REFRESH_PER_SECOND", "4".to_owned()),
            ("PLUGBOARD_REFRESH_MIN_AGE_SECONDS", "3600".to_owned()),
            ("RUST_LOG", "warn".to_owned()),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Proc(child)
}

/// Waits until the API has seen `n` more user reads than `from` (bounded); returns when, and the count.
async fn calls_reach(api: &SandboxHandle, from: u64, n: u64, within: Duration) -> Option<Duration> {
    let started = Instant::now();
    while api.sandbox.stats().user < from + n {
        if started.elapsed() > within {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Some(started.elapsed())
}

#[test]
fn a_stalled_leader_is_replaced_within_30_s_and_stays_quiet_when_resumed() {
    run(async {
        let (url, name) = fresh_postgres("plugboard_lead").await;
        // Work for minutes: 200 users x 11 integrations never checked.
        {
            let (db, _) = plugboard::platform::db::open(&url).await.unwrap();
            for n in 0..200 {
                db.touch_user(&plugboard::domain::UserId::parse(format!("lead-{n:03}")).unwrap(), chrono::Utc::now()).await.unwrap();
            }
            db.pool().close().await;
        }
        let api = spawn_sandbox().await;
        let before = api.sandbox.stats().user;
        let first = start(&url, &api);
        assert!(calls_reach(&api, before, 4, Duration::from_secs(30)).await.is_some(), "the first instance leads");
        let second = start(&url, &api);
        // Both up: one budget (4/s) in total.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let (from, t0) = (api.sandbox.stats().user, Instant::now());
        tokio::time::sleep(Duration::from_secs(3)).await;
        let rate = (api.sandbox.stats().user - from) as f64 / t0.elapsed().as_secs_f64();
        assert!(rate <= 4.0 * 1.5 + 1.0, "one budget with two instances: {rate:.1}/s");

        // The leader stalls (its connections stay open): the follower takes over within 30 s.
        signal(&first, "-STOP");
        tokio::time::sleep(Duration::from_millis(500)).await; // calls already on the wire land
        let stalled = api.sandbox.stats().user;
        let took = calls_reach(&api, stalled, 4, Duration::from_secs(30)).await;
        assert!(took.is_some(), "nobody took over from a stalled leader within 30 s");

        // The stale leader resumes: it checks its lease before every call and makes none; the API sees one budget.
        signal(&first, "-CONT");
        let (from, t0) = (api.sandbox.stats().user, Instant::now());
        tokio::time::sleep(Duration::from_secs(6)).await;
        let rate = (api.sandbox.stats().user - from) as f64 / t0.elapsed().as_secs_f64();
        assert!(rate <= 4.0 * 1.25 + 0.5, "after SIGCONT, still one budget: {rate:.1}/s");
        drop(second);
        drop(first);
        if let Ok(mut admin) = sqlx::PgConnection::connect(&postgres_admin_url()).await {
            let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
        }
    })
}
