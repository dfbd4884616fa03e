//! `RdKafka\Producer::sendOffsetsToTransaction()`, an mq addition (php-rdkafka 6 lacks it): the offsets a
//! consumer read go into the producer's transaction, so consume–transform–produce commits its input and
//! its output at once (exactly once, for `isolation.level=read_committed` readers).

use ext_php_rs::{
    class::RegisteredClass,
    convert::{FromZval, StubLiteral},
    exception::PhpResult,
    flags::DataType,
    types::{ZendClassObject, ZendHashTable, Zval},
};
use rdkafka::{bindings as rd, TopicPartitionList};

use super::{
    consumer::{self, KafkaConsumer},
    errors, topic_partition,
};

/// The `RdKafka\KafkaConsumer $consumer` parameter, None for one made without its constructor (which
/// then gets php-rdkafka's "has not been called" error rather than a type error naming its own class).
pub struct ConsumerArg<'a>(Option<&'a KafkaConsumer>);

impl<'a> FromZval<'a> for ConsumerArg<'a> {
    const TYPE: DataType = DataType::object("RdKafka\\KafkaConsumer");

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        let object = zval.object().filter(|o| o.instance_of(<KafkaConsumer as RegisteredClass>::get_metadata().ce()))?;
        Some(ConsumerArg(ZendClassObject::<KafkaConsumer>::from_zend_obj(object).map(|c| &**c)))
    }
}

impl StubLiteral for ConsumerArg<'_> {
    fn stub_literal(&self) -> String {
        "null".into()
    }
}

/// librdkafka's consumer group metadata, destroyed when dropped.
struct GroupMetadata(*mut rd::rd_kafka_consumer_group_metadata_t);

impl Drop for GroupMetadata {
    fn drop(&mut self) {
        // SAFETY: a non-null metadata object from rd_kafka_consumer_group_metadata, destroyed once.
        unsafe { rd::rd_kafka_consumer_group_metadata_destroy(self.0) }
    }
}

/// `offsets` (TopicPartitions: the next offset to read, as commit() takes them) as `consumer`'s group's,
/// ready to go to the transaction coordinator (`Producer::send_offsets_to_transaction` sends them).
pub struct OffsetsToSend {
    list: TopicPartitionList,
    metadata: GroupMetadata,
}

impl OffsetsToSend {
    /// Checks the arguments (`timeout_ms` too: `-1` or `>= 0`) and reads the consumer's group metadata.
    pub fn new(offsets: &ZendHashTable, consumer: ConsumerArg, timeout_ms: i64) -> PhpResult<Self> {
        let consumer = consumer.0.ok_or_else(|| errors::not_constructed(consumer::NOT_CONSTRUCTED))?;
        if timeout_ms < -1 {
            return Err(errors::invalid_argument(format!(
                "RdKafka\\Producer::sendOffsetsToTransaction(): Argument #3 ($timeout_ms) must be -1 (no end) or >= 0, {timeout_ms} given"
            )));
        }
        let list = topic_partition::to_list(offsets)?;
        // SAFETY: the consumer's live handle (rk() checks it is open and this process's).
        let metadata = unsafe { rd::rd_kafka_consumer_group_metadata(consumer.rk()?) };
        if metadata.is_null() {
            return Err(errors::exception("RdKafka\\Producer::sendOffsetsToTransaction(): the consumer has no group metadata", errors::INVALID_ARG));
        }
        Ok(OffsetsToSend { list, metadata: GroupMetadata(metadata) })
    }

    /// `rd_kafka_send_offsets_to_transaction()` on the producer `rk`, waiting up to `timeout_ms`.
    pub fn send(&self, rk: *mut rd::rd_kafka_t, timeout_ms: i32) -> *mut rd::rd_kafka_error_t {
        // SAFETY: a live producer handle, list and metadata; librdkafka copies what it keeps.
        unsafe { rd::rd_kafka_send_offsets_to_transaction(rk, self.list.ptr(), self.metadata.0, timeout_ms) }
    }
}
