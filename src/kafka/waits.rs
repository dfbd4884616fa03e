//! The slice lengths of mq's sliced Kafka waits, and the deadline of a PHP `$timeout_ms`.

use std::time::{Duration, Instant};

use rdkafka::util::Timeout;

/// consume() of KafkaConsumer, ConsumerTopic and Queue, and Consumer::poll(): between slices, pending
/// PHP signals end the call.
pub const CONSUME_SLICE: Duration = Duration::from_millis(100);

/// Leaving a consumer group: the group's events are served between slices until it closed.
pub const CLOSE_SLICE: Duration = Duration::from_millis(100);

/// How long `flush()` lets librdkafka wait at a time before it serves events and looks at signals.
pub const FLUSH_SLICE: Duration = Duration::from_millis(20);

/// How long one slice of commitTransaction()/abortTransaction() lets librdkafka wait.
pub const TXN_SLICE: Duration = Duration::from_millis(20);

/// A PHP `$timeout_ms` as librdkafka takes it (an int, as php-rdkafka passes it on): -1 waits without
/// end (RD_POLL_INFINITE), other negative values do not wait (librdkafka's deadline is then already
/// past), and values beyond an int wait i32::MAX ms rather than wrapping around.
pub fn timeout_ms(timeout_ms: i64) -> i32 {
    if timeout_ms == -1 {
        -1
    } else {
        timeout_ms.clamp(0, i64::from(i32::MAX)) as i32
    }
}

/// A PHP `$timeout_ms` for rdkafka's calls that take a `Timeout`, with `timeout_ms`'s meaning.
pub fn timeout(timeout_ms: i64) -> Timeout {
    match self::timeout_ms(timeout_ms) {
        -1 => Timeout::Never,
        ms => Timeout::After(Duration::from_millis(ms as u64)),
    }
}

/// The end of one of mq's own sliced waits, with `timeout_ms`'s meaning (None: no end).
pub fn deadline(timeout_ms: i64) -> Option<Instant> {
    match self::timeout_ms(timeout_ms) {
        -1 => None,
        ms => Some(Instant::now() + Duration::from_millis(ms as u64)),
    }
}
