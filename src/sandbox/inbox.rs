//! The sandbox's webhook inbox (`/_sandbox/webhooks`): where the portal's webhooks go when it runs on the sandbox,
//! so a host developer can rehearse the whole flow offline. Each delivery's signature is checked with the secrets
//! the portal signs with, as a host would; the page lists what arrived, newest first (`?format=json` for tools).

use super::Sandbox;
use crate::platform::webhook_signature::verify;
use axum::{
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use maud::html;
use secrecy::SecretSlice;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// What the inbox keeps at most (the oldest go first).
const KEEP: usize = 200;

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    pub id: String,
    pub event_type: String,
    pub verified: bool,
    pub received_at: String,
    pub body: serde_json::Value,
}

#[derive(Default)]
pub(super) struct Inbox {
    secrets: Mutex<Vec<SecretSlice<u8>>>,
    received: Mutex<VecDeque<Received>>,
}

impl Sandbox {
    /// The secrets the inbox verifies signatures with (the portal's).
    pub fn set_webhook_secrets(&self, secrets: Vec<SecretSlice<u8>>) {
        *self.0.inbox.secrets.lock().unwrap_or_else(|p| p.into_inner()) = secrets;
    }

    /// What arrived, oldest first.
    pub fn webhooks(&self) -> Vec<Received> {
        self.0.inbox.received.lock().unwrap_or_else(|p| p.into_inner()).iter().cloned().collect()
    }
}

pub(super) async fn receive(State(sb): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let (id, ts, sig) = (header("webhook-id"), header("webhook-timestamp"), header("webhook-signature"));
    let text = String::from_utf8_lossy(&body).into_owned();
    let verified = {
        let secrets = sb.0.inbox.secrets.lock().unwrap_or_else(|p| p.into_inner());
        verify(&secrets, &id, &ts, &sig, &text, chrono::Utc::now().timestamp())
    };
    let body: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    let event_type = body["type"].as_str().unwrap_or("").to_owned();
    let mut list = sb.0.inbox.received.lock().unwrap_or_else(|p| p.into_inner());
    // Redelivery of the same message is expected (at least once): kept once.
    if !list.iter().any(|r| r.id == id && r.verified) {
        list.push_back(Received { id, event_type, verified, received_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true), body });
        while list.len() > KEEP {
            list.pop_front();
        }
    }
    if verified {
        StatusCode::NO_CONTENT.into_response()
    } else {
        (StatusCode::UNAUTHORIZED, "the webhook signature does not verify").into_response()
    }
}

pub(super) async fn list(State(sb): State<Sandbox>, Query(q): Query<HashMap<String, String>>) -> Response {
    let received = sb.webhooks();
    if q.get("format").map(String::as_str) == Some("json") {
        return Json(received).into_response();
    }
    let body = html! {
        div.card {
            h1 { "Webhook inbox" }
            p.hint { "What the portal sent, newest first, each signature checked with the portal's webhook secret." }
            @if received.is_empty() { p { "Nothing yet. Connect an integration in the portal." } }
            @for r in received.iter().rev() {
                div style="border-top:1px solid var(--line);padding:.75rem 0" {
                    strong { (r.event_type) } " "
                    @if r.verified { span.tag { "signature verified" } } @else { span.error { "signature does not verify" } }
                    div.hint { (r.received_at) " · " code { (r.id) } }
                    pre style="white-space:pre-wrap;font-size:.8rem" { (serde_json::to_string_pretty(&r.body).unwrap_or_default()) }
                }
            }
        }
    };
    super::pages::page(StatusCode::OK, "Webhook inbox", body)
}
