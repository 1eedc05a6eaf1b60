//! Shared helpers: a sandbox on port 0 and a client pointed at it over real HTTP.
#![allow(dead_code)]

use plugboard::sandbox::{self, Faults, SandboxConfig, SandboxHandle};
use plugboard::upstream::{ClientOptions, ToolRegistry};
use secrecy::SecretString;
use std::time::Duration;

pub const KEY: &str = "test-key-0123456789";

pub async fn spawn_sandbox() -> SandboxHandle {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    sandbox::spawn(
        listener,
        SandboxConfig { api_key: KEY.into(), public_url: None, integrations: None, faults: Faults::default() },
    )
    .await
    .expect("sandbox")
}

pub fn client(sb: &SandboxHandle) -> ToolRegistry {
    client_with(sb, KEY, ClientOptions { timeout: Duration::from_millis(800), ..ClientOptions::default() })
}

pub fn client_with(sb: &SandboxHandle, key: &str, opts: ClientOptions) -> ToolRegistry {
    ToolRegistry::new(sb.api_url.clone(), SecretString::from(key.to_owned()), opts).expect("client")
}

/// A plain HTTP client that does not follow redirects, for the sandbox's pages and control API.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("http client")
}

pub async fn set_faults(sb: &SandboxHandle, faults: serde_json::Value) {
    set_faults_with_key(sb, KEY, faults).await
}

pub async fn set_faults_with_key(sb: &SandboxHandle, key: &str, faults: serde_json::Value) {
    let resp = http()
        .put(sb.api_url.join("_sandbox/faults").unwrap())
        .header("x-api-key", key)
        .json(&faults)
        .send()
        .await
        .expect("faults");
    assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap_or_default());
}

/// The authorize URL as reachable from the test (the page host is `localhost`; the test talks to the loopback IP).
pub fn reachable(sb: &SandboxHandle, authorize_url: &str) -> url::Url {
    let mut u = url::Url::parse(authorize_url).expect("authorize url");
    u.set_host(Some(&sb.addr.ip().to_string())).unwrap();
    u
}
