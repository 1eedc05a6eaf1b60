//! Where the server may send requests on someone else's say (webhook endpoints made in the console): https, and
//! public addresses only, unless the operator lists the host (`PLUGBOARD_WEBHOOK_ALLOW_HOSTS`). Checked when a URL is
//! given, and again as a delivery connects (DNS may have changed since).

use crate::platform::config::HostAllowList;
use std::net::IpAddr;
use url::Url;

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
