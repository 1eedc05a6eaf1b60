//! The connect funnel and connection health, counted from the event log: which event counts as which step, drop-off
//! or health change (one list of rules, run in Rust as events are recorded and in SQL to count a log again), the
//! windows the console shows, and the arithmetic of a funnel. No I/O.

use super::problems::codes;
use super::{ConnectProblem, EventKind, LinkRefusal, StateKey, StatusHint};
use serde::{Deserialize, Serialize};

codes! {
    /// A step of the connect flow, in order.
    Step {
        LinkOpened = "link_opened",
        SignedIn = "signed_in",
        ConnectPressed = "connect_pressed",
        Returned = "returned",
        Verified = "verified",
    }
}

codes! {
    /// Why an attempt did not end connected.
    DropOff {
        ProviderError = "provider_error",
        Abandoned = "abandoned",
        AuthorizeRefused = "authorize_refused",
        ApiFailure = "api_failure",
        NotVerified = "not_verified",
        LinkExpired = "link_expired",
        LinkReused = "link_reused",
    }
}

codes! {
    /// A verified change of a pair, counted per day.
    Health {
        Created = "created",
        Lost = "lost",
        Recovered = "recovered",
    }
}

impl Step {
    pub fn label(self) -> &'static str {
        match self {
            Step::LinkOpened => "Link opened",
            Step::SignedIn => "Signed in",
            Step::ConnectPressed => "Connect pressed",
            Step::Returned => "Back from the provider",
            Step::Verified => "Verified connected",
        }
    }
}

impl DropOff {
    pub fn label(self) -> &'static str {
        match self {
            DropOff::ProviderError => "Provider returned an error",
            DropOff::Abandoned => "Abandoned (attempt expired unused)",
            DropOff::AuthorizeRefused => "Authorize URL refused",
            DropOff::ApiFailure => "API failure",
            DropOff::NotVerified => "Returned but not verified",
            DropOff::LinkExpired => "Link expired",
            DropOff::LinkReused => "Link reused",
        }
    }

    /// The step a drop-off leaves from (its share is of that step).
    pub fn after(self) -> Step {
        match self {
            DropOff::LinkExpired | DropOff::LinkReused => Step::LinkOpened,
            DropOff::AuthorizeRefused | DropOff::Abandoned => Step::ConnectPressed,
            DropOff::ProviderError | DropOff::NotVerified | DropOff::ApiFailure => Step::Returned,
        }
    }
}

impl Health {
    pub fn label(self) -> &'static str {
        match self {
            Health::Created => "Created",
            Health::Lost => "Lost",
            Health::Recovered => "Recovered",
        }
    }
}

/// What one event counts as (an event may count twice: a Connect refused is pressed, and dropped off).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tally {
    Step(Step),
    DropOff(DropOff),
    Health(Health),
}

impl Tally {
    /// As stored in the roll-up (the three sets share no name).
    pub fn as_str(self) -> &'static str {
        match self {
            Tally::Step(s) => s.as_str(),
            Tally::DropOff(d) => d.as_str(),
            Tally::Health(h) => h.as_str(),
        }
    }

    pub fn parse(raw: &str) -> Option<Tally> {
        Step::parse(raw)
            .map(Tally::Step)
            .or_else(|| DropOff::parse(raw).map(Tally::DropOff))
            .or_else(|| Health::parse(raw).map(Tally::Health))
    }
}

/// The outcomes of an attempt, as the stacked bars show them (in this order, bottom up).
pub const OUTCOMES: [Tally; 6] = [
    Tally::Step(Step::Verified),
    Tally::DropOff(DropOff::ProviderError),
    Tally::DropOff(DropOff::NotVerified),
    Tally::DropOff(DropOff::ApiFailure),
    Tally::DropOff(DropOff::AuthorizeRefused),
    Tally::DropOff(DropOff::Abandoned),
];

impl Tally {
    pub fn label(self) -> &'static str {
        match self {
            Tally::Step(s) => s.label(),
            Tally::DropOff(d) => d.label(),
            Tally::Health(h) => h.label(),
        }
    }
}

/// A rule: events of `kind` whose stored detail matches `pattern` (SQL `LIKE`, `%` for anything) count as `tally`.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub kind: EventKind,
    pub pattern: String,
    pub tally: Tally,
}

/// Every rule. The stored details are those [`crate::domain::EventDetail::encode`] writes.
pub fn rules() -> Vec<Rule> {
    let rule = |kind, pattern: &str, tally| Rule { kind, pattern: pattern.to_owned(), tally };
    let mut out = vec![
        rule(EventKind::LinkOpened, "%", Tally::Step(Step::LinkOpened)),
        rule(EventKind::LinkUsed, "%", Tally::Step(Step::SignedIn)),
        rule(EventKind::ConnectStarted, "%", Tally::Step(Step::ConnectPressed)),
        rule(EventKind::CallbackReceived, "%", Tally::Step(Step::Returned)),
        rule(EventKind::ConnectAbandoned, "%", Tally::DropOff(DropOff::Abandoned)),
        rule(EventKind::LinkRejected, LinkRefusal::Expired.as_str(), Tally::DropOff(DropOff::LinkExpired)),
        rule(EventKind::LinkRejected, LinkRefusal::Replayed.as_str(), Tally::DropOff(DropOff::LinkReused)),
        rule(EventKind::ConnectionCreated, "%", Tally::Health(Health::Created)),
        rule(EventKind::ConnectionLost, "%", Tally::Health(Health::Lost)),
        rule(EventKind::ConnectionRecovered, "%", Tally::Health(Health::Recovered)),
    ];
    for p in ConnectProblem::ALL {
        let drop = match p {
            ConnectProblem::UnknownIntegration | ConnectProblem::UntrustedRedirect => DropOff::AuthorizeRefused,
            ConnectProblem::Timeout | ConnectProblem::Unavailable | ConnectProblem::Internal => DropOff::ApiFailure,
            // Refused before an attempt starts (no session, outside the link's scope): not recorded as a start.
            ConnectProblem::SignIn | ConnectProblem::NotAllowed => continue,
        };
        out.push(rule(EventKind::ConnectStarted, p.as_str(), Tally::DropOff(drop)));
    }
    for reported in StatusHint::ALL {
        for verified in StateKey::ALL {
            let tally = match (reported, verified) {
                (_, StateKey::Connected) => Tally::Step(Step::Verified),
                (_, StateKey::Unknown) => Tally::DropOff(DropOff::ApiFailure),
                (StatusHint::Error, _) => Tally::DropOff(DropOff::ProviderError),
                _ => Tally::DropOff(DropOff::NotVerified),
            };
            let detail = crate::domain::EventDetail::Callback { reported, verified, took_ms: None }.encode();
            out.push(rule(EventKind::CallbackReceived, &format!("{detail}%"), tally));
        }
    }
    out
}

/// `LIKE` as the rules use it: `%` is any text, every other character itself (the rules' `_` only ever meets `_`).
fn like(pattern: &str, text: &str) -> bool {
    match pattern.split_once('%') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(tail) = text.strip_prefix(head) else { return false };
            (0..=tail.len()).filter(|i| tail.is_char_boundary(*i)).any(|i| like(rest, &tail[i..]))
        }
    }
}

/// What an event counts as.
pub fn classify(kind: EventKind, stored_detail: &str) -> Vec<Tally> {
    rules().into_iter().filter(|r| r.kind == kind && like(&r.pattern, stored_detail)).map(|r| r.tally).collect()
}

/// The period a funnel covers, ending now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Window {
    Day,
    #[default]
    Week,
    Month,
}

impl Window {
    pub const ALL: [Window; 3] = [Window::Day, Window::Week, Window::Month];

    pub fn as_str(self) -> &'static str {
        match self {
            Window::Day => "24h",
            Window::Week => "7d",
            Window::Month => "30d",
        }
    }

    pub fn parse(raw: &str) -> Option<Window> {
        Window::ALL.into_iter().find(|w| w.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Window::Day => "Last 24 hours",
            Window::Week => "Last 7 days",
            Window::Month => "Last 30 days",
        }
    }

    pub fn hours(self) -> i64 {
        match self {
            Window::Day => 24,
            Window::Week => 24 * 7,
            Window::Month => 24 * 30,
        }
    }
}

/// A funnel's counts: each step and each drop-off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub steps: Vec<(Step, i64)>,
    pub drop_offs: Vec<(DropOff, i64)>,
}

impl Counts {
    pub fn new() -> Self {
        Counts {
            steps: Step::ALL.iter().map(|s| (*s, 0)).collect(),
            drop_offs: DropOff::ALL.iter().map(|d| (*d, 0)).collect(),
        }
    }

    pub fn add(&mut self, tally: Tally, n: i64) {
        match tally {
            Tally::Step(s) => self.steps.iter_mut().filter(|(k, _)| *k == s).for_each(|(_, c)| *c += n),
            Tally::DropOff(d) => self.drop_offs.iter_mut().filter(|(k, _)| *k == d).for_each(|(_, c)| *c += n),
            Tally::Health(_) => {}
        }
    }

    pub fn step(&self, s: Step) -> i64 {
        self.steps.iter().find(|(k, _)| *k == s).map_or(0, |(_, c)| *c)
    }

    pub fn drop_off(&self, d: DropOff) -> i64 {
        self.drop_offs.iter().find(|(k, _)| *k == d).map_or(0, |(_, c)| *c)
    }

    pub fn is_empty(&self) -> bool {
        self.steps.iter().all(|(_, c)| *c == 0) && self.drop_offs.iter().all(|(_, c)| *c == 0)
    }

    /// Verified of Connect pressed, in percent (None before anyone pressed).
    pub fn conversion(&self) -> Option<f64> {
        let pressed = self.step(Step::ConnectPressed);
        (pressed > 0).then(|| 100.0 * self.step(Step::Verified) as f64 / pressed as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EventDetail;

    fn of(kind: EventKind, detail: EventDetail) -> Vec<Tally> {
        classify(kind, &detail.encode())
    }

    #[test]
    fn each_event_counts_where_it_belongs() {
        assert_eq!(of(EventKind::LinkOpened, EventDetail::None), [Tally::Step(Step::LinkOpened)]);
        assert_eq!(of(EventKind::ConnectStarted, EventDetail::None), [Tally::Step(Step::ConnectPressed)]);
        assert_eq!(
            of(EventKind::ConnectStarted, EventDetail::ConnectFailed(ConnectProblem::UntrustedRedirect)),
            [Tally::Step(Step::ConnectPressed), Tally::DropOff(DropOff::AuthorizeRefused)]
        );
        assert_eq!(
            of(EventKind::ConnectStarted, EventDetail::ConnectFailed(ConnectProblem::Timeout)),
            [Tally::Step(Step::ConnectPressed), Tally::DropOff(DropOff::ApiFailure)]
        );
        let callback = |reported, verified| {
            of(EventKind::CallbackReceived, EventDetail::Callback { reported, verified, took_ms: Some(1234) })
        };
        let returned = Tally::Step(Step::Returned);
        assert_eq!(callback(StatusHint::Success, StateKey::Connected), [returned, Tally::Step(Step::Verified)]);
        assert_eq!(callback(StatusHint::Error, StateKey::Connected), [returned, Tally::Step(Step::Verified)]);
        assert_eq!(callback(StatusHint::Error, StateKey::NotConnected), [returned, Tally::DropOff(DropOff::ProviderError)]);
        assert_eq!(callback(StatusHint::Success, StateKey::NotConnected), [returned, Tally::DropOff(DropOff::NotVerified)]);
        assert_eq!(callback(StatusHint::Missing, StateKey::NeedsReconnect), [returned, Tally::DropOff(DropOff::NotVerified)]);
        assert_eq!(callback(StatusHint::Success, StateKey::Unknown), [returned, Tally::DropOff(DropOff::ApiFailure)]);
        assert_eq!(
            of(EventKind::LinkRejected, EventDetail::LinkRefused(LinkRefusal::Replayed)),
            [Tally::DropOff(DropOff::LinkReused)]
        );
        assert_eq!(of(EventKind::LinkRejected, EventDetail::LinkRefused(LinkRefusal::BadSignature)), []);
        assert_eq!(of(EventKind::ConnectionLost, EventDetail::None), [Tally::Health(Health::Lost)]);
        assert_eq!(of(EventKind::AdminChecked, EventDetail::None), []);
        assert_eq!(of(EventKind::ConnectionReconnected, EventDetail::None), []);
    }

    #[test]
    fn names_are_one_set() {
        for t in Step::ALL.iter().map(|s| Tally::Step(*s)).chain(DropOff::ALL.iter().map(|d| Tally::DropOff(*d))) {
            assert_eq!(Tally::parse(t.as_str()), Some(t));
        }
        for h in Health::ALL {
            assert_eq!(Tally::parse(h.as_str()), Some(Tally::Health(*h)));
        }
        assert!(like("a%c", "abbc") && !like("a%c", "abcd") && like("%", "") && like("x", "x") && !like("x", "xy"));
        assert_eq!(Window::parse("30d"), Some(Window::Month));
        assert_eq!(Window::default().as_str(), "7d");
    }
}
