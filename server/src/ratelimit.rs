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

    /// Counts a request from `ip`; false once it exceeds the limit for the current window.
    pub fn allow(&self, ip: Option<IpAddr>) -> bool {
        let now = Instant::now();
        let Ok(mut seen) = self.seen.lock() else { return true };
        if seen.len() > 100_000 {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = seen.entry(ip).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.per_window
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
    fn the_quota_returns_with_a_new_window() {
        let limiter = RateLimiter::new(1, Duration::from_millis(20));
        assert!(limiter.allow(None));
        assert!(!limiter.allow(None));
        std::thread::sleep(Duration::from_millis(30));
        assert!(limiter.allow(None));
    }
}
