//! Minting and verifying portal link tokens: the user id, issue time, expiry, a unique id and, optionally, the
//! integrations it is scoped to and where "Back to <app>" leads.
//!
//! Format `v2` (minted): `v2.<base64url(nonce || XChaCha20-Poly1305(claims JSON))>`, with a key derived from the link
//! secret: opaque (the user id never travels in clear: not in proxy logs, browser history or mail gateways) and
//! authenticated (an altered or foreign token does not decrypt). Format `v1` (verified only, until the last one
//! minted before has expired, 7 days at most): `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`. Verifying
//! checks authenticity (constant time), the shape and the expiry, under the secret or the previous one during a
//! rotation; that a link works once is the caller's job (the unique id is recorded in the database until expiry).

use crate::domain::{CustomerIntegrationId, LinkRefusal, ReturnMode, UserId};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};
use chrono::{DateTime, Duration, Utc};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
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
    /// A deep link: the one integration its landing page connects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    con: Option<String>,
    /// `returnMode: "immediate"`: the callback answers 303 to `ret` with the outcome.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    imm: bool,
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
    /// A deep link's integration: its landing page connects this one, with no list in between.
    pub connect: Option<CustomerIntegrationId>,
    pub return_mode: ReturnMode,
}

/// What a link carries besides its user and lifetime.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scope<'a> {
    pub return_url: Option<&'a Url>,
    /// Only these integrations (all when empty).
    pub allowed: &'a [CustomerIntegrationId],
    pub connect: Option<&'a CustomerIntegrationId>,
    pub return_mode: ReturnMode,
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
    #[error("the link could not be sealed")]
    Encrypt,
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

    /// 256-bit keys for another purpose, derived under `label` (never the signing key itself) from this secret, then
    /// from the previous one (during a rotation): what was sealed before the rotation still opens.
    pub fn derived_keys(&self, label: &str) -> Vec<[u8; 32]> {
        let under = |key: &SecretSlice<u8>| {
            let mut mac = mac_with(key);
            mac.update(b"plugboard derived key: ");
            mac.update(label.as_bytes());
            <[u8; 32]>::from(mac.finalize().into_bytes())
        };
        std::iter::once(&self.key).chain(self.previous.as_ref()).map(under).collect()
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
        self.mint_with(user, ttl, &Scope { return_url, allowed, ..Scope::default() }, now)
    }

    /// Mints a link carrying `scope`.
    pub fn mint_with(&self, user: &UserId, ttl: Duration, scope: &Scope<'_>, now: DateTime<Utc>) -> Result<(String, Link), SignerError> {
        let Scope { return_url, allowed, connect, return_mode } = *scope;
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
            con: connect.map(|c| c.as_str().to_owned()),
            imm: return_mode == ReturnMode::Immediate,
        };
        let link = Link {
            user: user.clone(),
            issued_at: DateTime::from_timestamp(claims.iat, 0).unwrap_or(now),
            expires_at: DateTime::from_timestamp(claims.exp, 0).unwrap_or(expires_at),
            id,
            return_url: return_url.cloned(),
            allowed: allowed.to_vec(),
            connect: connect.cloned(),
            return_mode,
        };
        let plain = serde_json::to_vec(&claims).map_err(|_| SignerError::Encrypt)?;
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|_| SignerError::Encrypt)?;
        let sealed = cipher(&self.key)
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: &plain, aad: V2_AAD })
            .map_err(|_| SignerError::Encrypt)?;
        let mut body = nonce.to_vec();
        body.extend(sealed);
        Ok((format!("v2.{}", B64.encode(body)), link))
    }

    /// A `v1` token (signed, claims readable), as minted before issue 17: for tests of links already sent.
    #[doc(hidden)]
    pub fn mint_v1(&self, user: &UserId, ttl: Duration, now: DateTime<Utc>) -> String {
        let claims = Claims {
            sub: user.as_str().to_owned(),
            iat: now.timestamp(),
            exp: (now + ttl).timestamp(),
            jti: uuid::Uuid::new_v4().simple().to_string(),
            ret: None,
            int: vec![],
            con: None,
            imm: false,
        };
        let body = B64.encode(serde_json::to_vec(&claims).unwrap_or_default());
        let signed = format!("v1.{body}");
        let mut mac = self.mac();
        mac.update(signed.as_bytes());
        format!("{signed}.{}", B64.encode(mac.finalize().into_bytes()))
    }

    /// Checks shape, authenticity and expiry. Does not check replay.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Link, LinkError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(LinkError::Malformed);
        }
        let keys = || std::iter::once(&self.key).chain(self.previous.as_ref());
        let mut parts = token.split('.');
        let claims: Claims = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("v2"), Some(body), None, None) => {
                let raw = B64.decode(body).map_err(|_| LinkError::Malformed)?;
                if raw.len() < 24 + 16 {
                    return Err(LinkError::Malformed);
                }
                let (nonce, sealed) = raw.split_at(24);
                let opened = keys().find_map(|k| {
                    cipher(k).decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad: V2_AAD }).ok()
                });
                let plain = opened.ok_or(LinkError::BadSignature)?;
                // Ours: a shape problem past this point is still reported as malformed, never trusted.
                serde_json::from_slice(&plain).map_err(|_| LinkError::Malformed)?
            }
            (Some("v1"), Some(body), Some(sig), None) => {
                let sig = B64.decode(sig).map_err(|_| LinkError::Malformed)?;
                let signed_by = |key: &SecretSlice<u8>| {
                    let mut mac = mac_with(key);
                    mac.update(b"v1.");
                    mac.update(body.as_bytes());
                    mac.verify_slice(&sig).is_ok()
                };
                if !keys().any(signed_by) {
                    return Err(LinkError::BadSignature);
                }
                B64.decode(body).ok().and_then(|raw| serde_json::from_slice(&raw).ok()).ok_or(LinkError::Malformed)?
            }
            _ => return Err(LinkError::Malformed),
        };
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
        let connect = claims.con.map(CustomerIntegrationId::parse).transpose().map_err(|_| LinkError::Malformed)?;
        let return_mode = if claims.imm { ReturnMode::Immediate } else { ReturnMode::Page };
        Ok(Link { user, issued_at, expires_at, id: claims.jti, return_url, allowed, connect, return_mode })
    }
}

/// Bound into every v2 token's authentication: a token of another format or purpose does not open as one.
const V2_AAD: &[u8] = b"plugboard portal link v2";

/// The v2 cipher: a 256-bit key derived from the link secret (HMAC-SHA256 under a label of its own, so the
/// encryption key is never the signing key).
fn cipher(key: &SecretSlice<u8>) -> XChaCha20Poly1305 {
    let mut mac = mac_with(key);
    mac.update(b"plugboard link encryption key v2");
    XChaCha20Poly1305::new(&mac.finalize().into_bytes())
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
        assert!(token.starts_with("v2.") && !token.contains(['/', '+', '=', '?', '#', ' ']));
        // Opaque: neither the id nor the claims' JSON can be read from it.
        let raw = B64.decode(&token[3..]).unwrap();
        assert!(!String::from_utf8_lossy(&raw).contains("user") && !token.contains(&B64.encode("{\"sub\"")[..6]));
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
        // Any altered byte: it no longer opens.
        let mut raw = B64.decode(&token[3..]).unwrap();
        for i in [0, 30, raw.len() - 1] {
            raw[i] ^= 1;
            assert_eq!(signer().verify(&format!("v2.{}", B64.encode(&raw)), now).unwrap_err(), LinkError::BadSignature);
            raw[i] ^= 1;
        }
        // A v1 token (links sent before) whose claims were swapped: its signature no longer matches.
        let v1 = signer().mint_v1(&user, Duration::minutes(1), now);
        let mut parts: Vec<&str> = v1.split('.').collect();
        let forged = B64.encode(br#"{"sub":"mallory","iat":0,"exp":99999999999,"jti":"x"}"#);
        parts[1] = &forged;
        assert_eq!(signer().verify(&parts.join("."), now).unwrap_err(), LinkError::BadSignature);
        assert_eq!(signer().verify(&v1, now).unwrap().user, user, "links sent in the old format keep working");
        assert_eq!(signer().verify(&v1, now + Duration::minutes(2)).unwrap_err(), LinkError::Expired, "until they expire");
        for junk in ["", "abc", "v1.x", "v2.a.b", "v2.short", "v2.!!!", "v3.a", "v1.a.b.c", "v1.a.!!!", &"v1.".repeat(3000)] {
            assert_eq!(signer().verify(junk, now).unwrap_err(), LinkError::Malformed, "{junk:.20}");
        }
    }

    #[test]
    fn a_rotated_secret_still_verifies_what_it_signed() {
        let now = Utc::now();
        let user = UserId::parse("rota").unwrap();
        let old = LinkSigner::new(&[1u8; 32]).unwrap();
        let (old_token, _) = old.mint(&user, DEFAULT_TTL, None, now).unwrap();
        let old_v1 = old.mint_v1(&user, DEFAULT_TTL, now);
        let rotated = LinkSigner::new(&[2u8; 32]).unwrap().with_previous(&[1u8; 32]).unwrap();
        assert_eq!(rotated.verify(&old_token, now).unwrap().user, user, "sealed with the previous secret");
        assert_eq!(rotated.verify(&old_v1, now).unwrap().user, user, "a v1 link signed with the previous secret");
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
