//! The domain, shared by the server and the browser: the toolregistry API's DTOs ([`api`]), the ids that carry
//! them ([`ids`]), connection states ([`state`]), the event log's vocabulary ([`events`]) and the refusal codes that
//! travel in URLs ([`problems`]). No I/O.

pub mod access;
pub mod api;
pub mod deep_link;
pub mod events;
pub mod funnel;
pub mod ids;
pub mod problems;
pub mod profile;
pub mod state;
pub mod webhook;

pub use deep_link::{ConnectResult, ReturnMode};
pub use access::{AdminRole, ApiScope, PASSWORD_ACTOR};
pub use api::{AuthType, AuthUrlRequest, AuthUrlResponse, Integration, IntegrationUser};
pub use events::{Actor, EventDetail, EventKind};
pub use ids::{CustomerIntegrationId, IdError, UserId, UserRef};
pub use problems::{CallbackRefusal, CheckOutcome, ConnectProblem, LinkRefusal, Refusal, SignInNotice, SsoProblem};
pub use profile::{Organization, Profile, ProfileError};
pub use state::{CardState, ConnState, StateKey, StatusHint};
pub use webhook::{ObservedBy, WebhookKind};

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
        // Deserializing goes through the same checks.
        assert_eq!(serde_json::from_str::<UserId>(r#""a/b""#).unwrap().as_str(), "a/b");
        for bad in [r#""..""#, r#""""#, r#""a
b""#] {
            assert!(serde_json::from_str::<UserId>(bad).is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&UserId::parse("a").unwrap()).unwrap(), r#""a""#);
    }
}
