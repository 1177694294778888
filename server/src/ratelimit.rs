//! A fixed-window rate limit per client address, for the open API. In memory and per instance:
//! it protects one server from one client; it is not an accounting system.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct RateLimiter {
    per_window: u32,
    window: Duration,
    seen: Mutex<HashMap<Option<IpAddr>, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(per_window: u32, window: Duration) -> RateLimiter {
        RateLimiter { per_window, window, seen: Mutex::new(HashMap::new()) }
    }

    /// Counts a request from `ip`; false once it exceeds the limit for the current window. A
    /// request of unknown origin (a local script) is not limited; IPv6 clients count per /64,
    /// the block one household gets. The table is bounded: when every entry is current and it
    /// is full, it starts over.
    pub fn allow(&self, ip: Option<IpAddr>) -> bool {
        let Some(ip) = ip.map(block) else { return true };
        let now = Instant::now();
        let Ok(mut seen) = self.seen.lock() else { return true };
        if seen.len() >= MAX_CLIENTS && !seen.contains_key(&Some(ip)) {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
            if seen.len() >= MAX_CLIENTS {
                seen.clear();
            }
        }
        let entry = seen.entry(Some(ip)).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_window
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.seen.lock().map(|s| s.len()).unwrap_or(0)
    }
}

/// Clients remembered at most.
const MAX_CLIENTS: usize = 100_000;

/// The address a limit counts: an IPv4 address, or the /64 of an IPv6 one.
fn block(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            IpAddr::from(std::net::Ipv6Addr::new(segments[0], segments[1], segments[2], segments[3], 0, 0, 0, 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_is_stopped_after_its_quota_and_others_are_not() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60));
        let a = Some(IpAddr::from([10, 0, 0, 1]));
        let b = Some(IpAddr::from([10, 0, 0, 2]));
        assert!((0..3).all(|_| limiter.allow(a)));
        assert!(!limiter.allow(a));
        assert!(limiter.allow(b));
    }

    #[test]
    fn addresses_of_one_ipv6_block_share_a_quota_and_the_table_stays_bounded() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let one: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let same_block: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert!(limiter.allow(Some(one)) && limiter.allow(Some(same_block)));
        assert!(!limiter.allow(Some(one)));
        assert!(limiter.allow(None), "a local script is not limited");
        for i in 0..(MAX_CLIENTS as u32 + 10) {
            limiter.allow(Some(IpAddr::from(std::net::Ipv4Addr::from(i))));
        }
        assert!(limiter.len() <= MAX_CLIENTS);
    }

    #[test]
    fn the_quota_returns_with_a_new_window() {
        let limiter = RateLimiter::new(1, Duration::from_millis(20));
        let a = Some(IpAddr::from([10, 0, 0, 3]));
        assert!(limiter.allow(a));
        assert!(!limiter.allow(a));
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.allow(a));
    }
}
