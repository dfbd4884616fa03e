//! The deadline of the PHP call running, for the work it starts that has deadlines of its own: a wait
//! with a timeout (`wait($timeout)`, `wait_for_pending_acks($timeout)`, `consume($maximum_poll)`) that
//! meets a lost connection recovers it, and recovery's reconnects would otherwise go on for
//! `mq.amqp_recovery_deadline_ms` (a minute) past the timeout the program gave. Recovery checks it
//! between steps and bounds its pauses and connect attempts by it; the call then throws its timeout and
//! the next call resumes the recovery.

use std::{
    cell::Cell,
    time::{Duration, Instant},
};

thread_local! {
    /// The running call's deadline and the timeout it was given, in seconds (what its exception names).
    static CALL: Cell<Option<(Instant, f64)>> = const { Cell::new(None) };
}

/// Runs `call` bounded by `timeout` from now (None: unbounded, as an outer call may be). A call made
/// inside it (a signal handler's wait) has its own bound while it runs.
pub fn bounded<T>(timeout: Option<Duration>, call: impl FnOnce() -> T) -> T {
    let Some(deadline) = timeout.and_then(|t| Instant::now().checked_add(t).map(|d| (d, t.as_secs_f64()))) else {
        return call();
    };
    let outer = CALL.replace(Some(deadline));
    let result = call();
    CALL.set(outer);
    result
}

/// How long the running call has left (None: no bound).
pub fn left() -> Option<Duration> {
    CALL.get().map(|(deadline, _)| deadline.saturating_duration_since(Instant::now()))
}

/// `wanted`, cut to what the running call has left.
pub fn cut(wanted: Duration) -> Duration {
    left().map_or(wanted, |left| wanted.min(left))
}

/// The running call's timeout once its deadline has passed.
pub fn passed() -> Option<f64> {
    CALL.get().filter(|(deadline, _)| Instant::now() >= *deadline).map(|(_, timeout)| timeout)
}
