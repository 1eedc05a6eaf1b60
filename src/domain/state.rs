//! A user's connection to one integration: the state as read from the API, its stable key, and what the provider's
//! redirect claimed (`?status=`, only ever a hint).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A user's connection to one integration, as the portal shows it. Never blank: `Unknown` when the API did not answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConnState {
    Connected {
        since: DateTime<Utc>,
    },
    NotConnected,
    /// The user exists for this integration but is inactive (revoked, expired, or never completed).
    NeedsReconnect {
        since: DateTime<Utc>,
    },
    Unknown,
}

/// The kind of a [`ConnState`] without its time: what URLs, CSS classes, the database and the CSV carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateKey {
    Connected,
    NotConnected,
    NeedsReconnect,
    Unknown,
}

impl StateKey {
    pub const ALL: [StateKey; 4] = [StateKey::Connected, StateKey::NotConnected, StateKey::NeedsReconnect, StateKey::Unknown];

    pub fn as_str(self) -> &'static str {
        match self {
            StateKey::Connected => "connected",
            StateKey::NotConnected => "not_connected",
            StateKey::NeedsReconnect => "needs_reconnect",
            StateKey::Unknown => "unknown",
        }
    }

    pub fn parse(raw: &str) -> Option<StateKey> {
        StateKey::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// What a person reads.
    /// The portal's message for the state (the console's English words are [`StateKey::label`]).
    pub fn message_id(self) -> &'static str {
        match self {
            StateKey::Connected => "state-connected",
            StateKey::NotConnected => "state-not-connected",
            StateKey::NeedsReconnect => "state-needs-reconnect",
            StateKey::Unknown => "state-unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StateKey::Connected => "Connected",
            StateKey::NotConnected => "Not connected",
            StateKey::NeedsReconnect => "Needs reconnecting",
            StateKey::Unknown => "Unknown",
        }
    }
}

impl ConnState {
    pub fn key(&self) -> StateKey {
        match self {
            ConnState::Connected { .. } => StateKey::Connected,
            ConnState::NotConnected => StateKey::NotConnected,
            ConnState::NeedsReconnect { .. } => StateKey::NeedsReconnect,
            ConnState::Unknown => StateKey::Unknown,
        }
    }

    pub fn label(&self) -> &'static str {
        self.key().label()
    }

    /// The API's `updatedAt` of the connection, when there is one.
    pub fn since(&self) -> Option<DateTime<Utc>> {
        match self {
            ConnState::Connected { since } | ConnState::NeedsReconnect { since } => Some(*since),
            ConnState::NotConnected | ConnState::Unknown => None,
        }
    }

    /// The state again from its stored parts (`since` falls back to `fallback` when it was not stored).
    pub fn from_parts(key: StateKey, since: Option<DateTime<Utc>>, fallback: DateTime<Utc>) -> ConnState {
        let since = since.unwrap_or(fallback);
        match key {
            StateKey::Connected => ConnState::Connected { since },
            StateKey::NotConnected => ConnState::NotConnected,
            StateKey::NeedsReconnect => ConnState::NeedsReconnect { since },
            StateKey::Unknown => ConnState::Unknown,
        }
    }

    /// Whether the primary action is "Reconnect" rather than "Connect".
    pub fn has_connection(&self) -> bool {
        matches!(self, ConnState::Connected { .. } | ConnState::NeedsReconnect { .. })
    }
}

/// A card's state as the portal shows it: `checked_at` is set when the API did not answer just now and the last
/// known state (checked then) is shown instead of Unknown ("Connected · checked 5 minutes ago").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    pub state: ConnState,
    pub checked_at: Option<DateTime<Utc>>,
}

/// What the status hint in the callback URL said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusHint {
    Success,
    Error,
    Missing,
    Other,
}

impl StatusHint {
    pub const ALL: [StatusHint; 4] = [StatusHint::Success, StatusHint::Error, StatusHint::Missing, StatusHint::Other];

    /// Reads `status` from a raw query, tolerating a provider that appended `?status=` to a URL that already had a
    /// query (`a=1?status=success`). The last `status` wins.
    pub fn from_raw_query(raw: Option<&str>) -> StatusHint {
        let Some(raw) = raw else { return StatusHint::Missing };
        let mut found = StatusHint::Missing;
        for pair in raw.split(['&', '?', ';']) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if k == "status" {
                found = match v.to_ascii_lowercase().as_str() {
                    "success" => StatusHint::Success,
                    "error" => StatusHint::Error,
                    "" => StatusHint::Missing,
                    _ => StatusHint::Other,
                };
            }
        }
        found
    }

    /// As stored in the event log and shown in it.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusHint::Success => "success",
            StatusHint::Error => "error",
            StatusHint::Missing => "missing",
            StatusHint::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<StatusHint> {
        StatusHint::ALL.into_iter().find(|h| h.as_str() == raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_hints_are_parsed_robustly() {
        assert_eq!(StatusHint::from_raw_query(None), StatusHint::Missing);
        assert_eq!(StatusHint::from_raw_query(Some("status=success")), StatusHint::Success);
        assert_eq!(StatusHint::from_raw_query(Some("status=error")), StatusHint::Error);
        assert_eq!(StatusHint::from_raw_query(Some("a=1?status=success")), StatusHint::Success);
        assert_eq!(StatusHint::from_raw_query(Some("a=1&status=error")), StatusHint::Error);
        assert_eq!(StatusHint::from_raw_query(Some("status=weird")), StatusHint::Other);
        assert_eq!(StatusHint::from_raw_query(Some("status=")), StatusHint::Missing);
        assert_eq!(StatusHint::from_raw_query(Some("x=status")), StatusHint::Missing);
    }

    #[test]
    fn keys_round_trip() {
        for k in StateKey::ALL {
            assert_eq!(StateKey::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        assert_eq!(StateKey::parse("bogus"), None);
        let t = Utc::now();
        for s in [ConnState::Connected { since: t }, ConnState::NotConnected, ConnState::NeedsReconnect { since: t }, ConnState::Unknown] {
            assert_eq!(ConnState::from_parts(s.key(), s.since(), t), s);
        }
    }
}
