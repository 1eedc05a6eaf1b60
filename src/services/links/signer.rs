//! Signing and verifying portal link tokens: an HMAC-SHA256-signed statement of the user id, issue time, expiry, a
//! unique id and, optionally, where "Back to <app>" leads.
//!
//! Format: `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256("v1." + claims part))>`. Verifying checks the
//! signature (constant time), the shape and the expiry; that a link works once is the caller's job (the unique id
//! is recorded in the database until expiry).

use crate::domain::{CustomerIntegrationId, LinkRefusal, UserId};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretSlice};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use url::Url;

type HmacSha256 = Hmac<Sha256>;

/// The shortest secret accepted, in bytes.
pub const MIN_SECRET_LEN: usize = 32;
/// The longest a link may live.
pub const MAX_TTL: Duration = Duration::days(7);
pub const DEFAULT_TTL: Duration = Duration::minutes(15);

/// Links issued up to this far in the future are tolerated (clock skew between instances).
const SKEW: Duration = Duration::seconds(60);
/// Tokens longer than this are refused before any work is done.
const MAX_TOKEN_LEN: usize = 4096;

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    iat: i64,
    exp: i64,
    jti: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ret: Option<String>,
    /// The integrations the portal shows (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    int: Vec<String>,
}

/// A verified link.
#[derive(Clone, Debug)]
pub struct Link {
    pub user: UserId,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The unique id, recorded when the link is used.
    pub id: String,
    pub return_url: Option<Url>,
    /// The only integrations this link's portal shows and connects (all when empty).
    pub allowed: Vec<CustomerIntegrationId>,
}

/// Why a link was refused. Each has its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link is malformed")]
    Malformed,
    #[error("the link's signature does not match")]
    BadSignature,
    #[error("the link has expired")]
    Expired,
    #[error("the link was already used")]
    Replayed,
    #[error("the link's user was erased after it was issued")]
    Revoked,
}

impl From<LinkError> for LinkRefusal {
    fn from(e: LinkError) -> Self {
        match e {
            LinkError::Malformed => LinkRefusal::Malformed,
            LinkError::BadSignature => LinkRefusal::BadSignature,
            LinkError::Expired => LinkRefusal::Expired,
            LinkError::Replayed => LinkRefusal::Replayed,
            LinkError::Revoked => LinkRefusal::Revoked,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SignerError {
    #[error("the link secret must be at least {MIN_SECRET_LEN} bytes")]
    TooShort,
    #[error("the link lifetime must be between 1 second and 7 days")]
    BadTtl,
}

#[derive(Clone)]
pub struct LinkSigner {
    key: SecretSlice<u8>,
    /// The key before a rotation: what it signed still verifies; nothing new is signed with it.
    previous: Option<SecretSlice<u8>>,
}

impl std::fmt::Debug for LinkSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkSigner([redacted])")
    }
}

impl LinkSigner {
    pub fn new(secret: &[u8]) -> Result<Self, SignerError> {
        if secret.len() < MIN_SECRET_LEN {
            return Err(SignerError::TooShort);
        }
        Ok(Self { key: SecretSlice::from(secret.to_vec()), previous: None })
    }

    /// Also accepts what `previous` signed (during a secret rotation).
    pub fn with_previous(mut self, previous: &[u8]) -> Result<Self, SignerError> {
        if previous.len() < MIN_SECRET_LEN {
            return Err(SignerError::TooShort);
        }
        self.previous = Some(SecretSlice::from(previous.to_vec()));
        Ok(self)
    }

    /// The keys erased users' digests are made with: this secret (new digests), then the previous one.
    pub fn erasure_keys(&self) -> Vec<Vec<u8>> {
        std::iter::once(&self.key).chain(self.previous.as_ref()).map(|k| k.expose_secret().to_vec()).collect()
    }

    fn mac(&self) -> HmacSha256 {
        mac_with(&self.key)
    }

    /// Mints a link token for `user`, valid for `ttl` from `now`.
    pub fn mint(
        &self,
        user: &UserId,
        ttl: Duration,
        return_url: Option<&Url>,
        now: DateTime<Utc>,
    ) -> Result<(String, Link), SignerError> {
        self.mint_scoped(user, ttl, return_url, &[], now)
    }

    /// Mints a link whose portal shows only `allowed` (all when empty).
    pub fn mint_scoped(
        &self,
        user: &UserId,
        ttl: Duration,
        return_url: Option<&Url>,
        allowed: &[CustomerIntegrationId],
        now: DateTime<Utc>,
    ) -> Result<(String, Link), SignerError> {
        if ttl < Duration::seconds(1) || ttl > MAX_TTL {
            return Err(SignerError::BadTtl);
        }
        let id = uuid::Uuid::new_v4().simple().to_string();
        let expires_at = now + ttl;
        let claims = Claims {
            sub: user.as_str().to_owned(),
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            jti: id.clone(),
            ret: return_url.map(|u| u.to_string()),
            int: allowed.iter().map(|i| i.as_str().to_owned()).collect(),
        };
        let body = B64.encode(serde_json::to_vec(&claims).unwrap_or_default());
        let signed = format!("v1.{body}");
        let mut mac = self.mac();
        mac.update(signed.as_bytes());
        let sig = B64.encode(mac.finalize().into_bytes());
        let link = Link {
            user: user.clone(),
            issued_at: DateTime::from_timestamp(claims.iat, 0).unwrap_or(now),
            expires_at: DateTime::from_timestamp(claims.exp, 0).unwrap_or(expires_at),
            id,
            return_url: return_url.cloned(),
            allowed: allowed.to_vec(),
        };
        Ok((format!("{signed}.{sig}"), link))
    }

    /// Checks shape, signature and expiry. Does not check replay.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Link, LinkError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(LinkError::Malformed);
        }
        let mut parts = token.split('.');
        let (Some("v1"), Some(body), Some(sig), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(LinkError::Malformed);
        };
        let sig = B64.decode(sig).map_err(|_| LinkError::Malformed)?;
        let signed_by = |key: &SecretSlice<u8>| {
            let mut mac = mac_with(key);
            mac.update(b"v1.");
            mac.update(body.as_bytes());
            mac.verify_slice(&sig).is_ok()
        };
        if !signed_by(&self.key) && !self.previous.as_ref().is_some_and(signed_by) {
            return Err(LinkError::BadSignature);
        }
        // Signed by us: a shape problem past this point is still reported as malformed, never trusted.
        let claims: Claims =
            B64.decode(body).ok().and_then(|raw| serde_json::from_slice(&raw).ok()).ok_or(LinkError::Malformed)?;
        let user = UserId::parse(claims.sub).map_err(|_| LinkError::Malformed)?;
        let issued_at = DateTime::from_timestamp(claims.iat, 0).ok_or(LinkError::Malformed)?;
        let expires_at = DateTime::from_timestamp(claims.exp, 0).ok_or(LinkError::Malformed)?;
        if issued_at > now + SKEW || expires_at <= issued_at || claims.jti.is_empty() || claims.jti.len() > 64 {
            return Err(LinkError::Malformed);
        }
        if now >= expires_at {
            return Err(LinkError::Expired);
        }
        let return_url = match claims.ret {
            Some(raw) => Some(Url::parse(&raw).map_err(|_| LinkError::Malformed)?),
            None => None,
        };
        let allowed =
            claims.int.into_iter().map(CustomerIntegrationId::parse).collect::<Result<Vec<_>, _>>().map_err(|_| LinkError::Malformed)?;
        Ok(Link { user, issued_at, expires_at, id: claims.jti, return_url, allowed })
    }
}

fn mac_with(key: &SecretSlice<u8>) -> HmacSha256 {
    // HMAC accepts keys of any length; this cannot fail.
    <HmacSha256 as Mac>::new_from_slice(key.expose_secret()).unwrap_or_else(|_| unreachable!())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> LinkSigner {
        LinkSigner::new(&[7u8; 32]).unwrap()
    }

    #[test]
    fn round_trip() {
        let now = Utc::now();
        let user = UserId::parse("user/with?odd#chars ü").unwrap();
        let (token, minted) = signer().mint(&user, DEFAULT_TTL, None, now).unwrap();
        assert!(token.starts_with("v1.") && !token.contains(['/', '+', '=', '?', '#', ' ']));
        let link = signer().verify(&token, now).unwrap();
        assert_eq!(link.user, user);
        assert_eq!(link.id, minted.id);
        assert_eq!(link.expires_at.timestamp(), (now + DEFAULT_TTL).timestamp());
    }

    #[test]
    fn refusals_are_distinct() {
        let now = Utc::now();
        let user = UserId::parse("alice").unwrap();
        let (token, _) = signer().mint(&user, Duration::minutes(1), None, now).unwrap();
        assert_eq!(signer().verify(&token, now + Duration::minutes(2)).unwrap_err(), LinkError::Expired);
        let other = LinkSigner::new(&[8u8; 32]).unwrap();
        assert_eq!(other.verify(&token, now).unwrap_err(), LinkError::BadSignature);
        // Tamper with the claims: the signature no longer matches.
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = B64.encode(br#"{"sub":"mallory","iat":0,"exp":99999999999,"jti":"x"}"#);
        parts[1] = &forged;
        assert_eq!(signer().verify(&parts.join("."), now).unwrap_err(), LinkError::BadSignature);
        for junk in ["", "abc", "v1.x", "v2.a.b", "v1.a.b.c", "v1.a.!!!", &"v1.".repeat(3000)] {
            assert_eq!(signer().verify(junk, now).unwrap_err(), LinkError::Malformed, "{junk:.20}");
        }
    }

    #[test]
    fn a_rotated_secret_still_verifies_what_it_signed() {
        let now = Utc::now();
        let user = UserId::parse("rota").unwrap();
        let old = LinkSigner::new(&[1u8; 32]).unwrap();
        let (old_token, _) = old.mint(&user, DEFAULT_TTL, None, now).unwrap();
        let rotated = LinkSigner::new(&[2u8; 32]).unwrap().with_previous(&[1u8; 32]).unwrap();
        assert_eq!(rotated.verify(&old_token, now).unwrap().user, user, "signed with the previous secret");
        let (new_token, _) = rotated.mint(&user, DEFAULT_TTL, None, now).unwrap();
        assert!(rotated.verify(&new_token, now).is_ok());
        assert_eq!(old.verify(&new_token, now).unwrap_err(), LinkError::BadSignature, "new links use the new secret");
        let unrelated = LinkSigner::new(&[3u8; 32]).unwrap();
        assert_eq!(unrelated.verify(&old_token, now).unwrap_err(), LinkError::BadSignature);
        assert!(LinkSigner::new(&[2u8; 32]).unwrap().with_previous(&[1u8; 8]).is_err());
    }

    #[test]
    fn secrets_and_ttls_are_checked() {
        assert!(LinkSigner::new(&[1u8; 31]).is_err());
        let user = UserId::parse("a").unwrap();
        assert!(signer().mint(&user, Duration::seconds(0), None, Utc::now()).is_err());
        assert!(signer().mint(&user, Duration::days(8), None, Utc::now()).is_err());
        assert!(!format!("{:?}", signer()).contains('7'));
    }
}
