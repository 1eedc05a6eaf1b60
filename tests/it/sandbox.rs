//! The sandbox's authorize pages over real HTTP: one behaviour per auth type, redirects with `status`.

use crate::helpers::*;
use plugboard::domain::{CustomerIntegrationId, UserId};

const SA_KEY: &str = r#"{"type":"service_account","project_id":"demo","private_key_id":"abc123","client_email":"bot@demo.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"}"#;

struct Flow {
    sb: plugboard::sandbox::SandboxHandle,
}

impl Flow {
    async fn new() -> Self {
        Flow { sb: spawn_sandbox().await }
    }
    async fn start(&self, integration: &str, user: &str, redirect: Option<&str>) -> url::Url {
        let redirect = redirect.map(|r| url::Url::parse(r).unwrap());
        let auth = client(&self.sb)
            .create_auth_url(
                &CustomerIntegrationId::parse(integration).unwrap(),
                &UserId::parse(user).unwrap(),
                redirect.as_ref(),
            )
            .await
            .unwrap();
        reachable(&self.sb, &auth.authorize_url)
    }
    async fn active(&self, integration: &str, user: &str) -> bool {
        client(&self.sb)
            .get_user(&CustomerIntegrationId::parse(integration).unwrap(), &UserId::parse(user).unwrap())
            .await
            .unwrap()
            .active
    }
}

async fn submit(url: &url::Url, form: &[(&str, &str)]) -> reqwest::Response {
    http().post(url.clone()).form(form).send().await.unwrap()
}

#[tokio::test]
async fn oauth_approve_redirects_with_success_and_activates() {
    let f = Flow::new().await;
    let page = f.start("ci_01_slack", "u1", Some("http://127.0.0.1:3000/callback/att1")).await;
    let html = http().get(page.clone()).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Authorize") && html.contains("Deny") && html.contains("Slack"));
    assert!(!f.active("ci_01_slack", "u1").await);
    let resp = submit(&page, &[("decision", "approve")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "http://127.0.0.1:3000/callback/att1?status=success");
    assert!(f.active("ci_01_slack", "u1").await);
    // The link works once.
    assert_eq!(http().get(page.clone()).send().await.unwrap().status(), 410);
    assert_eq!(submit(&page, &[("decision", "approve")]).await.status(), 410);
}

#[tokio::test]
async fn oauth_deny_redirects_with_error_and_appends_to_an_existing_query() {
    let f = Flow::new().await;
    let page = f.start("ci_01_slack", "u2", Some("https://portal.example/cb?attempt=7")).await;
    let resp = submit(&page, &[("decision", "deny")]).await;
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "https://portal.example/cb?attempt=7&status=error");
    assert!(!f.active("ci_01_slack", "u2").await);
}

#[tokio::test]
async fn api_token_rejects_empty_and_malformed_tokens_on_the_page() {
    let f = Flow::new().await;
    let page = f.start("ci_05_notion", "u3", Some("http://127.0.0.1:3000/cb")).await;
    let html = http().get(page.clone()).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("API token"));
    let empty = submit(&page, &[("decision", "approve"), ("token", "")]).await;
    assert_eq!(empty.status(), 422);
    assert!(empty.text().await.unwrap().contains("Enter your API token."));
    let bad = submit(&page, &[("decision", "approve"), ("token", "has spaces in it, too")]).await;
    assert_eq!(bad.status(), 422);
    assert!(!f.active("ci_05_notion", "u3").await, "nothing changed");
    let ok = submit(&page, &[("decision", "approve"), ("token", "secret_0123456789abcdef")]).await;
    assert_eq!(ok.status(), 303);
    assert_eq!(ok.headers()["location"], "http://127.0.0.1:3000/cb?status=success");
    assert!(f.active("ci_05_notion", "u3").await);
}

#[tokio::test]
async fn aws_role_shows_an_external_id_and_validates_the_arn() {
    let f = Flow::new().await;
    let page = f.start("ci_08_aws_s3", "u4", Some("http://127.0.0.1:3000/cb")).await;
    let html = http().get(page.clone()).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("External id") && html.contains("tr-"));
    let bad = submit(&page, &[("decision", "approve"), ("role_arn", "arn:aws:s3:::bucket")]).await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("not an IAM role ARN"));
    let ok =
        submit(&page, &[("decision", "approve"), ("role_arn", "arn:aws:iam::123456789012:role/toolregistry")]).await;
    assert_eq!(ok.status(), 303);
    assert!(f.active("ci_08_aws_s3", "u4").await);
}

#[tokio::test]
async fn google_service_account_validates_the_key() {
    let f = Flow::new().await;
    let page = f.start("ci_10_bigquery", "u5", None).await;
    let bad = submit(&page, &[("decision", "approve"), ("service_account_json", "{not json")]).await;
    assert_eq!(bad.status(), 422);
    assert!(bad.text().await.unwrap().contains("not valid JSON"));
    // Without a redirectUri the sandbox shows its own result page.
    let ok = submit(&page, &[("decision", "approve"), ("service_account_json", SA_KEY)]).await;
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.unwrap().contains("Connected to BigQuery"));
    assert!(f.active("ci_10_bigquery", "u5").await);
}

#[tokio::test]
async fn none_completes_at_once() {
    let f = Flow::new().await;
    let page = f.start("ci_11_open_meteo", "u6", Some("http://127.0.0.1:3000/cb")).await;
    let resp = http().get(page).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(resp.headers()["location"], "http://127.0.0.1:3000/cb?status=success");
    assert!(f.active("ci_11_open_meteo", "u6").await);
}

#[tokio::test]
async fn unknown_grants_are_gone() {
    let f = Flow::new().await;
    let resp = http().get(f.sb.api_url.join("authorize/not-a-grant").unwrap()).send().await.unwrap();
    assert_eq!(resp.status(), 410);
    assert!(resp.text().await.unwrap().contains("no longer valid"));
}

#[tokio::test]
async fn unknown_paths_are_404_not_401() {
    let f = Flow::new().await;
    let resp = http().get(f.sb.api_url.join("favicon.ico").unwrap()).send().await.unwrap();
    assert_eq!(resp.status(), 404);
}
