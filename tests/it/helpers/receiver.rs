//! A host's webhook receiver for the tests: records every delivery and answers from a script; and how a host
//! verifies what it got.

use std::sync::Arc;
use std::time::Duration;

/// A webhook receiver as a host runs one: records every request (headers and body) and answers from a script of
/// statuses (then 204), with an optional Retry-After on each.
#[derive(Clone, Default)]
pub struct Receiver {
    pub got: Arc<std::sync::Mutex<Vec<Received>>>,
    script: Arc<std::sync::Mutex<std::collections::VecDeque<(u16, Option<&'static str>)>>>,
    pub url: String,
}

#[derive(Clone, Debug)]
pub struct Received {
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: String,
    pub at: std::time::Instant,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

pub const WEBHOOK_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

impl Receiver {
    pub async fn start(script: &[(u16, Option<&'static str>)]) -> Receiver {
        use axum::{body::Bytes, extract::State, http::HeaderMap, response::IntoResponse};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let r = Receiver { url: format!("http://{}/hooks", listener.local_addr().unwrap()), ..Default::default() };
        r.script.lock().unwrap().extend(script.iter().copied());
        let state = r.clone();
        let handler = |State(rx): State<Receiver>, headers: HeaderMap, body: Bytes| async move {
            let h = |n: &str| headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
            rx.got.lock().unwrap().push(Received {
                id: h("webhook-id"),
                timestamp: h("webhook-timestamp"),
                signature: h("webhook-signature"),
                body: String::from_utf8_lossy(&body).into_owned(),
                at: std::time::Instant::now(),
            });
            let (status, retry_after) = rx.script.lock().unwrap().pop_front().unwrap_or((204, None));
            let mut resp = (axum::http::StatusCode::from_u16(status).unwrap(), "receiver says hi").into_response();
            if let Some(ra) = retry_after {
                resp.headers_mut().insert("retry-after", ra.parse().unwrap());
            }
            resp
        };
        let app = axum::Router::new().route("/hooks", axum::routing::post(handler)).with_state(state);
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        r
    }

    pub fn all(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (up to 10 s) until `n` requests have arrived; returns them.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while self.all().len() < n {
            assert!(std::time::Instant::now() < deadline, "only {} of {n} webhooks arrived: {:?}", self.all().len(), self.all());
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.all()
    }

    /// The event types that arrived, deduplicated by webhook-id (retries count once).
    pub fn types(&self) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.all().into_iter().filter(|r| seen.insert(r.id.clone())).map(|r| r.json()["type"].as_str().unwrap().to_owned()).collect()
    }
}

/// The webhook settings for a portal that posts to `r`, retrying fast.
pub fn webhook_env(r: &Receiver) -> Vec<(&'static str, String)> {
    vec![
        ("PLUGBOARD_WEBHOOK_URL", r.url.clone()),
        ("PLUGBOARD_WEBHOOK_SECRET", WEBHOOK_SECRET.to_owned()),
        ("PLUGBOARD_WEBHOOK_RETRY_BASE_MS", "20".to_owned()),
    ]
}

/// Verifies a delivery as a host's Standard Webhooks library does.
pub fn verifies(r: &Received) -> bool {
    let key = plugboard::platform::config::webhooks::parse_secret(WEBHOOK_SECRET).unwrap();
    plugboard::platform::webhook_signature::verify(&[key], &r.id, &r.timestamp, &r.signature, &r.body, chrono::Utc::now().timestamp())
}
