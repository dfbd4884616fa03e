//! Acks held back to go out together (lapin's `Channel::basic_ack_held`, PATCHED.md).
//!
//! DESIGN: a consumer acking each message paid one `send` per ack, about a quarter of its CPU per
//! message (php-amqp and php-amqplib pay it too). An ack is now held back in lapin's direct writer and
//! goes out ahead of the next write on the connection (a publish, any method, a close), when the PHP
//! thread is about to sleep for more from a broker or returns from a non-blocking wait that found
//! nothing (`flush_all`: with a prefetch limit the broker waits for acks before it sends more, on
//! whichever connection the thread waits; on a channel that settled deliveries that wait then gives the
//! broker's next deliveries a moment to come, `channel_events::REFILL`), at 16 KiB of held acks, when lapin's I/O
//! thread takes the socket back, and, whatever PHP does meanwhile (a long callback), at the next tick
//! of a ticker on mq's runtime, every `TICK`. So an ack reaches the broker at most about `TICK` later
//! than php-amqplib's would: a worker killed by a signal it does not handle (SIGKILL, or SIGTERM
//! without a `pcntl` handler) right after acking may see the messages it acked in that last `TICK`
//! redelivered (5 ms lost an unhandled SIGTERM's last acks often enough that the tick is 2 ms). A script
//! that ends (any way PHP runs its shutdown) closes its connections, and the close writes them first.
//!
//! One ticker, not a timer per batch of acks: a timer task per batch woke a runtime thread twice per
//! batch and cost more CPU than the sends it saved. The ticker runs while acks are being held and stops
//! after `IDLE_TICKS` ticks without any; only starting it again wakes a thread.

use std::{
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use lapin::Channel;
use tokio::sync::Notify;

use crate::runtime;

/// How often held acks go out at the latest.
const TICK: Duration = Duration::from_millis(2);

/// Ticks without a held ack before the ticker sleeps.
const IDLE_TICKS: u32 = 500;

/// Sees that the acks held on `channel`'s connection go out within about `TICK`, whatever PHP does
/// meanwhile (called for the first ack held since they last went out). Without mq's runtime (it could
/// not start) they go at once.
pub fn flush_soon(channel: &Channel) {
    match ticker(true) {
        Some(ticker) => ticker.add(channel),
        None => channel.flush_held_settles(),
    }
}

/// Sends the acks held on every connection now, as the PHP thread must before it sleeps for any of
/// them or returns from a wait that found nothing: a broker may be waiting for the acks of another
/// connection than the one waited on (consumers on two connections, or a consumer publishing with
/// confirms on another).
pub fn flush_all() {
    if let Some(ticker) = ticker(false) {
        ticker.flush();
    }
}

struct Ticker {
    /// Channels with acks held since the last tick (their connections', in fact).
    waiting: Mutex<Vec<Channel>>,
    ticking: AtomicBool,
    wake: Notify,
}

/// This process' ticker (a forked child gets its own: the parent's channels are not the child's to
/// flush), started on first use when `start`.
fn ticker(start: bool) -> Option<Arc<Ticker>> {
    static TICKER: Mutex<Option<(u32, Arc<Ticker>)>> = Mutex::new(None);
    let pid = runtime::current_pid();
    let mut slot = TICKER.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((owner, ticker)) = slot.as_ref() {
        if *owner == pid {
            return Some(Arc::clone(ticker));
        }
    }
    if !start {
        return None;
    }
    let ticker = Arc::new(Ticker { waiting: Mutex::new(Vec::new()), ticking: AtomicBool::new(false), wake: Notify::new() });
    runtime::runtime().ok()?.spawn(Arc::clone(&ticker).run());
    *slot = Some((pid, Arc::clone(&ticker)));
    Some(ticker)
}

impl Ticker {
    fn add(&self, channel: &Channel) {
        self.lock().push(channel.clone());
        if !self.ticking.load(Ordering::Acquire) {
            // Keeps a permit if the ticker is not waiting yet: no wake-up is lost.
            self.wake.notify_one();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Channel>> {
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sends the held acks of every channel added since the last flush; whether there was any.
    fn flush(&self) -> bool {
        let waiting = std::mem::take(&mut *self.lock());
        let any = !waiting.is_empty();
        for channel in waiting {
            channel.flush_held_settles();
        }
        any
    }

    async fn run(self: Arc<Self>) {
        loop {
            self.wake.notified().await;
            self.ticking.store(true, Ordering::Release);
            let mut idle = 0;
            while idle < IDLE_TICKS {
                tokio::time::sleep(TICK).await;
                idle = if self.flush() { 0 } else { idle + 1 };
            }
            self.ticking.store(false, Ordering::Release);
            // One added between the last tick and the store above rang no bell: tick on for it.
            if !self.lock().is_empty() {
                self.wake.notify_one();
            }
        }
    }
}
