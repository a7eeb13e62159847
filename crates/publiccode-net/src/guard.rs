//! The SSRF guard: which addresses the network checks may connect to.
//!
//! A descriptor is untrusted input. Its URLs (and every redirect they lead to) could
//! point at the machine running the check, at the local network, or at a cloud
//! metadata service that hands out credentials. The guard refuses such addresses
//! **at the moment of connecting**: [`GuardedResolver`] is the only name resolver of
//! the HTTP client, so every address of every redirect hop is checked after DNS
//! resolution and before a socket is opened, and what is checked is exactly what is
//! dialled (no DNS-rebinding window between a check and the connection).
//!
//! IP literals are parsed here rather than by the system resolver, in every notation
//! that `inet_aton` and browsers accept ([`parse_ip_literal`]): `2130706433`,
//! `0x7f.1`, `0177.0.0.1`, `127.1`, `[::ffff:127.0.0.1]`, … so that no spelling of a
//! private address slips through as a "host name".

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Why an address is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlockReason {
    /// `0.0.0.0/8`, `::`.
    Unspecified,
    /// `127.0.0.0/8`, `::1`, `localhost`.
    Loopback,
    /// RFC 1918 (`10/8`, `172.16/12`, `192.168/16`) and IPv6 unique local (`fc00::/7`).
    Private,
    /// `169.254/16`, `fe80::/10`.
    LinkLocal,
    /// Carrier-grade NAT, `100.64/10` (RFC 6598).
    SharedAddressSpace,
    /// A cloud provider's instance metadata service (`169.254.169.254`,
    /// `fd00:ec2::254`, `100.100.100.200`, `metadata.google.internal`).
    CloudMetadata,
    /// Multicast and broadcast.
    Multicast,
    /// Documentation, benchmarking, protocol-assignment and reserved ranges.
    Reserved,
}

impl BlockReason {
    /// A few words for messages ("a loopback address").
    pub fn describe(self) -> &'static str {
        match self {
            BlockReason::Unspecified => "an unspecified address",
            BlockReason::Loopback => "a loopback address",
            BlockReason::Private => "a private-network address",
            BlockReason::LinkLocal => "a link-local address",
            BlockReason::SharedAddressSpace => "a carrier-grade NAT address",
            BlockReason::CloudMetadata => "a cloud metadata service",
            BlockReason::Multicast => "a multicast or broadcast address",
            BlockReason::Reserved => "a reserved address",
        }
    }
}

/// Why the guard refused to connect: the host as written, the address it stands for
/// (when there is one) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The host of the URL (name or literal).
    pub host: String,
    /// The refused address, when the host resolved to (or is) one.
    pub addr: Option<IpAddr>,
    /// What kind of address it is.
    pub reason: BlockReason,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.addr {
            Some(a) if a.to_string() != self.host.trim_matches(['[', ']']) => write!(
                f,
                "{} resolves to {a}, {}",
                self.host,
                self.reason.describe()
            ),
            _ => write!(f, "{} is {}", self.host, self.reason.describe()),
        }
    }
}

impl std::error::Error for Refusal {}

/// What the guard lets through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuardPolicy {
    /// Turn the guard off entirely (tests, intranets).
    pub allow_private: bool,
    /// Exact socket addresses allowed even though they are private (an intranet forge,
    /// or a test server); everything else stays guarded.
    pub allowed: Vec<SocketAddr>,
}

impl GuardPolicy {
    /// The default: every non-public address is refused.
    pub fn strict() -> GuardPolicy {
        GuardPolicy::default()
    }

    /// No address is refused.
    pub fn allow_all() -> GuardPolicy {
        GuardPolicy {
            allow_private: true,
            allowed: Vec::new(),
        }
    }

    /// Checks one resolved address of `host`.
    pub fn check(&self, host: &str, addr: SocketAddr) -> Result<(), Refusal> {
        if self.allow_private || self.allowed.contains(&addr) {
            return Ok(());
        }
        match blocked(addr.ip()) {
            Some(reason) => Err(Refusal {
                host: host.to_string(),
                addr: Some(addr.ip()),
                reason,
            }),
            None => Ok(()),
        }
    }

    /// Checks a host name before resolution: names that always mean a local or
    /// metadata service are refused without asking DNS.
    pub fn check_name(&self, host: &str) -> Result<(), Refusal> {
        if self.allow_private {
            return Ok(());
        }
        let h = host.trim_end_matches('.').to_ascii_lowercase();
        let reason = if h == "localhost" || h.ends_with(".localhost") {
            Some(BlockReason::Loopback)
        } else if matches!(
            h.as_str(),
            "metadata"
                | "metadata.google.internal"
                | "instance-data"
                | "instance-data.ec2.internal"
        ) {
            Some(BlockReason::CloudMetadata)
        } else {
            None
        };
        match reason {
            Some(reason) => Err(Refusal {
                host: host.to_string(),
                addr: None,
                reason,
            }),
            None => Ok(()),
        }
    }
}

/// Whether `ip` is an address the network checks must not contact, and why.
pub fn blocked(ip: IpAddr) -> Option<BlockReason> {
    match ip {
        IpAddr::V4(v4) => blocked_v4(v4),
        IpAddr::V6(v6) => blocked_v6(v6),
    }
}

fn blocked_v4(ip: Ipv4Addr) -> Option<BlockReason> {
    let [a, b, c, d] = ip.octets();
    let r = match (a, b, c, d) {
        (169, 254, 169, 254) | (100, 100, 100, 200) | (192, 0, 0, 192) => {
            BlockReason::CloudMetadata
        }
        (0, ..) => BlockReason::Unspecified,
        (127, ..) => BlockReason::Loopback,
        (10, ..) | (192, 168, ..) => BlockReason::Private,
        (172, b, ..) if (16..32).contains(&b) => BlockReason::Private,
        (169, 254, ..) => BlockReason::LinkLocal,
        (100, b, ..) if (64..128).contains(&b) => BlockReason::SharedAddressSpace,
        (224..=239, ..) | (255, 255, 255, 255) => BlockReason::Multicast,
        (240..=255, ..) => BlockReason::Reserved,
        (192, 0, 0, _) | (192, 0, 2, _) | (198, 51, 100, _) | (203, 0, 113, _) => {
            BlockReason::Reserved
        }
        (198, 18 | 19, ..) => BlockReason::Reserved,
        _ => return None,
    };
    Some(r)
}

fn blocked_v6(ip: Ipv6Addr) -> Option<BlockReason> {
    let s = ip.segments();
    if ip.is_unspecified() {
        return Some(BlockReason::Unspecified);
    }
    if ip.is_loopback() {
        return Some(BlockReason::Loopback);
    }
    // Addresses that carry an IPv4 address: judge the IPv4 address.
    if let Some(v4) = embedded_v4(ip) {
        if let Some(r) = blocked_v4(v4) {
            return Some(r);
        }
        // `::a.b.c.d` (IPv4-compatible) is deprecated; only mapped, NAT64 and 6to4 forms
        // of a public address go through.
        return (s[..6] == [0; 6]).then_some(BlockReason::Reserved);
    }
    if ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
        return Some(BlockReason::CloudMetadata);
    }
    let r = match s[0] {
        x if x & 0xfe00 == 0xfc00 => BlockReason::Private,
        x if x & 0xffc0 == 0xfe80 => BlockReason::LinkLocal,
        x if x & 0xffc0 == 0xfec0 => BlockReason::Private, // site-local, deprecated
        x if x & 0xff00 == 0xff00 => BlockReason::Multicast,
        0x2001 if s[1] == 0x0db8 => BlockReason::Reserved, // documentation
        0x2001 if s[1] == 0 => BlockReason::Reserved,      // Teredo: hides the real peer
        0x2001 if s[1] & 0xfff0 == 0x0010 || s[1] == 0x0002 => BlockReason::Reserved,
        0x0100 if s[1..4] == [0, 0, 0] => BlockReason::Reserved, // discard
        0x0064 if s[1] == 0xff9b && s[2] == 1 => BlockReason::Private, // local-use NAT64
        0x3fff if s[1] & 0xf000 == 0 => BlockReason::Reserved,   // documentation (2024)
        0 => BlockReason::Reserved,                              // the rest of ::/16 is reserved
        _ => return None,
    };
    Some(r)
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible
/// (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) or 6to4 (`2002:AABB:CCDD::`) address.
pub fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = || Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if s[..5] == [0, 0, 0, 0, 0] && (s[5] == 0xffff || s[5] == 0) {
        return Some(tail());
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(tail());
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    None
}

/// Parses a URL host that is an IP address in any notation that a resolver or a
/// browser would accept, or returns `None` for a host name.
///
/// IPv4: one to four dot-separated parts, each decimal, octal (leading `0`) or
/// hexadecimal (`0x`); the last part fills the remaining bytes (`127.1` is
/// `127.0.0.1`, `2130706433` and `0x7f000001` are too); one trailing dot is allowed.
/// IPv6: with or without brackets, with an optional zone (`%eth0`), including
/// IPv4-mapped forms such as `::ffff:127.0.0.1`.
pub fn parse_ip_literal(host: &str) -> Option<IpAddr> {
    let h = host.trim();
    let inner = h.strip_prefix('[').and_then(|x| x.strip_suffix(']'));
    let v6 = inner.unwrap_or(h);
    if v6.contains(':') {
        let no_zone = v6.split('%').next().unwrap_or(v6);
        return no_zone.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    if inner.is_some() {
        return None;
    }
    parse_ipv4_any(h).map(IpAddr::V4)
}

fn parse_ipv4_any(host: &str) -> Option<Ipv4Addr> {
    let h = host.strip_suffix('.').unwrap_or(host);
    if h.is_empty() {
        return None;
    }
    let parts: Vec<&str> = h.split('.').collect();
    if parts.len() > 4 {
        return None;
    }
    let mut nums = Vec::with_capacity(parts.len());
    for p in &parts {
        nums.push(parse_ipv4_part(p)?);
    }
    let (last, init) = nums.split_last()?;
    let mut value: u64 = 0;
    for (i, n) in init.iter().enumerate() {
        if *n > 255 {
            return None;
        }
        value |= n << (8 * (3 - i));
    }
    let room = 8 * (4 - init.len());
    if room < 64 && *last >= (1u64 << room) {
        return None;
    }
    value |= last;
    u32::try_from(value).ok().map(Ipv4Addr::from)
}

fn parse_ipv4_part(p: &str) -> Option<u64> {
    if p.is_empty() {
        return None;
    }
    let (digits, radix) = if let Some(x) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X")) {
        (x, 16)
    } else if p.len() > 1 && p.starts_with('0') {
        (&p[1..], 8)
    } else {
        (p, 10)
    };
    if digits.is_empty() {
        return (radix == 16).then_some(0);
    }
    if digits.len() > 12 || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u64::from_str_radix(digits, radix).ok()
}

/// Why [`resolve`] gave no address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    /// The guard refused the host or one of its addresses.
    Refused(Refusal),
    /// The name does not resolve.
    NotFound,
    /// Resolution took longer than the timeout.
    Timeout,
}

/// Resolves `host` for a raw TCP connection (the `git://` protocol) under `policy`:
/// literals parsed by [`parse_ip_literal`], names through the system resolver within
/// `timeout`, and every address checked; the addresses to dial are returned.
pub fn resolve(
    policy: &GuardPolicy,
    host: &str,
    port: u16,
    timeout: std::time::Duration,
) -> Result<Vec<SocketAddr>, ResolveError> {
    if let Some(ip) = parse_ip_literal(host) {
        let addr = SocketAddr::new(ip, port);
        policy.check(host, addr).map_err(ResolveError::Refused)?;
        return Ok(vec![addr]);
    }
    policy.check_name(host).map_err(ResolveError::Refused)?;
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let name = format!("{host}:{port}");
    std::thread::spawn(move || {
        use std::net::ToSocketAddrs;
        let _ = tx.send(
            name.to_socket_addrs()
                .map(|it| it.take(16).collect::<Vec<_>>()),
        );
    });
    let addrs = match rx.recv_timeout(timeout) {
        Ok(Ok(a)) if !a.is_empty() => a,
        Ok(_) => return Err(ResolveError::NotFound),
        Err(_) => return Err(ResolveError::Timeout),
    };
    for a in &addrs {
        policy.check(host, *a).map_err(ResolveError::Refused)?;
    }
    Ok(addrs)
}

/// The name resolver of the HTTP client: resolves with the system resolver (with the
/// request's timeout), then refuses the whole host when any of its addresses is
/// blocked. IP literals are parsed by [`parse_ip_literal`] and never sent to DNS.
#[derive(Debug)]
pub struct GuardedResolver {
    policy: GuardPolicy,
    inner: ureq::unversioned::resolver::DefaultResolver,
}

impl GuardedResolver {
    /// A resolver enforcing `policy`.
    pub fn new(policy: GuardPolicy) -> GuardedResolver {
        GuardedResolver {
            policy,
            inner: ureq::unversioned::resolver::DefaultResolver::default(),
        }
    }
}

impl ureq::unversioned::resolver::Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or("");
        let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
            Some("https") => 443,
            _ => 80,
        });
        if let Some(ip) = parse_ip_literal(host) {
            let addr = SocketAddr::new(ip, port);
            self.policy
                .check(host, addr)
                .map_err(|r| ureq::Error::Other(Box::new(r)))?;
            let mut out = self.empty();
            out.push(addr);
            return Ok(out);
        }
        self.policy
            .check_name(host)
            .map_err(|r| ureq::Error::Other(Box::new(r)))?;
        let addrs = self.inner.resolve(uri, config, timeout)?;
        for a in addrs.iter() {
            self.policy
                .check(host, *a)
                .map_err(|r| ureq::Error::Other(Box::new(r)))?;
        }
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> Option<IpAddr> {
        parse_ip_literal(s)
    }

    #[test]
    fn ipv4_notations() {
        let lo = Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 1)));
        for s in [
            "127.0.0.1",
            "2130706433",
            "0x7f000001",
            "0X7F000001",
            "017700000001",
            "0177.0.0.1",
            "0x7f.0.0.1",
            "0x7f.1",
            "127.1",
            "127.0.1",
            "127.0.0.1.",
            "0177.0x0.00.1",
        ] {
            assert_eq!(v4(s), lo, "{s}");
        }
        assert_eq!(
            v4("169.254.43518"),
            Some(IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)))
        );
        assert_eq!(v4("0"), Some(IpAddr::V4(Ipv4Addr::UNSPECIFIED)));
        for s in [
            "example.org",
            "1.2.3.4.5",
            "256.0.0.1",
            "1.2.3.256",
            "08.1.1.1",
            "0x1g.1.1.1",
            "4294967296",
            "",
            "1..1",
            "127.0.0.1.example.org",
        ] {
            assert_eq!(v4(s), None, "{s}");
        }
    }

    #[test]
    fn ipv6_notations() {
        assert_eq!(v4("[::1]"), Some(IpAddr::V6(Ipv6Addr::LOCALHOST)));
        assert_eq!(v4("::1"), Some(IpAddr::V6(Ipv6Addr::LOCALHOST)));
        assert!(matches!(v4("[fe80::1%25eth0]"), Some(IpAddr::V6(_))));
        let mapped = v4("[::ffff:127.0.0.1]").and_then(|ip| match ip {
            IpAddr::V6(v6) => embedded_v4(v6),
            IpAddr::V4(_) => None,
        });
        assert_eq!(mapped, Some(Ipv4Addr::new(127, 0, 0, 1)));
        assert_eq!(v4("[example.org]"), None);
    }

    #[test]
    fn blocked_ranges() {
        let b = |s: &str| parse_ip_literal(s).and_then(blocked);
        assert_eq!(b("127.0.0.1"), Some(BlockReason::Loopback));
        assert_eq!(b("0x7f.1"), Some(BlockReason::Loopback));
        assert_eq!(b("10.1.2.3"), Some(BlockReason::Private));
        assert_eq!(b("172.16.0.1"), Some(BlockReason::Private));
        assert_eq!(b("172.31.255.255"), Some(BlockReason::Private));
        assert_eq!(b("172.32.0.1"), None);
        assert_eq!(b("192.168.1.1"), Some(BlockReason::Private));
        assert_eq!(b("169.254.169.254"), Some(BlockReason::CloudMetadata));
        assert_eq!(b("2852039166"), Some(BlockReason::CloudMetadata));
        assert_eq!(b("169.254.1.1"), Some(BlockReason::LinkLocal));
        assert_eq!(b("100.64.0.1"), Some(BlockReason::SharedAddressSpace));
        assert_eq!(b("100.100.100.200"), Some(BlockReason::CloudMetadata));
        assert_eq!(b("100.128.0.1"), None);
        assert_eq!(b("224.0.0.1"), Some(BlockReason::Multicast));
        assert_eq!(b("255.255.255.255"), Some(BlockReason::Multicast));
        assert_eq!(b("0.0.0.0"), Some(BlockReason::Unspecified));
        assert_eq!(b("192.0.2.1"), Some(BlockReason::Reserved));
        assert_eq!(b("8.8.8.8"), None);
        assert_eq!(b("::1"), Some(BlockReason::Loopback));
        assert_eq!(b("::"), Some(BlockReason::Unspecified));
        assert_eq!(b("::ffff:127.0.0.1"), Some(BlockReason::Loopback));
        assert_eq!(b("::ffff:7f00:1"), Some(BlockReason::Loopback));
        assert_eq!(
            b("::ffff:169.254.169.254"),
            Some(BlockReason::CloudMetadata)
        );
        assert_eq!(b("::ffff:8.8.8.8"), None);
        assert_eq!(b("::127.0.0.1"), Some(BlockReason::Loopback));
        assert_eq!(b("64:ff9b::10.0.0.1"), Some(BlockReason::Private));
        assert_eq!(b("2002:7f00:1::"), Some(BlockReason::Loopback));
        assert_eq!(b("fd00:ec2::254"), Some(BlockReason::CloudMetadata));
        assert_eq!(b("fc00::1"), Some(BlockReason::Private));
        assert_eq!(b("fe80::1"), Some(BlockReason::LinkLocal));
        assert_eq!(b("ff02::1"), Some(BlockReason::Multicast));
        assert_eq!(b("2001:db8::1"), Some(BlockReason::Reserved));
        assert_eq!(b("2a00:1450:4001:80b::200e"), None);
    }

    #[test]
    fn names_and_allowances() {
        let strict = GuardPolicy::strict();
        assert!(strict.check_name("localhost").is_err());
        assert!(strict.check_name("app.localhost.").is_err());
        assert!(strict.check_name("metadata.google.internal").is_err());
        assert!(strict.check_name("example.org").is_ok());
        let addr: SocketAddr = "127.0.0.1:8080".parse().unwrap_or_else(|_| unreachable!());
        assert!(strict.check("x", addr).is_err());
        let exact = GuardPolicy {
            allow_private: false,
            allowed: vec![addr],
        };
        assert!(exact.check("x", addr).is_ok());
        let other: SocketAddr = "127.0.0.1:8081".parse().unwrap_or_else(|_| unreachable!());
        assert!(exact.check("x", other).is_err());
        assert!(GuardPolicy::allow_all().check("x", other).is_ok());
    }
}
