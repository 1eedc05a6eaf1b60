//! Why something was refused, as codes that travel in URLs (`?error=`) and in the event log, each with one mapping to
//! words and to the HTTP status of the page that shows it.

use serde::{Deserialize, Serialize};

/// Declares a code enum with its wire strings; `parse` accepts exactly what `as_str` writes.
macro_rules! codes {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
        pub enum $name { $($(#[$vm])* #[error($code)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn parse(raw: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|c| c.as_str() == raw)
            }
        }
    };
}
pub(crate) use codes;

codes! {
    /// Why Connect could not send the user on (`/?error=<code>`).
    ConnectProblem {
        SignIn = "signin",
        UnknownIntegration = "unknown_integration",
        Timeout = "timeout",
        UntrustedRedirect = "untrusted_redirect",
        NotAllowed = "not_allowed",
        Unavailable = "unavailable",
        Internal = "internal",
    }
}

impl ConnectProblem {
    /// The message (in `src/i18n/locales/<lang>.ftl`) that says what a Connect failure means for the person who
    /// pressed it.
    pub fn message_id(self) -> &'static str {
        match self {
            ConnectProblem::SignIn => "connect-signin",
            ConnectProblem::UnknownIntegration => "connect-unknown-integration",
            ConnectProblem::Timeout => "connect-timeout",
            ConnectProblem::UntrustedRedirect => "connect-untrusted-redirect",
            ConnectProblem::NotAllowed => "connect-not-allowed",
            ConnectProblem::Unavailable => "connect-unavailable",
            ConnectProblem::Internal => "connect-internal",
        }
    }

    /// An unknown code in a URL still gets words.
    pub fn from_url(raw: &str) -> ConnectProblem {
        ConnectProblem::parse(raw).unwrap_or(ConnectProblem::Internal)
    }
}

/// A refusal page: its status, and the messages of its title and of what to do (given `$app`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub title: &'static str,
    pub body: &'static str,
}

codes! {
    /// Why a callback cannot be accepted. Each has its own page; nothing changes.
    CallbackRefusal {
        SignInRequired = "signin",
        Unknown = "unknown",
        OtherSession = "other_session",
        Expired = "expired",
        Replayed = "replayed",
        Internal = "internal",
    }
}

impl CallbackRefusal {
    pub fn page(self) -> Refusal {
        let (status, title, body) = match self {
            CallbackRefusal::SignInRequired => (401, "callback-signin-title", "callback-signin-body"),
            CallbackRefusal::Unknown => (404, "callback-unknown-title", "callback-unknown-body"),
            CallbackRefusal::OtherSession => (403, "callback-other-session-title", "callback-other-session-body"),
            CallbackRefusal::Expired => (410, "callback-expired-title", "callback-expired-body"),
            CallbackRefusal::Replayed => (409, "callback-replayed-title", "callback-replayed-body"),
            CallbackRefusal::Internal => (503, "callback-internal-title", "callback-internal-body"),
        };
        Refusal { status, title, body }
    }
}

codes! {
    /// Why a portal link was refused. Each has its own page.
    LinkRefusal {
        Malformed = "malformed",
        BadSignature = "bad_signature",
        Expired = "expired",
        Replayed = "replayed",
        Revoked = "revoked",
        /// A deep link's integration is not active (any more), or unknown.
        Unavailable = "integration_unavailable",
        Internal = "internal",
    }
}

impl LinkRefusal {
    pub fn page(self) -> Refusal {
        let (status, title, body) = match self {
            LinkRefusal::Expired => (410, "link-expired-title", "link-expired-body"),
            LinkRefusal::Replayed => (410, "link-replayed-title", "link-replayed-body"),
            LinkRefusal::Revoked => (410, "link-revoked-title", "link-revoked-body"),
            LinkRefusal::BadSignature => (403, "link-bad-signature-title", "link-bad-signature-body"),
            LinkRefusal::Unavailable => (410, "link-unavailable-title", "link-unavailable-body"),
            LinkRefusal::Malformed => (400, "link-malformed-title", "link-malformed-body"),
            LinkRefusal::Internal => (503, "link-internal-title", "link-internal-body"),
        };
        Refusal { status, title, body }
    }
}

codes! {
    /// Why a single sign-on did not sign anyone in (`/admin?sso=<code>`); each has its own page.
    SsoProblem {
        IssuerDown = "issuer_down",
        Cancelled = "cancelled",
        Refused = "refused",
        Unverified = "unverified",
        Rebound = "rebound",
        Stale = "stale",
        Invalid = "invalid",
    }
}

impl SsoProblem {
    /// (title, what it means and what to do): the console's English.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            SsoProblem::IssuerDown => (
                "The sign-in provider cannot be reached",
                "plugboard could not reach your company's sign-in provider, or it answered wrongly. Try again in a minute; if it keeps happening, tell whoever runs your sign-in provider. The password sign-in, when there is one, still works.",
            ),
            SsoProblem::Cancelled => ("Sign-in cancelled", "You cancelled the sign-in at your company's sign-in provider. Nothing changed; sign in again when you are ready."),
            SsoProblem::Refused => (
                "This account may not use the console",
                "Your company account signed in, but its email is not on this console's list of admins or viewers. Ask an admin to add it to PLUGBOARD_ADMIN_ALLOWED or PLUGBOARD_ADMIN_VIEWERS.",
            ),
            SsoProblem::Unverified => ("Your email is not verified", "Your sign-in provider does not say that this account's email is verified. Verify it there, then sign in again."),
            SsoProblem::Rebound => (
                "This email belongs to another account",
                "Another account at your sign-in provider already signed in with this email. An email alone does not make an admin: ask an admin to look into it.",
            ),
            SsoProblem::Stale => ("That sign-in expired", "The sign-in took too long or was not started in this browser. Start again."),
            SsoProblem::Invalid => ("The sign-in could not be verified", "Your sign-in provider's answer did not verify. Start again; if it keeps happening, tell whoever runs plugboard."),
        }
    }
}

/// Why the admin sign-in form is shown again (`/admin?error=wrong`, `/admin?error=limited&minutes=3`,
/// `/admin?sso=refused`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInNotice {
    Wrong,
    Limited { minutes: u64 },
    Sso(SsoProblem),
}

impl SignInNotice {
    /// The query string (without `?`).
    pub fn to_query(self) -> String {
        match self {
            SignInNotice::Wrong => "error=wrong".into(),
            SignInNotice::Limited { minutes } => format!("error=limited&minutes={minutes}"),
            SignInNotice::Sso(p) => format!("sso={}", p.as_str()),
        }
    }

    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Option<SignInNotice> {
        if let Some(p) = get("sso").and_then(|c| SsoProblem::parse(c.trim())) {
            return Some(SignInNotice::Sso(p));
        }
        match get("error")?.as_str() {
            "wrong" => Some(SignInNotice::Wrong),
            "limited" => Some(SignInNotice::Limited {
                minutes: get("minutes").and_then(|m| m.trim().parse().ok()).unwrap_or(0),
            }),
            _ => None,
        }
    }

    pub fn message(self) -> String {
        match self {
            SignInNotice::Wrong => "That password is not right.".into(),
            SignInNotice::Limited { minutes } => {
                let wait = if minutes == 0 { "a few".to_string() } else { minutes.to_string() };
                format!("Too many sign-in attempts from your network. Wait {wait} minute(s) and try again.")
            }
            SignInNotice::Sso(p) => p.words().1.into(),
        }
    }
}

/// What "Check now" found (`?checked=ok`, `unavailable`, `unknown<n>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckOutcome {
    Ok,
    Unavailable,
    Unknown(usize),
}

impl CheckOutcome {
    pub fn as_query_value(self) -> String {
        match self {
            CheckOutcome::Ok => "ok".into(),
            CheckOutcome::Unavailable => "unavailable".into(),
            CheckOutcome::Unknown(n) => format!("unknown{n}"),
        }
    }

    pub fn parse(raw: &str) -> Option<CheckOutcome> {
        match raw {
            "ok" => Some(CheckOutcome::Ok),
            "unavailable" => Some(CheckOutcome::Unavailable),
            other => other.strip_prefix("unknown")?.parse().ok().map(CheckOutcome::Unknown),
        }
    }

    pub fn message(self) -> String {
        match self {
            CheckOutcome::Ok => "Checked just now with the API.".into(),
            CheckOutcome::Unavailable => {
                "The integration list could not be read from the API; nothing was checked. Try again in a moment.".into()
            }
            CheckOutcome::Unknown(n) => {
                format!("Checked just now; {n} integration(s) did not answer in time and keep their last known state.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_have_words() {
        for c in ConnectProblem::ALL {
            assert_eq!(ConnectProblem::parse(c.as_str()), Some(*c));
            assert!(c.message_id().starts_with("connect-"));
        }
        assert_eq!(ConnectProblem::from_url("nonsense"), ConnectProblem::Internal);
        for c in CallbackRefusal::ALL {
            assert_eq!(CallbackRefusal::parse(c.as_str()), Some(*c));
            assert!(c.page().status >= 400);
        }
        for c in LinkRefusal::ALL {
            assert_eq!(LinkRefusal::parse(c.as_str()), Some(*c));
        }
        assert_eq!(LinkRefusal::Expired.page().body, "link-expired-body");
        for o in [CheckOutcome::Ok, CheckOutcome::Unavailable, CheckOutcome::Unknown(3)] {
            assert_eq!(CheckOutcome::parse(&o.as_query_value()), Some(o));
        }
        let limited = SignInNotice::Limited { minutes: 2 };
        let q = limited.to_query();
        let get = |k: &str| q.split('&').find_map(|p| p.strip_prefix(&format!("{k}="))).map(str::to_owned);
        assert_eq!(SignInNotice::from_pairs(get), Some(limited));
    }
}
