//! Which reverse proxies may say where a request came from.
//!
//! Behind a load balancer every request's TCP peer is the proxy, so throttling sign-ins
//! per address would count the whole city as one address. A proxy the operator lists is
//! believed about `X-Forwarded-For`: the client is the right-most address in that header
//! that is not itself a listed proxy (addresses further left were written by the client
//! and can be forged). A request from anyone else is its TCP peer, whatever it claims.

use std::net::IpAddr;

use actix_web::HttpRequest;

/// The proxies believed, as addresses and networks (`10.0.0.5`, `10.0.0.0/8`, `fd00::/8`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Reads the operator's list; a mistake names the entry.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<TrustedProxies, String> {
        entries
            .iter()
            .map(|e| parse_net(e.as_ref().trim()).ok_or_else(|| e.as_ref().to_string()))
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
            .map_err(|e| format!("trusted_proxies: {e:?} is not an address or network"))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|&(net, bits)| within(ip, net, bits))
    }

    /// The client's address: the peer, or when the peer is a listed proxy, the right-most
    /// address of `X-Forwarded-For` not a listed proxy.
    pub fn client(&self, peer: Option<IpAddr>, forwarded_for: &[&str]) -> Option<IpAddr> {
        let peer = canonical(peer?);
        if !self.contains(peer) {
            return Some(peer);
        }
        let mut client = peer;
        for hop in forwarded_for
            .iter()
            .rev()
            .flat_map(|h| h.rsplit(','))
            .map(str::trim)
        {
            match hop.parse::<IpAddr>() {
                Ok(ip) => {
                    client = canonical(ip);
                    if !self.contains(client) {
                        break;
                    }
                }
                // A hop that is not an address: stop at the last one that was.
                Err(_) => break,
            }
        }
        Some(client)
    }

    /// The address a request came from, for throttling sign-ins.
    pub fn client_of(&self, req: &HttpRequest) -> String {
        let headers: Vec<&str> = if self.is_empty() {
            Vec::new()
        } else {
            req.headers()
                .get_all("x-forwarded-for")
                .filter_map(|v| v.to_str().ok())
                .collect()
        };
        self.client(req.peer_addr().map(|a| a.ip()), &headers)
            .map(|ip| ip.to_string())
            .unwrap_or_else(|| "unknown".into())
    }
}

fn parse_net(entry: &str) -> Option<(IpAddr, u8)> {
    let (addr, bits) = match entry.split_once('/') {
        Some((a, b)) => (a.parse::<IpAddr>().ok()?, Some(b.parse::<u8>().ok()?)),
        None => (entry.parse::<IpAddr>().ok()?, None),
    };
    let max = if addr.is_ipv4() { 32 } else { 128 };
    let bits = bits.unwrap_or(max);
    (bits <= max).then_some((canonical(addr), bits))
}

/// An IPv4 address carried as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

fn within(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn without_proxies_the_peer_is_the_client_whatever_it_claims() {
        let none = TrustedProxies::default();
        assert_eq!(
            none.client(ip("203.0.113.9"), &["198.51.100.1"]),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_listed_proxy_is_believed_and_forged_hops_are_skipped() {
        let p = TrustedProxies::parse(&["10.0.0.0/8", "fd00::/8"]).unwrap();
        // The client wrote "1.1.1.1" itself; the proxy appended the real address.
        assert_eq!(
            p.client(ip("10.0.0.5"), &["1.1.1.1, 203.0.113.9"]),
            ip("203.0.113.9")
        );
        // Two proxies in a row; the header given twice counts as one list.
        assert_eq!(
            p.client(ip("10.0.0.5"), &["203.0.113.9", "10.1.2.3"]),
            ip("203.0.113.9")
        );
        assert_eq!(p.client(ip("fd00::1"), &["2001:db8::7"]), ip("2001:db8::7"));
        // No header: the proxy itself.
        assert_eq!(p.client(ip("10.0.0.5"), &[]), ip("10.0.0.5"));
        // Garbage stops the walk at the last address.
        assert_eq!(
            p.client(ip("10.0.0.5"), &["203.0.113.9, not-an-ip"]),
            ip("10.0.0.5")
        );
        // A peer not listed is not believed.
        assert_eq!(p.client(ip("192.0.2.1"), &["203.0.113.9"]), ip("192.0.2.1"));
        // IPv4 carried in IPv6.
        assert!(p.contains("::ffff:10.9.9.9".parse().unwrap()));
    }

    #[test]
    fn entries_are_checked() {
        assert_eq!(
            TrustedProxies::parse(&["127.0.0.1", "::1"])
                .unwrap()
                .0
                .len(),
            2
        );
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0.0/x", ""] {
            let err = TrustedProxies::parse(&[bad]).unwrap_err();
            assert!(err.contains("trusted_proxies"), "{err}");
        }
        let all = TrustedProxies::parse(&["0.0.0.0/0"]).unwrap();
        assert!(all.contains("198.51.100.1".parse().unwrap()));
    }
}
