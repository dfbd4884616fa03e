//! The librdkafka producer behind `RdKafka\Producer` and its topics, and how poll(), flush() and its destruction wait.

use std::{
    mem::ManuallyDrop,
    ptr::NonNull,
    time::{Duration, Instant},
};

use ext_php_rs::exception::PhpResult;
use rdkafka::{
    bindings as rd,
    producer::{BaseProducer, Producer as _},
};

use super::{client_calls, closing, context::Context, errors, events, hurry, waits::FLUSH_SLICE};
use crate::{
    ini,
    runtime::{self, slices, Doorbell, OwnerPid, DOORBELL_RING},
};

/// The librdkafka producer, shared by the Producer object and its topics.
///
/// Its events are taken from librdkafka's main queue on the PHP thread (`serve_ready`), as php-rdkafka's
/// poll serves them. Every delivered message comes back in a delivery report, callback or not (as
/// php-rdkafka installs a delivery callback on every producer), and is freed when the report is served.
/// DESIGN: mq had librdkafka report only failures to a producer without a delivery callback
/// (`delivery.report.only.error`), so that librdkafka's broker thread freed each acknowledged message.
/// That cost the broker thread more than serving the reports costs the PHP thread: glibc's `free` of
/// memory another thread allocated takes the arena's lock against that thread's `malloc`s (1 000 000 ×
/// 100 B, `poll(0)` after each `produce()`: broker thread 250–330 ms of CPU against 160–260 ms).
///
/// `poll()` sleeps on `doorbell`, which librdkafka rings when its event queue stops being empty, then
/// serves what came. `flush()` cannot wait in librdkafka's own flush: librdkafka counts a message until
/// its report is served, and the reports wait in our queue, so its flush would sleep through every
/// slice. It sleeps on `doorbell` like poll() while a runtime thread keeps librdkafka's flush running
/// to hurry `linger.ms` (`hurry`). Only when the user sets `delivery.report.only.error` (successes
/// bring no event) does it wait in librdkafka's flush, which returns the moment the last message is
/// done, in slices so that events and signals are seen.
pub struct ProducerHandle {
    producer: ManuallyDrop<BaseProducer<Context>>,
    /// librdkafka's main (event) queue, where the producer's events wait: our reference, looked at (not
    /// served) by an idle poll(0), released before the producer.
    queue: NonNull<rd::rd_kafka_queue_t>,
    /// Dropped after the producer is destroyed (in `Drop::drop`), so librdkafka never writes to a
    /// closed descriptor.
    doorbell: ManuallyDrop<Doorbell>,
    /// Whether every delivery comes back as an event (`delivery.report.only.error` is not set), not only
    /// failures.
    reports_deliveries: bool,
    /// Whether `linger.ms` is above 0, so that a flush has something to hurry.
    lingers: bool,
    pub owner: OwnerPid,
}

impl ProducerHandle {
    pub(super) fn new(producer: BaseProducer<Context>) -> PhpResult<Self> {
        let doorbell = Doorbell::new().map_err(|e| errors::exception(format!("mq: cannot create an eventfd: {e}"), 0))?;
        // SAFETY: a live producer handle; the queue reference is released in Drop.
        let queue = NonNull::new(unsafe { rd::rd_kafka_queue_get_main(producer.client().native_ptr()) })
            .ok_or_else(|| errors::exception("librdkafka gave no main queue", 0))?;
        // SAFETY: our live queue; librdkafka copies the payload.
        unsafe { rd::rd_kafka_queue_io_event_enable(queue.as_ptr(), doorbell.fd(), DOORBELL_RING.as_ptr().cast(), DOORBELL_RING.len()) };
        let rk = producer.client().native_ptr();
        let reports_deliveries = client_calls::conf_value(rk, c"delivery.report.only.error").as_deref() != Some("true");
        let lingers = client_calls::conf_value(rk, c"linger.ms").and_then(|ms| ms.parse::<f64>().ok()).map_or(true, |ms| ms > 0.0);
        Ok(ProducerHandle { producer: ManuallyDrop::new(producer), queue, doorbell: ManuallyDrop::new(doorbell), reports_deliveries, lingers, owner: OwnerPid::current() })
    }

    /// Whether nothing waits to be served: no event in librdkafka's queue, none recorded for PHP. What
    /// an idle poll(0) asks instead of polling (rdkafka's poll reads the clock three times per call).
    pub(super) fn idle(&self) -> bool {
        !self.context().has_events() && self.waiting() == 0
    }

    pub fn producer(&self) -> &BaseProducer<Context> {
        &self.producer
    }

    pub fn context(&self) -> &Context {
        self.producer.context()
    }

    pub fn native(&self) -> *mut rd::rd_kafka_t {
        self.producer.client().native_ptr()
    }

    fn waiting(&self) -> usize {
        // SAFETY: our reference to the live main queue.
        unsafe { rd::rd_kafka_queue_length(self.queue.as_ptr()) }
    }

    /// Serves the events already waiting, without blocking: delivery reports here (the messages they
    /// carry are freed on this thread), the rest as any client's (`events`).
    pub(super) fn serve_ready(&self) {
        // SAFETY: our reference to the live main queue.
        while let Some(event) = unsafe { events::take(self.queue.as_ptr(), Duration::ZERO) } {
            if event.kind() == rd::RD_KAFKA_EVENT_DR {
                // SAFETY: a live delivery report event, destroyed after.
                unsafe { self.context().deliveries(event.ptr()) };
            } else {
                events::serve_common(self.context(), self.native(), event);
            }
        }
    }

    /// Waits up to `wait` for room in librdkafka's queue (a produce with RD_KAFKA_MSG_F_BLOCK), serving
    /// the delivery reports that make it; their PHP callbacks run at the next poll().
    pub(super) fn serve_for(&self, wait: Duration) {
        self.doorbell.reset();
        self.serve_ready();
        self.doorbell.sleep(Some(wait));
        self.serve_ready();
    }

    /// Serves events until `done` or the deadline (None: no deadline), calling `between` after every
    /// slice. Returns whether `done` became true; a pending PHP interrupt (signal) ends the wait early.
    /// Not `Slices::run`: `wait` sets each wait's length (poll() sleeps on the doorbell until the deadline,
    /// unsliced), and `done` is looked at before the deadline.
    pub(super) fn serve_until(
        &self,
        deadline: Option<Instant>,
        mut done: impl FnMut(&Self) -> bool,
        mut between: impl FnMut() -> PhpResult<bool>,
        wait: impl Fn(&Self, Option<Duration>),
    ) -> PhpResult<bool> {
        loop {
            // Rings from here on are for events serve_ready() may not see: await_event returns at once.
            self.doorbell.reset();
            self.serve_ready();
            if !between()? {
                return Ok(false);
            }
            if done(self) {
                return Ok(true);
            }
            if runtime::php_interrupted() {
                return Ok(false);
            }
            let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if remaining.is_some_and(|r| r.is_zero()) {
                return Ok(false);
            }
            wait(self, remaining);
        }
    }

    /// Serves events until every message is delivered or failed and its report served, or the
    /// deadline: `serve_until` with `flushed` and `await_flush`, librdkafka's flush kept running
    /// meanwhile when it must serve as a hurry (`hurry::during`).
    pub(super) fn flush_until(&self, deadline: Option<Instant>, between: impl FnMut() -> PhpResult<bool>) -> PhpResult<bool> {
        let wait = || self.serve_until(deadline, Self::flushed, between, Self::await_flush);
        // No time to wait, no hurry: a destructor with a budget of 0 must not send more.
        let time_left = deadline.is_none_or(|d| d > Instant::now());
        if self.reports_deliveries && self.lingers && time_left && !self.flushed() {
            // SAFETY: a live producer handle, for as long as `during` runs.
            unsafe { hurry::during(self.native(), wait) }
        } else {
            wait()
        }
    }

    /// Sleeps until an event arrives (see the struct's comment).
    pub(super) fn await_event(&self, left: Option<Duration>) {
        self.doorbell.sleep(left);
    }

    /// Waits, for one slice at most, until every message is done (see the struct's comment).
    pub(super) fn await_flush(&self, left: Option<Duration>) {
        let slice = slices::slice(left, FLUSH_SLICE);
        if self.reports_deliveries {
            // What lingers is hurried meanwhile by `flush_until`.
            self.doorbell.sleep(Some(slice));
        } else {
            // SAFETY: a live producer handle. rdkafka takes delivery reports as events, so librdkafka's
            // flush serves nothing: it waits for the message count to reach zero.
            unsafe { rd::rd_kafka_flush(self.native(), slice.as_millis().max(1) as i32) };
        }
    }

    /// Has the brokers send what lingers without waiting, as php-rdkafka's `flush(0)` does (a loop of them
    /// empties the queue); with no time to wait, `await_flush` is never reached.
    pub(super) fn hurry(&self) {
        if self.lingers && !self.flushed() {
            // SAFETY: a live producer handle.
            unsafe { rd::rd_kafka_flush(self.native(), 0) };
        }
    }

    /// Whether no message is in flight and no event waits. Not `rd_kafka_flush(rk, 0)`, which would also
    /// hurry the brokers past `linger.ms`: a destructor with no time to flush must not send more.
    pub(super) fn flushed(&self) -> bool {
        // SAFETY: a live producer handle.
        unsafe { rd::rd_kafka_outq_len(self.native()) == 0 }
    }
}

impl Drop for ProducerHandle {
    /// php-rdkafka drops whatever was not flushed; mq first delivers for up to
    /// `mq.kafka_destruct_flush_ms`, without calling PHP. In a forked child the handle belongs to the
    /// parent's (dead) threads and is leaked.
    fn drop(&mut self) {
        if !self.owner.is_current() {
            return;
        }
        self.context().mute();
        let deadline = Instant::now() + ini::kafka_destruct_flush_ms();
        let _ = self.flush_until(Some(deadline), || Ok(true));
        // SAFETY: released once, here; the producer is taken once, and neither is used after.
        let producer = unsafe {
            rd::rd_kafka_queue_destroy(self.queue.as_ptr());
            ManuallyDrop::take(&mut self.producer)
        };
        if !closing::destroyed_within(producer) {
            // librdkafka's threads may still ring the doorbell: its descriptor must stay theirs.
            // SAFETY: not used after; leaked, not dropped.
            std::mem::forget(unsafe { ManuallyDrop::take(&mut self.doorbell) });
            return;
        }
        // SAFETY: dropped once, here, once the producer is destroyed.
        unsafe { ManuallyDrop::drop(&mut self.doorbell) };
    }
}
