//! The toolregistry Integration API's DTOs, exactly as its schemas say (camelCase, required vs optional, RFC 3339
//! times). Unknown fields are ignored; an unknown `authType` is kept as [`AuthType::Other`] instead of failing.

use super::{CustomerIntegrationId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

    /// The portal's message for a known type; `None` for a type the API named that we do not know, which shows as
    /// its own words ([`AuthType::label`]).
    pub fn message_id(&self) -> Option<&'static str> {
        match self {
            AuthType::None => Some("auth-none"),
            AuthType::ApiToken => Some("auth-api-token"),
            AuthType::OAuth2 => Some("auth-oauth"),
            AuthType::AwsAssumeRole => Some("auth-aws-role"),
            AuthType::GoogleServiceAccountOAuth => Some("auth-google-service-account"),
            AuthType::Other(raw) if raw.trim().trim_matches(['_', '-']).is_empty() => Some("auth-other"),
            AuthType::Other(_) => None,
        }
    }

    /// What a person reads (English; the console's words).
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

