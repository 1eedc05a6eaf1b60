//! Webhooks out: the outbox (written with each verified change, see `registry::snapshots`) delivered to the host
//! in the Standard Webhooks format by a worker on every instance. Deliveries are claimed under a lease, sent about
//! half a second after they are due, retried with exponential backoff and jitter on timeouts, 408, 429 (honouring
//! Retry-After) and 5xx until `PLUGBOARD_WEBHOOK_GIVE_UP_SECONDS` after the event, then marked failed; any other 4xx
//! fails at once. A crash loses nothing: an unsent delivery stays pending and its lease runs out.
//!
//! Deliveries are fenced: a claim takes a lease token for `PLUGBOARD_WEBHOOK_LEASE_SECONDS`, renewed every third of
//! that while the claim is being worked through; a send whose lease cannot be renewed in time is abandoned (another
//! worker may take it over), and every update after a send matches the token, so a stale worker changes nothing.

use crate::domain::{ObservedBy, Profile, StateKey, UserId, WebhookKind};
use crate::platform::config::{Endpoint, WebhookSettings};
use crate::platform::db::Db;
use crate::services::catalog::Catalog;
use crate::services::webhook_endpoints::{check_addresses, Endpoints, GuardedResolver};
use crate::services::links::{LinkIssuer, LinkRequest};
use crate::services::registry::snapshots::Facts;
use crate::services::registry::outbox::Lease;
use crate::services::registry::{Attempted, Delivery};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::Duration;

/// How often a worker looks for due deliveries.
const POLL: Duration = Duration::from_millis(400);
/// The longest wait between two attempts.
const MAX_DELAY: Duration = Duration::from_secs(3600);
/// How much of a receiver's answer the delivery log keeps.
const EXCERPT: usize = 200;
/// How much of a receiver's answer is read at most (the rest is not waited for).
const READ_CAP: usize = 4096;
/// How many deliveries one claim takes at most.
const BATCH: i64 = 16;

#[derive(Clone)]
pub struct Webhooks {
    db: Db,
    /// The environment's endpoint (or the sandbox's inbox): trusted as configured.
    endpoints: Arc<Vec<Endpoint>>,
    settings: WebhookSettings,
    links: LinkIssuer,
    catalog: Catalog,
    http: reqwest::Client,
    /// Endpoints made in the console, read from the database at each delivery.
    console: Endpoints,
    /// The client for console-made endpoints: its resolver refuses private, loopback and link-local addresses, and
    /// it never uses a proxy (a proxy would resolve the name itself). None if it could not be built: nothing is
    /// sent to them then (fails closed).
    guarded: Option<reqwest::Client>,
}

impl Webhooks {
    pub fn new(
        db: Db,
        endpoints: Vec<Endpoint>,
        settings: WebhookSettings,
        links: LinkIssuer,
        catalog: Catalog,
        console: Endpoints,
    ) -> Self {
        let builder = || {
            reqwest::Client::builder()
                .timeout(settings.timeout)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("plugboard-webhooks/", env!("CARGO_PKG_VERSION")))
        };
        let http = builder().build().unwrap_or_default();
        let resolver = GuardedResolver { allow: settings.allow_hosts.clone() };
        let guarded = builder().no_proxy().dns_resolver(Arc::new(resolver)).build().ok();
        Webhooks { db, endpoints: Arc::new(endpoints), settings, links, catalog, http, console, guarded }
    }

    /// The endpoints' names (what the outbox writes a delivery for).
    pub fn endpoint_names(&self) -> Vec<String> {
        self.endpoints.iter().map(|e| e.name.clone()).collect()
    }

    pub fn is_on(&self) -> bool {
        !self.endpoints.is_empty()
    }

    /// Delivers until aborted (one worker per instance; several instances share the work through leases; an
    /// attempt cut off by the abort is sent again once its lease runs out).
    pub fn spawn_worker(&self) -> tokio::task::JoinHandle<()> {
        let this = self.clone();
        tokio::spawn(async move {
            // Always on: an endpoint may be added in the console at any time (an idle poll is one indexed query).
            loop {
                match this.run_once().await {
                    Ok(0) => tokio::time::sleep(POLL).await,
                    Ok(_) => {}
                    Err(e) => {
                        tracing::warn!(error = %e, "webhook deliveries could not be read");
                        tokio::time::sleep(POLL).await;
                    }
                }
            }
        })
    }

    /// Claims what is due and sends it, oldest first, renewing the claim's lease meanwhile. Returns how many were
    /// attempted.
    pub async fn run_once(&self) -> Result<usize, crate::platform::db::DbError> {
        let lease = Lease::new();
        let length = self.lease_length();
        // Counted from before the claim (the database's lease runs from there), less a margin for clocks and for
        // dropping a send: a send stops while the lease surely still holds.
        let margin = length / 4;
        let claimed_at = Utc::now();
        let due = self.db.claim_deliveries(claimed_at, &lease, length, BATCH).await?;
        let n = due.len();
        if n == 0 {
            return Ok(0);
        }
        // The renewal runs beside the sends; `held_until` is how long the lease is known to hold.
        let held_until = std::sync::Mutex::new(claimed_at + length - margin);
        let renew = async {
            loop {
                tokio::time::sleep(self.settings.lease / 3).await;
                let asked = Utc::now();
                let until = asked + length;
                match self.db.extend_lease(&lease, until).await {
                    Ok(0) => return,
                    Ok(_) => *held_until.lock().unwrap_or_else(|p| p.into_inner()) = until - margin,
                    Err(e) => tracing::warn!(error = %e, "renewing a webhook lease failed"),
                }
            }
        };
        let work = async {
            for d in due {
                self.attempt(d, &lease, &held_until).await;
            }
        };
        tokio::select! {
            () = work => {}
            () = renew => {
                // Nothing left to renew: the claim was taken over. What remains is someone else's.
            }
        }
        Ok(n)
    }

    fn lease_length(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.settings.lease).unwrap_or(chrono::Duration::seconds(60))
    }

    async fn attempt(&self, d: Delivery, lease: &Lease, held_until: &std::sync::Mutex<DateTime<Utc>>) {
        let held = || *held_until.lock().unwrap_or_else(|p| p.into_inner());
        if held() <= Utc::now() {
            return; // the lease may have run out: another worker may hold it now
        }
        let Some((url, secrets, client)) = self.destination(&d, lease).await else { return };
        let body = match &d.body {
            Some(b) => b.clone(),
            None => {
                let (body, minted) = self.render(&d).await;
                match self.db.settle_body(&d.message_id, &body.to_string(), minted.as_ref().map(|(u, t)| (u, *t))).await {
                    Ok(Some(b)) => b,
                    Ok(None) => {
                        // The user was erased meanwhile: nothing is sent, and the delivery is finished.
                        let note = Some("not sent: the user was erased");
                        let _ = self.db.attempted(&d.id, lease, &Attempted::Failed, None, note, Utc::now()).await;
                        return;
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "a webhook body could not be stored");
                        return; // the lease runs out and it is tried again
                    }
                }
            }
        };
        let now = Utc::now();
        let timestamp = now.timestamp();
        let signature = crate::platform::webhook_signature::sign(&secrets, &d.message_id, timestamp, &body);
        let request = client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", &d.message_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body);
        let send = async {
            let resp = request.send().await?;
            let status = resp.status();
            let retry_after = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            Ok::<_, reqwest::Error>((status, retry_after, read_capped(resp).await))
        };
        // The send stops when the lease is no longer known to hold (its renewal failed): never two at once.
        let watch = async {
            loop {
                let left = (held() - Utc::now()).to_std().unwrap_or_default();
                if left.is_zero() {
                    return;
                }
                tokio::time::sleep(left.min(Duration::from_millis(100))).await;
            }
        };
        let sent = tokio::select! {
            sent = send => sent,
            () = watch => {
                tracing::warn!(kind = d.kind.as_str(), "a webhook send was abandoned: its lease could not be renewed");
                return;
            }
        };
        let (result, code, excerpt) = match sent {
            Ok((status, retry_after, text)) => {
                let excerpt: String = text.chars().filter(|c| !c.is_control()).take(EXCERPT).collect();
                let result = if status.is_success() {
                    Attempted::Delivered
                } else if status.as_u16() == 408 || status.as_u16() == 429 || status.is_server_error() {
                    self.retry(&d, now, retry_after.filter(|_| status.as_u16() == 429 || status.as_u16() == 503))
                } else {
                    Attempted::Failed
                };
                (result, Some(status.as_u16()), Some(excerpt))
            }
            Err(e) => {
                let what = if e.is_timeout() { "timed out" } else { "could not connect" };
                (self.retry(&d, now, None), None, Some(what.to_owned()))
            }
        };
        let outcome = match &result {
            Attempted::Delivered => "delivered",
            Attempted::RetryAt(_) => "retry",
            Attempted::Failed => "failed",
        };
        metrics::counter!("plugboard_webhook_deliveries_total", "outcome" => outcome).increment(1);
        match &result {
            Attempted::Delivered => tracing::info!(kind = d.kind.as_str(), attempts = d.attempts + 1, "webhook delivered"),
            Attempted::RetryAt(_) => tracing::info!(kind = d.kind.as_str(), code, "webhook delivery will be retried"),
            Attempted::Failed => tracing::warn!(kind = d.kind.as_str(), code, "webhook delivery failed for good"),
        }
        match self.db.attempted(&d.id, lease, &result, code, excerpt.as_deref(), Utc::now()).await {
            Ok(true) => {}
            Ok(false) => tracing::warn!(kind = d.kind.as_str(), "a webhook attempt was not recorded: its lease was taken over"),
            Err(e) => tracing::warn!(error = %e, "recording a webhook attempt failed"),
        }
    }

    /// Where a delivery goes, with its secrets and client; or None when it is not sent now (what was decided is
    /// recorded: an endpoint disabled, deleted or refused fails the delivery; one not configured waits).
    async fn destination(&self, d: &Delivery, lease: &Lease) -> Option<(url::Url, Vec<secrecy::SecretSlice<u8>>, &reqwest::Client)> {
        if let Some(e) = self.endpoints.iter().find(|e| e.name == d.endpoint) {
            return Some((e.url.clone(), e.secrets.clone(), &self.http));
        }
        let give_up = |note: &'static str| async move {
            tracing::info!(kind = d.kind.as_str(), note, "webhook delivery not sent");
            let _ = self.db.attempted(&d.id, lease, &Attempted::Failed, None, Some(note), Utc::now()).await;
        };
        if !d.endpoint.starts_with("ep_") {
            // An endpoint no longer configured: kept pending for when it is back, retried later.
            let later = Utc::now() + chrono::Duration::from_std(MAX_DELAY).unwrap_or(chrono::Duration::hours(1));
            let note = Some("endpoint not configured");
            let _ = self.db.attempted(&d.id, lease, &Attempted::RetryAt(later), None, note, Utc::now()).await;
            return None;
        }
        match self.console.target(&d.endpoint, Utc::now()).await {
            Ok(Some(t)) if t.enabled && !t.secrets.is_empty() => {
                let listed = t.url.host_str().is_some_and(|h| self.settings.allow_hosts.allows(h));
                // An IP literal never reaches the resolver: checked here. A name is checked as it resolves.
                let literal = matches!(t.url.host(), Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)));
                if !listed && literal && check_addresses(&t.url).await.is_err() {
                    give_up("refused: the address is private, loopback or link-local").await;
                    return None;
                }
                let Some(client) = self.guarded.as_ref() else {
                    give_up("not sent: the guarded client could not be built").await;
                    return None;
                };
                Some((t.url, t.secrets, client))
            }
            Ok(Some(t)) if !t.enabled => {
                give_up("not sent: the endpoint is disabled").await;
                None
            }
            Ok(Some(_)) => {
                give_up("not sent: the endpoint's secret cannot be opened").await;
                None
            }
            Ok(None) => {
                give_up("not sent: the endpoint was deleted").await;
                None
            }
            Err(e) => {
                tracing::warn!(error = %e, "a webhook endpoint could not be read");
                None // the lease runs out and it is tried again
            }
        }
    }

    /// The next try: exponential from `PLUGBOARD_WEBHOOK_RETRY_BASE_MS` with full jitter on the upper half, at
    /// least the receiver's Retry-After; failed once past the give-up time.
    fn retry(&self, d: &Delivery, now: DateTime<Utc>, retry_after: Option<Duration>) -> Attempted {
        let exp = self.settings.retry_base.saturating_mul(1u32 << d.attempts.clamp(0, 20)).min(MAX_DELAY);
        let jittered = exp / 2 + exp.mul_f64(f64::from(getrandom::u32().unwrap_or(0)) / f64::from(u32::MAX) / 2.0);
        let delay = retry_after.map_or(jittered, |r| r.max(jittered)).min(MAX_DELAY);
        let next = now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1));
        let give_up = d.created_at + chrono::Duration::from_std(self.settings.give_up).unwrap_or(chrono::Duration::days(1));
        if next > give_up {
            Attempted::Failed
        } else {
            Attempted::RetryAt(next)
        }
    }

    /// The body a host receives (rendered once, on the first attempt, then stored), and for `connection.lost` the
    /// user its reconnect link was minted for (recorded when the body is stored, not before).
    async fn render(&self, d: &Delivery) -> (Value, Option<(UserId, DateTime<Utc>)>) {
        let facts: Option<Facts> = serde_json::from_str(&d.facts).ok();
        let profile = match &d.user {
            Some(u) => self.db.profile(u).await.unwrap_or_default(),
            None => Profile::default(),
        };
        let integration_name = match &d.integration {
            Some(i) => self.catalog.integration(i).await.map(|i| i.name),
            None => None,
        };
        let mut data = json!({
            "user": user_json(d.user.as_ref().map(|u| u.as_str()), &profile),
            "integration": { "id": d.integration.as_ref().map(|i| i.as_str()), "name": integration_name },
            "previousState": facts.as_ref().map(|f| f.previous_state.as_str()).unwrap_or(StateKey::Unknown.as_str()),
            "state": facts.as_ref().map(|f| f.state.as_str()).unwrap_or(StateKey::Unknown.as_str()),
            "observedBy": facts.as_ref().map(|f| f.observed_by.as_str()).unwrap_or(ObservedBy::View.as_str()),
            "observedAt": rfc3339(facts.as_ref().map_or(d.created_at, |f| f.at)),
            "sequence": d.seq,
        });
        let mut minted = None;
        if d.kind == WebhookKind::Lost {
            if let (Some(user), Some(integration)) = (&d.user, &d.integration) {
                let ttl = chrono::Duration::from_std(self.settings.reconnect_ttl).unwrap_or(chrono::Duration::days(7));
                let req = LinkRequest { user, ttl, return_url: None, allowed: std::slice::from_ref(integration), profile: None, connect: None, return_mode: Default::default() };
                let now = Utc::now();
                if let Ok(issued) = self.links.mint_unrecorded(&req, now) {
                    data["reconnectUrl"] = json!(issued.url.to_string());
                    data["reconnectUrlExpiresAt"] = json!(rfc3339(issued.expires_at));
                    minted = Some((user.clone(), now));
                }
            }
        }
        (json!({ "type": d.kind.as_str(), "timestamp": rfc3339(d.created_at), "data": data }), minted)
    }
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The user part of a body: the id and whatever the host said about them.
pub fn user_json(id: Option<&str>, p: &Profile) -> Value {
    json!({
        "id": id,
        "displayName": p.display_name,
        "email": p.email,
        "organization": p.organization,
        "tags": p.tags,
    })
}

/// Up to [`READ_CAP`] bytes of a receiver's answer, as text (a receiver that streams megabytes is not waited for).
async fn read_capped(mut resp: reqwest::Response) -> String {
    let mut buf = Vec::new();
    while buf.len() < READ_CAP {
        match resp.chunk().await {
            Ok(Some(chunk)) => buf.extend_from_slice(&chunk[..chunk.len().min(READ_CAP - buf.len())]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}
