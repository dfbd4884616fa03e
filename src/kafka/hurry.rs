//! librdkafka's `flush()` kept running on a runtime thread while the PHP thread waits for a producer's
//! delivery reports, so that `linger.ms` counts as over for the whole wait.
//!
//! DESIGN: a producer's delivery reports are events that only mq serves (`producer_handle`), and
//! librdkafka counts a message until its report is destroyed, so its flush cannot return before mq
//! served the reports: a wait cannot sit in it. But only a running flush makes the broker threads send
//! what lingers at once. The PHP thread used to call `rd_kafka_flush(rk, 1)` between sleeps: each call
//! lasted its whole millisecond (the report waits unserved), and a message not sendable within it (its
//! leader not known yet, a partition not yet in the transaction) then waited for `linger.ms`
//! (`flush()` of one message 6 ms against php-rdkafka's 2, 23 ms with `linger.ms=100`). Here a runtime
//! thread stays in librdkafka's flush, in short calls, while the PHP thread sleeps on the producer's
//! doorbell and serves each report as it comes: librdkafka's flush returns the moment mq has served
//! the last one, and the wait ends with it, as php-rdkafka's flush (which serves the reports itself).

use std::{
    sync::{Arc, Condvar, Mutex},
    time::Duration,
};

use rdkafka::bindings as rd;

use crate::runtime;

/// One librdkafka flush call of the helper: how long `during` may wait for it at the end.
const CALL_MS: i32 = 5;

/// Runs `wait` while a runtime thread keeps librdkafka's flush of `rk` running; returns once that
/// thread has left librdkafka (so `rk` may be destroyed right after). Without the runtime, `wait` runs
/// alone.
///
/// # Safety
/// `rk` is a live producer handle until this returns.
pub unsafe fn during<T>(rk: *mut rd::rd_kafka_t, wait: impl FnOnce() -> T) -> T {
    let Ok(runtime) = runtime::runtime() else { return wait() };
    let state = Arc::new((Mutex::new(Phase::Running), Condvar::new()));
    let helper = Arc::clone(&state);
    let rk = rk as usize;
    runtime.spawn_blocking(move || {
        let (phase, changed) = &*helper;
        let lock = || phase.lock().unwrap_or_else(|e| e.into_inner());
        while *lock() == Phase::Running {
            // SAFETY: the caller keeps rk live until `during` returns, which waits for `Phase::Left`.
            let err = unsafe { rd::rd_kafka_flush(rk as *mut rd::rd_kafka_t, CALL_MS) };
            if err == rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR {
                // Nothing in flight, nothing unserved: no need to spin until the PHP thread sees it.
                let phase = lock();
                drop(changed.wait_timeout_while(phase, Duration::from_millis(1), |p| *p == Phase::Running));
            }
        }
        *lock() = Phase::Left;
        changed.notify_all();
    });
    let result = wait();
    let (phase, changed) = &*state;
    let mut phase = phase.lock().unwrap_or_else(|e| e.into_inner());
    if *phase == Phase::Running {
        *phase = Phase::Stopping;
    }
    changed.notify_all();
    // At most one flush call (`CALL_MS`), or none if the runtime had no thread free to start it.
    drop(changed.wait_while(phase, |p| *p != Phase::Left));
    result
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Phase {
    Running,
    Stopping,
    Left,
}
