//! The console at size, through its real interfaces on PostgreSQL: an export whose client goes away stops its query.

use crate::helpers::*;

/// A CSV export whose client goes away stops its query at once: the connection that ran it is closed, not handed
/// back to the pool (which would first read every remaining row, the database working on for nobody).
#[test]
fn an_export_whose_client_goes_away_stops_its_query() {
    run(async {
        let (url, name) = fresh_postgres("plugboard_export").await;
        let app = spawn_app(&[("PLUGBOARD_DATABASE_URL", &url), ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let columns: Vec<_> = app.state.catalog.columns().await.unwrap().into_iter().map(|(id, _)| id).collect();
        // About 30 MB of CSV: far more than the sockets between the server and this client hold.
        app.state.db.seed_console(100_000, &columns, 0, chrono::Utc::now()).await.unwrap();
        let admin = app.admin().await;
        let mut resp = admin.get(app.url("/admin/export.csv")).send().await.unwrap();
        assert_eq!(resp.status(), 200);
        let mut got = 0;
        while got < 200_000 {
            got += resp.chunk().await.unwrap().expect("more CSV").len();
        }
        let backend = || async {
            sqlx::query(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() \
                 AND query LIKE '%u.cells FROM portal_users u%' AND pid <> pg_backend_pid()",
            )
            .fetch_optional(app.state.db.pool())
            .await
            .unwrap()
            .map(|r| sqlx::Row::get::<i32, _>(&r, 0))
        };
        let pid = backend().await.expect("the export's query is running");
        drop(resp);
        let gone = async {
            loop {
                let alive: i64 = sqlx::Row::get(
                    &sqlx::query("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = $1")
                        .bind(pid)
                        .fetch_one(app.state.db.pool())
                        .await
                        .unwrap(),
                    0,
                );
                if alive == 0 {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
        };
        tokio::time::timeout(std::time::Duration::from_secs(20), gone)
            .await
            .expect("the export's connection closed (its query ended) once the client went away");
        app.state.db.pool().close().await;
        drop_postgres(&name).await;
    })
}

/// Past 10,000 matching users the console says "More than 10,000" and leaves the summary per integration uncounted
/// (counting would read every row); where the kept counts or a few pairs per user tell, the count is exact; the
/// unfiltered summary is the kept one.
#[test]
fn the_console_caps_the_counts_that_would_read_every_row() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD)]).await;
        let columns: Vec<_> = app.state.catalog.columns().await.unwrap().into_iter().map(|(id, _)| id).collect();
        assert!(columns.len() > 2);
        app.state.db.seed_console(10_500, &columns[..2], 0, chrono::Utc::now()).await.unwrap();
        let admin = app.admin().await;
        let (_, html) = app.page(&admin, "/admin").await;
        assert!(html.contains("10,500 users; showing 50"), "{}", &html[..3000.min(html.len())]);
        assert!(!html.contains("id=\"counts-capped\""));
        let (_, html) = app.page(&admin, &format!("/admin?integration={}", columns[0])).await;
        assert!(html.contains("<tr data-integration=") && !html.contains("id=\"counts-capped\""), "one column: counted from the kept summary");
        let (_, html) = app.page(&admin, "/admin?state=unknown").await;
        assert!(html.contains("More than 10,000 of 10,500 users match"), "{}", &html[..3000.min(html.len())]);
        assert!(html.contains("id=\"counts-capped\"") && !html.contains("<tr data-integration="), "not counted per integration");
        assert_eq!(matrix_users(&html).len(), 50);
        let count = |sql: String| {
            let db = app.state.db.clone();
            async move { sqlx::Row::get::<i64, _>(&sqlx::query(&sql).fetch_one(db.pool()).await.unwrap(), 0) }
        };
        let connected = count("SELECT COUNT(DISTINCT user_id) FROM status_snapshots WHERE state = 'connected'".into()).await;
        let (_, html) = app.page(&admin, "/admin?state=connected").await;
        let words = format!("{} of 10,500 users match", plugboard::ui::thousands(connected));
        assert!(html.contains(&words), "{words}: {}", &html[..3000.min(html.len())]);
        let one = &columns[0];
        let in_one = count(format!("SELECT COUNT(*) FROM status_snapshots WHERE state = 'connected' AND integration_id = '{one}'")).await;
        let (_, html) = app.page(&admin, &format!("/admin?integration={one}&state=connected")).await;
        assert!(html.contains(&format!("{} of 10,500 users match", plugboard::ui::thousands(in_one))), "exact from the kept counts");
    })
}
