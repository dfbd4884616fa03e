//! The php-rdkafka mirror (`RdKafka\...`, `RD_KAFKA_*`, `rd_kafka_*()`), on rdkafka's BaseProducer and
//! BaseConsumer polled from PHP, so every callback runs on the PHP thread.

pub mod callbacks;
pub mod client;
pub mod conf;
pub mod constants;
pub mod consumer;
pub mod consumer_queue;
pub mod context;
pub mod debug_info;
pub mod errors;
pub mod legacy_consumer;
pub mod message;
pub mod metadata;
pub mod oauth;
pub mod offsets;
pub mod params;
pub mod producer;
pub mod topic;
pub mod topic_partition;

use ext_php_rs::{builders::ModuleBuilder, exception::PhpResult, flags::ClassFlags, prelude::*};

use crate::runtime::OwnerPid;

/// php-rdkafka's abstract base of the producer (`\RdKafka`).
#[php_class]
#[php(name = "RdKafka")]
#[php(flags = ClassFlags::Abstract)]
pub struct Kafka;

#[php_impl]
impl Kafka {
    /// Private, as in php-rdkafka: only Producer (and later Consumer) are built.
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Kafka
    }
}

/// Refuses a client inherited through fork: librdkafka's threads stayed in the parent.
pub fn ensure_owner(owner: OwnerPid) -> PhpResult<()> {
    if owner.is_current() {
        Ok(())
    } else {
        Err(errors::exception(
            "This Kafka client was created before pcntl_fork() and belongs to the parent process \
             (librdkafka's threads do not survive fork); create a new client (reconnect) in the child",
            0,
        ))
    }
}

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

/// The end of one of mq's own sliced waits, with `timeout_ms`'s meaning (None: no end).
pub fn deadline(timeout_ms: i64) -> Option<std::time::Instant> {
    match self::timeout_ms(timeout_ms) {
        -1 => None,
        ms => Some(std::time::Instant::now() + std::time::Duration::from_millis(ms as u64)),
    }
}

/// The least time a destroyed consumer gets to leave its group, whatever `mq.kafka_destruct_flush_ms` says.
const MIN_LEAVE: std::time::Duration = std::time::Duration::from_secs(1);

/// Leaves the consumer group of a consumer being destroyed, serving its events (PHP is not called: the
/// context is muted) for up to `mq.kafka_destruct_flush_ms` (at least `MIN_LEAVE`); whether it closed.
/// rdkafka's own drop waits for this without end: a consumer that did not close in time is leaked.
pub fn leave_group_within_bound(consumer: &rdkafka::consumer::BaseConsumer<context::Context>) -> bool {
    let deadline = std::time::Instant::now() + crate::ini::kafka_destruct_flush_ms().max(MIN_LEAVE);
    if consumer.close_queue().is_err() {
        return consumer.closed();
    }
    while !consumer.closed() {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return false;
        }
        consumer.poll(left.min(std::time::Duration::from_millis(100)));
    }
    true
}

/// The longest single wait inside a consume call: between waits, pending PHP signals end the call.
pub const CONSUME_SLICE: std::time::Duration = std::time::Duration::from_millis(100);

/// Whether the php-rdkafka extension was loaded before mq: its `RdKafka\...` classes and `RD_KAFKA_*`
/// constants are then taken, and mq leaves them to it (see `register`).
pub fn php_rdkafka_loaded() -> bool {
    extern "C" {
        static module_registry: ext_php_rs::ffi::HashTable;
    }
    // SAFETY: PHP's table of loaded modules, filled while extensions load, before any of them starts;
    // only read here, on PHP's startup thread.
    unsafe { !ext_php_rs::ffi::zend_hash_str_find(&raw const module_registry, c"rdkafka".as_ptr(), 7).is_null() }
}

/// Registers the Kafka API, unless php-rdkafka is loaded: registering the same classes twice would
/// stop mq from starting at all, so mq's RabbitMQ side keeps working and the Kafka API is php-rdkafka's.
pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    if php_rdkafka_loaded() {
        return module;
    }
    constants::register(module)
        .class::<conf::Conf>()
        .class::<conf::TopicConf>()
        .class::<topic_partition::TopicPartition>()
        .class::<Kafka>()
        .class::<producer::Producer>()
        .class::<topic::Topic>()
        .class::<topic::ProducerTopic>()
        .class::<topic::KafkaConsumerTopic>()
        .class::<consumer::KafkaConsumer>()
        .class::<legacy_consumer::Consumer>()
        .class::<legacy_consumer::ConsumerTopic>()
        .class::<legacy_consumer::Queue>()
        .class::<metadata::Collection>()
        .class::<metadata::Broker>()
        .class::<metadata::Partition>()
        .class::<metadata::Topic>()
        .class::<metadata::Metadata>()
}

/// Classes registered by hand at module startup (exceptions, Message with typed properties).
pub fn startup() -> ext_php_rs::error::Result<()> {
    if php_rdkafka_loaded() {
        ext_php_rs::error::php_error(
            &ext_php_rs::flags::ErrorType::Warning,
            "mq: the php-rdkafka extension is loaded; its RdKafka classes are used and mq's are not registered",
        );
        return Ok(());
    }
    debug_info::install::<topic_partition::TopicPartition>();
    debug_info::install::<metadata::Metadata>();
    debug_info::install::<metadata::Collection>();
    debug_info::install::<metadata::Broker>();
    debug_info::install::<metadata::Topic>();
    debug_info::install::<metadata::Partition>();
    errors::register()?;
    message::register()
}
