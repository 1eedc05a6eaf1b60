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
    /// What a Connect failure means for the person who pressed it.
    pub fn message(self) -> &'static str {
        match self {
            ConnectProblem::SignIn => "Your session has ended. Open a new portal link to continue.",
            ConnectProblem::UnknownIntegration => {
                "That integration is not available any more. The list below is up to date."
            }
            ConnectProblem::Timeout => "The integration service took too long to answer. Please try again.",
            ConnectProblem::UntrustedRedirect => {
                "The sign-in page for this integration could not be verified, so we did not open it. Please try again later."
            }
            ConnectProblem::NotAllowed => {
                "This portal link does not include that integration. Ask for a new link that includes it."
            }
            ConnectProblem::Unavailable => "Connecting is temporarily unavailable. Please try again in a moment.",
            ConnectProblem::Internal => "Something went wrong while connecting. Please try again.",
        }
    }

    /// An unknown code in a URL still gets words.
    pub fn from_url(raw: &str) -> ConnectProblem {
        ConnectProblem::parse(raw).unwrap_or(ConnectProblem::Internal)
    }
}

/// A refusal page: its status, title and what to do.
pub struct Refusal {
    pub status: u16,
    pub title: &'static str,
    pub body: String,
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
    pub fn page(self, app: &str) -> Refusal {
        let (status, title, body): (u16, &str, String) = match self {
            CallbackRefusal::SignInRequired => {
                (401, "Your session has ended", format!("Open a new portal link from {app}, then connect again."))
            }
            CallbackRefusal::Unknown => {
                (404, "This return link is not one we issued", "Nothing was changed. Start again from your integrations.".into())
            }
            CallbackRefusal::OtherSession => (
                403,
                "This connection was started somewhere else",
                "It belongs to another browser or session, so nothing was changed here. Start again from your integrations."
                    .into(),
            ),
            CallbackRefusal::Expired => (
                410,
                "This connection attempt took too long",
                "Attempts expire after 15 minutes. Nothing was changed. Please connect again.".into(),
            ),
            CallbackRefusal::Replayed => (
                409,
                "This return link was already used",
                "Each return link works once. Your integrations page shows the current state.".into(),
            ),
            CallbackRefusal::Internal => (
                503,
                "We could not check this connection",
                "Something went wrong on our side. Your integrations page shows the current state.".into(),
            ),
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
        Internal = "internal",
    }
}

impl LinkRefusal {
    pub fn page(self, app: &str) -> Refusal {
        let (status, title, body) = match self {
            LinkRefusal::Expired => (
                410,
                "This link has expired",
                format!("Portal links work for a few minutes only. Ask {app} for a new link."),
            ),
            LinkRefusal::Replayed => {
                (410, "This link was already used", format!("Each portal link works once. Ask {app} for a new link."))
            }
            LinkRefusal::Revoked => (
                410,
                "This link no longer works",
                format!("{app} withdrew it. Ask {app} for a new link."),
            ),
            LinkRefusal::BadSignature => (
                403,
                "This link is not valid",
                format!("It was not issued for this portal, or it was changed after it was issued. Ask {app} for a new link."),
            ),
            LinkRefusal::Malformed => (
                400,
                "This link is incomplete",
                format!("Part of the address may be missing, for example when it was copied. Ask {app} for a new link."),
            ),
            LinkRefusal::Internal => (
                503,
                "We could not sign you in",
                "Something went wrong on our side. Please open the link again in a moment.".to_owned(),
            ),
        };
        Refusal { status, title, body }
    }
}

/// Why the admin sign-in form is shown again (`/admin?error=wrong`, `/admin?error=limited&minutes=3`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInNotice {
    Wrong,
    Limited { minutes: u64 },
}

impl SignInNotice {
    /// The query string (without `?`).
    pub fn to_query(self) -> String {
        match self {
            SignInNotice::Wrong => "error=wrong".into(),
            SignInNotice::Limited { minutes } => format!("error=limited&minutes={minutes}"),
        }
    }

    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Option<SignInNotice> {
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
            assert!(!c.message().is_empty());
        }
        assert_eq!(ConnectProblem::from_url("nonsense"), ConnectProblem::Internal);
        for c in CallbackRefusal::ALL {
            assert_eq!(CallbackRefusal::parse(c.as_str()), Some(*c));
            assert!(c.page("Acme").status >= 400);
        }
        for c in LinkRefusal::ALL {
            assert_eq!(LinkRefusal::parse(c.as_str()), Some(*c));
        }
        assert!(LinkRefusal::Expired.page("Acme").body.contains("Ask Acme for a new link"));
        for o in [CheckOutcome::Ok, CheckOutcome::Unavailable, CheckOutcome::Unknown(3)] {
            assert_eq!(CheckOutcome::parse(&o.as_query_value()), Some(o));
        }
        let limited = SignInNotice::Limited { minutes: 2 };
        let q = limited.to_query();
        let get = |k: &str| q.split('&').find_map(|p| p.strip_prefix(&format!("{k}="))).map(str::to_owned);
        assert_eq!(SignInNotice::from_pairs(get), Some(limited));
    }
}
