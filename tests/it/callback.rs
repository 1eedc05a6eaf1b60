//! The callback over real HTTP: verified with the API, never taken from `?status=`; forged, foreign, expired and replayed returns.

use crate::helpers::*;

#[test]
fn a_denied_authorization_offers_try_again() {
    run(a_denied_authorization_offers_try_again_body())
}

async fn a_denied_authorization_offers_try_again_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("dave").await;
    let authorize = app.connect(&c, "ci_02_github").await;
    let back = app.authorize(&authorize, &[("decision", "deny")]).await;
    assert!(back.ends_with("?status=error"));
    let (status, html) = app.page(&c, back.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("GitHub was not connected") && html.contains("cancelled or refused"), "{html}");
    assert!(html.contains("Try again") && html.contains("Back to integrations"));
    let (_, html) = app.page(&c, "/").await;
    assert_eq!(state_of(&html, "GitHub"), "needs_reconnect", "the user exists but is inactive");
}

#[test]
fn success_without_an_active_connection_is_not_believed() {
    run(success_without_an_active_connection_is_not_believed_body())
}

async fn success_without_an_active_connection_is_not_believed_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("erin").await;
    let authorize = app.connect(&c, "ci_05_notion").await;
    assert!(authorize.contains("/authorize/"));
    // The user never completes the sandbox page, but someone crafts ?status=success.
    let attempt = {
        let row = sqlx::query("SELECT id FROM connect_attempts").fetch_one(app.state.db.pool()).await.unwrap();
        sqlx::Row::get::<String, _>(&row, 0)
    };
    let (status, html) = app.page(&c, &format!("/callback/{attempt}?status=success")).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-outcome="unconfirmed""#) && html.contains("Notion is not connected yet"), "{html}");
}

#[test]
fn forged_foreign_and_expired_callbacks_are_refused() {
    run(forged_foreign_and_expired_callbacks_are_refused_body())
}

async fn forged_foreign_and_expired_callbacks_are_refused_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("frank").await;

    let (status, html) = app.page(&c, "/callback/not-an-attempt?status=success").await;
    assert_eq!((status.as_u16(), html.contains("not one we issued")), (404, true));

    // An attempt started in one session, returned to in another (same user, other browser).
    let authorize = app.connect(&c, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    let other = app.signed_in("frank").await;
    let (status, html) = app.page(&other, back.trim_start_matches(&app.base)).await;
    assert_eq!((status.as_u16(), html.contains("started somewhere else")), (403, true));
    // Not consumed by the foreign visit: the right session still gets its answer.
    let (status, html) = app.page(&c, back.trim_start_matches(&app.base)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("Connected to Slack"));

    // No session at all.
    let (status, html) = app.page(&browser(), back.trim_start_matches(&app.base)).await;
    assert_eq!((status.as_u16(), html.contains("session has ended")), (401, true));

    // Expired.
    let authorize = app.connect(&c, "ci_02_github").await;
    let back = app.authorize(&authorize, &[("decision", "approve")]).await;
    sqlx::query("UPDATE connect_attempts SET expires_at = 0 WHERE consumed_at IS NULL")
        .execute(app.state.db.pool())
        .await
        .unwrap();
    let (status, html) = app.page(&c, back.trim_start_matches(&app.base)).await;
    assert_eq!((status.as_u16(), html.contains("took too long")), (410, true));
}

#[test]
fn a_status_appended_to_an_existing_query_is_read() {
    run(a_status_appended_to_an_existing_query_is_read_body())
}

async fn a_status_appended_to_an_existing_query_is_read_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("gina").await;
    let authorize = app.connect(&c, "ci_01_slack").await;
    let back = app.authorize(&authorize, &[("decision", "deny")]).await;
    let path = back.trim_start_matches(&app.base).replace("?status=error", "?utm=x?status=error");
    let (status, html) = app.page(&c, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains("cancelled or refused"), "{html}");
}

