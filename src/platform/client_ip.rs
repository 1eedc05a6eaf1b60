//! Who the client is: the socket's peer, or, when that peer is a trusted proxy, the address the proxy put in the one
//! header the operator named (`PLUGBOARD_CLIENT_IP_HEADER`). No header is read from anyone else, and no other header
//! is read at all: a client behind nginx cannot pick its own address by sending a `Forwarded` the proxy passes on.

use axum::http::HeaderMap;
use std::net::IpAddr;

/// The header a trusted proxy names the client in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClientIpHeader {
    /// `X-Forwarded-For`: a list each proxy appends to (nginx, most load balancers). The default.
    XForwardedFor,
    /// `Forwarded` (RFC 7239): its `for=` parameters, each proxy appending an element.
    Forwarded,
    /// `X-Real-IP`: one address, set (not appended) by the proxy.
    XRealIp,
}

impl ClientIpHeader {
    pub const ALL: [ClientIpHeader; 3] = [ClientIpHeader::XForwardedFor, ClientIpHeader::Forwarded, ClientIpHeader::XRealIp];

    pub fn name(self) -> &'static str {
        match self {
            ClientIpHeader::XForwardedFor => "x-forwarded-for",
            ClientIpHeader::Forwarded => "forwarded",
            ClientIpHeader::XRealIp => "x-real-ip",
        }
    }

    pub fn parse(raw: &str) -> Option<ClientIpHeader> {
        Self::ALL.into_iter().find(|h| h.name().eq_ignore_ascii_case(raw.trim()))
    }
}

/// The client's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientIp(pub IpAddr);

impl ClientIp {
    /// The key budgets and logs count by: the address, and for IPv6 its /64 (one subscriber's whole network).
    pub fn key(self) -> IpAddr {
        match self.0.to_canonical() {
            IpAddr::V6(v6) => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
            v4 => v4,
        }
    }
}

/// How this instance finds the client: the proxies it trusts and the header they set.
#[derive(Clone, Debug, Default)]
pub struct ClientIpSource {
    pub trusted: Vec<ipnet::IpNet>,
    pub header: Option<ClientIpHeader>,
}

impl ClientIpSource {
    fn trusts(&self, ip: &IpAddr) -> bool {
        self.trusted.iter().any(|n| n.contains(ip))
    }

    /// The client: the peer, unless the peer is a trusted proxy; then the rightmost address in the named header that
    /// is not itself a trusted proxy (for a list, walked from the proxy's end). An entry that does not parse stops
    /// the walk: what lies left of it was sent by the client, so the client is the nearest hop a proxy vouched for.
    pub fn resolve(&self, peer: IpAddr, headers: &HeaderMap) -> ClientIp {
        // `::ffff:a.b.c.d` (a dual-stack listener, some proxies) is the IPv4 address it carries.
        let peer = peer.to_canonical();
        if !self.trusts(&peer) {
            return ClientIp(peer);
        }
        let header = self.header.unwrap_or(ClientIpHeader::XForwardedFor);
        let values = headers.get_all(header.name()).iter().map(|v| v.to_str().ok());
        let hops: Vec<Option<IpAddr>> = match header {
            ClientIpHeader::XRealIp => {
                let all: Vec<Option<&str>> = values.collect();
                match all.as_slice() {
                    [Some(one)] => vec![address(one)],
                    _ => vec![None], // missing, repeated or unreadable: not vouched for
                }
            }
            ClientIpHeader::XForwardedFor => values
                .flat_map(|v| match v {
                    Some(v) => v.split(',').map(address).collect::<Vec<_>>(),
                    None => vec![None],
                })
                .collect(),
            ClientIpHeader::Forwarded => values
                .flat_map(|v| match v {
                    Some(v) => v.split(',').map(forwarded_for).collect::<Vec<_>>(),
                    None => vec![None],
                })
                .collect(),
        };
        let mut nearest = peer;
        let hops: Vec<Option<IpAddr>> = hops.into_iter().map(|h| h.map(|ip| ip.to_canonical())).collect();
        for hop in hops.iter().rev() {
            match hop {
                Some(ip) if self.trusts(ip) => nearest = *ip,
                Some(ip) => return ClientIp(*ip),
                None => break,
            }
        }
        ClientIp(nearest)
    }
}

/// The address in one `Forwarded` element's `for=`; None for an obfuscated or unknown one, or an element without
/// `for=`.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    let value = element.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        k.trim().eq_ignore_ascii_case("for").then_some(v.trim())
    })?;
    address(value)
}

/// One address as proxies write it: plain, quoted, bracketed IPv6, with or without a port.
fn address(raw: &str) -> Option<IpAddr> {
    let v = raw.trim().trim_matches('"');
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    match v.parse::<IpAddr>() {
        Ok(ip) => Some(ip),
        // IPv4 with a port.
        Err(_) => v.rsplit_once(':').and_then(|(ip, _)| ip.parse::<std::net::Ipv4Addr>().ok()).map(IpAddr::V4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn the_named_header_of_a_trusted_proxy_and_nothing_else() {
        let trusted: Vec<ipnet::IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()];
        let (proxy, stranger) = (ip("10.0.0.1"), ip("203.0.113.5"));
        let xff = ClientIpSource { trusted: trusted.clone(), header: Some(ClientIpHeader::XForwardedFor) };
        let fwd = ClientIpSource { trusted: trusted.clone(), header: Some(ClientIpHeader::Forwarded) };
        let real = ClientIpSource { trusted: trusted.clone(), header: Some(ClientIpHeader::XRealIp) };
        let default = ClientIpSource { trusted, header: None };
        // (source, peer, headers, client)
        let table: Vec<(&ClientIpSource, IpAddr, HeaderMap, &str)> = vec![
            // nginx appends the peer it saw: the rightmost untrusted one is the client.
            (&xff, proxy, headers(&[("x-forwarded-for", "198.51.100.7")]), "198.51.100.7"),
            (&default, proxy, headers(&[("x-forwarded-for", "198.51.100.7")]), "198.51.100.7"),
            (&xff, proxy, headers(&[("x-forwarded-for", "1.2.3.4, 198.51.100.7, 10.1.2.3")]), "198.51.100.7"),
            (&xff, proxy, headers(&[("x-forwarded-for", "1.2.3.4"), ("x-forwarded-for", "198.51.100.7")]), "198.51.100.7"),
            // A forged Forwarded is not read when the operator named X-Forwarded-For (the bypass of issue 17).
            (&xff, proxy, headers(&[("forwarded", "for=1.2.3.4"), ("x-forwarded-for", "198.51.100.7")]), "198.51.100.7"),
            // A stranger's headers are never read.
            (&xff, stranger, headers(&[("x-forwarded-for", "1.2.3.4")]), "203.0.113.5"),
            (&fwd, stranger, headers(&[("forwarded", "for=1.2.3.4")]), "203.0.113.5"),
            // Garbage the client sent stops the walk at the last hop a proxy vouched for.
            (&xff, proxy, headers(&[("x-forwarded-for", "nonsense, 10.1.2.3")]), "10.1.2.3"),
            (&xff, proxy, headers(&[("x-forwarded-for", "nonsense")]), "10.0.0.1"),
            (&xff, proxy, headers(&[]), "10.0.0.1"),
            // Every hop trusted: the farthest one.
            (&xff, proxy, headers(&[("x-forwarded-for", "10.9.9.9, 10.1.2.3")]), "10.9.9.9"),
            // Forwarded: for= with quotes, brackets and ports; the X-Forwarded-For beside it is ignored.
            (&fwd, proxy, headers(&[("forwarded", "for=\"[2001:db8::1]:4711\";proto=https")]), "2001:db8::1"),
            (&fwd, proxy, headers(&[("forwarded", "for=192.0.2.60:8080;by=10.0.0.1, for=198.51.100.7")]), "198.51.100.7"),
            (&fwd, proxy, headers(&[("forwarded", "for=_hidden, for=10.3.3.3")]), "10.3.3.3"),
            (&fwd, proxy, headers(&[("x-forwarded-for", "1.2.3.4")]), "10.0.0.1"),
            (&fwd, proxy, headers(&[("forwarded", "For=\"198.51.100.8\"")]), "198.51.100.8"),
            // X-Real-IP: one address set by the proxy; repeated or unreadable is not vouched for.
            (&real, proxy, headers(&[("x-real-ip", "198.51.100.9")]), "198.51.100.9"),
            (&real, proxy, headers(&[("x-real-ip", "1.1.1.1"), ("x-real-ip", "2.2.2.2")]), "10.0.0.1"),
            (&real, proxy, headers(&[("x-real-ip", "1.1.1.1, 2.2.2.2")]), "10.0.0.1"),
            (&real, proxy, headers(&[("x-forwarded-for", "1.2.3.4")]), "10.0.0.1"),
            // IPv6 proxies.
            (&xff, ip("fd00::1"), headers(&[("x-forwarded-for", "2001:db8::7")]), "2001:db8::7"),
            // Ports and brackets (Azure, IIS ARR) and IPv4-mapped IPv6 (dual-stack listeners) are the addresses they carry.
            (&xff, proxy, headers(&[("x-forwarded-for", "203.0.113.5:51234")]), "203.0.113.5"),
            (&xff, proxy, headers(&[("x-forwarded-for", "[2001:db8::1]:443, 10.1.1.1")]), "2001:db8::1"),
            (&xff, ip("::ffff:10.0.0.1"), headers(&[("x-forwarded-for", "::ffff:198.51.100.3")]), "198.51.100.3"),
            (&real, proxy, headers(&[("x-real-ip", "198.51.100.9:8080")]), "198.51.100.9"),
        ];
        for (i, (source, peer, h, want)) in table.into_iter().enumerate() {
            assert_eq!(source.resolve(peer, &h).0, ip(want), "row {i}: {h:?}");
        }
    }

    #[test]
    fn ipv6_is_keyed_per_64_and_headers_parse() {
        assert_eq!(ClientIp(ip("2001:db8::1")).key(), ip("2001:db8::"));
        assert_eq!(ClientIp(ip("2001:db8:0:0:ffff::9")).key(), ip("2001:db8::"));
        assert_eq!(ClientIp(ip("198.51.100.7")).key(), ip("198.51.100.7"));
        assert_eq!(ClientIp(ip("::ffff:198.51.100.7")).key(), ip("198.51.100.7"), "IPv4-mapped: its own budget");
        assert_eq!(ClientIpHeader::parse("X-Forwarded-For"), Some(ClientIpHeader::XForwardedFor));
        assert_eq!(ClientIpHeader::parse("forwarded"), Some(ClientIpHeader::Forwarded));
        assert_eq!(ClientIpHeader::parse("x-real-ip"), Some(ClientIpHeader::XRealIp));
        assert_eq!(ClientIpHeader::parse("cf-connecting-ip"), None);
    }
}
