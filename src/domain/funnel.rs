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
            // An API failure happens on the way out (no authorize URL) or back (no verification).
            DropOff::AuthorizeRefused | DropOff::Abandoned | DropOff::ApiFailure => Step::ConnectPressed,
            DropOff::ProviderError | DropOff::NotVerified => Step::Returned,
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

/// How many buckets Connect → verified times fall in: under a second, then buckets 10% wide up to a day and more.
pub const TIMING_BUCKETS: usize = 122;

/// The lower bound (ms) of each timing bucket: 0, 1000, 1100, 1210, ... (each 10% above the last).
pub fn timing_edges() -> Vec<i64> {
    let mut out = vec![0, 1000];
    while out.len() < TIMING_BUCKETS {
        let last = out[out.len() - 1] as f64;
        out.push((last * 1.1).round() as i64);
    }
    out
}

/// The bucket a time (ms) falls in.
pub fn timing_bucket(ms: i64) -> usize {
    timing_edges().iter().rposition(|e| *e <= ms.max(0)).unwrap_or(0)
}

/// The time a bucket stands for: the middle of its bounds (geometric), so a percentile read from buckets is within
/// 5% of the exact one (half a second for times under a second).
pub fn timing_of(bucket: usize) -> i64 {
    let edges = timing_edges();
    match (edges.get(bucket), edges.get(bucket + 1)) {
        (Some(0), _) => 500,
        (Some(lo), Some(hi)) => ((*lo as f64) * (*hi as f64)).sqrt().round() as i64,
        (Some(lo), None) => *lo,
        _ => 0,
    }
}

/// Nearest-rank percentiles (`p` of 100) from a histogram of counts per bucket: the bucket's time.
pub fn percentile(histogram: &[i64], p: i64) -> Option<i64> {
    let total: i64 = histogram.iter().sum();
    if total <= 0 {
        return None;
    }
    let rank = (p * total + 99) / 100; // ⌈p·n/100⌉
    let mut seen = 0;
    for (b, n) in histogram.iter().enumerate() {
        seen += n;
        if seen >= rank {
            return Some(timing_of(b));
        }
    }
    None
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
        // Timing buckets: 10% wide, a percentile within 5% of the exact one.
        assert_eq!((timing_bucket(0), timing_bucket(999), timing_bucket(1000), timing_bucket(1099), timing_bucket(1100)), (0, 0, 1, 1, 2));
        assert!(timing_edges().last().copied().unwrap() > 86_400_000, "up to a day and more");
        for ms in [1_000, 2_000, 3_456, 61_000, 600_000, 3_600_000] {
            let got = timing_of(timing_bucket(ms)) as f64;
            assert!((got - ms as f64).abs() <= 0.05 * ms as f64, "{ms}: {got}");
        }
        let mut h = vec![0; TIMING_BUCKETS];
        for ms in [1_000, 2_000, 3_000, 10_000] {
            h[timing_bucket(ms)] += 1;
        }
        assert_eq!(percentile(&h, 50), Some(timing_of(timing_bucket(2_000))), "the 2nd of 4");
        assert_eq!(percentile(&h, 90), Some(timing_of(timing_bucket(10_000))), "the 4th of 4");
        assert_eq!(percentile(&[0; 3], 50), None);
    }
}
