//! The webhooks a host receives: which verified observation of a (user, integration) pair fires which event. Pure;
//! the registry applies it under a compare-and-set, the webhook service renders and sends.

use super::StateKey;
use serde::{Deserialize, Serialize};

/// What observed a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObservedBy {
    /// A portal page view.
    View,
    /// The callback after a connect.
    Callback,
    /// An admin's Check now.
    CheckNow,
    /// The background refresher.
    Refresher,
    /// The host API's `?fresh=true`.
    Api,
}

impl ObservedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            ObservedBy::View => "view",
            ObservedBy::Callback => "callback",
            ObservedBy::CheckNow => "check_now",
            ObservedBy::Refresher => "refresher",
            ObservedBy::Api => "api",
        }
    }

    pub fn parse(raw: &str) -> Option<ObservedBy> {
        [ObservedBy::View, ObservedBy::Callback, ObservedBy::CheckNow, ObservedBy::Refresher, ObservedBy::Api]
            .into_iter()
            .find(|b| b.as_str() == raw)
    }
}

/// The events a host can receive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WebhookKind {
    #[serde(rename = "connection.created")]
    Created,
    #[serde(rename = "connection.lost")]
    Lost,
    #[serde(rename = "connection.recovered")]
    Recovered,
    #[serde(rename = "connection.reconnected")]
    Reconnected,
    #[serde(rename = "connect.failed")]
    ConnectFailed,
}

impl WebhookKind {
    pub const ALL: &'static [WebhookKind] = &[
        WebhookKind::Created,
        WebhookKind::Lost,
        WebhookKind::Recovered,
        WebhookKind::Reconnected,
        WebhookKind::ConnectFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WebhookKind::Created => "connection.created",
            WebhookKind::Lost => "connection.lost",
            WebhookKind::Recovered => "connection.recovered",
            WebhookKind::Reconnected => "connection.reconnected",
            WebhookKind::ConnectFailed => "connect.failed",
        }
    }

    pub fn parse(raw: &str) -> Option<WebhookKind> {
        Self::ALL.iter().copied().find(|k| k.as_str() == raw)
    }
}

/// A pair's verified history as the snapshot keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The last verified state (`Unknown` when never verified).
    pub state: StateKey,
    /// Whether it was ever verified active.
    pub ever_active: bool,
}

/// The events a verified observation fires, given what was verified before. An `Unknown` observation fires none.
///
/// | observed by | before | now | event |
/// |---|---|---|---|
/// | anything | never active | active | `connection.created` |
/// | anything | active | inactive | `connection.lost` |
/// | anything | inactive, active before | active | `connection.recovered` |
/// | a callback | active | active | `connection.reconnected` |
/// | a callback | any | inactive | `connect.failed` |
pub fn fired(before: Option<Verified>, now: StateKey, by: ObservedBy) -> Vec<WebhookKind> {
    let active = |s: StateKey| s == StateKey::Connected;
    let inactive = |s: StateKey| matches!(s, StateKey::NotConnected | StateKey::NeedsReconnect);
    if now == StateKey::Unknown {
        return vec![];
    }
    let was = before.map(|b| b.state).unwrap_or(StateKey::Unknown);
    let ever = before.is_some_and(|b| b.ever_active);
    let mut out = Vec::new();
    if active(now) {
        if !ever {
            out.push(WebhookKind::Created);
        } else if inactive(was) {
            out.push(WebhookKind::Recovered);
        } else if active(was) && by == ObservedBy::Callback {
            out.push(WebhookKind::Reconnected);
        }
    }
    if inactive(now) {
        if active(was) {
            out.push(WebhookKind::Lost);
        }
        if by == ObservedBy::Callback {
            out.push(WebhookKind::ConnectFailed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use StateKey::*;

    fn v(state: StateKey, ever_active: bool) -> Option<Verified> {
        Some(Verified { state, ever_active })
    }

    #[test]
    fn the_table() {
        use ObservedBy::*;
        use WebhookKind::*;
        assert_eq!(fired(None, Connected, View), vec![Created]);
        assert_eq!(fired(v(NotConnected, false), Connected, Refresher), vec![Created]);
        assert_eq!(fired(v(Connected, true), NeedsReconnect, CheckNow), vec![Lost]);
        assert_eq!(fired(v(NeedsReconnect, true), Connected, View), vec![Recovered]);
        assert_eq!(fired(v(NotConnected, true), Connected, Callback), vec![Recovered]);
        assert_eq!(fired(v(Connected, true), Connected, Callback), vec![Reconnected]);
        assert_eq!(fired(v(Connected, true), Connected, View), vec![]);
        assert_eq!(fired(v(NotConnected, false), NotConnected, Callback), vec![ConnectFailed]);
        assert_eq!(fired(v(Connected, true), NeedsReconnect, Callback), vec![Lost, ConnectFailed]);
        assert_eq!(fired(v(NotConnected, false), NotConnected, View), vec![]);
        // Unknown never fires, and is not a "before" that counts as active.
        assert_eq!(fired(v(Connected, true), Unknown, Callback), vec![]);
        assert_eq!(fired(v(Unknown, true), Connected, View), vec![]);
        for k in WebhookKind::ALL {
            assert_eq!(WebhookKind::parse(k.as_str()), Some(*k));
        }
    }
}
