//! The sandbox's authorize pages: what `authorizeUrl` leads to, one behaviour per auth type.

use super::{GrantView, Outcome, Sandbox};
use crate::domain::AuthType;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    Form,
};
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;

const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#f4f1ea;--card:#fff;--fg:#1d1b16;--muted:#5f5a4f;--accent:#0b6e4f;--bad:#a4161a;--line:#d8d2c4}
@media (prefers-color-scheme:dark){:root{--bg:#17150f;--card:#221f17;--fg:#f1ede4;--muted:#b8b1a2;--accent:#5fd3a6;--bad:#ff8a8a;--line:#3a3528}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;background:var(--bg);color:var(--fg)}
header{padding:.75rem 1.25rem;border-bottom:1px solid var(--line);display:flex;gap:.75rem;align-items:center}
header strong{letter-spacing:.02em}.tag{font-size:.75rem;border:1px solid var(--line);border-radius:999px;padding:.1rem .6rem;color:var(--muted)}
main{max-width:34rem;margin:2.5rem auto;padding:0 1rem}.card{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:1.5rem}
h1{font-size:1.35rem;margin:.25rem 0 1rem}.app{display:flex;gap:.75rem;align-items:center}.app img{width:48px;height:48px;border-radius:10px}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}input,textarea{width:100%;font:inherit;padding:.55rem .65rem;border:1px solid var(--line);border-radius:8px;background:var(--bg);color:var(--fg)}
textarea{min-height:9rem;font-family:ui-monospace,monospace;font-size:.85rem}.hint{color:var(--muted);font-size:.9rem}
.error{color:var(--bad);font-weight:600;margin:.5rem 0}.actions{display:flex;gap:.75rem;margin-top:1.25rem;flex-wrap:wrap}
button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border-radius:8px;border:1px solid var(--accent);cursor:pointer}
button.primary{background:var(--accent);color:var(--card)}button.secondary{background:transparent;color:var(--fg);border-color:var(--line)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}code{font-family:ui-monospace,monospace;background:var(--bg);padding:.1rem .3rem;border-radius:4px}
"#;

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · toolregistry sandbox" }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                header { strong { "toolregistry" } span.tag { "Sandbox" } }
                main { (body) }
            }
        }
    }
}

pub(super) fn page(status: StatusCode, title: &str, body: Markup) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], Html(layout(title, body).into_string())).into_response()
}

fn app_header(g: &GrantView) -> Markup {
    html! {
        div.app {
            @if let Some(logo) = &g.integration.logo_url { img src=(logo) alt=""; }
            div { strong { (g.integration.name) } div.hint { (g.integration.host) } }
        }
    }
}

pub(super) async fn home() -> Response {
    page(
        StatusCode::OK,
        "Sandbox",
        html! { div.card { h1 { "toolregistry sandbox" } p { "A stand-in for the toolregistry Integration API. The API lives under " code { "/v1" } "." } } },
    )
}

fn gone() -> Response {
    page(
        StatusCode::GONE,
        "Link expired",
        html! {
            div.card {
                h1 { "This authorization link is no longer valid" }
                p { "It was already used or it expired. Go back to the app you came from and press Connect again." }
            }
        },
    )
}

#[derive(Default)]
struct FormState<'a> {
    error: Option<&'a str>,
    token: &'a str,
    role_arn: &'a str,
    sa_json: &'a str,
}

fn form(grant_id: &str, g: &GrantView, st: FormState<'_>) -> Markup {
    let (heading, fields, approve) = match &g.auth_type {
        AuthType::ApiToken => (
            format!("Connect {} with an API token", g.integration.name),
            html! {
                label for="token" { "API token" }
                input #token name="token" type="password" autocomplete="off" value=(st.token) aria-describedby="token-hint";
                p #token-hint .hint { "Create a token in " (g.integration.name) "'s settings. It is at least 16 characters, with no spaces." }
            },
            "Connect",
        ),
        AuthType::AwsAssumeRole => (
            format!("Connect {} with an AWS IAM role", g.integration.name),
            html! {
                p { "Create a role that trusts toolregistry with this external id, then paste its ARN." }
                p { "External id: " code #external-id { (g.external_id) } }
                label for="role_arn" { "Role ARN" }
                input #role_arn name="role_arn" type="text" autocomplete="off" placeholder="arn:aws:iam::123456789012:role/toolregistry" value=(st.role_arn);
            },
            "Connect",
        ),
        AuthType::GoogleServiceAccountOAuth => (
            format!("Connect {} with a Google service account", g.integration.name),
            html! {
                label for="service_account_json" { "Service account JSON key" }
                textarea #service_account_json name="service_account_json" spellcheck="false" aria-describedby="sa-hint" { (st.sa_json) }
                p #sa-hint .hint { "Paste the whole key file you downloaded from the Google Cloud console." }
            },
            "Connect",
        ),
        _ => (
            format!("{} wants to access your account", g.integration.name),
            html! { p { "Allow this app to read and write data in " (g.integration.name) " on your behalf?" } },
            "Authorize",
        ),
    };
    html! {
        div.card {
            (app_header(g))
            h1 { (heading) }
            form method="post" action={ "/authorize/" (grant_id) } {
                @if let Some(err) = st.error { p.error role="alert" { (err) } }
                (fields)
                div.actions {
                    button.primary type="submit" name="decision" value="approve" { (approve) }
                    button.secondary type="submit" name="decision" value="deny" formnovalidate { (if approve == "Authorize" { "Deny" } else { "Cancel" }) }
                }
            }
        }
    }
}

pub(super) async fn show(State(sb): State<Sandbox>, Path(grant_id): Path<String>) -> Response {
    let Some(g) = sb.grant(&grant_id) else { return gone() };
    if g.auth_type == AuthType::None {
        return finish(&sb, &grant_id, &g, Outcome::Success);
    }
    page(StatusCode::OK, &g.integration.name, form(&grant_id, &g, FormState::default()))
}

#[derive(Deserialize, Default)]
pub(super) struct Submission {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    role_arn: String,
    #[serde(default)]
    service_account_json: String,
}

pub(super) async fn submit(
    State(sb): State<Sandbox>,
    Path(grant_id): Path<String>,
    Form(s): Form<Submission>,
) -> Response {
    let Some(g) = sb.grant(&grant_id) else { return gone() };
    if s.decision != "approve" {
        return finish(&sb, &grant_id, &g, Outcome::Error);
    }
    let problem = match &g.auth_type {
        AuthType::ApiToken => validate_token(&s.token),
        AuthType::AwsAssumeRole => validate_role_arn(&s.role_arn),
        AuthType::GoogleServiceAccountOAuth => validate_service_account(&s.service_account_json),
        _ => None,
    };
    if let Some(error) = problem {
        let st = FormState { error: Some(error), token: "", role_arn: &s.role_arn, sa_json: &s.service_account_json };
        return page(StatusCode::UNPROCESSABLE_ENTITY, &g.integration.name, form(&grant_id, &g, st));
    }
    finish(&sb, &grant_id, &g, Outcome::Success)
}

fn finish(sb: &Sandbox, grant_id: &str, g: &GrantView, outcome: Outcome) -> Response {
    let ok = matches!(outcome, Outcome::Success);
    match sb.complete(grant_id, outcome) {
        None => gone(),
        Some(Some(target)) => Redirect::to(target.as_str()).into_response(),
        Some(None) => page(
            StatusCode::OK,
            if ok { "Connected" } else { "Not connected" },
            html! {
                div.card {
                    (app_header(g))
                    @if ok { h1 { "Connected to " (g.integration.name) } p { "You can close this window." } }
                    @else { h1 { "Not connected" } p { "The connection to " (g.integration.name) " was cancelled. Nothing was shared." } }
                }
            },
        ),
    }
}

pub(crate) fn validate_token(token: &str) -> Option<&'static str> {
    let t = token.trim();
    if t.is_empty() {
        Some("Enter your API token.")
    } else if t.len() < 16 || t.len() > 512 || !t.chars().all(|c| c.is_ascii_graphic()) {
        Some("That does not look like an API token: it should be 16 to 512 characters with no spaces.")
    } else {
        None
    }
}

pub(crate) fn validate_role_arn(arn: &str) -> Option<&'static str> {
    static RE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let re =
        RE.get_or_init(|| regex::Regex::new(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$").ok());
    let arn = arn.trim();
    if arn.is_empty() {
        Some("Enter the role's ARN.")
    } else if !re.as_ref().is_some_and(|re| re.is_match(arn)) {
        Some("That is not an IAM role ARN. It looks like arn:aws:iam::123456789012:role/role-name.")
    } else {
        None
    }
}

pub(crate) fn validate_service_account(raw: &str) -> Option<&'static str> {
    if raw.trim().is_empty() {
        return Some("Paste the service account's JSON key.");
    }
    let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else {
        return Some("That is not valid JSON. Paste the whole key file, including the braces.");
    };
    let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("");
    if field("type") != "service_account" {
        return Some("That JSON is not a service account key (its \"type\" should be \"service_account\").");
    }
    if field("project_id").is_empty() || field("private_key_id").is_empty() {
        return Some("The key is missing its project_id or private_key_id.");
    }
    if !field("client_email").ends_with(".iam.gserviceaccount.com") {
        return Some("The key's client_email should end with .iam.gserviceaccount.com.");
    }
    if !field("private_key").starts_with("-----BEGIN PRIVATE KEY-----") {
        return Some("The key's private_key is missing or not a PEM private key.");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert!(validate_token("").is_some());
        assert!(validate_token("short").is_some());
        assert!(validate_token("has a space in it ok").is_some());
        assert!(validate_token("sk_test_0123456789abcdef").is_none());
    }

    #[test]
    fn role_arns() {
        assert!(validate_role_arn("arn:aws:iam::123456789012:role/toolregistry").is_none());
        assert!(validate_role_arn("arn:aws-us-gov:iam::123456789012:role/path/x").is_none());
        assert!(validate_role_arn("arn:aws:iam::12345:role/x").is_some());
        assert!(validate_role_arn("arn:aws:s3:::bucket").is_some());
        assert!(validate_role_arn("").is_some());
    }

    #[test]
    fn service_accounts() {
        let good = r#"{"type":"service_account","project_id":"p","private_key_id":"k","client_email":"x@p.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n"}"#;
        assert!(validate_service_account(good).is_none());
        assert!(validate_service_account("{").is_some());
        assert!(validate_service_account(r#"{"type":"user"}"#).is_some());
        assert!(validate_service_account(&good.replace("iam.gserviceaccount.com", "gmail.com")).is_some());
    }
}
