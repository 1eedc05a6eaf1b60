//! Deep links: a portal link that goes straight to one integration's Connect, and how its outcome travels back to
//! the host (`returnMode`, `plugboard_result`).

use serde::{Deserialize, Serialize};

/// How the callback of a link with a `returnUrl` answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReturnMode {
    /// The result page, with "Back to <app>" (the default).
    #[default]
    Page,
    /// A 303 to the `returnUrl` at once, with the outcome appended (`plugboard_result`, ...).
    Immediate,
}

impl ReturnMode {
    /// As the host API spells it (`returnMode`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnMode::Page => "page",
            ReturnMode::Immediate => "immediate",
        }
    }

    pub fn parse(raw: &str) -> Option<ReturnMode> {
        [ReturnMode::Page, ReturnMode::Immediate].into_iter().find(|m| m.as_str() == raw)
    }
}

/// What the host is told came of a connect attempt (`plugboard_result`). A hint: the read API and the webhook are
/// the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConnectResult {
    /// Verified active with the API.
    Connected,
    /// Verified inactive (denied or cancelled at the provider).
    NotConnected,
    /// Could not be verified (the API failed), or the attempt was refused before the provider.
    Failed,
}

impl ConnectResult {
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectResult::Connected => "connected",
            ConnectResult::NotConnected => "not_connected",
            ConnectResult::Failed => "failed",
        }
    }

    #[cfg(feature = "ssr")]
    /// `url` with `plugboard_result`, `plugboard_integration` and `plugboard_event` appended (its query kept).
    pub fn append_to(self, url: &url::Url, integration: &str, event: Option<&str>) -> url::Url {
        let mut url = url.clone();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("plugboard_result", self.as_str()).append_pair("plugboard_integration", integration);
            if let Some(e) = event {
                q.append_pair("plugboard_event", e);
            }
        }
        url
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_outcome_is_appended_and_the_query_kept() {
        let url = url::Url::parse("https://app.example/settings?tab=apps#top").unwrap();
        let back = ConnectResult::NotConnected.append_to(&url, "ci_01_slack", Some("e1"));
        assert_eq!(
            back.as_str(),
            "https://app.example/settings?tab=apps&plugboard_result=not_connected&plugboard_integration=ci_01_slack&plugboard_event=e1#top"
        );
        assert_eq!(ReturnMode::parse("immediate"), Some(ReturnMode::Immediate));
        assert_eq!(ReturnMode::parse("Immediate"), None);
    }
}
