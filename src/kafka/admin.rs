//! `Mq\KafkaAdmin`: creating and deleting topics and deleting records (php-rdkafka has no admin API),
//! for the Laravel driver's topic commands and `queue:clear`, and for code that must not rely on
//! `auto.create.topics.enable`.
//!
//! rdkafka's `AdminClient` answers through futures resolved by its own polling thread; the PHP thread
//! waits on them with `runtime::wait_dispatching`, so signals run their handlers and the wait goes on.

// Parameters are named as PHP sees them (`$replicationFactor`), for named arguments; see retry/php.rs.
#![allow(non_snake_case)]

use std::{mem::ManuallyDrop, time::Duration};

use ext_php_rs::{
    exception::{PhpException, PhpResult},
    flags::ClassFlags,
    prelude::*,
    types::{ZendHashTable, Zval},
};
use rdkafka::{
    admin::{AdminClient, AdminOptions, NewTopic, TopicReplication, TopicResult},
    client::DefaultClientContext,
    error::{KafkaError, RDKafkaErrorCode},
};

use super::{conf::ConfArg, errors, params::Array, topic_partition::{self, TopicPartition}};
use crate::{php_string::PhpBytes, runtime::OwnerPid};

const INVALID: &str = "InvalidArgumentException";
/// librdkafka's code for an operation that did not finish in time (RD_KAFKA_RESP_ERR__TIMED_OUT).
const TIMED_OUT: i32 = -185;

#[php_class]
#[php(name = "Mq\\KafkaAdmin")]
#[php(flags = ClassFlags::Final.union(ClassFlags::NotSerializable).union(ClassFlags::NoDynamicProperties))]
pub struct KafkaAdmin {
    client: ManuallyDrop<AdminClient<DefaultClientContext>>,
    owner: OwnerPid,
}

impl Drop for KafkaAdmin {
    /// Dropping the client joins its polling thread, which a forked child does not have: leak it there.
    /// In its own process it is destroyed within a bound, as the other clients are (`closing`).
    fn drop(&mut self) {
        if self.owner.is_current() {
            // SAFETY: taken once, here.
            super::closing::destroyed_within(unsafe { ManuallyDrop::take(&mut self.client) });
        }
    }
}

/// PHP's wording for a refused argument: "Mq\KafkaAdmin::createTopic(): Argument #2 ...".
fn invalid(method: &str, message: String) -> PhpException {
    crate::exceptions::exception(INVALID, format!("Mq\\KafkaAdmin::{method}(): {message}"), 0)
}

/// A timeout argument in seconds, finite and positive.
fn timeout(method: &str, seconds: f64, position: u8) -> PhpResult<Duration> {
    // At most an hour: librdkafka refuses longer admin timeouts.
    if seconds.is_finite() && seconds > 0.0 && seconds <= 3600.0 {
        return Ok(Duration::from_secs_f64(seconds));
    }
    let given = crate::retry::float(seconds);
    Err(invalid(method, format!("Argument #{position} ($timeout) must be a number of seconds > 0 and <= 3600, {given} given")))
}

fn topic_name(method: &str, name: &PhpBytes) -> PhpResult<String> {
    // Kafka topic names are ASCII letters, digits, '.', '_' and '-'; the broker says which rule failed,
    // but a NUL byte or invalid UTF-8 would not even reach it.
    let text = std::str::from_utf8(&name.0).ok().filter(|t| !t.is_empty() && !t.contains('\0'));
    text.map(str::to_owned)
        .ok_or_else(|| invalid(method, "Argument #1 ($name) must be a non-empty topic name without NUL bytes, in UTF-8".into()))
}

/// The topic configuration: string keys, scalar values (true/false as Kafka spells them), as UTF-8
/// text without NUL bytes (what librdkafka can pass on).
fn topic_config(config: &ZendHashTable) -> PhpResult<Vec<(String, String)>> {
    let refuse = |what: String| invalid("createTopic", format!("Argument #4 ($config) {what}"));
    let mut entries = Vec::new();
    for (key, value) in crate::php_string::entries(config) {
        let key = text(key.into_bytes()).ok_or_else(|| refuse("must have setting names in UTF-8 without NUL bytes".into()))?;
        let value = scalar(value).ok_or_else(|| refuse(format!("must map setting names to scalars, the value of \"{key}\" is not one")))?;
        let value = text(value).ok_or_else(|| refuse(format!("must have values in UTF-8 without NUL bytes, the value of \"{key}\" is not")))?;
        entries.push((key, value));
    }
    Ok(entries)
}

/// A scalar as PHP converts it to a string (true/false as words), as bytes.
fn scalar(value: &Zval) -> Option<Vec<u8>> {
    if let Some(flag) = value.bool() {
        Some(flag.to_string().into_bytes())
    } else if value.is_long() || value.is_double() || value.is_string() {
        crate::php_string::try_bytes(value)
    } else {
        None
    }
}

fn text(bytes: Vec<u8>) -> Option<String> {
    String::from_utf8(bytes).ok().filter(|t| !t.contains('\0'))
}

impl KafkaAdmin {
    fn client(&self) -> PhpResult<&AdminClient<DefaultClientContext>> {
        super::owner::ensure_owner(self.owner)?;
        Ok(&self.client)
    }

    /// Waits for one topic operation; Ok(false) when the broker answered `absent_or_present` (the topic
    /// already was as asked).
    fn settle<F>(operation: F, wait: Duration, already: RDKafkaErrorCode) -> PhpResult<bool>
    where
        F: std::future::Future<Output = rdkafka::error::KafkaResult<Vec<TopicResult>>> + Send,
    {
        // The broker gives up after `wait` (the operation timeout); a second more to hear it say so.
        let answer = crate::runtime::wait_dispatching(operation, Some(wait + Duration::from_secs(1)))?;
        let results = match answer {
            None => return Err(errors::exception("Timed out waiting for the broker's answer", TIMED_OUT)),
            // An operation the broker did not finish in time, or one refused whole, carries its code here.
            Some(Err(KafkaError::AdminOp(code))) => return Err(errors::from_code(code as i32)),
            Some(result) => result.map_err(|e| errors::from_kafka(&e))?,
        };
        match results.into_iter().next() {
            Some(Ok(_)) => Ok(true),
            Some(Err((_, code))) if code == already => Ok(false),
            Some(Err((_, code))) => Err(errors::from_code(code as i32)),
            None => Err(errors::exception("The broker answered about no topic", -1)),
        }
    }

    fn options(wait: Duration) -> AdminOptions {
        AdminOptions::new().operation_timeout(Some(wait)).request_timeout(Some(wait))
    }
}

#[php_impl]
impl KafkaAdmin {
    /// An admin client with `$conf`'s settings (`metadata.broker.list`, security...); its callbacks
    /// are not used.
    pub fn __construct(conf: ConfArg) -> PhpResult<Self> {
        let client = conf.0.client_config().create::<AdminClient<DefaultClientContext>>().map_err(super::builder::creation_error)?;
        Ok(KafkaAdmin { client: ManuallyDrop::new(client), owner: OwnerPid::current() })
    }

    /// Creates `$name`; false when it exists already. -1 partitions or replication factor: the broker's
    /// default (`num.partitions`, `default.replication.factor`).
    #[php(defaults(partitions = 1, replicationFactor = -1, config = None, timeout = 30.0))]
    pub fn create_topic(
        &self,
        name: PhpBytes,
        partitions: i64,
        replicationFactor: i64,
        config: Option<Array>,
        timeout: f64,
    ) -> PhpResult<bool> {
        let name = topic_name("createTopic", &name)?;
        let partitions = i32::try_from(partitions).ok().filter(|p| *p == -1 || *p >= 1).ok_or_else(|| {
            invalid("createTopic", format!("Argument #2 ($partitions) must be -1 or between 1 and {}, {partitions} given", i32::MAX))
        })?;
        let replication = i32::try_from(replicationFactor).ok().filter(|r| *r == -1 || *r >= 1).ok_or_else(|| {
            invalid("createTopic", format!("Argument #3 ($replicationFactor) must be -1 or between 1 and {}, {replicationFactor} given", i32::MAX))
        })?;
        let config = config.map(|c| topic_config(c.0)).transpose()?.unwrap_or_default();
        let wait = self::timeout("createTopic", timeout, 5)?;
        let client = self.client()?;
        let mut topic = NewTopic::new(&name, partitions, TopicReplication::Fixed(replication));
        for (key, value) in &config {
            topic = topic.set(key, value);
        }
        let operation = client.create_topics([&topic], &Self::options(wait));
        Self::settle(operation, wait, RDKafkaErrorCode::TopicAlreadyExists)
    }

    /// Deletes `$name` and its records; false when there was no such topic. Kafka's internal topics
    /// (`__consumer_offsets`, `__transaction_state`...: names starting with "__") are refused: the
    /// broker would delete them, and every group's committed offsets with them.
    #[php(defaults(timeout = 30.0))]
    pub fn delete_topic(&self, name: PhpBytes, timeout: f64) -> PhpResult<bool> {
        let name = topic_name("deleteTopic", &name)?;
        if name.starts_with("__") {
            return Err(invalid("deleteTopic", format!("Argument #1 ($name) must not be one of Kafka's internal topics, \"{name}\" given")));
        }
        let wait = self::timeout("deleteTopic", timeout, 2)?;
        let client = self.client()?;
        let operation = client.delete_topics(&[name.as_str()], &Self::options(wait));
        Self::settle(operation, wait, RDKafkaErrorCode::UnknownTopicOrPartition)
    }

    /// Deletes the records of each partition before its offset (RD_KAFKA_OFFSET_END: all of them), for
    /// every consumer group. Returns the partitions with their new low watermark as offset, or the broker's
    /// error code for that partition in `getErr()`.
    #[php(defaults(timeout = 30.0))]
    pub fn delete_records(&self, offsets: Array, timeout: f64) -> PhpResult<Vec<TopicPartition>> {
        let list = topic_partition::to_list(offsets.0)
            .map_err(|_| invalid("deleteRecords", "Argument #1 ($offsets) must be a list of RdKafka\\TopicPartition".into()))?;
        if list.count() == 0 {
            return Ok(Vec::new());
        }
        let wait = self::timeout("deleteRecords", timeout, 2)?;
        let operation = self.client()?.delete_records(&list, &Self::options(wait));
        match crate::runtime::wait_dispatching(operation, Some(wait + Duration::from_secs(1)))? {
            None => Err(errors::exception("Timed out waiting for the broker's answer", TIMED_OUT)),
            Some(Err(KafkaError::AdminOp(code))) => Err(errors::from_code(code as i32)),
            Some(Err(e)) => Err(errors::from_kafka(&e)),
            Some(Ok(result)) => Ok(topic_partition::from_list(&result)),
        }
    }
}
