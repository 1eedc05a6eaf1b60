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
    let app = spawn_app(&[("PLUGBOARD_APP_NAME", "Acme")]).await;
    let token = app.mint("alice", chrono::Duration::minutes(15), chrono::Utc::now());
    let url = app.url(&format!("/link/{token}"));

    // Mail scanners and unfurlers: three cookieless GETs and a HEAD use nothing up.
    for _ in 0..3 {
        let resp = Client::builder().redirect(Policy::none()).build().unwrap().get(&url).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert!(resp.headers().get(header::SET_COOKIE).is_none(), "looking signs nobody in");
        let html = resp.text().await.unwrap();
        assert!(html.contains("Continue to Acme’s integrations"), "{html}");
        assert!(html.contains("al…ce") && !html.contains("alice"), "the user, masked: {html}");
        assert!(html.contains(r#"method="post""#), "one button, a POST");
    }
    let head = Client::new().head(&url).send().await.unwrap();
    assert_eq!(head.status(), StatusCode::OK);

    // The person presses Continue: the link is used, the session cookie set with the right flags.
    let c = browser();
    let resp = app.press_continue(&c, &url).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()[header::LOCATION], "/");
    let cookie = resp.headers()[header::SET_COOKIE].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("plugboard_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && !cookie.contains("Secure"), "{cookie}");
    let (status, html) = app.page(&c, "/").await;
    assert_eq!(status, 200);
    let all = cards(&html);
    assert!(all.len() >= 10, "{all:?}");
    assert!(all.iter().all(|(_, s, hidden)| s == "not_connected" && !hidden), "{all:?}");
    assert!(!html.contains("alice"), "the user id is not put into the page's markup needlessly");
    assert!(html.contains("Signed in as") && html.contains("al…ce") && html.contains("Sign out"), "the header says who");

    // A second POST of the same link: the "already used" page, 410.
    let again = browser();
    let resp = app.press_continue(&again, &url).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let back = resp.headers()[header::LOCATION].to_str().unwrap().to_owned();
    assert_eq!(back, format!("/link/{token}"));
    let (status, html) = app.page(&again, &back).await;
    assert_eq!(status, 410);
    assert!(html.contains("This link was already used") && html.contains("Ask Acme for a new link"), "{html}");
    let (_, html) = app.page(&again, "/").await;
    assert!(html.contains("Open your integrations from"), "the second POST signed nobody in");

    // The session id is rotated on sign-in: a second link in the same browser replaces the cookie's value.
    let session_id =
        |r: &reqwest::Response| r.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_owned();
    let first = cookie.split(';').next().unwrap().to_owned();
    let other = app.mint("bob-the-builder", chrono::Duration::minutes(15), chrono::Utc::now());
    let other_url = app.url(&format!("/link/{other}"));
    // Someone else is signed in in this browser: the page says so and asks before switching.
    let (_, html) = app.page(&c, &format!("/link/{other}")).await;
    assert!(html.contains("data-switch") && html.contains("This browser is signed in as") && html.contains("Switch to bo…er"), "{html}");
    let resp2 = app.press_continue(&c, &other_url).await;
    assert_eq!(resp2.status(), StatusCode::SEE_OTHER);
    assert_ne!(session_id(&resp2), first, "a new session id");
    let (_, html) = app.page(&c, "/").await;
    assert!(html.contains("bo…er"), "now signed in as the link's user");

    // A POST without Origin or Sec-Fetch-Site (not a browser form) is refused; tools may set Origin.
    let fresh = app.mint("carl", chrono::Duration::minutes(15), chrono::Utc::now());
    let fresh_url = app.url(&format!("/link/{fresh}"));
    let plain = Client::builder().redirect(Policy::none()).build().unwrap();
    assert_eq!(plain.post(&fresh_url).send().await.unwrap().status(), StatusCode::FORBIDDEN);
    let resp = plain.post(&fresh_url).header(header::ORIGIN, app.base.as_str()).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
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
    // An old-format (v1) link whose claims were swapped for another user's, and a v2 link with one byte altered.
    let signer = app.state.links.signer();
    let good = signer.mint_v1(&user, chrono::Duration::minutes(15), chrono::Utc::now());
    let mallory = signer.mint_v1(&plugboard::domain::UserId::parse("mallory").unwrap(), chrono::Duration::minutes(15), chrono::Utc::now());
    let (g, m): (Vec<&str>, Vec<&str>) = (good.split('.').collect(), mallory.split('.').collect());
    let swapped = format!("v1.{}.{}", m[1], g[2]);
    let sealed = app.mint("bob", chrono::Duration::minutes(15), chrono::Utc::now());
    let flipped = {
        let mut b = sealed.into_bytes();
        let i = b.len() - 5;
        b[i] = if b[i] == b'A' { b'B' } else { b'A' };
        String::from_utf8(b).unwrap()
    };
    for tampered in [foreign, swapped, flipped] {
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

