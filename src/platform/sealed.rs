//! Values kept sealed at rest (XChaCha20-Poly1305 under a key derived from configuration): the host API's
//! idempotent answers (they hold working links) and webhook endpoints' signing secrets. Each value is bound to what
//! it belongs to (`aad`), so a sealed value copied to another row does not open.

use base64::{engine::general_purpose::STANDARD_NO_PAD as B64, Engine};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// Seals with the first key; opens with any (the others are from before a rotation of the secret they derive from).
#[derive(Clone)]
pub struct Sealer(Vec<XChaCha20Poly1305>);

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer([redacted])")
    }
}

impl Sealer {
    pub fn new(key: [u8; 32]) -> Self {
        Sealer::with_keys(&[key])
    }

    /// The current key first, then earlier ones (opened, never used to seal).
    pub fn with_keys(keys: &[[u8; 32]]) -> Self {
        Sealer(keys.iter().map(|k| XChaCha20Poly1305::new(&(*k).into())).collect())
    }

    /// `nonce || ciphertext`, as base64 text (it goes into a TEXT column on either database).
    pub fn seal(&self, aad: &[u8], plain: &[u8]) -> Option<String> {
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).ok()?;
        let sealed = self.0.first()?.encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad }).ok()?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Some(B64.encode(out))
    }

    /// The plain value, or None when it was sealed under another key or for another `aad`, or altered.
    pub fn open(&self, aad: &[u8], sealed: &str) -> Option<Vec<u8>> {
        self.open_telling(aad, sealed).map(|(plain, _)| plain)
    }

    /// [`Sealer::open`], telling whether it was sealed under an earlier key (then it should be sealed again).
    pub fn open_telling(&self, aad: &[u8], sealed: &str) -> Option<(Vec<u8>, bool)> {
        let raw = B64.decode(sealed).ok()?;
        if raw.len() < 24 + 16 {
            return None;
        }
        let (nonce, body) = raw.split_at(24);
        self.0.iter().enumerate().find_map(|(i, c)| {
            c.decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad }).ok().map(|plain| (plain, i > 0))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_where_they_belong() {
        let s = Sealer::new([7; 32]);
        let sealed = s.seal(b"row 1", b"whsec_abc").unwrap();
        assert!(!sealed.contains("whsec"));
        assert_eq!(s.open(b"row 1", &sealed).unwrap(), b"whsec_abc");
        assert!(s.open(b"row 2", &sealed).is_none(), "bound to its row");
        assert!(Sealer::new([8; 32]).open(b"row 1", &sealed).is_none(), "and to its key");
        assert_ne!(s.seal(b"row 1", b"whsec_abc").unwrap(), sealed, "a fresh nonce each time");
        // After a rotation: what the previous key sealed opens (and says so); new values use the new key.
        let rotated = Sealer::with_keys(&[[9; 32], [7; 32]]);
        assert_eq!(rotated.open_telling(b"row 1", &sealed), Some((b"whsec_abc".to_vec(), true)));
        let fresh = rotated.seal(b"row 1", b"x").unwrap();
        assert_eq!(rotated.open_telling(b"row 1", &fresh), Some((b"x".to_vec(), false)));
        assert!(s.open(b"row 1", &fresh).is_none());
    }
}
