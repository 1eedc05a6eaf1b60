//! Portal links over real HTTP: signing in once, rotated sessions, refusals with their own pages, sessions across instances.

use crate::helpers::*;

#[test]
fn sessions_survive_a_restart() {
    run(sessions_survive_a_restart_body())
}

async fn sessions_survive_a_restart_body() {
    let app = spawn_app(&[]).await;
    let c = app.signed_in("nora").await;
    let (dir, addr) = (app.dir.0.clone(), app.base.trim_start_matches("http://").to_owned());
    // A second process on the same database file (the first keeps running; sessions are in the database, not memory).
    let again = spawn_app_in(dir.clone(), &[]).await;
    let (status, html) = again.page(&c, "/").await;
    assert_eq!(status, 200);
    assert!(cards(&html).len() >= 10, "the cookie from the first instance is honoured by the second: {addr}");
    std::mem::forget(again); // the directory belongs to `app`
}

#[test]
fn a_link_signs_in_once_with_a_rotated_session() {
    run(a_link_signs_in_once_with_a_rotated_session_body())
}

async fn a_link_signs_in_once_with_a_rotated_session_body() {
    let app = spawn_app(&[]).await;
    let c = browser();
    // The link signs in and sets the session cookie with the right flags.
    let token = app.mint("alice", chrono::Duration::minutes(15), chrono::Utc::now());
    let resp = c.get(app.url(&format!("/link/{token}"))).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    let cookie = resp.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("plugboard_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), "{cookie}");
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    let all = cards(&html);
    assert!(all.len() >= 10, "{all:?}");
    assert!(all.iter().all(|(_, s, hidden)| s == "not_connected" && !hidden), "{all:?}");
    assert!(!html.contains("alice"), "the user id is not put into the page's markup needlessly");

    // The session id is rotated on sign-in: a second link in the same browser replaces the cookie's value.
    let session_id =
        |r: &reqwest::Response| r.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let first = session_id(&resp);
    let again = app.mint("alice-2", chrono::Duration::minutes(15), chrono::Utc::now());
    let resp2 = c.get(app.url(&format!("/link/{again}"))).send().await.unwrap();
    assert_eq!(resp2.status(), StatusCode::FOUND);
    assert_ne!(session_id(&resp2), first, "a new session id");

    // A client that does not say it accepts HTML (curl) is redirected too.
    let fresh = app.mint("alice", chrono::Duration::minutes(15), chrono::Utc::now());
    let plain = Client::builder().redirect(Policy::none()).build().unwrap();
    let resp = plain.get(app.url(&format!("/link/{fresh}"))).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);

    // The same link again: refused with its own page, and 410.
    let other = browser();
    let (status, html) = app.page(&other, &format!("/link/{token}")).await;
    assert_eq!(status, 410);
    assert!(html.contains("This link was already used"));
    assert!(html.contains("Ask the app for a new link"));
}

#[test]
fn expired_tampered_and_malformed_links_each_get_their_own_page() {
    run(expired_tampered_and_malformed_links_each_get_their_own_page_body())
}

async fn expired_tampered_and_malformed_links_each_get_their_own_page_body() {
    let app = spawn_app(&[]).await;
    let old = app.mint("bob", chrono::Duration::minutes(15), chrono::Utc::now() - chrono::Duration::hours(1));
    let (status, html) = app.page(&browser(), &format!("/link/{old}")).await;
    assert_eq!((status.as_u16(), html.contains("This link has expired")), (410, true));

    // Signed with another secret, and a good link whose claims were swapped for another user's.
    let stranger = plugboard::services::links::LinkSigner::new(&[42u8; 32]).unwrap();
    let user = plugboard::domain::UserId::parse("bob").unwrap();
    let (foreign, _) = stranger.mint(&user, chrono::Duration::minutes(15), None, chrono::Utc::now()).unwrap();
    let good = app.mint("bob", chrono::Duration::minutes(15), chrono::Utc::now());
    let mallory = app.mint("mallory", chrono::Duration::minutes(15), chrono::Utc::now());
    let (g, m): (Vec<&str>, Vec<&str>) = (good.split('.').collect(), mallory.split('.').collect());
    let swapped = format!("v1.{}.{}", m[1], g[2]);
    for tampered in [foreign, swapped] {
        let (status, html) = app.page(&browser(), &format!("/link/{tampered}")).await;
        assert_eq!((status.as_u16(), html.contains("This link is not valid")), (403, true), "{html}");
    }

    let (status, html) = app.page(&browser(), "/link/v1.abc").await;
    assert_eq!((status.as_u16(), html.contains("This link is incomplete")), (400, true));

    // None of them signed anyone in.
    let c = browser();
    let _ = app.page(&c, &format!("/link/{old}")).await;
    let (_, html) = app.page(&c, "/").await;
    assert!(html.contains("Open your integrations from"));
}

#[test]
fn without_a_session_the_portal_explains_how_to_sign_in() {
    run(without_a_session_the_portal_explains_how_to_sign_in_body())
}

async fn without_a_session_the_portal_explains_how_to_sign_in_body() {
    let app = spawn_app(&[("PLUGBOARD_APP_NAME", "Acme CRM")]).await;
    let (status, html) = app.page(&browser(), "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("Open your integrations from Acme CRM"), "{html}");
    assert!(html.contains("Continue as this user"), "the sandbox offers a demo sign-in");
    assert!(cards(&html).is_empty());
    assert!(html.contains("Sandbox"));
}

