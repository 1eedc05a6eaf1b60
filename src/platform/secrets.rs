//! Random values for ids and secrets. Server only.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64, Engine};

/// 32 random bytes from the OS.
pub fn random_bytes() -> [u8; 32] {
    let mut b = [0u8; 32];
    // The OS random source failing is not recoverable; uuid's v4 (also OS randomness) is the fallback.
    if getrandom::fill(&mut b).is_err() {
        let (a, c) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        b[..16].copy_from_slice(a.as_bytes());
        b[16..].copy_from_slice(c.as_bytes());
    }
    b
}

/// An unguessable URL-safe token (256 bits).
pub fn random_token() -> String {
    B64.encode(random_bytes())
}

/// Compares two secrets in constant time, also in their length: the SHA-256 digests are compared, not the values.
pub fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    use sha2::{Digest, Sha256};
    use subtle::ConstantTimeEq;
    bool::from(Sha256::digest(given).as_slice().ct_eq(Sha256::digest(expected).as_slice()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_compare_whole() {
        assert!(super::same_secret(b"abc", b"abc"));
        assert!(!super::same_secret(b"abc", b"abcd"));
        assert!(!super::same_secret(b"", b"a"));
    }
}
