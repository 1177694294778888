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

/// The address of the client of the current request: the connection's, or, when the
/// connection comes from a reverse proxy on this machine, the last address that proxy put in
/// `X-Forwarded-For`. A local connection without one (a script on the server) is `None`.
pub fn client_ip() -> Option<IpAddr> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let socket = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?.0.ip();
    let forwarded = parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok());
    client_of(socket, forwarded)
}

/// See [`client_ip`].
pub fn client_of(socket: IpAddr, forwarded: Option<&str>) -> Option<IpAddr> {
    if !socket.is_loopback() {
        return Some(socket);
    }
    forwarded?.rsplit(',').next()?.trim().parse().ok()
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
    fn behind_a_local_proxy_the_forwarded_address_counts() {
        let local: IpAddr = "127.0.0.1".parse().unwrap();
        let remote: IpAddr = "198.51.100.4".parse().unwrap();
        assert_eq!(client_of(remote, Some("203.0.113.9")), Some(remote), "only a local proxy is believed");
        assert_eq!(client_of(local, Some("203.0.113.9, 198.51.100.4")), Some(remote), "the proxy's own entry");
        assert_eq!(client_of(local, None), None);
        assert_eq!(client_of(local, Some("not an address")), None);
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
