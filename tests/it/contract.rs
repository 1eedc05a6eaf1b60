//! Contract test: the sandbox's responses validate against the schemas of the spec (tests/contract is a copy of
//! ../shared/openapi/toolregistry-integration.json, which merges the three endpoint documents of the seed spec).

use crate::helpers::*;
use serde_json::{json, Value};

fn spec() -> Value {
    serde_json::from_str(include_str!("contract/toolregistry-integration.json")).unwrap()
}

/// A validator for `schema`, with the spec's components available to `$ref`, formats checked (date-time) and, to
/// make the contract strict, no properties beyond those the spec lists.
fn validator(schema: Value) -> jsonschema::Validator {
    let mut components = spec()["components"].clone();
    for (_, s) in components["schemas"].as_object_mut().unwrap() {
        s["additionalProperties"] = json!(false);
    }
    let mut root = schema;
    root["components"] = components;
    jsonschema::options().should_validate_formats(true).build(&root).unwrap()
}

fn response_schema(path: &str, method: &str, status: &str) -> Value {
    spec()["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"].clone()
}

fn assert_valid(v: &jsonschema::Validator, body: &Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{what} violates the spec: {errors:#?}\n{body:#}");
}

async fn get(url: url::Url) -> (u16, Value) {
    let resp = http().get(url).header("x-api-key", KEY).send().await.unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn list_user_and_auth_url_match_the_schemas() {
    let sb = spawn_sandbox().await;
    let list_v = validator(response_schema("/v1/integrations", "get", "200"));
    for q in ["", "?active=true", "?active=false"] {
        let (status, body) = get(sb.api_url.join(&format!("v1/integrations{q}")).unwrap()).await;
        assert_eq!(status, 200);
        assert!(!body.as_array().unwrap().is_empty());
        assert_valid(&list_v, &body, "GET /v1/integrations");
    }

    let auth_v =
        validator(response_schema("/v1/integrations/{customerIntegrationId}/users/{userId}/auth-url", "post", "201"));
    let resp = http()
        .post(sb.api_url.join("v1/integrations/ci_01_slack/users/carol/auth-url").unwrap())
        .header("x-api-key", KEY)
        .json(&json!({ "redirectUri": "http://127.0.0.1:3000/cb" }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201, "the spec says 201 Created");
    assert_valid(&auth_v, &resp.json().await.unwrap(), "POST auth-url");

    let user_v = validator(response_schema("/v1/integrations/{customerIntegrationId}/users/{userId}", "get", "200"));
    let (status, body) = get(sb.api_url.join("v1/integrations/ci_01_slack/users/carol").unwrap()).await;
    assert_eq!(status, 200);
    assert_valid(&user_v, &body, "GET user");
}

#[tokio::test]
async fn the_validator_catches_a_broken_payload() {
    // Guards the guard: a payload missing a required field, or with a bad date, must fail.
    let list_v = validator(response_schema("/v1/integrations", "get", "200"));
    let bad = json!([{ "integrationId": "i", "customerIntegrationId": "c", "active": true, "name": "n",
        "host": "h", "updatedAt": "not a date", "createdAt": "2026-01-01T00:00:00Z" }]);
    assert!(!list_v.is_valid(&bad));
    let missing = json!([{ "integrationId": "i" }]);
    assert!(!list_v.is_valid(&missing));
    let bad_auth = json!([{ "integrationId": "i", "customerIntegrationId": "c", "active": true, "name": "n",
        "host": "h", "updatedAt": "2026-01-01T00:00:00Z", "createdAt": "2026-01-01T00:00:00Z", "authType": "PASSWORD" }]);
    assert!(!list_v.is_valid(&bad_auth));
}

#[tokio::test]
async fn documented_error_statuses() {
    let sb = spawn_sandbox().await;
    let resp =
        http().get(sb.api_url.join("v1/integrations").unwrap()).header("x-api-key", "nope").send().await.unwrap();
    assert_eq!(resp.status(), 401);
    let (status, _) = get(sb.api_url.join("v1/integrations/ci_01_slack/users/nobody").unwrap()).await;
    assert_eq!(status, 404);
    set_faults(&sb, json!({ "errorRate": 1.0 })).await;
    let (status, _) = get(sb.api_url.join("v1/integrations").unwrap()).await;
    assert_eq!(status, 500);
}
