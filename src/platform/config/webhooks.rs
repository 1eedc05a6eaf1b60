//! Webhook settings: the endpoint (one today, named so that more can follow), its signing secrets and the delivery
//! schedule.

use super::{vars, ConfigError};
use base64::Engine;
use secrecy::SecretSlice;
use std::time::Duration;
use url::Url;

/// Where events go, signed with each secret.
#[derive(Clone)]
pub struct Endpoint {
    /// The stable name deliveries are recorded under.
    pub name: String,
    pub url: Url,
    pub secrets: Vec<SecretSlice<u8>>,
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint").field("name", &self.name).field("secrets", &self.secrets.len()).finish()
    }
}

#[derive(Clone, Debug)]
pub struct WebhookSettings {
    /// None: no webhooks (on the sandbox, the server wires the sandbox's inbox in).
    pub endpoint: Option<Endpoint>,
    pub reconnect_ttl: Duration,
    pub timeout: Duration,
    pub retry_base: Duration,
    pub give_up: Duration,
    /// How long a claim reserves deliveries for its worker (renewed every third of it while they are sent).
    pub lease: Duration,
    /// Hosts a console-made endpoint may use despite http or a private address (`PLUGBOARD_WEBHOOK_ALLOW_HOSTS`).
    pub allow_hosts: super::HostAllowList,
}

/// A `whsec_<base64>` secret as its key bytes.
pub fn parse_secret(raw: &str) -> Option<SecretSlice<u8>> {
    let b64 = raw.trim().strip_prefix("whsec_")?;
    let key = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    (24..=64).contains(&key.len()).then(|| SecretSlice::from(key))
}

pub(super) fn webhooks(env: &vars::Env) -> Result<WebhookSettings, ConfigError> {
    let endpoint = match env.given(&vars::WEBHOOK_URL) {
        None => None,
        Some(raw) => {
            let url = Url::parse(&raw)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
                .ok_or_else(|| env.invalid(&vars::WEBHOOK_URL, "not an absolute http(s) URL"))?;
            let raw_secrets = env
                .given(&vars::WEBHOOK_SECRET)
                .ok_or_else(|| env.invalid(&vars::WEBHOOK_SECRET, "not set, and PLUGBOARD_WEBHOOK_URL is"))?;
            let secrets = raw_secrets
                .split(',')
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse_secret(s).ok_or_else(|| env.invalid(&vars::WEBHOOK_SECRET, "a secret is not whsec_<base64 of 24 to 64 bytes>")))
                .collect::<Result<Vec<_>, _>>()?;
            Some(Endpoint { name: "default".into(), url, secrets })
        }
    };
    Ok(WebhookSettings {
        endpoint,
        reconnect_ttl: env.seconds(&vars::WEBHOOK_RECONNECT_TTL_SECONDS, 60..=604_800)?,
        timeout: env.seconds(&vars::WEBHOOK_TIMEOUT_SECONDS, 1..=60)?,
        retry_base: env.millis(&vars::WEBHOOK_RETRY_BASE_MS, 10..=3_600_000)?,
        give_up: env.seconds(&vars::WEBHOOK_GIVE_UP_SECONDS, 1..=604_800)?,
        lease: env.seconds(&vars::WEBHOOK_LEASE_SECONDS, 1..=3600)?,
        allow_hosts: super::HostAllowList::new(env.hosts(&vars::WEBHOOK_ALLOW_HOSTS)?.unwrap_or_default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_whsec_base64() {
        assert!(parse_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_some());
        assert!(parse_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_none());
        assert!(parse_secret("whsec_c2hvcnQ=").is_none(), "too short");
        assert!(parse_secret("whsec_!!!").is_none());
    }
}
