//! The event log's vocabulary: every kind of event (the single list, with its label) and the typed detail each
//! carries, stored as terse stable text and rendered in words only at the edge.

use super::problems::{ConnectProblem, LinkRefusal};
use super::state::{StateKey, StatusHint};
use super::webhook::{ObservedBy, WebhookKind};
use serde::{Deserialize, Serialize};

/// Kinds of events, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    LinkMinted,
    /// A link's page was opened (once per link).
    LinkOpened,
    LinkUsed,
    LinkRejected,
    ConnectStarted,
    /// A connect attempt expired before its callback came.
    ConnectAbandoned,
    CallbackReceived,
    AdminSignedIn,
    AdminSignedOut,
    AdminUserAdded,
    AdminChecked,
    AdminExported,
    AdminTokenCreated,
    AdminTokenRevoked,
    AdminEndpointChanged,
    /// An admin sent a webhook delivery again.
    AdminResent,
    UserErased,
    /// A verified change of a (user, integration) pair, spelled as its webhook type.
    #[serde(rename = "connection.created")]
    ConnectionCreated,
    #[serde(rename = "connection.lost")]
    ConnectionLost,
    #[serde(rename = "connection.recovered")]
    ConnectionRecovered,
    #[serde(rename = "connection.reconnected")]
    ConnectionReconnected,
    #[serde(rename = "connect.failed")]
    ConnectFailed,
}

impl From<WebhookKind> for EventKind {
    fn from(k: WebhookKind) -> Self {
        match k {
            WebhookKind::Created => EventKind::ConnectionCreated,
            WebhookKind::Lost => EventKind::ConnectionLost,
            WebhookKind::Recovered => EventKind::ConnectionRecovered,
            WebhookKind::Reconnected => EventKind::ConnectionReconnected,
            WebhookKind::ConnectFailed => EventKind::ConnectFailed,
        }
    }
}

impl EventKind {
    pub const ALL: [EventKind; 22] = [
        EventKind::LinkMinted,
        EventKind::LinkOpened,
        EventKind::LinkUsed,
        EventKind::LinkRejected,
        EventKind::ConnectStarted,
        EventKind::ConnectAbandoned,
        EventKind::CallbackReceived,
        EventKind::AdminSignedIn,
        EventKind::AdminSignedOut,
        EventKind::AdminUserAdded,
        EventKind::AdminChecked,
        EventKind::AdminExported,
        EventKind::AdminTokenCreated,
        EventKind::AdminTokenRevoked,
        EventKind::AdminEndpointChanged,
        EventKind::AdminResent,
        EventKind::UserErased,
        EventKind::ConnectionCreated,
        EventKind::ConnectionLost,
        EventKind::ConnectionRecovered,
        EventKind::ConnectionReconnected,
        EventKind::ConnectFailed,
    ];

    /// The webhook type this kind is spelled as, for the connection changes.
    pub fn webhook(self) -> Option<WebhookKind> {
        WebhookKind::ALL.iter().copied().find(|w| EventKind::from(*w) == self)
    }

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::LinkMinted => "link_minted",
            EventKind::LinkOpened => "link_opened",
            EventKind::ConnectAbandoned => "connect_abandoned",
            EventKind::LinkUsed => "link_used",
            EventKind::LinkRejected => "link_rejected",
            EventKind::ConnectStarted => "connect_started",
            EventKind::CallbackReceived => "callback_received",
            EventKind::AdminSignedIn => "admin_signed_in",
            EventKind::AdminSignedOut => "admin_signed_out",
            EventKind::AdminUserAdded => "admin_user_added",
            EventKind::AdminChecked => "admin_checked",
            EventKind::AdminExported => "admin_exported",
            EventKind::AdminTokenCreated => "admin_token_created",
            EventKind::AdminTokenRevoked => "admin_token_revoked",
            EventKind::AdminEndpointChanged => "admin_endpoint_changed",
            EventKind::AdminResent => "admin_resent",
            EventKind::UserErased => "user_erased",
            EventKind::ConnectionCreated => "connection.created",
            EventKind::ConnectionLost => "connection.lost",
            EventKind::ConnectionRecovered => "connection.recovered",
            EventKind::ConnectionReconnected => "connection.reconnected",
            EventKind::ConnectFailed => "connect.failed",
        }
    }

    pub fn parse(raw: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::LinkMinted => "Link created",
            EventKind::LinkOpened => "Link opened",
            EventKind::ConnectAbandoned => "Connect abandoned (expired unused)",
            EventKind::LinkUsed => "Link used",
            EventKind::LinkRejected => "Link refused",
            EventKind::ConnectStarted => "Connect started",
            EventKind::CallbackReceived => "Returned from authorization",
            EventKind::AdminSignedIn => "Admin signed in",
            EventKind::AdminSignedOut => "Admin signed out",
            EventKind::AdminUserAdded => "User added by an admin",
            EventKind::AdminChecked => "Checked by an admin",
            EventKind::AdminExported => "Connections exported",
            EventKind::AdminTokenCreated => "API token created",
            EventKind::AdminTokenRevoked => "API token revoked",
            EventKind::AdminEndpointChanged => "Webhook endpoint changed",
            EventKind::AdminResent => "Webhook delivery sent again",
            EventKind::UserErased => "User erased through the host API",
            EventKind::ConnectionCreated => "Connection created",
            EventKind::ConnectionLost => "Connection lost",
            EventKind::ConnectionRecovered => "Connection recovered",
            EventKind::ConnectionReconnected => "Connection re-authorized",
            EventKind::ConnectFailed => "Connect failed (verified)",
        }
    }
}

/// Who issued a portal link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    Cli,
    Api,
    Console,
    /// For a `connection.lost` webhook's reconnect link.
    Webhook,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Cli => "cli",
            Actor::Api => "api",
            Actor::Console => "console",
            Actor::Webhook => "webhook",
        }
    }

    fn parse(raw: &str) -> Option<Actor> {
        [Actor::Cli, Actor::Api, Actor::Console, Actor::Webhook].into_iter().find(|a| a.as_str() == raw)
    }
}

/// What an event says beyond its kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EventDetail {
    None,
    /// A link was minted, by whom.
    Minted(Actor),
    /// A link was refused, and why.
    LinkRefused(LinkRefusal),
    /// Connect failed before the user left, and why.
    ConnectFailed(ConnectProblem),
    /// The return from authorization: what the provider claimed, what the API said, and how long after Connect.
    Callback { reported: StatusHint, verified: StateKey, took_ms: Option<i64> },
    /// Check now: how many integrations were checked and how many did not answer.
    Checked { checked: usize, unknown: usize },
    /// An export, with its filters as a query string.
    Exported(String),
    /// A verified change of a pair: its sequence, the states before and after, and what observed it.
    Change { seq: i64, previous: StateKey, state: StateKey, by: ObservedBy },
    /// Stored text this version does not read (kept and shown as it is).
    Other(String),
}

impl EventDetail {
    /// The stored form: terse and stable.
    pub fn encode(&self) -> String {
        match self {
            EventDetail::None => String::new(),
            EventDetail::Minted(actor) => actor.as_str().into(),
            EventDetail::LinkRefused(r) => r.as_str().into(),
            EventDetail::ConnectFailed(p) => p.as_str().into(),
            EventDetail::Callback { reported, verified, took_ms } => {
                let took = took_ms.map(|ms| format!(" took_ms={ms}")).unwrap_or_default();
                format!("reported={} verified={}{took}", reported.as_str(), verified.as_str())
            }
            EventDetail::Checked { checked, unknown } => format!("{checked} checked, {unknown} unknown"),
            EventDetail::Change { seq, previous, state, by } => {
                format!("seq={seq} previous={} state={} by={}", previous.as_str(), state.as_str(), by.as_str())
            }
            EventDetail::Exported(filters) | EventDetail::Other(filters) => filters.clone(),
        }
    }

    /// Reads the stored form back; text that does not fit the kind is kept as [`EventDetail::Other`].
    pub fn decode(kind: EventKind, raw: &str) -> EventDetail {
        let other = || EventDetail::Other(raw.to_owned());
        if raw.is_empty() && kind != EventKind::AdminExported {
            return EventDetail::None;
        }
        match kind {
            EventKind::LinkMinted => Actor::parse(raw).map(EventDetail::Minted).unwrap_or_else(other),
            EventKind::LinkRejected => LinkRefusal::parse(raw).map(EventDetail::LinkRefused).unwrap_or_else(other),
            EventKind::ConnectStarted => {
                ConnectProblem::parse(raw).map(EventDetail::ConnectFailed).unwrap_or_else(other)
            }
            EventKind::CallbackReceived => {
                let get = |k: &str| raw.split(' ').find_map(|p| p.strip_prefix(k));
                let took_ms = get("took_ms=").and_then(|n| n.parse().ok());
                match (get("reported=").and_then(StatusHint::parse), get("verified=").and_then(StateKey::parse)) {
                    (Some(reported), Some(verified)) => EventDetail::Callback { reported, verified, took_ms },
                    _ => other(),
                }
            }
            EventKind::AdminChecked => {
                let nums: Vec<usize> = raw.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
                match nums[..] {
                    [checked, unknown] => EventDetail::Checked { checked, unknown },
                    _ => other(),
                }
            }
            EventKind::AdminExported => EventDetail::Exported(raw.to_owned()),
            k if k.webhook().is_some() => {
                let get = |k: &str| raw.split(' ').find_map(|p| p.strip_prefix(k));
                match (
                    get("seq=").and_then(|n| n.parse().ok()),
                    get("previous=").and_then(StateKey::parse),
                    get("state=").and_then(StateKey::parse),
                    get("by=").and_then(ObservedBy::parse),
                ) {
                    (Some(seq), Some(previous), Some(state), Some(by)) => EventDetail::Change { seq, previous, state, by },
                    _ => other(),
                }
            }
            _ => other(),
        }
    }

    /// In words, for the console.
    pub fn words(&self) -> String {
        match self {
            EventDetail::None => String::new(),
            EventDetail::Minted(Actor::Cli) => "with the CLI".into(),
            EventDetail::Minted(Actor::Api) => "through the link API".into(),
            EventDetail::Minted(Actor::Console) => "in the admin console".into(),
            EventDetail::Minted(Actor::Webhook) => "for a connection.lost webhook (reconnect link)".into(),
            EventDetail::LinkRefused(r) => r.as_str().into(),
            EventDetail::ConnectFailed(p) => format!("failed: {}", p.as_str()),
            EventDetail::Callback { reported, verified, took_ms } => {
                let took = took_ms.map(|ms| format!(" ({:.1} s after Connect)", ms as f64 / 1000.0)).unwrap_or_default();
                format!("the provider reported {}; the API says: {}{took}", reported.as_str(), verified.label())
            }
            EventDetail::Change { previous, state, by, .. } => {
                format!("{} → {} (seen by {})", previous.label(), state.label(), by.as_str().replace('_', " "))
            }
            EventDetail::Checked { .. } | EventDetail::Exported(_) | EventDetail::Other(_) => self.encode(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_in_words() {
        let callback = |raw: &str| EventDetail::decode(EventKind::CallbackReceived, raw).words();
        assert_eq!(callback("reported=success verified=connected"), "the provider reported success; the API says: Connected");
        assert_eq!(
            callback("reported=error verified=needs_reconnect"),
            "the provider reported error; the API says: Needs reconnecting"
        );
        assert_eq!(EventDetail::decode(EventKind::LinkMinted, "api").words(), "through the link API");
        assert_eq!(EventDetail::decode(EventKind::ConnectStarted, "").words(), "");
        assert_eq!(EventDetail::decode(EventKind::ConnectStarted, "timeout").words(), "failed: timeout");
        assert_eq!(EventDetail::decode(EventKind::LinkRejected, "expired").words(), "expired");
        assert_eq!(EventKind::AdminChecked.label(), "Checked by an admin");
        assert_eq!(EventKind::parse("something_new"), None);
    }

    #[test]
    fn details_round_trip() {
        for (kind, d) in [
            (EventKind::LinkMinted, EventDetail::Minted(Actor::Console)),
            (EventKind::LinkRejected, EventDetail::LinkRefused(LinkRefusal::BadSignature)),
            (EventKind::ConnectStarted, EventDetail::ConnectFailed(ConnectProblem::Timeout)),
            (EventKind::CallbackReceived, EventDetail::Callback { reported: StatusHint::Other, verified: StateKey::Unknown, took_ms: None }),
            (
                EventKind::CallbackReceived,
                EventDetail::Callback { reported: StatusHint::Success, verified: StateKey::Connected, took_ms: Some(61_500) },
            ),
            (EventKind::AdminChecked, EventDetail::Checked { checked: 11, unknown: 2 }),
            (EventKind::AdminExported, EventDetail::Exported("q=a".into())),
            (EventKind::AdminExported, EventDetail::Exported(String::new())),
            (EventKind::LinkUsed, EventDetail::None),
            (
                EventKind::ConnectionLost,
                EventDetail::Change { seq: 3, previous: StateKey::Connected, state: StateKey::NeedsReconnect, by: ObservedBy::CheckNow },
            ),
        ] {
            assert_eq!(EventDetail::decode(kind, &d.encode()), d, "{kind:?}");
        }
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
        for w in WebhookKind::ALL {
            assert_eq!(EventKind::from(*w).as_str(), w.as_str(), "feed kinds are spelled as webhook types");
        }
        assert_eq!(EventDetail::decode(EventKind::LinkMinted, "fax"), EventDetail::Other("fax".into()));
    }
}
