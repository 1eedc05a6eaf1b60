//! Domain types shared by the server and the browser: the toolregistry Integration API's DTOs, exactly as its
//! schemas say (camelCase, required vs optional, RFC 3339 times), and the newtypes that carry their ids.
//!
//! Unknown fields are ignored; an unknown `authType` is kept as [`AuthType::Other`] instead of failing.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The id the API calls `customerIntegrationId`: the path parameter of the user endpoints.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CustomerIntegrationId(String);

impl CustomerIntegrationId {
    pub fn parse(raw: impl Into<String>) -> Result<Self, IdError> {
        let raw = raw.into();
        check_segment(&raw, "integration id")?;
        Ok(Self(raw))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CustomerIntegrationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The host product's id for its end user. Treated as sensitive: its `Debug` does not print it, so it cannot leak
/// into a log through `{:?}`; code that needs the value asks for it with [`UserId::as_str`].
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(String);

impl UserId {
    pub const MAX_LEN: usize = 256;

    pub fn parse(raw: impl Into<String>) -> Result<Self, IdError> {
        let raw = raw.into();
        check_segment(&raw, "user id")?;
        Ok(Self(raw))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserId(<{} chars>)", self.0.chars().count())
    }
}

/// Why an id was refused at the edge.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the {0} is empty")]
    Empty(&'static str),
    #[error("the {0} is longer than {max} characters", max = UserId::MAX_LEN)]
    TooLong(&'static str),
    #[error("the {0} contains a control character")]
    ControlChar(&'static str),
    #[error("the {0} cannot be \".\" or \"..\"")]
    DotSegment(&'static str),
}

/// Ids travel as one URL path segment. Every character can be percent-encoded except that a segment which is
/// exactly `.` or `..` is a dot-segment in every URL parser and would change the path, so those are refused.
fn check_segment(raw: &str, what: &'static str) -> Result<(), IdError> {
    if raw.is_empty() {
        return Err(IdError::Empty(what));
    }
    if raw.chars().count() > UserId::MAX_LEN {
        return Err(IdError::TooLong(what));
    }
    if raw.chars().any(char::is_control) {
        return Err(IdError::ControlChar(what));
    }
    if raw == "." || raw == ".." {
        return Err(IdError::DotSegment(what));
    }
    Ok(())
}

/// `authType`: the five documented values, and any other string kept as it came.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum AuthType {
    None,
    ApiToken,
    OAuth2,
    AwsAssumeRole,
    GoogleServiceAccountOAuth,
    Other(String),
}

impl AuthType {
    pub const KNOWN: [AuthType; 5] = [
        AuthType::OAuth2,
        AuthType::ApiToken,
        AuthType::AwsAssumeRole,
        AuthType::GoogleServiceAccountOAuth,
        AuthType::None,
    ];

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            AuthType::None => "NONE",
            AuthType::ApiToken => "API_TOKEN",
            AuthType::OAuth2 => "OAUTH2",
            AuthType::AwsAssumeRole => "AWS_ASSUME_ROLE",
            AuthType::GoogleServiceAccountOAuth => "GOOGLE_SERVICE_ACCOUNT_OAUTH",
            AuthType::Other(s) => s,
        }
    }

    /// What a person reads.
    pub fn label(&self) -> String {
        match self {
            AuthType::None => "No sign-in needed".into(),
            AuthType::ApiToken => "API token".into(),
            AuthType::OAuth2 => "OAuth".into(),
            AuthType::AwsAssumeRole => "AWS role".into(),
            AuthType::GoogleServiceAccountOAuth => "Google service account".into(),
            AuthType::Other(raw) => {
                // "SAML_SSO" -> "Saml sso": readable, never blank.
                let words = raw.replace(['_', '-'], " ").trim().to_lowercase();
                let mut chars = words.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => "Other sign-in".into(),
                }
            }
        }
    }
}

impl From<String> for AuthType {
    fn from(s: String) -> Self {
        match s.as_str() {
            "NONE" => AuthType::None,
            "API_TOKEN" => AuthType::ApiToken,
            "OAUTH2" => AuthType::OAuth2,
            "AWS_ASSUME_ROLE" => AuthType::AwsAssumeRole,
            "GOOGLE_SERVICE_ACCOUNT_OAUTH" => AuthType::GoogleServiceAccountOAuth,
            _ => AuthType::Other(s),
        }
    }
}

impl From<AuthType> for String {
    fn from(a: AuthType) -> Self {
        a.as_str().to_owned()
    }
}

/// `IntegrationResponseDto`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Integration {
    pub integration_id: String,
    pub customer_integration_id: CustomerIntegrationId,
    pub active: bool,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    pub host: String,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<AuthType>,
}

/// `IntegrationUserResponseDto`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IntegrationUser {
    pub user_id: UserId,
    pub active: bool,
    pub updated_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// `IntegrationUserAuthUrlRequestDto`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthUrlRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
}

/// `IntegrationUserAuthUrlResponseDto`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthUrlResponse {
    pub authorize_url: String,
}

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

impl ConnState {
    pub const KEYS: [&'static str; 4] = ["connected", "not_connected", "needs_reconnect", "unknown"];

    /// A stable key (URL filters, CSS classes, data attributes).
    pub fn key(&self) -> &'static str {
        match self {
            ConnState::Connected { .. } => "connected",
            ConnState::NotConnected => "not_connected",
            ConnState::NeedsReconnect { .. } => "needs_reconnect",
            ConnState::Unknown => "unknown",
        }
    }

    pub fn label_for_key(key: &str) -> &'static str {
        match key {
            "connected" => "Connected",
            "not_connected" => "Not connected",
            "needs_reconnect" => "Needs reconnecting",
            _ => "Unknown",
        }
    }

    pub fn label(&self) -> &'static str {
        Self::label_for_key(self.key())
    }

    /// Whether the primary action is "Reconnect" rather than "Connect".
    pub fn has_connection(&self) -> bool {
        matches!(self, ConnState::Connected { .. } | ConnState::NeedsReconnect { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"{
        "integrationId": "int_1", "customerIntegrationId": "ci_1", "active": true, "name": "Slack",
        "description": "Team chat", "logoUrl": "https://x/logo.svg", "host": "slack.com",
        "updatedAt": "2026-01-02T03:04:05.678Z", "createdAt": "2025-12-31T23:59:59+01:00", "authType": "OAUTH2"
    }"#;

    #[test]
    fn integration_with_every_field() {
        let i: Integration = serde_json::from_str(FULL).unwrap();
        assert_eq!(i.customer_integration_id.as_str(), "ci_1");
        assert_eq!(i.auth_type, Some(AuthType::OAuth2));
        assert_eq!(i.description.as_deref(), Some("Team chat"));
        assert_eq!(i.created_at.to_rfc3339(), "2025-12-31T22:59:59+00:00");
        // Round trip keeps the wire names.
        let back = serde_json::to_value(&i).unwrap();
        assert_eq!(back["customerIntegrationId"], "ci_1");
        assert_eq!(back["authType"], "OAUTH2");
        assert_eq!(back["logoUrl"], "https://x/logo.svg");
    }

    #[test]
    fn optional_fields_may_be_missing_and_extra_fields_are_ignored() {
        let raw = r#"{"integrationId":"i","customerIntegrationId":"c","active":false,"name":"N","host":"h",
            "updatedAt":"2026-01-01T00:00:00Z","createdAt":"2026-01-01T00:00:00Z","brandNew":{"x":[1,2]}}"#;
        let i: Integration = serde_json::from_str(raw).unwrap();
        assert_eq!(i.auth_type, None);
        assert_eq!(i.description, None);
        assert_eq!(i.logo_url, None);
        assert!(!i.active);
        let back = serde_json::to_value(&i).unwrap();
        assert!(back.get("authType").is_none(), "absent stays absent: {back}");
    }

    #[test]
    fn unknown_auth_type_is_kept() {
        let raw = FULL.replace("\"OAUTH2\"", "\"SAML_SSO\"");
        let i: Integration = serde_json::from_str(&raw).unwrap();
        assert_eq!(i.auth_type, Some(AuthType::Other("SAML_SSO".into())));
        assert_eq!(i.auth_type.as_ref().unwrap().label(), "Saml sso");
        assert_eq!(serde_json::to_value(&i).unwrap()["authType"], "SAML_SSO");
    }

    #[test]
    fn every_known_auth_type_round_trips_and_has_words() {
        for t in AuthType::KNOWN {
            let wire = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<AuthType>(&wire).unwrap(), t);
            assert!(!t.label().is_empty());
        }
        assert_eq!(AuthType::from("".to_string()).label(), "Other sign-in");
    }

    #[test]
    fn required_fields_are_required() {
        for field in ["integrationId", "customerIntegrationId", "active", "name", "host", "updatedAt", "createdAt"] {
            let mut v: serde_json::Value = serde_json::from_str(FULL).unwrap();
            v.as_object_mut().unwrap().remove(field);
            assert!(serde_json::from_value::<Integration>(v).is_err(), "{field} must be required");
        }
    }

    #[test]
    fn times_must_be_rfc3339() {
        let raw = FULL.replace("2026-01-02T03:04:05.678Z", "yesterday");
        assert!(serde_json::from_str::<Integration>(&raw).is_err());
    }

    #[test]
    fn integration_user() {
        let raw = r#"{"userId":"a/b","active":true,"updatedAt":"2026-01-01T00:00:00Z","createdAt":"2026-01-01T00:00:00Z","x":1}"#;
        let u: IntegrationUser = serde_json::from_str(raw).unwrap();
        assert_eq!(u.user_id.as_str(), "a/b");
        assert!(u.active);
        assert!(serde_json::from_str::<IntegrationUser>(r#"{"userId":"a","active":true}"#).is_err());
    }

    #[test]
    fn auth_url_dtos() {
        assert_eq!(serde_json::to_string(&AuthUrlRequest::default()).unwrap(), "{}");
        let r = AuthUrlRequest { redirect_uri: Some("https://p/cb".into()) };
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"redirectUri":"https://p/cb"}"#);
        let a: AuthUrlResponse = serde_json::from_str(r#"{"authorizeUrl":"https://a/x","extra":true}"#).unwrap();
        assert_eq!(a.authorize_url, "https://a/x");
        assert!(serde_json::from_str::<AuthUrlResponse>("{}").is_err());
    }

    #[test]
    fn ids_parse_at_the_edge() {
        for ok in ["a/b", "../x", "?#%", "with space", "ünïcødé", "…"] {
            assert!(UserId::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(UserId::parse(""), Err(IdError::Empty("user id")));
        assert_eq!(UserId::parse(".."), Err(IdError::DotSegment("user id")));
        assert_eq!(UserId::parse("."), Err(IdError::DotSegment("user id")));
        assert_eq!(UserId::parse("a\nb"), Err(IdError::ControlChar("user id")));
        assert_eq!(UserId::parse("x".repeat(257)), Err(IdError::TooLong("user id")));
        assert!(!format!("{:?}", UserId::parse("secret-user").unwrap()).contains("secret-user"));
    }
}
