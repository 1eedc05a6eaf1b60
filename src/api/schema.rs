//! The host API's bodies as types: what the handlers answer with (serialized from these) and what the OpenAPI
//! document describes (generated from these, see [`super::openapi`]).

use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// `POST /api/v1/links`: what the host says. Only `userId` is required; an unknown member is refused (400).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkCreate {
    /// The host's id for the user (1 to 255 characters; no control characters, not `.` or `..`).
    #[schema(example = "u_123")]
    pub user_id: String,
    /// 1 to 604800 seconds (default `PLUGBOARD_LINK_TTL_SECONDS`, 900).
    #[schema(minimum = 1, maximum = 604800, example = 900)]
    pub ttl_seconds: Option<i64>,
    /// Where "Back to <app>" leads: an http(s) URL on `PLUGBOARD_RETURN_HOSTS`.
    #[schema(format = "uri", example = "https://app.example.com/settings/integrations")]
    pub return_url: Option<String>,
    /// `immediate`: the callback answers 303 to `returnUrl` with `plugboard_result`, `plugboard_integration` and
    /// `plugboard_event` appended (needs `returnUrl`). `page` (default): the result page with "Back to <app>".
    pub return_mode: Option<ReturnModeDoc>,
    /// Only these integrations are shown and may be connected (1 to 100 customerIntegrationIds).
    #[schema(min_items = 1, max_items = 100, example = json!(["ci_01_slack"]))]
    pub allowed_integrations: Option<Vec<String>>,
    /// A deep link: its page connects this active integration (inside `allowedIntegrations` when both are given).
    #[schema(example = "ci_01_slack")]
    pub connect: Option<String>,
    pub end_user: Option<EndUser>,
    pub organization: Option<OrganizationDoc>,
    /// At most 10 string pairs, stored on the user.
    #[schema(example = json!({"plan": "pro"}))]
    pub tags: Option<BTreeMap<String, String>>,
    /// A BCP 47 language tag; the portal speaks the nearest of its twenty languages.
    #[schema(example = "de")]
    pub locale: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = ReturnMode)]
#[allow(dead_code)] // described, never built: the handler reads the member as text
pub enum ReturnModeDoc {
    Page,
    Immediate,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EndUser {
    /// Up to 200 characters: the portal header says "Signed in as <displayName>".
    #[schema(example = "Ada Lovelace")]
    pub display_name: Option<String>,
    #[schema(format = Email, example = "ada@example.com")]
    pub email: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = Organization)]
pub struct OrganizationDoc {
    #[schema(example = "org_9")]
    pub id: String,
    #[schema(example = "Analytical Engines")]
    pub name: Option<String>,
}

/// A one-time portal link.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkCreated {
    /// Send the user here. It works once, until `expiresAt`.
    #[schema(format = "uri", example = "https://portal.example.com/link/v2.AbC…")]
    pub url: String,
    #[schema(format = DateTime, example = "2026-11-28T12:15:00Z")]
    pub expires_at: String,
}

/// A connection's state.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionState {
    Connected,
    NotConnected,
    NeedsReconnect,
    /// Never checked.
    Unknown,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Connection {
    #[schema(example = "ci_01_slack")]
    pub customer_integration_id: String,
    #[schema(example = "Slack")]
    pub name: String,
    pub state: ConnectionState,
    /// The API's `updatedAt` for this connection.
    #[schema(format = DateTime)]
    pub updated_at: Option<String>,
    /// When plugboard last checked it.
    #[schema(format = DateTime)]
    pub checked_at: Option<String>,
}

/// One entry per active integration.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Connections {
    #[schema(example = "u_123")]
    pub user_id: String,
    pub connections: Vec<Connection>,
}

/// An event of the log, in the order it was recorded.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FeedEvent {
    /// Stable; for a connection change, the webhook's `webhook-id`.
    #[schema(example = "3f2a9c0e5b6d4e8f9a1b2c3d4e5f6a7b")]
    pub id: String,
    /// Resume after this event with `?after=<cursor>`.
    pub cursor: String,
    /// `link_minted`, `connection.created`, ... (see README).
    #[schema(example = "connection.created")]
    pub kind: String,
    #[schema(format = DateTime)]
    pub at: String,
    pub user_id: Option<String>,
    pub customer_integration_id: Option<String>,
    /// In words.
    pub detail: String,
    /// For `connection.*` and `connect.failed`: the pair's sequence number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_state: Option<ConnectionState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<ConnectionState>,
    /// What saw the change: `callback`, `portal`, `refresher`, `api`, `console`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_by: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct EventsPage {
    pub events: Vec<FeedEvent>,
    /// The cursor to resume from (the same one when nothing new arrived).
    pub next_cursor: String,
}

/// Every error: a stable code, the field at fault (if any), the scope a token lacks (403), and a sentence.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// `invalid_json`, `unknown_field`, `invalid_field`, `unauthorized`, `insufficient_scope`, `api_disabled`,
    /// `unknown_user`, `idempotency_key_reused`, `idempotency_in_progress`, `unavailable`, `upstream_unavailable`.
    #[schema(example = "invalid_field")]
    pub error: String,
    #[schema(example = "The request's field is named in `field`.")]
    pub message: String,
    #[schema(example = "connect")]
    pub field: Option<String>,
    #[schema(example = "users:delete")]
    pub scope: Option<String>,
}

impl ConnectionState {
    pub fn of(key: crate::domain::StateKey) -> ConnectionState {
        use crate::domain::StateKey;
        match key {
            StateKey::Connected => ConnectionState::Connected,
            StateKey::NotConnected => ConnectionState::NotConnected,
            StateKey::NeedsReconnect => ConnectionState::NeedsReconnect,
            StateKey::Unknown => ConnectionState::Unknown,
        }
    }
}
