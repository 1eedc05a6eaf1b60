//! The portal's language over HTTP: `?lang=` (remembered in a cookie, no session written), the link's `locale`,
//! `Accept-Language` with its fallbacks, the default; `lang`/`dir`, `Content-Language`, `Vary`; pages answered before
//! a session (413, 429, 403) in the request's language; the console stays English; dates by ICU4X.

use crate::helpers::*;
use plugboard::i18n::Lang;
use reqwest::{header, StatusCode};

fn lang_of(html: &str) -> (&str, &str) {
    let re = regex::Regex::new(r#"<html lang="([^"]+)" dir="([^"]+)">"#).unwrap();
    let c = re.captures(html).expect("an <html lang dir>");
    (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str())
}

async fn get(app: &TestApp, c: &reqwest::Client, path: &str, accept: Option<&str>) -> (StatusCode, header::HeaderMap, String) {
    let mut req = c.get(app.url(path));
    if let Some(a) = accept {
        req = req.header(header::ACCEPT_LANGUAGE, a);
    }
    let resp = req.send().await.unwrap();
    (resp.status(), resp.headers().clone(), resp.text().await.unwrap())
}

#[test]
fn the_language_is_chosen_in_order_and_said_in_the_answer() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_DEFAULT_LOCALE", "fr")]).await;
        let c = browser();
        // Nothing said: the deployment's default.
        let (_, h, html) = get(&app, &c, "/", None).await;
        assert_eq!(lang_of(&html), ("fr", "ltr"));
        assert_eq!(h[header::CONTENT_LANGUAGE], "fr");
        assert!(h.get_all(header::VARY).iter().any(|v| v.to_str().unwrap().contains("Accept-Language")), "{h:?}");
        // Accept-Language with qualities and fallbacks.
        for (accept, want) in [
            ("ru-RU,ru;q=0.9,de;q=0.8", "de"),
            ("pt-PT,pt;q=0.9", "pt-BR"),
            ("zh-HK", "zh-TW"),
            ("zh-Hans-CN", "zh-CN"),
            ("no", "nb"),
            ("he-IL", "he"),
            ("en;q=0.2,ja;q=0.8", "ja"),
        ] {
            let (_, h, html) = get(&app, &browser(), "/", Some(accept)).await;
            let dir = if want == "he" { "rtl" } else { "ltr" };
            assert_eq!(lang_of(&html), (want, dir), "{accept}");
            assert_eq!(h[header::CONTENT_LANGUAGE], want, "{accept}");
        }
        // ?lang= wins and is remembered in a small cookie; an anonymous page writes no session.
        let (_, h, html) = get(&app, &c, "/?lang=ar", Some("de")).await;
        assert_eq!(lang_of(&html), ("ar", "rtl"));
        let cookies: Vec<&str> = h.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
        assert_eq!(cookies.len(), 1, "only the language cookie: {cookies:?}");
        assert!(cookies[0].starts_with("plugboard_lang=ar;") && cookies[0].contains("HttpOnly"), "{cookies:?}");
        let (_, h, html) = get(&app, &c, "/", Some("de")).await;
        assert_eq!(lang_of(&html), ("ar", "rtl"), "the cookie beats Accept-Language");
        assert!(h.get(header::SET_COOKIE).is_none(), "nothing written again");
        // The pseudo-locale shows, and is never remembered.
        let (_, h, html) = get(&app, &browser(), "/?lang=en-XA", None).await;
        assert_eq!(lang_of(&html).0, "en-XA");
        assert!(h.get(header::SET_COOKIE).is_none());
        // An unknown ?lang= changes nothing.
        let (_, _, html) = get(&app, &c, "/?lang=xx", Some("de")).await;
        assert_eq!(lang_of(&html).0, "ar");
        // Anything but a page is the same in every language: no Content-Language, no Vary on Accept-Language.
        let resp = c.get(app.url("/healthz")).header(header::ACCEPT_LANGUAGE, "de").send().await.unwrap();
        assert!(resp.status().is_success());
        assert!(resp.headers().get(header::CONTENT_LANGUAGE).is_none());
        assert!(!resp.headers().get_all(header::VARY).iter().any(|v| v.to_str().unwrap().contains("Accept-Language")));
        // The console is English whatever the request says.
        let (_, h, html) = get(&app, &c, "/admin?lang=de", Some("de")).await;
        assert_eq!(lang_of(&html), ("en", "ltr"));
        assert_eq!(h[header::CONTENT_LANGUAGE], "en");
    })
}

#[test]
fn the_links_locale_speaks_on_its_landing_page_and_after_sign_in() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_API_TOKEN", "host-api-token-0123456789")]).await;
        let resp = http()
            .post(app.url("/api/v1/links"))
            .bearer_auth("host-api-token-0123456789")
            .json(&serde_json::json!({"userId": "lena", "locale": "de-AT"}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::CREATED);
        let url = resp.json::<serde_json::Value>().await.unwrap()["url"].as_str().unwrap().to_owned();
        let c = browser();
        // The browser asks for English; the host said German, which comes first.
        let resp = c.get(&url).header(header::ACCEPT_LANGUAGE, "en-US").send().await.unwrap();
        let html = resp.text().await.unwrap();
        assert_eq!(lang_of(&html), ("de", "ltr"), "{html}");
        assert!(html.contains("Sie werden als"), "{html}");
        app.use_link(&c, &url).await;
        let before = chrono::Utc::now();
        app.set_connection("lena", "ci_01_slack", true).await;
        let (_, html) = app.page(&c, "/").await;
        let after = chrono::Utc::now();
        assert_eq!(lang_of(&html).0, "de");
        // A day as German writes it, by ICU4X (either side of a midnight the test may straddle).
        let days = [plugboard::i18n::date(Lang::De, &before), plugboard::i18n::date(Lang::De, &after)];
        assert!(days.iter().any(|d| html.contains(&format!("Verbunden seit dem {d}</time>"))), "{days:?}: {html}");
        // No product name configured: "the app" in German, no English left.
        assert!(html.contains("Angemeldet als") && !html.contains("the app"), "{html}");
        // ?lang= still wins over the host's choice.
        let (_, html) = app.page(&c, "/?lang=ja").await;
        assert_eq!(lang_of(&html).0, "ja");
        assert!(html.contains("<h1>連携</h1>"), "{html}");
    })
}

#[test]
fn pages_answered_before_a_session_speak_the_requests_language() {
    run(async {
        let app = spawn_app(&[("PLUGBOARD_MAX_BODY_BYTES", "1024"), ("PLUGBOARD_LINK_RATE_PER_MINUTE", "1")]).await;
        // 413 by Accept-Language.
        let resp = browser()
            .post(app.url("/api/connect"))
            .header(header::ACCEPT_LANGUAGE, "ja")
            .header("sec-fetch-site", "same-origin")
            .body(vec![b'x'; 4096])
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(resp.headers()[header::CONTENT_LANGUAGE], "ja");
        let html = resp.text().await.unwrap();
        assert_eq!(lang_of(&html), ("ja", "ltr"));
        assert!(html.contains("1024"), "{html}");
        // 429 by the language cookie, right to left.
        let c = browser();
        let _ = c.get(app.url("/?lang=he")).send().await.unwrap();
        let _ = c.get(app.url("/link/v2.first")).send().await.unwrap();
        let resp = c.get(app.url("/link/v2.second")).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(resp.headers().get(header::RETRY_AFTER).is_some());
        let html = resp.text().await.unwrap();
        assert_eq!(lang_of(&html), ("he", "rtl"), "{html}");
        // 403 for a cross-site POST, in French.
        let resp = browser()
            .post(app.url("/api/sign-out"))
            .header("sec-fetch-site", "cross-site")
            .header(header::ACCEPT_LANGUAGE, "fr-CA")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::FORBIDDEN);
        let html = resp.text().await.unwrap();
        assert_eq!(lang_of(&html).0, "fr");
        assert!(!html.contains("another site"), "no English left: {html}");
        // An error the framework answers in bare words (a path that is not UTF-8) becomes a page in the language.
        let resp = browser()
            .post(app.url("/link/%FF"))
            .header("sec-fetch-site", "same-origin")
            .header(header::ACCEPT_LANGUAGE, "sv")
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_client_error(), "{}", resp.status());
        assert!(resp.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert_eq!(lang_of(&resp.text().await.unwrap()).0, "sv");
        // 404 (a page) in Arabic.
        let (status, _, html) = get(&app, &browser(), "/nowhere?lang=ar", None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(lang_of(&html), ("ar", "rtl"));
        assert!(!html.contains("Page not found"), "{html}");
    })
}
