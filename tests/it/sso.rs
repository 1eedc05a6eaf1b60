//! Single sign-on for the console against a real OpenID provider (npm `oidc-provider`, started here): admins and
//! viewers by email and @domain, each action naming the email; refused, unverified, rebound, cancelled, replayed
//! and issuer-down sign-ins each get their page; an account taken off the list loses its session at its next
//! request; the CSP lets the sign-in form lead to the issuer.

use crate::helpers::*;
use reqwest::{header, Client, StatusCode};

const CLIENT_ID: &str = "plugboard-console";
const CLIENT_SECRET: &str = "plugboard-console-test-secret-0123456789";

/// The provider (`end2end/oidc-provider.mjs`), stopped when dropped.
struct Provider {
    child: std::process::Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_provider(redirect: &str) -> Provider {
    let port = free_addr().rsplit(':').next().unwrap().to_owned();
    let child = std::process::Command::new("node")
        .arg("oidc-provider.mjs")
        .arg(&port)
        .arg(redirect)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/end2end"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("node runs end2end/oidc-provider.mjs (make setup-test installs it)");
    let provider = Provider { child, issuer: format!("http://localhost:{port}") };
    let discovery = format!("{}/.well-known/openid-configuration", provider.issuer);
    for _ in 0..200 {
        if http().get(&discovery).send().await.is_ok_and(|r| r.status().is_success()) {
            return provider;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the OpenID provider did not start");
}

/// A portal with the password and single sign-on, on a fixed address (the provider knows its redirect URI).
async fn sso_app(extra: &[(&str, &str)]) -> (TestApp, Provider) {
    let addr = free_addr();
    let public = format!("http://{addr}");
    let provider = start_provider(&format!("{public}/admin/sso/callback")).await;
    let mut env = vec![
        ("LEPTOS_SITE_ADDR", addr.clone()),
        ("PLUGBOARD_PUBLIC_URL", public),
        ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD.to_owned()),
        ("PLUGBOARD_ADMIN_OIDC_ISSUER", provider.issuer.clone()),
        ("PLUGBOARD_ADMIN_OIDC_CLIENT_ID", CLIENT_ID.to_owned()),
        ("PLUGBOARD_ADMIN_OIDC_CLIENT_SECRET", CLIENT_SECRET.to_owned()),
        ("PLUGBOARD_ADMIN_ALLOWED", "ann@example.com".to_owned()),
        ("PLUGBOARD_ADMIN_VIEWERS", "@viewers.example.com".to_owned()),
    ];
    env.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    (spawn_app(&env).await, provider)
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// Follows the provider's redirects with `c` until they lead back to the portal; returns that URL.
async fn at_provider(app: &TestApp, c: &Client, mut url: String, login: Option<&str>) -> String {
    for _ in 0..10 {
        if url.starts_with(&app.base) {
            return url;
        }
        let resp = c.get(&url).send().await.unwrap();
        if resp.status().is_redirection() {
            let next = location(&resp);
            url = url::Url::parse(&url).unwrap().join(&next).unwrap().to_string();
            continue;
        }
        let html = resp.text().await.unwrap();
        let action = regex::Regex::new(r#"<form[^>]*action="([^"]+)""#).unwrap().captures(&html).expect("a form")[1].to_owned();
        let action = url::Url::parse(&url).unwrap().join(&action).unwrap().to_string();
        let Some(login) = login else {
            // Cancel: the page's "[ Cancel ]" link.
            let abort = regex::Regex::new(r#"href="([^"]*/abort)""#).unwrap().captures(&html).expect("cancel")[1].to_owned();
            url = url::Url::parse(&url).unwrap().join(&abort).unwrap().to_string();
            continue;
        };
        let resp = if html.contains(r#"value="login""#) {
            c.post(&action).form(&[("prompt", "login"), ("login", login), ("password", "any")]).send().await.unwrap()
        } else {
            c.post(&action).form(&[("prompt", "consent")]).send().await.unwrap()
        };
        assert!(resp.status().is_redirection(), "{}", resp.status());
        url = url::Url::parse(&url).unwrap().join(&location(&resp)).unwrap().to_string();
    }
    panic!("the provider never sent the browser back");
}

/// Signs in with single sign-on as `login` (None: cancels at the provider); returns the browser and where the
/// callback sent it, with the callback's URL.
async fn sso_sign_in(app: &TestApp, login: Option<&str>) -> (Client, String, String) {
    let c = browser();
    let resp = c.post(app.url("/admin/sso/start")).header("sec-fetch-site", "same-origin").send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let authorize = location(&resp);
    assert!(authorize.contains("code_challenge_method=S256") && authorize.contains("nonce=") && authorize.contains("state="), "{authorize}");
    let callback = at_provider(app, &c, authorize, login).await;
    let resp = c.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    (c, location(&resp), callback)
}

#[test]
fn single_sign_on_admins_viewers_and_every_refusal() {
    run(async {
        let (app, provider) = sso_app(&[]).await;
        // The sign-in page offers both; the CSP lets its form lead to the issuer.
        let resp = browser().get(app.url("/admin")).send().await.unwrap();
        let csp = resp.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains(&format!("form-action 'self' ")) && csp.contains(&provider.issuer), "{csp}");
        let html = resp.text().await.unwrap();
        assert!(html.contains("Sign in with localhost") && html.contains(r#"name="password""#), "{html}");

        // An admin: signed in, named in the log, and may act.
        let (ann, to, callback) = sso_sign_in(&app, Some("ann@example.com")).await;
        assert_eq!(to, "/admin");
        let (status, html) = app.page(&ann, "/admin").await;
        assert_eq!(status, 200);
        assert!(html.contains("<h1>Connections</h1>"), "{html}");
        let user = app.signed_in("sso-subject").await;
        drop(user);
        app.check_now(&ann, "sso-subject").await;
        assert_eq!(ann.get(app.url("/admin/export.csv")).send().await.unwrap().status(), 200);
        let events = app.state.db.events(&Default::default(), 0, 20).await.unwrap();
        let by_ann: Vec<&str> = events.iter().filter(|e| e.actor.as_deref() == Some("ann@example.com")).map(|e| e.kind.as_str()).collect();
        assert!(by_ann.contains(&"admin_signed_in") && by_ann.contains(&"admin_checked") && by_ann.contains(&"admin_exported"), "{by_ann:?}");
        // The same callback again: answered once.
        let resp = browser().get(&callback).send().await.unwrap();
        assert_eq!(location(&resp), "/admin?sso=stale");

        // A viewer reads pages; exports and actions are refused.
        let (vic, to, _) = sso_sign_in(&app, Some("vic@viewers.example.com")).await;
        assert_eq!(to, "/admin");
        let (status, html) = app.page(&vic, "/admin/funnel").await;
        assert_eq!(status, 200);
        assert!(!html.contains("Download CSV") && !html.contains("Create reconnect link"), "a viewer is offered no action");
        assert_eq!(app.page(&vic, "/admin/events").await.0, 200);
        assert_eq!(vic.get(app.url("/admin/export.csv")).send().await.unwrap().status(), 403);
        assert_eq!(vic.get(app.url("/admin/funnel.csv")).send().await.unwrap().status(), 403);
        let (status, _) = app.post_form(&vic, "/api/admin-add-user", &[("user_id", "by-a-viewer")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(app.state.db.user_info(&plugboard::domain::UserId::parse("by-a-viewer").unwrap()).await.unwrap().is_none());

        // Refused, unverified, another subject with an admin's email, cancelled: each its page.
        for (login, problem, words) in [
            (Some("eve@other.example.com"), "refused", "This account may not use the console"),
            (Some("unverified:ann@example.com"), "unverified", "Your email is not verified"),
            (Some("ann@example.com#2"), "rebound", "This email belongs to another account"),
            (None, "cancelled", "Sign-in cancelled"),
        ] {
            let (c, to, _) = sso_sign_in(&app, login).await;
            assert_eq!(to, format!("/admin?sso={problem}"), "{login:?}");
            let (_, html) = app.page(&c, &to).await;
            assert!(html.contains(words) && html.contains(&format!(r#"data-sso-problem="{problem}""#)), "{html}");
            assert!(!html.contains("<h1>Connections</h1>"), "not signed in");
        }

        // Ann taken off the list: her session ends at her next request (a second instance on the same database,
        // configured without her; the first one's sessions are its sessions).
        let env = [
            ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("PLUGBOARD_ADMIN_OIDC_ISSUER", provider.issuer.as_str()),
            ("PLUGBOARD_ADMIN_OIDC_CLIENT_ID", CLIENT_ID),
            ("PLUGBOARD_ADMIN_OIDC_CLIENT_SECRET", CLIENT_SECRET),
            ("PLUGBOARD_ADMIN_ALLOWED", "someone-else@example.com"),
            ("PLUGBOARD_ADMIN_VIEWERS", "@viewers.example.com"),
        ];
        let second = spawn_app_in(app.dir.0.clone(), &env).await;
        let (_, html) = second.page(&ann, "/admin").await;
        assert!(html.contains("Admin sign-in") && !html.contains("<h1>Connections</h1>"), "{html}");
        let (_, html) = app.page(&ann, "/admin").await;
        assert!(html.contains("Admin sign-in"), "the session itself ended: {html}");
        assert_eq!(second.page(&vic, "/admin/events").await.0, 200, "the viewer is still on the list");
        // Another issuer configured: sessions from the first one end (the same email there is another account).
        let dead = format!("http://localhost:{}", free_addr().rsplit(':').next().unwrap());
        let env = [
            ("PLUGBOARD_ADMIN_OIDC_ISSUER", dead.as_str()),
            ("PLUGBOARD_ADMIN_OIDC_CLIENT_ID", CLIENT_ID),
            ("PLUGBOARD_ADMIN_OIDC_CLIENT_SECRET", CLIENT_SECRET),
            ("PLUGBOARD_ADMIN_VIEWERS", "@viewers.example.com"),
        ];
        let third = spawn_app_in(app.dir.0.clone(), &env).await;
        let (_, html) = third.page(&vic, "/admin/events").await;
        assert!(html.contains("Admin sign-in"), "{html}");
    })
}

#[test]
fn an_issuer_that_is_down_gets_its_page_and_the_password_still_works() {
    run(async {
        let dead = format!("http://localhost:{}", free_addr().rsplit(':').next().unwrap());
        let app = spawn_app(&[
            ("PLUGBOARD_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("PLUGBOARD_ADMIN_OIDC_ISSUER", dead.as_str()),
            ("PLUGBOARD_ADMIN_OIDC_CLIENT_ID", CLIENT_ID),
            ("PLUGBOARD_ADMIN_OIDC_CLIENT_SECRET", CLIENT_SECRET),
            ("PLUGBOARD_ADMIN_ALLOWED", "ann@example.com"),
        ])
        .await;
        let c = browser();
        let resp = c.post(app.url("/admin/sso/start")).header("sec-fetch-site", "same-origin").send().await.unwrap();
        assert_eq!(location(&resp), "/admin?sso=issuer_down");
        let (_, html) = app.page(&c, "/admin?sso=issuer_down").await;
        assert!(html.contains("The sign-in provider cannot be reached"), "{html}");
        let admin = app.admin().await;
        assert_eq!(app.page(&admin, "/admin").await.0, 200);
    })
}
