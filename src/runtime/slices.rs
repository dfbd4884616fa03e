//! Waits cut into slices, so a blocking C call hands control back often enough to serve events and see PHP signals.

use std::time::{Duration, Instant};

use super::php_interrupted;

/// How long the next slice of a wait lasts: `max`, or what is `left` of it (None: no end) if less.
pub fn slice(left: Option<Duration>, max: Duration) -> Duration {
    left.map_or(max, |left| left.min(max))
}

/// A wait until `deadline` (None: no end), in slices of at most `max`.
#[derive(Clone, Copy)]
pub struct Slices {
    deadline: Option<Instant>,
    max: Duration,
}

impl Slices {
    pub fn until(deadline: Option<Instant>, max: Duration) -> Self {
        Slices { deadline, max }
    }

    /// How long the next slice lasts (zero once the deadline has passed).
    pub fn next(&self) -> Duration {
        slice(self.deadline.map(|d| d.saturating_duration_since(Instant::now())), self.max)
    }

    /// Whether the wait must end: its deadline has passed or PHP has a pending interrupt (a signal).
    pub fn over(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d) || php_interrupted()
    }

    /// Calls `attempt` with one slice at a time until it yields, or the wait is `over` (looked at after
    /// each attempt: there is always one).
    pub fn run<T>(self, mut attempt: impl FnMut(Duration) -> Option<T>) -> Option<T> {
        loop {
            if let Some(found) = attempt(self.next()) {
                return Some(found);
            }
            if self.over() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: Duration = Duration::from_millis(100);

    #[test]
    fn a_slice_is_at_most_max_and_at_most_what_is_left() {
        assert_eq!(slice(None, MAX), MAX);
        assert_eq!(slice(Some(Duration::from_secs(5)), MAX), MAX);
        assert_eq!(slice(Some(Duration::from_millis(7)), MAX), Duration::from_millis(7));
        assert_eq!(slice(Some(Duration::ZERO), MAX), Duration::ZERO);
    }

    #[test]
    fn the_next_slice_follows_the_deadline() {
        assert_eq!(Slices::until(None, MAX).next(), MAX);
        assert_eq!(Slices::until(Some(Instant::now() + Duration::from_secs(60)), MAX).next(), MAX);
        let past = Instant::now().checked_sub(Duration::from_millis(1)).unwrap_or_else(Instant::now);
        assert_eq!(Slices::until(Some(past), MAX).next(), Duration::ZERO);
        let near = Slices::until(Some(Instant::now() + Duration::from_millis(50)), MAX).next();
        assert!(near <= Duration::from_millis(50), "{near:?}");
    }
}
