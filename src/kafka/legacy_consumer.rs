//! php-rdkafka's low-level consumer: `RdKafka\Consumer`, `RdKafka\ConsumerTopic`, `RdKafka\Queue`.
//! The partitions are read with librdkafka's legacy calls (`rd_kafka_consume_start`, `rd_kafka_consume`)
//! on the handle of a group-less rdkafka BaseConsumer, whose main queue poll() serves the callbacks.

use std::{
    ffi::CString,
    mem::ManuallyDrop,
    sync::{Arc, Mutex},
    time::Duration,
};

use ext_php_rs::{
    exception::PhpResult,
    prelude::*,
    types::{ZendClassObject, Zval},
};
use rdkafka::{
    bindings as rd,
    consumer::{BaseConsumer, Consumer as _},
};

use super::{
    base_classes::{Kafka, Topic},
    builder::{client_config, creation_error, finish_client},
    callbacks::{self, Callbacks},
    closing,
    conf::{self, ConfArg, TopicConf},
    context::Context,
    errors,
    message::{MessageObject, RawMessage},
    oauth,
    owner::ensure_owner,
    params::{c_string, Callable},
    topic::{check_partition, NativeTopic},
    waits,
};
use crate::{
    runtime::{slices::Slices, OwnerPid},
};

/// The librdkafka consumer shared by the Consumer object, its topics and queues.
pub struct LegacyHandle {
    consumer: ManuallyDrop<BaseConsumer<Context>>,
    owner: OwnerPid,
    /// With a group.id, rdkafka's drop leaves the group first.
    grouped: bool,
    /// Partitions consumeStart()ed and not consumeStop()ed, by topic name, each with the number of its
    /// start (`Started`): stopped before the handle is destroyed, as php-rdkafka does (a started partition
    /// keeps the group from ever closing).
    started: Mutex<Started>,
}

/// The started partitions, and how many starts there were: a partition stopped and started again is told
/// apart from one that went on (a consumeCallback() whose callback did both stops there).
#[derive(Default)]
struct Started {
    partitions: Vec<((CString, i32), u64)>,
    starts: u64,
}

impl LegacyHandle {
    fn rk(&self) -> *mut rd::rd_kafka_t {
        self.consumer.client().native_ptr()
    }

    /// Serves every event already queued, whatever its kind, as rd_kafka_poll() does: rdkafka's
    /// zero-timeout poll returns after one event even when poll() does not count it (a log line without
    /// a log callback), which left the errors queued behind it to a later call.
    fn serve_queued(&self) {
        // SAFETY: a live handle; the main queue (forwarded to the consumer queue with a group.id, as
        // rdkafka's poll reads it) is released at once.
        let queued = unsafe {
            let queue = rd::rd_kafka_queue_get_main(self.rk());
            let queued = rd::rd_kafka_queue_length(queue);
            rd::rd_kafka_queue_destroy(queue);
            queued
        };
        for _ in 0..queued {
            self.consumer.poll(Duration::ZERO);
        }
    }

    fn started(&self) -> std::sync::MutexGuard<'_, Started> {
        self.started.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Which start of the partition is running, if it is started.
    fn start_of(&self, topic: &[u8], partition: i64) -> Option<u64> {
        let entry = (c_string(topic), partition as i32);
        self.started().partitions.iter().find(|(e, _)| *e == entry).map(|&(_, start)| start)
    }

    fn is_started(&self, topic: &[u8], partition: i64) -> bool {
        self.start_of(topic, partition).is_some()
    }

    /// Records a started partition, or forgets a stopped one.
    fn track(&self, topic: &[u8], partition: i64, started: bool) {
        let entry = (c_string(topic), partition as i32);
        let mut list = self.started();
        list.partitions.retain(|(e, _)| *e != entry);
        if started {
            list.starts += 1;
            let start = list.starts;
            list.partitions.push((entry, start));
        }
    }
}

impl Drop for LegacyHandle {
    fn drop(&mut self) {
        // In a forked child the handle belongs to the parent's threads: leaked.
        if !self.owner.is_current() {
            return;
        }
        self.consumer.context().mute();
        let rk = self.rk();
        for ((topic, partition), _) in self.started().partitions.drain(..) {
            // SAFETY: a live handle; rd_kafka_topic_new returns (a reference to) the topic's handle.
            unsafe {
                let rkt = rd::rd_kafka_topic_new(rk, topic.as_ptr(), std::ptr::null_mut());
                if !rkt.is_null() {
                    rd::rd_kafka_consume_stop(rkt, partition);
                    rd::rd_kafka_topic_destroy(rkt);
                }
            }
        }
        // rdkafka's drop waits without end for the group to close: leaked if it does not close in time.
        if self.grouped && !closing::leave_group_within_bound(&self.consumer) {
            return;
        }
        // SAFETY: taken once, here, not used after.
        closing::destroyed_within(unsafe { ManuallyDrop::take(&mut self.consumer) });
    }
}

/// Repeats a non-blocking legacy call in slices until it yields, the timeout ends (-1: never, as in
/// librdkafka) or PHP has a signal.
fn wait_for<T>(timeout_ms: i64, mut attempt: impl FnMut(i32) -> Option<T>) -> Option<T> {
    Slices::until(waits::deadline(timeout_ms), waits::CONSUME_SLICE).run(|slice| attempt(slice.as_millis() as i32))
}

/// The most messages one consumeBatch() returns: librdkafka's upper bound of `queued.min.messages`.
const MAX_BATCH: i64 = 10_000_000;

/// How many messages consumeCallback() takes from librdkafka at a time.
const CALLBACK_BATCH: usize = 1000;

/// Up to `size` messages of a started partition (`rd_kafka_consume_batch`), owned.
fn batch(topic: *mut rd::rd_kafka_topic_t, partition: i64, timeout_ms: i32, size: usize) -> PhpResult<Vec<RawMessage>> {
    let mut slots: Vec<*mut rd::rd_kafka_message_t> = vec![std::ptr::null_mut(); size];
    // SAFETY: a live topic object; librdkafka fills up to `slots.len()` entries.
    let count = unsafe { rd::rd_kafka_consume_batch(topic, partition as i32, timeout_ms, slots.as_mut_ptr(), slots.len()) };
    if count < 0 {
        // SAFETY: reads librdkafka's thread-local last error.
        return Err(errors::from_code(unsafe { rd::rd_kafka_last_error() } as i32));
    }
    // SAFETY: the first `count` slots hold messages handed over by librdkafka.
    Ok(slots.into_iter().take(count as usize).filter_map(|p| unsafe { RawMessage::from_ptr(p) }).collect())
}

fn check_started(result: i32) -> PhpResult<()> {
    if result == -1 {
        // SAFETY: reads librdkafka's thread-local last error.
        Err(errors::from_code(unsafe { rd::rd_kafka_last_error() } as i32))
    } else {
        Ok(())
    }
}

#[php_class]
#[php(name = "RdKafka\\Consumer")]
#[php(extends(Kafka))]
pub struct Consumer {
    handle: Arc<LegacyHandle>,
    callbacks: Callbacks,
}

impl callbacks::Client for Consumer {
    fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }
}

impl Consumer {
    fn handle(&self) -> PhpResult<&Arc<LegacyHandle>> {
        ensure_owner(self.handle.owner)?;
        Ok(&self.handle)
    }
}

#[php_impl]
impl Consumer {
    #[php(defaults(conf = None))]
    pub fn __construct(conf: Option<ConfArg>) -> PhpResult<Self> {
        let conf = conf.map(|c| c.0);
        let (config, callbacks) = client_config(conf);
        let grouped = config.get("group.id").is_some();
        let consumer: BaseConsumer<Context> =
            conf::with_consumer_defaults(config).create_with_context(Context::new(callbacks.wants())).map_err(creation_error)?;
        finish_client(consumer.client());
        let consumer = ManuallyDrop::new(consumer);
        let handle = Arc::new(LegacyHandle { consumer, owner: OwnerPid::current(), grouped, started: Mutex::default() });
        Ok(Consumer { handle, callbacks })
    }

    pub fn new_queue(&self) -> PhpResult<Queue> {
        let handle = Arc::clone(self.handle()?);
        // SAFETY: a live consumer handle; the queue is destroyed before it (field order).
        let queue = unsafe { rd::rd_kafka_queue_new(handle.rk()) };
        Ok(Queue { queue, handle })
    }
}

/// What `\RdKafka`'s methods (`kafka::client`) do on a low-level consumer.
impl Consumer {
    /// The client handle, for `\RdKafka`'s methods.
    pub fn client(&self) -> PhpResult<&rdkafka::client::Client<Context>> {
        Ok(self.handle()?.consumer.client())
    }

    pub fn new_topic(&self, topic_name: &[u8], topic_conf: Option<&TopicConf>) -> PhpResult<ConsumerTopic> {
        let handle = Arc::clone(self.handle()?);
        let native = NativeTopic::new(handle.consumer.client(), topic_name, topic_conf)?;
        Ok(ConsumerTopic { native, handle })
    }

    /// Serves error, log and stats events (callbacks run here); returns how many.
    pub fn poll(self_: &mut ZendClassObject<Consumer>, timeout_ms: i64) -> PhpResult<i64> {
        let handle = Arc::clone(self_.handle()?);
        let (callbacks, kafka) = callbacks::of_client(self_);
        let context = handle.consumer.context();
        let before = context.served();
        {
            let _serving = oauth::serving(context.oauth_key(), handle.rk(), &kafka, callbacks.oauthbearer_token_refresh.as_ref());
            wait_for(timeout_ms, |slice| {
                handle.serve_queued();
                if context.served() == before {
                    handle.consumer.poll(Duration::from_millis(slice as u64));
                }
                (context.served() != before).then_some(())
            });
            // As rd_kafka_poll: once an event came, every event already queued is served too.
            handle.serve_queued();
        }
        callbacks::drain(context, &callbacks, &kafka)?;
        Ok((context.served() - before) as i64)
    }

    /// librdkafka's answer for a consumer, as in php-rdkafka: RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED (only
    /// producers flush).
    pub fn flush(&self, timeout_ms: i64) -> PhpResult<i64> {
        // SAFETY: a live client handle.
        Ok(unsafe { rd::rd_kafka_flush(self.handle()?.rk(), timeout_ms.clamp(-1, i64::from(i32::MAX)) as i32) } as i64)
    }
}

#[php_class]
#[php(name = "RdKafka\\ConsumerTopic")]
#[php(extends(Topic))]
pub struct ConsumerTopic {
    // Declared before the client: fields drop in order, the topic first.
    native: NativeTopic,
    handle: Arc<LegacyHandle>,
}

impl ConsumerTopic {
    pub fn name(&self) -> &[u8] {
        self.native.name()
    }

    fn topic(&self) -> PhpResult<*mut rd::rd_kafka_topic_t> {
        ensure_owner(self.handle.owner)?;
        Ok(self.native.ptr())
    }

    /// php-rdkafka's check before a start: librdkafka asserts (aborting the process) when a partition of a
    /// grouped consumer is started twice.
    fn ensure_not_started(&self, partition: i64) -> PhpResult<()> {
        if !self.handle.is_started(self.name(), partition) {
            return Ok(());
        }
        let name = String::from_utf8_lossy(self.name());
        Err(errors::exception(format!("{name}:{partition} is already being consumed by the same Consumer instance"), 0))
    }
}

#[php_impl]
impl ConsumerTopic {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\ConsumerTopic is created by RdKafka\\Consumer::newTopic()", 0))
    }

    /// Starts fetching `partition` from `offset` (or RD_KAFKA_OFFSET_BEGINNING/END/STORED, rd_kafka_offset_tail()).
    pub fn consume_start(&self, partition: i64, offset: i64) -> PhpResult<()> {
        check_partition(partition, true)?;
        self.ensure_not_started(partition)?;
        // SAFETY: a live topic object.
        check_started(unsafe { rd::rd_kafka_consume_start(self.topic()?, partition as i32, offset) })?;
        self.handle.track(self.name(), partition, true);
        Ok(())
    }

    /// Starts fetching `partition` into `queue` (read with Queue::consume()).
    pub fn consume_queue_start(&self, partition: i64, offset: i64, queue: &Queue) -> PhpResult<()> {
        check_partition(partition, true)?;
        self.ensure_not_started(partition)?;
        // SAFETY: a live topic object and queue of the same client.
        check_started(unsafe { rd::rd_kafka_consume_start_queue(self.topic()?, partition as i32, offset, queue.queue) })?;
        self.handle.track(self.name(), partition, true);
        Ok(())
    }

    pub fn consume_stop(&self, partition: i64) -> PhpResult<()> {
        check_partition(partition, true)?;
        // SAFETY: a live topic object.
        check_started(unsafe { rd::rd_kafka_consume_stop(self.topic()?, partition as i32) })?;
        self.handle.track(self.name(), partition, false);
        Ok(())
    }

    /// The next message of a started partition, or null on timeout; librdkafka's error otherwise (a
    /// partition not started: `_UNKNOWN_PARTITION`).
    pub fn consume(&self, partition: i64, timeout_ms: i64) -> PhpResult<Option<MessageObject>> {
        check_partition(partition, true)?;
        let topic = self.topic()?;
        let message = wait_for(timeout_ms, |slice| {
            // SAFETY: a live topic object; the message is owned by RawMessage.
            match unsafe { RawMessage::from_ptr(rd::rd_kafka_consume(topic, partition as i32, slice)) } {
                Some(message) => Some(Ok(message)),
                // SAFETY: reads librdkafka's thread-local last error, set by the call above.
                None => match unsafe { rd::rd_kafka_last_error() } {
                    rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR__TIMED_OUT => None,
                    err => Some(Err(errors::from_code(err as i32))),
                },
            }
        });
        message.transpose()?.map(|m| m.fields().into_php()).transpose()
    }

    /// Up to `batch_size` messages of a started partition, within the timeout.
    pub fn consume_batch(&self, partition: i64, timeout_ms: i64, batch_size: i64) -> PhpResult<Vec<Zval>> {
        if batch_size <= 0 {
            return Err(errors::invalid_argument(format!("Out of range value '{batch_size}' for batch_size")));
        }
        check_partition(partition, true)?;
        // librdkafka needs one slot per message up front: a size beyond what a partition's prefetch queue
        // could ever hold would only allocate (PHP_INT_MAX: more than memory; it was a panic).
        let size = batch_size.min(MAX_BATCH) as usize;
        let messages = batch(self.topic()?, partition, waits::timeout_ms(timeout_ms), size)?;
        messages.iter().map(|m| m.fields().into_php().map(|o| o.0)).collect()
    }

    /// Calls `callback(Message)` for each message of a started partition: waits up to the timeout for the
    /// first, then serves all that are ready. Returns how many were handed over; a callback that throws
    /// ends the call (as in php-rdkafka, the rest of the fetched batch is dropped). Like librdkafka's
    /// rd_kafka_consume_callback() (php-rdkafka's return value), -1 when the partition cannot be read.
    pub fn consume_callback(&self, partition: i64, timeout_ms: i64, callback: Callable) -> PhpResult<i64> {
        check_partition(partition, false)?;
        let topic = self.topic()?;
        let start = self.handle.start_of(self.name(), partition);
        let first = wait_for(timeout_ms, |slice| match batch(topic, partition, slice, CALLBACK_BATCH) {
            Ok(messages) if messages.is_empty() => None,
            other => Some(other),
        });
        let mut messages = match first {
            Some(Ok(messages)) => messages,
            Some(Err(_)) => return Ok(-1),
            None => return Ok(0),
        };
        let mut count = 0;
        while !messages.is_empty() {
            for message in messages {
                let object = message.fields().into_php()?.0;
                drop(message);
                count += 1;
                if let Err(e) = callback.0.try_call(vec![&object]) {
                    return match e {
                        ext_php_rs::error::Error::ExceptionPending { .. } => Ok(count),
                        e => Err(e.into()),
                    };
                }
                // A callback that called consumeStop() (and maybe consumeStart() again) gets nothing more of
                // what was fetched before: librdkafka drops it with the stop, as php-rdkafka's callbacks end.
                if self.handle.start_of(self.name(), partition) != start {
                    return Ok(count);
                }
            }
            // The partition stopped by the callback: what was handed over is the answer.
            messages = batch(topic, partition, 0, CALLBACK_BATCH).unwrap_or_default();
        }
        Ok(count)
    }

    /// Stores `offset` (librdkafka commits offset + 1) with offset.store.method and auto.commit.
    pub fn offset_store(&self, partition: i64, offset: i64) -> PhpResult<()> {
        check_partition(partition, false)?;
        // SAFETY: a live topic object.
        match unsafe { rd::rd_kafka_offset_store(self.topic()?, partition as i32, offset) } {
            rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
            err => Err(errors::from_code(err as i32)),
        }
    }
}

#[php_class]
#[php(name = "RdKafka\\Queue")]
pub struct Queue {
    // Declared before the client: fields drop in order, the queue first.
    queue: *mut rd::rd_kafka_queue_t,
    handle: Arc<LegacyHandle>,
}

impl Drop for Queue {
    fn drop(&mut self) {
        if self.handle.owner.is_current() {
            // SAFETY: created by rd_kafka_queue_new, destroyed once.
            unsafe { rd::rd_kafka_queue_destroy(self.queue) };
        }
    }
}

#[php_impl]
impl Queue {
    #[php(vis = "private")]
    pub fn __construct() -> PhpResult<Self> {
        Err(errors::exception("RdKafka\\Queue is created by RdKafka\\Consumer::newQueue()", 0))
    }

    /// The next message of the partitions started into this queue, or null on timeout.
    pub fn consume(&self, timeout_ms: i64) -> PhpResult<Option<MessageObject>> {
        ensure_owner(self.handle.owner)?;
        let queue = self.queue;
        // SAFETY: a live queue; the message is owned by RawMessage.
        let message = wait_for(timeout_ms, |slice| unsafe { RawMessage::from_ptr(rd::rd_kafka_consume_queue(queue, slice)) });
        message.map(|m| m.fields().into_php()).transpose()
    }
}
