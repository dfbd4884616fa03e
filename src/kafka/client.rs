//! `\RdKafka`: the methods php-rdkafka declares once on its abstract client class, inherited by
//! `RdKafka\Producer` and `RdKafka\Consumer` (and by userland subclasses of those).
//!
//! How a base-class method finds its client: ext-php-rs runs a Rust class's methods only on objects of
//! that exact Rust type (a Producer is no `ZendClassObject<Kafka>`). So `\RdKafka`'s methods are Rust
//! functions without a receiver, which `internal_methods::seal` turns into instance methods, and each
//! looks at `$this` (`This::current()`): ext-php-rs tells a Producer from a Consumer by the object
//! handlers the object was created with (a userland subclass is created by its parent's handler), and
//! the object holds the client handle. Operations that differ by kind (poll, flush, newTopic) go to the
//! Producer's or the Consumer's own code.

use ext_php_rs::{
    convert::IntoZval,
    exception::PhpResult,
    flags::DataType,
    prelude::*,
    types::{ZendClassObject, Zval},
};
use rdkafka::{bindings as rd, client::Client};

use super::{
    abstract_topic::OnlyTopic,
    base_classes::Kafka,
    client_calls,
    conf::TopicConf,
    context::Context,
    errors,
    legacy_consumer::Consumer,
    metadata::{self, Metadata},
    oauth, offsets,
    params::{c_string, Array, ArrayOrEmpty, IntRef},
    producer::Producer,
    topic_partition::TopicPartition,
};
use crate::{classes, php_string::PhpBytes};

/// php-rdkafka's error for a Producer or Consumer made without its constructor.
pub const NOT_CONSTRUCTED: &str = "RdKafka\\Kafka::__construct() has not been called";

/// The object a `\RdKafka` method runs on.
pub enum This {
    Producer(&'static mut ZendClassObject<Producer>),
    Consumer(&'static mut ZendClassObject<Consumer>),
}

impl This {
    /// `$this` of the running method, when it is a constructed Producer or Consumer (`seal` has already
    /// refused any other object).
    pub fn current() -> PhpResult<Self> {
        let not_constructed = || errors::not_constructed(NOT_CONSTRUCTED);
        let this = classes::this_of_current_call().ok_or_else(not_constructed)?;
        let this: *mut ext_php_rs::types::ZendObject = this;
        // SAFETY: `this` is the live object of the running call; only one of the two views is made.
        unsafe {
            if let Some(producer) = ZendClassObject::<Producer>::from_zend_obj_mut(&mut *this) {
                return Ok(This::Producer(producer));
            }
            ZendClassObject::<Consumer>::from_zend_obj_mut(&mut *this).map(This::Consumer).ok_or_else(not_constructed)
        }
    }

    /// The client handle (refused in a forked child).
    pub fn client(&self) -> PhpResult<&Client<Context>> {
        match self {
            This::Producer(p) => p.client(),
            This::Consumer(c) => c.client(),
        }
    }

    fn native(&self) -> PhpResult<*mut rd::rd_kafka_t> {
        Ok(self.client()?.native_ptr())
    }
}

/// `newTopic()`'s result: a ProducerTopic or a ConsumerTopic, declared as php-rdkafka declares it.
pub struct TopicObject(Zval);

impl IntoZval for TopicObject {
    const TYPE: DataType = DataType::object("RdKafka\\Topic");
    const NULLABLE: bool = false;

    fn set_zval(self, zv: &mut Zval, _persistent: bool) -> ext_php_rs::error::Result<()> {
        *zv = self.0;
        Ok(())
    }
}

#[php_impl]
impl Kafka {
    /// Private, as in php-rdkafka: only Producer and Consumer are built.
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Kafka
    }

    /// How many brokers were added.
    pub fn add_brokers(broker_list: PhpBytes) -> PhpResult<i64> {
        let list = c_string(broker_list.as_bytes());
        // SAFETY: a live client handle and a C string.
        Ok(i64::from(unsafe { rd::rd_kafka_brokers_add(This::current()?.native()?, list.as_ptr()) }))
    }

    /// `$only_topic` is required but nullable in php-rdkafka.
    pub fn get_metadata(all_topics: bool, only_topic: Option<OnlyTopic>, timeout_ms: i64) -> PhpResult<Metadata> {
        metadata::fetch(This::current()?.client()?, all_topics, only_topic.as_ref().map(OnlyTopic::name), timeout_ms)
    }

    pub fn get_controller_id(timeout_ms: i64) -> PhpResult<i64> {
        Ok(client_calls::controller_id(This::current()?.client()?, timeout_ms))
    }

    /// Messages and requests waiting to be sent or acknowledged (`rd_kafka_outq_len`).
    pub fn get_out_q_len() -> PhpResult<i64> {
        // SAFETY: a live client handle.
        Ok(i64::from(unsafe { rd::rd_kafka_outq_len(This::current()?.native()?) }))
    }

    /// Deprecated alias of getMetadata().
    pub fn metadata(all_topics: bool, only_topic: Option<OnlyTopic>, timeout_ms: i64) -> PhpResult<Metadata> {
        Self::get_metadata(all_topics, only_topic, timeout_ms)
    }

    /// Deprecated in php-rdkafka (use the `log_level` property).
    pub fn set_log_level(level: i64) -> PhpResult<()> {
        client_calls::set_log_level(This::current()?.client()?, level);
        Ok(())
    }

    /// A ProducerTopic on a Producer, a ConsumerTopic on a Consumer.
    #[php(defaults(topic_conf = None))]
    pub fn new_topic(topic_name: PhpBytes, topic_conf: Option<&TopicConf>) -> PhpResult<TopicObject> {
        let topic = match This::current()? {
            This::Producer(p) => p.new_topic(topic_name.as_bytes(), topic_conf)?.into_zval(false)?,
            This::Consumer(c) => c.new_topic(topic_name.as_bytes(), topic_conf)?.into_zval(false)?,
        };
        Ok(TopicObject(topic))
    }

    /// Deprecated alias of getOutQLen().
    pub fn outq_len() -> PhpResult<i64> {
        Self::get_out_q_len()
    }

    /// Serves events (callbacks run here) for up to `timeout_ms`; returns how many.
    pub fn poll(timeout_ms: i64) -> PhpResult<i64> {
        match This::current()? {
            This::Producer(p) => Producer::poll(p, timeout_ms),
            This::Consumer(c) => Consumer::poll(c, timeout_ms),
        }
    }

    /// A producer waits until its messages are delivered; a consumer gets librdkafka's answer.
    pub fn flush(timeout_ms: i64) -> PhpResult<i64> {
        match This::current()? {
            This::Producer(p) => Producer::flush(p, timeout_ms),
            This::Consumer(c) => c.flush(timeout_ms),
        }
    }

    /// librdkafka's answer (RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED for a consumer, as in php-rdkafka).
    pub fn purge(purge_flags: i64) -> PhpResult<i64> {
        // SAFETY: a live client handle.
        Ok(unsafe { rd::rd_kafka_purge(This::current()?.native()?, purge_flags as i32) } as i64)
    }

    /// Deprecated in php-rdkafka: RD_KAFKA_LOG_PRINT, _SYSLOG or _SYSLOG_PRINT.
    pub fn set_logger(logger: i64) -> PhpResult<()> {
        This::current()?.client()?.context().set_logger(logger)
    }

    /// Asks the partition leader; writes `$low` and `$high`.
    pub fn query_watermark_offsets(topic: PhpBytes, partition: i64, low: IntRef, high: IntRef, timeout_ms: i64) -> PhpResult<()> {
        offsets::query_watermarks(This::current()?.client()?, topic.as_bytes(), partition, low.0, high.0, timeout_ms)
    }

    pub fn offsets_for_times(topic_partitions: Array, timeout_ms: i64) -> PhpResult<Vec<TopicPartition>> {
        offsets::for_times(This::current()?.client()?, topic_partitions.0, timeout_ms)
    }

    pub fn pause_partitions(topic_partitions: Array) -> PhpResult<Vec<TopicPartition>> {
        client_calls::pause(This::current()?.client()?, topic_partitions.0, true)
    }

    pub fn resume_partitions(topic_partitions: Array) -> PhpResult<Vec<TopicPartition>> {
        client_calls::pause(This::current()?.client()?, topic_partitions.0, false)
    }

    #[php(defaults(extensions = crate::mixed::EMPTY_ARRAY))]
    pub fn oauthbearer_set_token(token_value: PhpBytes, lifetime_ms: i64, principal_name: PhpBytes, extensions: ArrayOrEmpty) -> PhpResult<()> {
        let token = oauth::Token::new(token_value.as_bytes(), lifetime_ms, principal_name.as_bytes(), extensions.get())?;
        oauth::set_token(This::current()?.native()?, token)
    }

    pub fn oauthbearer_set_token_failure(error: PhpBytes) -> PhpResult<()> {
        oauth::set_token_failure(This::current()?.native()?, error.as_bytes())
    }
}
