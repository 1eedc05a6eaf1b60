//! The host API's OpenAPI 3.1 document: served without a token (also with the API off), every documented example is
//! sent to the live API, and every answer (and every documented response example) validates against the document's
//! own schema, with undocumented members refused. (An independent validator checks the document itself in the
//! end-to-end suite, `end2end/tests/openapi.spec.ts`, which also generates the TypeScript client from it.)

use crate::helpers::*;
use serde_json::{json, Value};

const TOKEN: &str = "openapi-api-token-0123456789";

/// A validator for `schema` with the document's components available to `$ref`, formats checked, and no members
/// beyond those documented.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut components = doc["components"].clone();
    for (_, s) in components["schemas"].as_object_mut().unwrap() {
        if s.get("properties").is_some() {
            s["additionalProperties"] = json!(false);
        }
    }
    let mut root = schema.clone();
    root["components"] = components;
    jsonschema::options().should_validate_formats(true).build(&root).unwrap()
}

fn assert_valid(doc: &Value, schema: &Value, body: &Value, what: &str) {
    let v = validator(doc, schema);
    let errors: Vec<String> = v.iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path)).collect();
    assert!(errors.is_empty(), "{what} does not match the document: {errors:#?}\n{body:#}");
}

#[test]
fn every_documented_example_gets_an_answer_the_document_describes() {
    run(every_documented_example_gets_an_answer_the_document_describes_body())
}

async fn every_documented_example_gets_an_answer_the_document_describes_body() {
    // Served without a token, also when the API is off.
    let off = spawn_app(&[]).await;
    let resp = Client::new().get(off.url("/api/v1/openapi.json")).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "application/json");
    let doc: Value = resp.json().await.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");

    let app = spawn_app(&[("PLUGBOARD_API_TOKEN", TOKEN), ("PLUGBOARD_RETURN_HOSTS", "app.example.com")]).await;
    let served: Value = Client::new().get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(served, doc);
    let paths = doc["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 4, "every host endpoint is described: {:?}", paths.keys().collect::<Vec<_>>());
    assert!(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");

    // Every documented response example matches its own schema.
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            for (status, r) in op["responses"].as_object().unwrap() {
                let media = &r["content"]["application/json"];
                if let Some(example) = media.get("example") {
                    assert_valid(&doc, &media["schema"], example, &format!("the example of {method} {path} {status}"));
                }
            }
        }
    }

    // Sent live, in an order that makes sense: mint (every request example), read, the feed, erase.
    let mut calls: Vec<(String, String, Option<(String, Value)>)> = Vec::new();
    let link_op = &doc["paths"]["/api/v1/links"]["post"];
    for (name, ex) in link_op["requestBody"]["content"]["application/json"]["examples"].as_object().unwrap() {
        calls.push(("post".into(), "/api/v1/links".into(), Some((name.clone(), ex["value"].clone()))));
    }
    assert!(calls.len() >= 4, "plain, profile, deep and invalid examples");
    let user = doc["paths"]["/api/v1/users/{userId}/connections"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "userId")
        .unwrap()["example"]
        .as_str()
        .unwrap()
        .to_owned();
    calls.push(("get".into(), format!("/api/v1/users/{user}/connections"), None));
    calls.push(("get".into(), "/api/v1/users/never-seen/connections".into(), None));
    calls.push(("get".into(), "/api/v1/events".into(), None));
    calls.push(("delete".into(), format!("/api/v1/users/{user}"), None));
    let mut statuses = Vec::new();
    for (method, path, body) in calls {
        let template = if path.ends_with("/connections") {
            "/api/v1/users/{userId}/connections"
        } else if path.starts_with("/api/v1/users/") {
            "/api/v1/users/{userId}"
        } else {
            &path
        };
        let mut req = Client::new().request(method.to_uppercase().parse().unwrap(), app.url(&path)).bearer_auth(TOKEN);
        if let Some((_, b)) = &body {
            req = req.json(b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16().to_string();
        let what = format!("{method} {path} {}", body.as_ref().map(|b| b.0.as_str()).unwrap_or(""));
        let documented = &doc["paths"][template][&method]["responses"][&status];
        assert!(documented.is_object(), "{what} answered {status}, which the document does not describe");
        let text = resp.text().await.unwrap();
        match documented["content"]["application/json"]["schema"].as_object() {
            Some(schema) => {
                let body: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{what}: not JSON: {text}"));
                assert_valid(&doc, &Value::Object(schema.clone()), &body, &what);
            }
            None => assert!(text.is_empty(), "{what}: a body where none is described: {text}"),
        }
        statuses.push((what, status));
    }
    let expected = ["201", "201", "201", "400", "200", "404", "200", "204"];
    let got: Vec<&str> = statuses.iter().map(|(_, s)| s.as_str()).collect();
    let mut sorted_names: Vec<(String, String)> = statuses.clone();
    sorted_names.truncate(4);
    // The request examples come in the document's order; only the invalid one is refused.
    for (what, status) in &statuses[..4] {
        assert_eq!(status, if what.ends_with("invalid") { "400" } else { "201" }, "{what}");
    }
    assert_eq!(&got[4..], &expected[4..], "{statuses:?}");
}
