//! What `KafkaConsumer::consume()` reads: librdkafka's consumer queue, event by event, served as
//! `rd_kafka_consumer_poll()` serves it for php-rdkafka.
//!
//! rdkafka's `BaseConsumer::poll()` turns every error event into an error of consume, but librdkafka has
//! two kinds behind the one event type: consumer errors (a partition's end, a missing topic, an offset
//! out of range), which `rd_kafka_consumer_poll()` returns as messages, and global errors (a broker
//! down, all brokers down), which go to the error callback or, without one, to the log. php-rdkafka's
//! README consumer loop throws on any error message but `__PARTITION_EOF` and `__TIMED_OUT`, so only the
//! first kind may come out of consume(): this module reads the queue itself to tell them apart.
//!
//! DESIGN: one event per consume(), not batches. A profile of 1 000 000 × 100 B consumed puts this
//! module's poll at about 30 % of the PHP thread (librdkafka's two clock reads per call for its
//! max.poll.interval bookkeeping 12 %, its queue lock 11 %) and building the RdKafka\Message at 25 %.
//! `rd_kafka_consume_batch_queue` would save the clock reads and the per-call overhead (at most a fifth
//! of the PHP thread), but with rdkafka's event API (no librdkafka callbacks on the conf) it serves the
//! ops between messages itself: a rebalance becomes librdkafka's forced `rd_kafka_assign(NULL)` without
//! PHP's rebalance callback, a global error a log line. It also moves every partition's position (and,
//! with enable.auto.offset.store, its stored offset) past the whole batch at once: records later dropped
//! from the batch (pause, assign) would be skipped on resume, auto-commit would commit records PHP never
//! got, and max.poll.interval.ms would run from the batch, not from PHP's last consume(). Taking one
//! event at a time keeps all of that librdkafka's (see `poll`); batching right needs a consumer built on
//! librdkafka's conf callbacks instead of rdkafka's BaseConsumer, and positions rewound on every drop.

use std::{
    ffi::{c_int, c_void},
    ptr::NonNull,
    time::Duration,
};

use rdkafka::{
    bindings as rd,
    consumer::{BaseConsumer, Consumer as _},
};

use super::{
    context::Context,
    errors,
    events::{self, Event},
    message::RawMessage,
};

/// The consumer queue of a KafkaConsumer (librdkafka's main queue is forwarded to it), held for the
/// consumer's life.
pub struct ConsumerQueue(NonNull<rd::rd_kafka_queue_t>);

impl ConsumerQueue {
    pub fn of(consumer: &BaseConsumer<Context>) -> Option<Self> {
        // SAFETY: a live consumer handle; the queue reference is released on drop.
        NonNull::new(unsafe { rd::rd_kafka_queue_get_consumer(consumer.client().native_ptr()) }).map(ConsumerQueue)
    }

    pub fn ptr(&self) -> *mut rd::rd_kafka_queue_t {
        self.0.as_ptr()
    }
}

impl Drop for ConsumerQueue {
    fn drop(&mut self) {
        // SAFETY: our own reference, released once.
        unsafe { rd::rd_kafka_queue_destroy(self.0.as_ptr()) }
    }
}

/// librdkafka's event is its internal `rd_kafka_op_t`, and only the op's type tells a consumer error
/// (RD_KAFKA_OP_CONSUMER_ERR) from a global one (RD_KAFKA_OP_ERR). The op starts with a TAILQ link (two
/// pointers), then the type (`src/rdkafka_op.h` of the librdkafka mq bundles).
#[repr(C)]
struct OpHead {
    link: [*mut c_void; 2],
    op_type: c_int,
}

const RD_KAFKA_OP_CONSUMER_ERR: c_int = 3;
/// RD_KAFKA_OP_CB | RD_KAFKA_OP_REPLY, flags above the type.
const RD_KAFKA_OP_FLAGMASK: c_int = (1 << 29) | (1 << 30);

// A new librdkafka may change the op's head or the types' values: check rdkafka_op.h, then this.
const _: () = assert!(rd::RD_KAFKA_VERSION == 0x020c_01ff, "check OpHead against librdkafka's rdkafka_op.h");

extern "C" {
    /// librdkafka's own conversion of an op to the message `rd_kafka_consumer_poll()` returns (exported
    /// by the static library, not declared in rdkafka.h): the error text as payload, the topic,
    /// partition and offset concerned. Destroying the message destroys the op.
    fn rd_kafka_message_get(rko: *mut rd::rd_kafka_event_t) -> *mut rd::rd_kafka_message_t;
}

/// Waits up to `timeout` for one event and serves it: a fetched message or a consumer error is returned
/// (as php-rdkafka's consume() returns them), anything else goes to the context (callbacks, log) or to
/// librdkafka (rebalances without a PHP callback).
///
/// Taking a message's event is what stores its offset (with `enable.auto.offset.store`, in
/// `rd_kafka_event_message_next`): only a message handed to PHP is ever stored, whatever librdkafka has
/// fetched ahead into the queue.
pub fn poll(consumer: &BaseConsumer<Context>, queue: &ConsumerQueue, timeout: Duration) -> Option<RawMessage> {
    serve(consumer, take(queue, timeout)?)
}

/// Serves the events of a consumer leaving its group (close() or the destructor) for up to `timeout`:
/// messages fetched ahead are dropped unread, so their offsets are neither stored nor in the commit that
/// leaving makes (rdkafka's own poll would store each one it skips).
pub fn serve_closing(consumer: &BaseConsumer<Context>, queue: &ConsumerQueue, timeout: Duration) {
    if let Some(event) = take(queue, timeout) {
        if event.kind() != rd::RD_KAFKA_EVENT_FETCH {
            serve(consumer, event);
        }
    }
}

fn take(queue: &ConsumerQueue, timeout: Duration) -> Option<Event> {
    // SAFETY: the live queue of a live consumer.
    unsafe { events::take(queue.ptr(), timeout) }
}

fn serve(consumer: &BaseConsumer<Context>, event: Event) -> Option<RawMessage> {
    let context = consumer.context();
    let rk = consumer.client().native_ptr();
    // SAFETY: a live event; each accessor is the one librdkafka documents for the event's type, and what
    // they return lives as long as the event, the messages built from it owning it.
    unsafe {
        match event.kind() {
            rd::RD_KAFKA_EVENT_FETCH => {
                let message = rd::rd_kafka_event_message_next(event.ptr()).cast_mut();
                event.into_message(message)
            }
            rd::RD_KAFKA_EVENT_ERROR if (*event.ptr().cast::<OpHead>()).op_type & !RD_KAFKA_OP_FLAGMASK == RD_KAFKA_OP_CONSUMER_ERR => {
                let fatal = match event.error() {
                    (errors::FATAL, text) => Some(text),
                    _ => None,
                };
                let message = rd_kafka_message_get(event.ptr());
                event.into_message(message).map(|m| match fatal {
                    Some(text) => m.into_fatal(text),
                    None => m,
                })
            }
            rd::RD_KAFKA_EVENT_REBALANCE => {
                let list = rd::rd_kafka_event_topic_partition_list(event.ptr());
                context.rebalance_native(rk, rd::rd_kafka_event_error(event.ptr()), list);
                None
            }
            rd::RD_KAFKA_EVENT_OFFSET_COMMIT => {
                let list = rd::rd_kafka_event_topic_partition_list(event.ptr());
                context.committed(rd::rd_kafka_event_error(event.ptr()) as i32, list);
                None
            }
            _ => {
                events::serve_common(context, rk, event);
                None
            }
        }
    }
}
