//! Erasure is complete and immediate, on SQLite and PostgreSQL: after `DELETE /api/v1/users/{id}` returns 204, no
//! column of any table in any schema (sessions' MessagePack blobs included) holds the user's id, display name or
//! email; the user's signed-in session is gone at once and writes nothing back; links issued before are refused.
//! The scan is generic (every table there is), so a table added later cannot be forgotten.

use crate::helpers::*;
use sqlx::{Connection, Row};

const TOKEN: &str = "host-api-token-0123456789";
const USER: &str = "erin-7f3a9";
const NAME: &str = "Erin Quuxley-Zeta";
const EMAIL: &str = "erin.quux@example.org";

/// Every value of every column of every table that mentions one of `needles` (text, or bytes of blobs).
async fn mentions(db_url: &str, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let hit = |bytes: &[u8]| needles.iter().any(|n| bytes.windows(n.len()).any(|w| w == n.as_bytes()));
    if db_url.starts_with("sqlite:") {
        let mut c = sqlx::SqliteConnection::connect(db_url).await.unwrap();
        let tables: Vec<String> = sqlx::query("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&mut c)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert!(tables.iter().any(|t| t == "tower_sessions"), "the session store is scanned too: {tables:?}");
        for t in tables {
            let cols: Vec<String> =
                sqlx::query(&format!("PRAGMA table_info(\"{t}\")")).fetch_all(&mut c).await.unwrap().iter().map(|r| r.get(1)).collect();
            for col in cols {
                let rows = sqlx::query(&format!("SELECT CAST(\"{col}\" AS BLOB) FROM \"{t}\"")).fetch_all(&mut c).await.unwrap();
                for r in rows {
                    let v: Option<Vec<u8>> = r.get(0);
                    if v.as_deref().is_some_and(hit) {
                        found.push(format!("{t}.{col}: {}", String::from_utf8_lossy(&v.unwrap_or_default())));
                    }
                }
            }
        }
    } else {
        let mut c = sqlx::PgConnection::connect(db_url).await.unwrap();
        let tables: Vec<(String, String)> = sqlx::query(
            "SELECT table_schema, table_name FROM information_schema.tables \
             WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
        )
        .fetch_all(&mut c)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
        assert!(tables.iter().any(|(s, _)| s == "tower_sessions"), "the session store is scanned too: {tables:?}");
        // A row as text shows text as it is and bytea as hex: look for both.
        let hexes: Vec<String> = needles.iter().map(|n| n.bytes().map(|b| format!("{b:02x}")).collect()).collect();
        for (schema, table) in tables {
            let rows = sqlx::query(&format!("SELECT t::text FROM \"{schema}\".\"{table}\" t")).fetch_all(&mut c).await.unwrap();
            for r in rows {
                let text: String = r.get(0);
                if hit(text.as_bytes()) || hexes.iter().any(|h| text.contains(h.as_str())) {
                    found.push(format!("{schema}.{table}: {text}"));
                }
            }
        }
    }
    found
}

async fn erasure_is_complete(db_url: String) {
    let app = spawn_app(&[
        ("PLUGBOARD_DATABASE_URL", &db_url),
        ("PLUGBOARD_API_TOKEN", TOKEN),
        ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
        ("PLUGBOARD_STATE_FRESH_SECONDS", "0"),
    ])
    .await;
    // The host mints a link with what it knows; the user signs in and connects Slack; the admin exports a filter
    // naming them; Slack is revoked and Check now fires connection.lost (its body carries a reconnect link, name
    // and email).
    let resp = Client::new()
        .post(app.url("/api/v1/links"))
        .bearer_auth(TOKEN)
        .json(&json!({"userId": USER, "endUser": {"displayName": NAME, "email": EMAIL}, "tags": {"who": NAME}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let link = resp.json::<serde_json::Value>().await.unwrap()["url"].as_str().unwrap().to_owned();
    let c = browser();
    app.use_link(&c, &link).await;
    let authorize = app.connect(&c, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let (status, _) = app.page(&c, back.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200);
    let _ = app.connect(&c, "ci_02_github").await; // an attempt left open
    let admin = app.admin().await;
    let (status, _) = app.page(&admin, &format!("/admin/export.csv?q={USER}")).await;
    assert_eq!(status, 200);
    app.set_connection(USER, "ci_01_slack", false).await;
    app.check_now(&admin, USER).await;
    app.wait_for_inbox("connection.lost").await; // rendered with the profile and stored
    app.state.connections.flush().await;
    assert!(!mentions(&db_url, &[USER, NAME, EMAIL]).await.is_empty(), "the scan finds what is there");

    let resp = Client::new().delete(app.url(&format!("/api/v1/users/{USER}"))).bearer_auth(TOKEN).send().await.unwrap();
    assert_eq!(resp.status(), 204);

    // The session is gone at once: the next requests are signed out and write nothing back.
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    assert!(!html.contains("data-card"), "signed out: {html}");
    let resp = c
        .post(app.url("/api/card-states"))
        .header("sec-fetch-site", "same-origin")
        .header(header::ACCEPT, "application/json")
        .send()
        .await
        .unwrap();
    assert!(!resp.status().is_success(), "no cards for an erased user's session");
    let resp = c
        .post(app.url("/api/connect"))
        .header("sec-fetch-site", "same-origin")
        .form(&[("integration_id", "ci_03_gmail")])
        .send()
        .await
        .unwrap();
    let to = resp.headers().get(header::LOCATION).and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned();
    assert!(!to.contains("authorize"), "no connect for an erased user's session: {to}");
    // A link issued before the erasure is refused.
    let (status, _) = app.page(&browser(), link.trim_start_matches(&app.base)).await;
    assert_eq!(status, StatusCode::GONE);
    app.state.connections.flush().await;
    let left = mentions(&db_url, &[USER, NAME, EMAIL]).await;
    assert!(left.is_empty(), "after the erasure, still held:\n{}", left.join("\n"));
    assert_counts_kept(&app.state.db).await;

    // The erasure is in the feed; the digest is keyed (not a plain SHA-256 of the id).
    let feed: serde_json::Value =
        Client::new().get(app.url("/api/v1/events?kind=user_erased")).bearer_auth(TOKEN).send().await.unwrap().json().await.unwrap();
    assert_eq!(feed["events"].as_array().unwrap().len(), 1, "{feed}");
    let plain: String = {
        use sha2::Digest;
        sha2::Sha256::digest(USER.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    };
    let digests: Vec<String> = sqlx::query("SELECT digest FROM erased_users")
        .fetch_all(app.state.db.pool())
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(digests.len(), 1);
    assert_ne!(digests[0], plain, "the digest is keyed with the link secret");
}

#[test]
fn erasure_leaves_nothing_on_sqlite() {
    run(async {
        let (url, _guard) = fresh_sqlite();
        erasure_is_complete(url).await;
    })
}

#[test]
fn erasure_leaves_nothing_on_postgres() {
    run(async {
        // The app keeps running on the shared runtime: the database is left to the machine's test cluster.
        let (url, _) = fresh_postgres("plugboard_erase").await;
        erasure_is_complete(url).await;
    })
}
