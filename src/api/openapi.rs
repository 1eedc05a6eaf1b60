//! `GET /api/v1/openapi.json`: the host API described in OpenAPI 3.1, generated (utoipa) from the handlers' own
//! annotations and the body types they answer with ([`super::schema`]). Needs no token and is served even when the
//! API is off, so a host's engineers can read it and generate a client before they have a token.

use super::schema;
use axum::{
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use std::sync::LazyLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::OpenApi;

/// `Idempotency-Key`: the same key with the same request within 24 hours answers the first answer again.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)]
pub struct IdempotencyKey {
    /// Any 1 to 255 visible ASCII characters, unique per operation (a UUID is fine). Kept 24 hours per token: the
    /// same request (JSON-equal body; for DELETE the same path) gets the first answer again with
    /// `Idempotent-Replayed: true`; another request gets 422; one sent while the first still runs waits for it, up
    /// to 5 s, then gets 409 with `Retry-After`.
    #[serde(rename = "Idempotency-Key")]
    #[param(min_length = 1, max_length = 255, example = "7d1f0c52-order-42")]
    idempotency_key: Option<String>,
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        // utoipa fills `license` from Cargo.toml, where there is none: an empty name is not a valid License Object
        // (swagger-parser refused it, tests/openapi.spec.ts).
        openapi.info.license = None;
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "`Authorization: Bearer <token>`: PLUGBOARD_API_TOKEN (every scope) or a token made in the console with \
                 the scopes named on each operation (links:write, users:read, events:read, users:delete). A token \
                 without an operation's scope gets 403 `insufficient_scope` naming it.",
            ))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "plugboard host API",
        version = "1",
        description = "For the host product's backend: mint portal links (deep links too), read connection states and \
                       the event feed, erase a user. Errors are JSON (`ErrorBody`). Webhooks are described in README.md \
                       (Standard Webhooks)."
    ),
    paths(super::links::create_link, super::reads::user_connections, super::reads::events, super::reads::delete_user),
    components(schemas(
        schema::LinkCreate,
        schema::LinkCreated,
        schema::Connections,
        schema::Connection,
        schema::ConnectionState,
        schema::EventsPage,
        schema::FeedEvent,
        schema::ErrorBody
    )),
    modifiers(&BearerAuth),
    tags(
        (name = "links", description = "Portal links"),
        (name = "users", description = "A user's connections, and erasure"),
        (name = "events", description = "The event feed"),
    )
)]
pub struct ApiDoc;

static DOCUMENT: LazyLock<String> =
    LazyLock::new(|| ApiDoc::openapi().to_pretty_json().unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}")));

/// The document, as JSON.
pub fn document() -> &'static str {
    &DOCUMENT
}

pub async fn openapi_json() -> Response {
    let mut resp = document().to_owned().into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_request_members_are_the_ones_accepted() {
        let doc: serde_json::Value = serde_json::from_str(document()).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        assert!(doc["info"].get("license").is_none(), "no License Object without a name and an identifier or url");
        let props = doc["components"]["schemas"]["LinkCreate"]["properties"].as_object().unwrap();
        let mut documented: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut accepted = super::super::links::FIELDS.to_vec();
        documented.sort();
        accepted.sort();
        assert_eq!(documented, accepted);
    }
}
