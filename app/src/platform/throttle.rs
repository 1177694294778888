//! Limits on work that costs the server real time (password hashing): only so many at once for
//! the whole server, and only so many per client address in a window, so that nobody can keep
//! the processor busy by sending passwords. The per-client table is bounded.

use crate::error::AppError;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use tokio::sync::Semaphore;

/// Hashing requests one client address may make in [`WINDOW_S`].
pub const PER_CLIENT: usize = 30;
pub const WINDOW_S: i64 = 300;
/// Client addresses remembered at most; the quietest are forgotten first.
const MAX_CLIENTS: usize = 10_000;
/// How long a request waits for a free hashing slot before it is told to try again.
const WAIT_MS: u64 = 3_000;

#[derive(Debug)]
pub struct Throttle {
    slots: Semaphore,
    clients: Mutex<HashMap<IpAddr, Vec<i64>>>,
}

impl Throttle {
    /// A throttle that hashes at most `at_once` passwords at the same time.
    pub fn new(at_once: usize) -> Throttle {
        Throttle { slots: Semaphore::new(at_once.max(1)), clients: Mutex::new(HashMap::new()) }
    }

    /// Counts one request of `client` at `now`; `false` once the client had [`PER_CLIENT`] in
    /// the window. Requests of unknown origin are not counted here (the global cap holds them).
    pub fn allow(&self, client: Option<IpAddr>, now: i64) -> bool {
        let Some(client) = client else { return true };
        let mut clients = match self.clients.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if clients.len() >= MAX_CLIENTS && !clients.contains_key(&client) {
            clients.retain(|_, times| times.last().is_some_and(|t| *t > now - WINDOW_S));
            if clients.len() >= MAX_CLIENTS {
                let quietest = clients.iter().min_by_key(|(_, times)| times.last().copied()).map(|(ip, _)| *ip);
                if let Some(ip) = quietest {
                    clients.remove(&ip);
                }
            }
        }
        let times = clients.entry(client).or_default();
        times.retain(|t| *t > now - WINDOW_S);
        if times.len() >= PER_CLIENT {
            return false;
        }
        times.push(now);
        true
    }

    /// Runs `work` (a hash) on the blocking pool once a slot is free, or answers
    /// `too_many_requests` when none frees up in time or the client sent too many.
    pub async fn run<T: Send + 'static>(
        &self,
        client: Option<IpAddr>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        if !self.allow(client, crate::platform::now()) {
            tracing::warn!("password work refused: too many from one client address");
            return Err(AppError::TooManyRequests);
        }
        let wait = std::time::Duration::from_millis(WAIT_MS);
        let Ok(Ok(_slot)) = tokio::time::timeout(wait, self.slots.acquire()).await else {
            tracing::warn!("password work refused: every slot busy");
            return Err(AppError::TooManyRequests);
        };
        tokio::task::spawn_blocking(work).await.map_err(|e| {
            tracing::error!(error = %e, "password hashing task failed");
            AppError::Internal
        })
    }
}

/// The proxies whose `X-Forwarded-For` is believed: this machine always, and the addresses or
/// networks the operator names (`NABIJ_TRUSTED_PROXIES`, e.g. `10.0.0.5, 10.1.0.0/16`). The
/// router hands them to every request as an extension.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// Reads a list of addresses and networks separated by commas or spaces.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut out = Vec::new();
        for item in list.split([',', ' ']).map(str::trim).filter(|i| !i.is_empty()) {
            let (address, bits) = match item.split_once('/') {
                Some((a, b)) => (a, Some(b)),
                None => (item, None),
            };
            let ip: IpAddr = address.parse().map_err(|_| item.to_string())?;
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let bits = match bits {
                Some(b) => b.parse::<u8>().ok().filter(|b| *b <= max).ok_or_else(|| item.to_string())?,
                None => max,
            };
            out.push((ip, bits));
        }
        Ok(TrustedProxies(out))
    }

    /// Whether a connection or hop from `ip` is one of ours.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        ip.is_loopback() || self.0.iter().any(|(net, bits)| within(ip, *net, *bits))
    }
}

impl std::fmt::Display for TrustedProxies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(this machine only)");
        }
        let list: Vec<String> = self.0.iter().map(|(ip, bits)| format!("{ip}/{bits}")).collect();
        write!(f, "this machine, {}", list.join(", "))
    }
}

fn within(ip: IpAddr, net: IpAddr, bits: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(ip), IpAddr::V4(net)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(ip) & mask == u32::from(net) & mask
        }
        (IpAddr::V6(ip), IpAddr::V6(net)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(ip) & mask == u128::from(net) & mask
        }
        _ => false,
    }
}

/// The address of the client of the current request: the connection's, or, when the
/// connection comes from one of our proxies, the nearest address in `X-Forwarded-For` that is
/// not one of them. A local connection without one (a script on the server) is `None`.
pub fn client_ip() -> Option<IpAddr> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let socket = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?.0.ip();
    let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let trusted = parts.extensions.get::<TrustedProxies>().cloned().unwrap_or_default();
    client_of(socket, forwarded, &trusted)
}

/// See [`client_ip`]. Each proxy appends the address it was reached from, so the list is read
/// from its end: the first address that is not one of our proxies is the client (anything the
/// client wrote itself stands before it and is not believed).
pub fn client_of(socket: IpAddr, forwarded: Option<&str>, trusted: &TrustedProxies) -> Option<IpAddr> {
    if !trusted.trusts(socket) {
        return Some(socket);
    }
    let Some(forwarded) = forwarded else {
        return (!socket.is_loopback()).then_some(socket);
    };
    let mut nearest = None;
    for hop in forwarded.rsplit(',') {
        let ip: IpAddr = hop.trim().parse().ok()?;
        if !trusted.trusts(ip) {
            return Some(ip);
        }
        nearest = Some(ip);
    }
    nearest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_share_in_a_window_then_waits() {
        let throttle = Throttle::new(2);
        let (a, b): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        for _ in 0..PER_CLIENT {
            assert!(throttle.allow(Some(a), 1_000));
        }
        assert!(!throttle.allow(Some(a), 1_001), "over its share");
        assert!(throttle.allow(Some(b), 1_001), "another client is not held back");
        assert!(throttle.allow(Some(a), 1_000 + WINDOW_S + 1), "the window moved on");
        assert!(throttle.allow(None, 1_001));
    }

    #[test]
    fn the_table_of_clients_stays_bounded() {
        let throttle = Throttle::new(1);
        for i in 0..(MAX_CLIENTS as u32 + 500) {
            let ip = IpAddr::from(std::net::Ipv4Addr::from(0x0A00_0000 + i));
            assert!(throttle.allow(Some(ip), i64::from(i)));
        }
        assert!(throttle.clients.lock().unwrap().len() <= MAX_CLIENTS);
    }

    #[test]
    fn proxies_elsewhere_are_believed_only_when_named() {
        let trusted = TrustedProxies::parse("10.0.0.5, 10.1.0.0/16 2001:db8::/32").unwrap();
        let client: IpAddr = "198.51.100.4".parse().unwrap();
        let balancer: IpAddr = "10.0.0.5".parse().unwrap();
        let inner: IpAddr = "10.1.7.9".parse().unwrap();
        assert_eq!(client_of(balancer, Some("198.51.100.4"), &trusted), Some(client));
        // Two of our proxies in a row, and what the client made up in front of it.
        assert_eq!(client_of(inner, Some("6.6.6.6, 198.51.100.4, 10.0.0.5"), &trusted), Some(client));
        // Not named: its header is not believed.
        let stranger: IpAddr = "10.2.0.1".parse().unwrap();
        assert_eq!(client_of(stranger, Some("198.51.100.4"), &trusted), Some(stranger));
        assert!(trusted.trusts("2001:db8::1".parse().unwrap()) && !trusted.trusts("2001:db9::1".parse().unwrap()));
        for bad in ["10.0.0.300", "10.0.0.0/33", "proxy.example", "fd00::/129"] {
            assert_eq!(TrustedProxies::parse(bad), Err(bad.to_string()));
        }
        assert_eq!(TrustedProxies::parse("").unwrap(), TrustedProxies::default());
    }

    #[test]
    fn behind_a_local_proxy_the_forwarded_address_counts() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let remote: IpAddr = "198.51.100.4".parse().unwrap();
        let none = TrustedProxies::default();
        assert_eq!(client_of(remote, Some("203.0.113.9"), &none), Some(remote), "only a local proxy is believed");
        assert_eq!(client_of(local, Some("203.0.113.9, 198.51.100.4"), &none), Some(remote), "the proxy's own entry");
        assert_eq!(client_of(local, None, &none), None);
        assert_eq!(client_of(local, Some("not an address"), &none), None);
    }

    #[tokio::test]
    async fn work_waits_for_a_free_slot() {
        let throttle = std::sync::Arc::new(Throttle::new(1));
        let first = throttle.run(None, || std::thread::sleep(std::time::Duration::from_millis(50)));
        let second = throttle.run(None, || 7);
        let (a, b) = tokio::join!(first, second);
        assert_eq!((a, b), (Ok(()), Ok(7)));
    }
}
