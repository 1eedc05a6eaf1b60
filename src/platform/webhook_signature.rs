//! Standard Webhooks signatures (<https://www.standardwebhooks.com>): `webhook-signature` is `v1,<base64 of
//! HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`, one per secret, separated by spaces.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretSlice};
use sha2::Sha256;

fn signature(key: &SecretSlice<u8>, id: &str, timestamp: i64, body: &str) -> String {
    // HMAC accepts keys of any length; this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose_secret()).unwrap_or_else(|_| unreachable!());
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body.as_bytes());
    format!("v1,{}", B64.encode(mac.finalize().into_bytes()))
}

/// The `webhook-signature` header: the delivery signed with each secret (several during a rotation).
pub fn sign(secrets: &[SecretSlice<u8>], id: &str, timestamp: i64, body: &str) -> String {
    secrets.iter().map(|k| signature(k, id, timestamp, body)).collect::<Vec<_>>().join(" ")
}

/// How far a receiver may be from the timestamp (the spec's replay window).
pub const TOLERANCE_SECONDS: i64 = 300;

/// Checks a delivery as a receiver does: a `v1` signature by any of `secrets`, a timestamp within five minutes.
pub fn verify(secrets: &[SecretSlice<u8>], id: &str, timestamp: &str, signatures: &str, body: &str, now: i64) -> bool {
    let Ok(ts) = timestamp.parse::<i64>() else { return false };
    if (now - ts).abs() > TOLERANCE_SECONDS {
        return false;
    }
    secrets.iter().any(|k| {
        let expected = signature(k, id, ts, body);
        signatures
            .split(' ')
            .any(|given| crate::platform::secrets::same_secret(given.as_bytes(), expected.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_example() {
        // The Standard Webhooks reference test vector.
        let key = crate::platform::config::webhooks::parse_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = r#"{"test": 2432232314}"#;
        let sig = sign(std::slice::from_ref(&key), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body);
        assert_eq!(sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assert!(verify(&[key.clone()], "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", &sig, body, 1614265330 + 10));
        assert!(!verify(&[key.clone()], "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", &sig, body, 1614265330 + 400));
        assert!(!verify(&[key], "msg_other", "1614265330", &sig, body, 1614265330));
    }
}
