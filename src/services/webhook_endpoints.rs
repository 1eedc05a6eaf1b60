//! Webhook endpoints made in the console: each with its own `whsec_` secret (shown once, sealed at rest, rotatable
//! with an overlap), a filter of event types, enabled or not, deleted softly. Their URLs must be https, except on
//! hosts the operator lists (`PLUGBOARD_WEBHOOK_ALLOW_HOSTS`); private, loopback and link-local addresses are refused
//! when an endpoint is made and again at every delivery (DNS may change), unless listed. Every change is an event.

use crate::domain::{EventDetail, EventKind, WebhookKind};
use crate::platform::config::HostAllowList;
use crate::platform::db::{from_ms, ms, Db, DbError};
use crate::platform::sealed::Sealer;
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;
use std::net::IpAddr;
use url::Url;

/// How long the previous secret still signs after a rotation.
pub const ROTATION_OVERLAP: Duration = Duration::hours(24);
/// At most this many endpoints (a console, not a fan-out service).
pub const MAX_ENDPOINTS: i64 = 20;

#[derive(Clone, Debug, PartialEq)]
pub struct EndpointRecord {
    pub id: String,
    pub url: String,
    pub description: String,
    /// Empty: every type.
    pub types: Vec<WebhookKind>,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
    pub previous_until: Option<DateTime<Utc>>,
}

impl EndpointRecord {
    pub fn wants(&self, kind: WebhookKind) -> bool {
        self.types.is_empty() || self.types.contains(&kind)
    }
}

/// What a delivery to an endpoint needs.
pub struct Target {
    pub url: Url,
    /// The current secret, then the previous one while the overlap lasts.
    pub secrets: Vec<secrecy::SecretSlice<u8>>,
    pub enabled: bool,
}

/// Why an endpoint's URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UrlRefusal {
    #[error("not an absolute URL")]
    NotAbsolute,
    #[error("must be https (http only on a host in PLUGBOARD_WEBHOOK_ALLOW_HOSTS)")]
    NotHttps,
    #[error("must not carry a user name or password")]
    Credentials,
    #[error("its address is private, loopback or link-local (list the host in PLUGBOARD_WEBHOOK_ALLOW_HOSTS to allow it)")]
    Private,
    #[error("its host does not resolve")]
    Unresolved,
}

/// Whether an address may not receive webhooks: private, loopback, link-local, shared (CGNAT), benchmarking,
/// reserved, unspecified, broadcast, multicast and documentation ranges; in IPv6 also unique-local, site-local, and
/// any form that carries an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) whose IPv4 address is forbidden.
pub fn forbidden_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let embedded = |hi: u16, lo: u16| IpAddr::V4(std::net::Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
            if let Some(v4) = v6.to_ipv4_mapped() {
                return forbidden_ip(IpAddr::V4(v4));
            }
            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96): the last 32 bits.
            if s[..6] == [0; 6] && !v6.is_loopback() && !v6.is_unspecified() || s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
                return forbidden_ip(embedded(s[6], s[7]));
            }
            // 6to4 (2002::/16): bits 16 to 48.
            if s[0] == 0x2002 {
                return forbidden_ip(embedded(s[1], s[2]));
            }
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || (s[0] & 0xffc0) == 0xfec0 // site-local
                || (s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1) // local-use NAT64 (64:ff9b:1::/48)
                || (s[0] == 0x2001 && s[1] == 0) // Teredo
                || (s[0] == 0x2001 && s[1] == 0xdb8) // documentation
        }
    }
}

/// Checks an endpoint's URL when it is made: scheme, credentials, and where its host resolves to now.
pub async fn check_url(raw: &str, allow: &HostAllowList) -> Result<Url, UrlRefusal> {
    let url = Url::parse(raw.trim()).map_err(|_| UrlRefusal::NotAbsolute)?;
    let host = url.host_str().ok_or(UrlRefusal::NotAbsolute)?.to_owned();
    let listed = allow.allows(&host);
    match url.scheme() {
        "https" => {}
        "http" if listed => {}
        "http" => return Err(UrlRefusal::NotHttps),
        _ => return Err(UrlRefusal::NotAbsolute),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlRefusal::Credentials);
    }
    if !listed {
        check_addresses(&url).await?;
    }
    Ok(url)
}

/// Where `url`'s host resolves to must all be public (an IP literal is checked as it is).
pub async fn check_addresses(url: &Url) -> Result<(), UrlRefusal> {
    let port = url.port_or_known_default().unwrap_or(443);
    let addrs: Vec<IpAddr> = match url.host() {
        Some(url::Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
        Some(url::Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
        Some(url::Host::Domain(d)) => tokio::net::lookup_host((d, port))
            .await
            .map_err(|_| UrlRefusal::Unresolved)?
            .map(|a| a.ip())
            .collect(),
        None => return Err(UrlRefusal::NotAbsolute),
    };
    if addrs.is_empty() {
        return Err(UrlRefusal::Unresolved);
    }
    if addrs.into_iter().any(forbidden_ip) {
        return Err(UrlRefusal::Private);
    }
    Ok(())
}

/// A new `whsec_` secret: 32 random bytes.
pub fn new_secret() -> String {
    use base64::Engine;
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(crate::platform::secrets::random_bytes()))
}

fn aad(id: &str) -> Vec<u8> {
    format!("plugboard webhook endpoint secret v1\n{id}").into_bytes()
}

fn record(r: &sqlx::any::AnyRow) -> Result<EndpointRecord, DbError> {
    Ok(EndpointRecord {
        id: r.try_get(0)?,
        url: r.try_get(1)?,
        description: r.try_get(2)?,
        types: r.try_get::<String, _>(3)?.split_whitespace().filter_map(WebhookKind::parse).collect(),
        enabled: r.try_get::<i64, _>(4)? != 0,
        created_at: from_ms(r.try_get(5)?),
        previous_until: r.try_get::<Option<i64>, _>(6)?.map(from_ms),
    })
}

const COLUMNS: &str = "id, url, description, types, enabled, created_at, previous_until";

/// The console's endpoints: their rows, sealed secrets, and the events their changes write.
#[derive(Clone, Debug)]
pub struct Endpoints {
    db: Db,
    sealer: Sealer,
}

impl Endpoints {
    pub fn new(db: Db, sealer: Sealer) -> Self {
        Endpoints { db, sealer }
    }

    async fn changed(&self, tx: &mut sqlx::Transaction<'_, sqlx::Any>, words: String, now: DateTime<Utc>) -> Result<(), DbError> {
        let detail = EventDetail::Other(words);
        crate::services::registry::events::append_event(tx, EventKind::AdminEndpointChanged, None, None, &detail, now).await?;
        Ok(())
    }

    /// Makes an endpoint (the URL checked by the caller); returns its id and its secret, the only time it is shown.
    pub async fn create(
        &self,
        url: &Url,
        description: &str,
        types: &[WebhookKind],
        by: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(String, String)>, DbError> {
        let id = format!("ep_{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let secret = new_secret();
        let sealed = self.sealer.seal(&aad(&id), secret.as_bytes()).ok_or_else(|| DbError::Invalid("sealing failed".into()))?;
        let types_text = types.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(" ");
        let mut tx = self.db.pool().begin().await?;
        let count: i64 = sqlx::query("SELECT COUNT(*) FROM webhook_endpoints WHERE deleted_at IS NULL")
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        if count >= MAX_ENDPOINTS {
            return Ok(None);
        }
        sqlx::query(
            "INSERT INTO webhook_endpoints (id, url, description, types, secret, enabled, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6)",
        )
        .bind(&id)
        .bind(url.as_str())
        .bind(description)
        .bind(&types_text)
        .bind(sealed)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        let filter = if types_text.is_empty() { "every type".to_owned() } else { types_text };
        // The origin only: a receiver's path or query may carry a secret of its own, and the feed is read by tokens.
        let origin = url.origin().ascii_serialization();
        self.changed(&mut tx, format!("{id} created: {origin} ({filter}) by {by}"), now).await?;
        tx.commit().await?;
        Ok(Some((id, secret)))
    }

    /// Turns deliveries to an endpoint on or off. `false` if there is no such endpoint.
    pub async fn set_enabled(&self, id: &str, enabled: bool, by: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query("UPDATE webhook_endpoints SET enabled = $1 WHERE id = $2 AND deleted_at IS NULL")
            .bind(i64::from(enabled))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.changed(&mut tx, format!("{id} {} by {by}", if enabled { "enabled" } else { "disabled" }), now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Deletes an endpoint: nothing more is queued or sent to it (its past deliveries stay listed).
    pub async fn delete(&self, id: &str, by: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query("UPDATE webhook_endpoints SET deleted_at = $1, enabled = 0 WHERE id = $2 AND deleted_at IS NULL")
            .bind(ms(now))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        self.changed(&mut tx, format!("{id} deleted by {by}"), now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A new secret; the previous one keeps signing (both signatures are sent) for [`ROTATION_OVERLAP`]. Returns
    /// the new secret, the only time it is shown.
    pub async fn rotate(&self, id: &str, by: &str, now: DateTime<Utc>) -> Result<Option<String>, DbError> {
        let secret = new_secret();
        let sealed = self.sealer.seal(&aad(id), secret.as_bytes()).ok_or_else(|| DbError::Invalid("sealing failed".into()))?;
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_endpoints SET previous_secret = secret, previous_until = $1, secret = $2 WHERE id = $3 AND deleted_at IS NULL",
        )
        .bind(ms(now + ROTATION_OVERLAP))
        .bind(sealed)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(None);
        }
        self.changed(&mut tx, format!("{id} secret rotated (the previous one signs for 24 hours more) by {by}"), now).await?;
        tx.commit().await?;
        Ok(Some(secret))
    }

    /// Sends again, now, every delivery to `id` that failed and was queued at or after `since`. Returns how many.
    pub async fn replay_failed(&self, id: &str, since: DateTime<Utc>, by: &str, now: DateTime<Utc>) -> Result<u64, DbError> {
        let mut tx = self.db.pool().begin().await?;
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', next_at = $1, locked_until = 0, lease_token = NULL, updated_at = $1 \
             WHERE endpoint = $2 AND status = 'failed' AND created_at >= $3",
        )
        .bind(ms(now))
        .bind(id)
        .bind(ms(since))
        .execute(&mut *tx)
        .await?;
        let n = done.rows_affected();
        let since_text = since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.changed(&mut tx, format!("{id}: {n} failed since {since_text} queued again by {by}"), now).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Seals again, under the current key, every endpoint secret sealed under an earlier one. Returns how many rows.
    pub async fn reseal(&self) -> Result<u64, DbError> {
        let rows = sqlx::query("SELECT id, secret, previous_secret FROM webhook_endpoints WHERE deleted_at IS NULL")
            .fetch_all(self.db.pool())
            .await?;
        let mut n = 0;
        for r in rows {
            let id: String = r.try_get(0)?;
            let again = |sealed: Option<String>| -> Option<String> {
                let (plain, old) = self.sealer.open_telling(&aad(&id), sealed.as_deref()?)?;
                old.then(|| self.sealer.seal(&aad(&id), &plain)).flatten()
            };
            let (secret, previous) = (again(r.try_get(1)?), again(r.try_get(2)?));
            if secret.is_none() && previous.is_none() {
                continue;
            }
            sqlx::query(
                "UPDATE webhook_endpoints SET secret = COALESCE($1, secret), previous_secret = COALESCE($2, previous_secret) WHERE id = $3",
            )
            .bind(secret)
            .bind(previous)
            .bind(&id)
            .execute(self.db.pool())
            .await?;
            n += 1;
        }
        Ok(n)
    }

    /// A value kept in an admin's session until its page shows it once (a new token or secret), sealed there.
    pub fn seal_for_session(&self, plain: &str) -> Option<String> {
        self.sealer.seal(b"plugboard console: shown once v1", plain.as_bytes())
    }

    pub fn open_from_session(&self, sealed: &str) -> Option<String> {
        self.sealer.open(b"plugboard console: shown once v1", sealed).and_then(|p| String::from_utf8(p).ok())
    }

    /// Every endpoint not deleted, oldest first.
    pub async fn list(&self) -> Result<Vec<EndpointRecord>, DbError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id"))
            .fetch_all(self.db.pool())
            .await?;
        rows.iter().map(record).collect()
    }

    /// (delivered, failed, pending) deliveries to an endpoint.
    pub async fn tally(&self, id: &str) -> Result<(i64, i64, i64), DbError> {
        let rows = sqlx::query("SELECT status, COUNT(*) FROM webhook_deliveries WHERE endpoint = $1 GROUP BY status")
            .bind(id)
            .fetch_all(self.db.pool())
            .await?;
        let mut t = (0, 0, 0);
        for r in rows {
            let n: i64 = r.try_get(1)?;
            match r.try_get::<String, _>(0)?.as_str() {
                "delivered" => t.0 = n,
                "failed" => t.1 = n,
                _ => t.2 += n,
            }
        }
        Ok(t)
    }

    /// Where and how a delivery to `id` is sent, read now (a change made on another instance counts at once).
    /// None: no such endpoint, or deleted.
    pub async fn target(&self, id: &str, now: DateTime<Utc>) -> Result<Option<Target>, DbError> {
        let row = sqlx::query(
            "SELECT url, secret, previous_secret, previous_until, enabled FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(id)
        .fetch_optional(self.db.pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let Ok(url) = Url::parse(&r.try_get::<String, _>(0)?) else { return Ok(None) };
        let open = |sealed: &str| {
            self.sealer
                .open(&aad(id), sealed)
                .and_then(|plain| String::from_utf8(plain).ok())
                .and_then(|s| crate::platform::config::parse_secret(&s))
        };
        let mut secrets: Vec<_> = open(&r.try_get::<String, _>(1)?).into_iter().collect();
        let previous_until = r.try_get::<Option<i64>, _>(3)?.map(from_ms);
        if let (Some(prev), Some(until)) = (r.try_get::<Option<String>, _>(2)?, previous_until) {
            if until > now {
                secrets.extend(open(&prev));
            }
        }
        Ok(Some(Target { url, secrets, enabled: r.try_get::<i64, _>(4)? != 0 }))
    }
}

/// The endpoints a change of `kind` is queued for, inside the change's transaction.
pub async fn wanting(tx: &mut sqlx::Transaction<'_, sqlx::Any>, kind: WebhookKind) -> Result<Vec<String>, DbError> {
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM webhook_endpoints WHERE enabled = 1 AND deleted_at IS NULL"))
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.iter().map(record).collect::<Result<Vec<_>, _>>()?.into_iter().filter(|e| e.wants(kind)).map(|e| e.id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_loopback_and_link_local_addresses_are_forbidden() {
        for bad in [
            "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "198.18.0.1",
            "192.0.0.8", "240.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fe80::1", "fec0::1", "::ffff:127.0.0.1",
            "::ffff:10.0.0.1", "::127.0.0.1", "::a9fe:a9fe", "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "2002:a9fe:a9fe::1",
            "2002:7f00:1::", "2001:0:4136:e378::1", "2001:db8::1",
        ] {
            assert!(forbidden_ip(bad.parse().unwrap()), "{bad}");
        }
        for good in ["93.184.216.34", "8.8.8.8", "2606:4700::6810:85e5", "64:ff9b::5db8:d822", "2002:5db8:d822::1"] {
            assert!(!forbidden_ip(good.parse().unwrap()), "{good}");
        }
    }

    #[tokio::test]
    async fn urls_are_https_public_and_without_credentials_unless_listed() {
        let none = HostAllowList::new(Vec::<String>::new());
        assert_eq!(check_url("http://hooks.example.com/x", &none).await, Err(UrlRefusal::NotHttps));
        assert_eq!(check_url("https://u:p@93.184.216.34/x", &none).await, Err(UrlRefusal::Credentials));
        assert_eq!(check_url("https://127.0.0.1:9/x", &none).await, Err(UrlRefusal::Private));
        assert_eq!(check_url("https://[::1]/x", &none).await, Err(UrlRefusal::Private));
        assert_eq!(check_url("https://169.254.169.254/latest", &none).await, Err(UrlRefusal::Private));
        assert_eq!(check_url("ftp://93.184.216.34/", &none).await, Err(UrlRefusal::NotAbsolute));
        assert!(check_url("https://93.184.216.34/hooks", &none).await.is_ok());
        let listed = HostAllowList::new(["127.0.0.1".to_owned()]);
        assert!(check_url("http://127.0.0.1:9/hooks", &listed).await.is_ok());
    }
}

/// The resolver of the client that delivers to console-made endpoints: addresses in forbidden ranges are dropped
/// (none left: the send fails), unless the host is listed. Checked at connection time, so DNS changed since the
/// endpoint was made cannot lead a delivery inside. (IP literals never reach a resolver: see [`check_addresses`].)
pub struct GuardedResolver {
    pub allow: HostAllowList,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        let listed = self.allow.allows(&host);
        Box::pin(async move {
            let found: Vec<std::net::SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let kept: Vec<std::net::SocketAddr> = found.into_iter().filter(|a| listed || !forbidden_ip(a.ip())).collect();
            if kept.is_empty() {
                return Err(Box::new(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "the host resolves only to private, loopback or link-local addresses",
                )) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(kept.into_iter()) as reqwest::dns::Addrs)
        })
    }
}
