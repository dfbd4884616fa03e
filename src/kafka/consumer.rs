//! `RdKafka\KafkaConsumer` on rdkafka's `BaseConsumer`, polled from PHP: rebalance, error, log, stats
//! and offset-commit callbacks run on the PHP thread inside consume() (and close(), which hands its revoke to
//! the rebalance callback).

use std::{
    ffi::c_void,
    sync::Arc,
    time::Duration,
};

use ext_php_rs::{
    exception::PhpResult,
    prelude::*,
    types::{ZendClassObject, ZendStr, Zval},
};
use rdkafka::{
    bindings as rd,
    consumer::{BaseConsumer, CommitMode, Consumer as _},
    error::{KafkaError, KafkaResult},
    TopicPartitionList,
};

use super::{
    abstract_topic::OnlyTopic,
    builder::{creation_error, finish_client},
    callbacks::{self, Callbacks},
    client_calls,
    closing,
    conf::{self, ConfArg, TopicConf},
    consumer_queue::{self, ConsumerQueue},
    context::Context,
    errors,
    message::{Fields, MessageObject},
    metadata::{self, Metadata},
    oauth,
    offsets,
    owner::ensure_owner,
    params::{Any, Array, IntRef},
    topic::KafkaConsumerTopic,
    topic_partition::{self, TopicPartition},
    waits,
};
use crate::{
    php_string::{self, PhpBytes},
    runtime::{slices::Slices, OwnerPid},
};

/// php-rdkafka's error for a consumer made without its constructor, or used after close().
pub const NOT_CONSTRUCTED: &str =
    "RdKafka\\KafkaConsumer::__construct() has not been called, or RdKafka\\KafkaConsumer::close() was already called";

#[php_class]
#[php(name = "RdKafka\\KafkaConsumer")]
pub struct KafkaConsumer {
    /// What consume() reads; declared before the consumer, so dropped first. None once closed.
    queue: Option<ConsumerQueue>,
    /// None once close() was called.
    consumer: Option<Arc<BaseConsumer<Context>>>,
    owner: OwnerPid,
    callbacks: Callbacks,
}

impl callbacks::Client for KafkaConsumer {
    fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }
}

impl Drop for KafkaConsumer {
    fn drop(&mut self) {
        if !self.owner.is_current() {
            // Inherited through fork: closing would wait for the parent's threads forever.
            std::mem::forget(self.queue.take());
            std::mem::forget(self.consumer.take());
        } else if let Some(consumer) = self.consumer.take() {
            // Leaving the group revokes the partitions natively: PHP is not called from a destructor.
            consumer.context().mute();
            self.queue = None;
            // Left now, within a bound, even if a KafkaConsumerTopic still holds the consumer; rdkafka's
            // drop would wait for it without end, so a consumer that did not close in time is leaked.
            if !closing::leave_group_within_bound(&consumer) {
                std::mem::forget(consumer);
            } else {
                closing::destroyed_within(consumer);
            }
        }
    }
}

impl KafkaConsumer {
    fn consumer(&self) -> PhpResult<&Arc<BaseConsumer<Context>>> {
        ensure_owner(self.owner)?;
        self.consumer.as_ref().ok_or_else(|| errors::not_constructed(NOT_CONSTRUCTED))
    }

    /// Hands the recorded events to the PHP callbacks (reading them only when there are events: this
    /// runs once per consumed message).
    fn dispatch(self_: &mut ZendClassObject<KafkaConsumer>) -> PhpResult<bool> {
        let Some(consumer) = self_.consumer.as_ref().filter(|c| c.context().has_events()).map(Arc::clone) else {
            return Ok(true);
        };
        let (callbacks, kafka) = callbacks::of_client(self_);
        callbacks::drain(consumer.context(), &callbacks, &kafka)
    }

    /// Hands a message consume() returns to the consume callback, if any.
    fn consumed(self_: &mut ZendClassObject<KafkaConsumer>, message: &MessageObject) -> PhpResult<bool> {
        let (callbacks, kafka) = callbacks::of_client(self_);
        callbacks.consumed(&message.0, &kafka)
    }

    /// Marks a poll by this object, so an OAUTHBEARER refresh reaches its callback.
    fn serving(self_: &mut ZendClassObject<KafkaConsumer>) -> PhpResult<Option<oauth::Serving>> {
        let consumer = Arc::clone(self_.consumer()?);
        if !consumer.context().wants().oauthbearer_token_refresh {
            return Ok(None);
        }
        let (callbacks, kafka) = callbacks::of_client(self_);
        let callback = callbacks.oauthbearer_token_refresh.as_ref();
        Ok(Some(oauth::serving(consumer.context().oauth_key(), consumer.client().native_ptr(), &kafka, callback)))
    }

    pub(super) fn rk(&self) -> PhpResult<*mut rd::rd_kafka_t> {
        Ok(self.consumer()?.client().native_ptr())
    }

    fn commit_with(&self, what: Option<Any>, mode: CommitMode) -> PhpResult<()> {
        let consumer = self.consumer()?;
        let offsets = what.map(|a| a.0).filter(|z| !z.is_null()).map(offsets_to_commit).transpose()?;
        let result = match &offsets {
            _ if consumer.context().wants().offset_commit => commit_reported(consumer, offsets.as_ref(), mode),
            None => consumer.commit_consumer_state(mode),
            Some(list) => consumer.commit(list, mode),
        };
        result.map_err(|e| errors::from_kafka(&e))
    }
}

/// A commit whose result reaches the offset commit callback. php-rdkafka sets that callback on
/// librdkafka's conf, which then reports every commit; rdkafka's event API leaves it unset, and librdkafka
/// reports only auto-commits. So the commit names its own report: a sync commit's result is recorded as
/// it returns, an async one's arrives on the consumer queue that consume() serves.
fn commit_reported(consumer: &BaseConsumer<Context>, offsets: Option<&TopicPartitionList>, mode: CommitMode) -> KafkaResult<()> {
    unsafe extern "C" fn record(
        _rk: *mut rd::rd_kafka_t,
        err: rd::rd_kafka_resp_err_t,
        offsets: *mut rd::rd_kafka_topic_partition_list_t,
        context: *mut c_void,
    ) {
        // SAFETY: the consumer's context, alive while its commit runs.
        unsafe { &*(context as *const Context) }.committed(err as i32, offsets);
    }
    let rk = consumer.client().native_ptr();
    let list = offsets.map_or(std::ptr::null(), |l| l.ptr().cast_const());
    let context = Arc::as_ptr(consumer.context()) as *mut c_void;
    let err = match (mode, ConsumerQueue::of(consumer)) {
        // SAFETY: a live consumer, list and queue; librdkafka copies the list.
        (CommitMode::Async, Some(queue)) => unsafe { rd::rd_kafka_commit_queue(rk, list, queue.ptr(), Some(record), context) },
        // SAFETY: as above; a sync commit calls `record` before it returns. (No consumer queue means no
        // group, and librdkafka refuses the commit either way.)
        _ => unsafe { rd::rd_kafka_commit_queue(rk, list, std::ptr::null_mut(), Some(record), context) },
    };
    match err {
        rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
        err => Err(KafkaError::ConsumerCommit(err.into())),
    }
}

/// The offsets to commit for a Message (its offset + 1, as php-rdkafka does) or an array of
/// TopicPartition.
fn offsets_to_commit(value: &Zval) -> PhpResult<TopicPartitionList> {
    if let Some(array) = value.array() {
        return topic_partition::to_list(array);
    }
    let message = value
        .object()
        .filter(|o| super::message::is_message(o))
        .ok_or_else(|| errors::invalid_argument("expected RdKafka\\Message, an array of RdKafka\\TopicPartition or null".into()))?;
    // php-rdkafka's checks, in its order: a property that is unset or of another type commits nothing.
    let prop = |name: &str| message.get_property::<&Zval>(name).ok().filter(|z| !z.is_null());
    let invalid = |what: &str| errors::exception(format!("Invalid argument: Specified Message{what}"), errors::INVALID_ARG);
    if prop("err").is_some_and(|err| err.long() != Some(0)) {
        return Err(invalid(" has an error"));
    }
    let topic = prop("topic_name").and_then(Zval::zend_str).map(ZendStr::as_bytes).ok_or_else(|| invalid("'s topic_name is not a string"))?;
    let partition = prop("partition").and_then(Zval::long).ok_or_else(|| invalid("'s partition is not an int"))?;
    let offset = prop("offset").and_then(Zval::long).ok_or_else(|| invalid("'s offset is not an int"))?;
    let mut list = TopicPartitionList::with_capacity(1);
    // Wraps as in php-rdkafka (C): PHP_INT_MAX is then an invalid offset librdkafka refuses.
    topic_partition::add(&mut list, topic, partition as i32, offset.wrapping_add(1));
    Ok(list)
}

/// php-rdkafka throws incremental (un)assign errors with librdkafka's text and code 0.
fn incremental(error: *mut rd::rd_kafka_error_t) -> PhpResult<()> {
    if error.is_null() {
        return Ok(());
    }
    // SAFETY: a non-null error object, read then destroyed once.
    let text = unsafe { errors::c_text(rd::rd_kafka_error_string(error)) }.unwrap_or_default();
    unsafe { rd::rd_kafka_error_destroy(error) };
    Err(errors::exception(text, 0))
}

/// The Message consume() returns on timeout, as php-rdkafka builds it (no payload, offset 0).
fn timed_out() -> PhpResult<MessageObject> {
    Fields {
        err: errors::TIMED_OUT,
        topic: None,
        partition: 0,
        offset: 0,
        timestamp: None,
        payload: None,
        key: None,
        headers: Vec::new(),
        opaque: None,
    }
    .into_php()
}

const NO_GROUP_ID: &str = "\"group.id\" must be configured";

/// For a Conf made without its constructor: php-rdkafka's constructor reads no settings from it and
/// throws its refusal of a Conf without `group.id` too, which the engine chains to the Conf's pending
/// "has not been called" (see `internal_methods::ClassSpec`). ext-php-rs' `throw` would not throw
/// over a pending exception.
pub fn no_group_id() {
    let _ = ext_php_rs::exception::throw(crate::exceptions::class_entry(errors::EXCEPTION), NO_GROUP_ID);
}

#[php_impl]
impl KafkaConsumer {
    pub fn __construct(conf: ConfArg) -> PhpResult<Self> {
        let conf = conf.0;
        if conf.get("group.id").is_none_or(str::is_empty) {
            return Err(errors::exception(NO_GROUP_ID, 0));
        }
        let callbacks = conf.callbacks();
        let consumer: BaseConsumer<Context> = conf::with_consumer_defaults(conf.client_config())
            .create_with_context(Context::new(callbacks.wants()))
            .map_err(creation_error)?;
        finish_client(consumer.client());
        let queue = ConsumerQueue::of(&consumer).ok_or_else(|| errors::exception("librdkafka gave no consumer queue", 0))?;
        Ok(KafkaConsumer { queue: Some(queue), consumer: Some(Arc::new(consumer)), owner: OwnerPid::current(), callbacks })
    }

    #[php(defaults(topic_partitions = None))]
    /// Natively, as php-rdkafka calls it: rdkafka's `assign()` reports errors without their code.
    pub fn assign(&self, topic_partitions: Option<Array>) -> PhpResult<()> {
        let list = topic_partitions.map(|list| topic_partition::to_list(list.0)).transpose()?;
        let rk = self.rk()?;
        // SAFETY: a live consumer handle and list (null: unassign everything).
        match unsafe { rd::rd_kafka_assign(rk, list.as_ref().map_or(std::ptr::null_mut(), |l| l.ptr())) } {
            rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
            err => Err(errors::from_code(err as i32)),
        }
    }

    /// Cooperative rebalancing: adds partitions to the assignment (from a rebalance callback).
    pub fn incremental_assign(&self, topic_partitions: Array) -> PhpResult<()> {
        let list = topic_partition::to_list(topic_partitions.0)?;
        let rk = self.rk()?;
        // SAFETY: a live consumer handle and list.
        incremental(unsafe { rd::rd_kafka_incremental_assign(rk, list.ptr()) })
    }

    pub fn incremental_unassign(&self, topic_partitions: Array) -> PhpResult<()> {
        let list = topic_partition::to_list(topic_partitions.0)?;
        let rk = self.rk()?;
        // SAFETY: a live consumer handle and list.
        incremental(unsafe { rd::rd_kafka_incremental_unassign(rk, list.ptr()) })
    }

    pub fn get_assignment(&self) -> PhpResult<Vec<TopicPartition>> {
        let list = self.consumer()?.assignment().map_err(|e| errors::from_kafka(&e))?;
        Ok(topic_partition::from_list(&list))
    }

    /// Topic names, or regular expressions when they start with "^". As in php-rdkafka, each is PHP's
    /// `(string)` of the element, any bytes up to the first NUL.
    pub fn subscribe(&self, topics: Array) -> PhpResult<()> {
        let mut list = TopicPartitionList::with_capacity(topics.0.len());
        for (_, topic) in php_string::entries(topics.0) {
            // Partition -1: RD_KAFKA_PARTITION_UA, as librdkafka wants subscriptions.
            topic_partition::add(&mut list, &php_string::cast(topic)?, -1, rd::RD_KAFKA_OFFSET_INVALID.into());
        }
        let rk = self.rk()?;
        // SAFETY: a live consumer handle and list (librdkafka copies it).
        match unsafe { rd::rd_kafka_subscribe(rk, list.ptr()) } {
            rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
            err => Err(errors::from_code(err as i32)),
        }
    }

    pub fn get_subscription(&self) -> PhpResult<Vec<PhpBytes>> {
        let list = self.consumer()?.subscription().map_err(|e| errors::from_kafka(&e))?;
        Ok(topic_partition::from_list(&list).into_iter().map(|e| PhpBytes(e.topic)).collect())
    }

    pub fn unsubscribe(&self) -> PhpResult<()> {
        self.consumer()?.unsubscribe();
        Ok(())
    }

    /// The next message; on timeout a Message whose err is RD_KAFKA_RESP_ERR__TIMED_OUT, never null.
    /// Callbacks (rebalance first of all) run here. A pending PHP signal also ends the wait (as a timeout)
    /// so its handler runs.
    pub fn consume(self_: &mut ZendClassObject<KafkaConsumer>, timeout_ms: i64) -> PhpResult<MessageObject> {
        let _serving = Self::serving(self_)?;
        // Set after a first look without waiting: when messages are queued (the common case while
        // catching up), no clock is read at all. (So not `Slices::run`, which also runs no callbacks.)
        let mut slices: Option<Slices> = None;
        loop {
            // Taken anew each round: a callback may have closed the consumer.
            let consumer = Arc::clone(self_.consumer()?);
            // No queue while close() runs its callbacks: php-rdkafka's consume() times out then.
            let Some(queue) = self_.queue.as_ref() else { return timed_out() };
            let wait = slices.map_or(Duration::ZERO, |s| s.next());
            // The message is built before any callback runs: it lives in librdkafka's queue.
            let message = consumer_queue::poll(&consumer, queue, wait).map(|m| m.fields().into_php()).transpose()?;
            let continued = Self::dispatch(self_)?;
            if let Some(message) = message {
                if continued && consumer.context().wants().consume {
                    Self::consumed(self_, &message)?;
                }
                return Ok(message);
            }
            let slices = *slices.get_or_insert_with(|| Slices::until(waits::deadline(timeout_ms), waits::CONSUME_SLICE));
            if !continued || slices.over() {
                return timed_out();
            }
        }
    }

    #[php(defaults(message_or_offsets = None))]
    pub fn commit(&self, message_or_offsets: Option<Any>) -> PhpResult<()> {
        self.commit_with(message_or_offsets, CommitMode::Sync)
    }

    #[php(defaults(message_or_offsets = None))]
    pub fn commit_async(&self, message_or_offsets: Option<Any>) -> PhpResult<()> {
        self.commit_with(message_or_offsets, CommitMode::Async)
    }

    /// Leaves the group, handing the revoke to the rebalance callback, and destroys the client; later calls
    /// throw. The other callbacks get what leaving brought (the final commit's report to the offset commit
    /// callback) before it returns, as php-rdkafka's callbacks run inside its close().
    pub fn close(self_: &mut ZendClassObject<KafkaConsumer>) -> PhpResult<()> {
        // A second close() is php-rdkafka's "already called" error, like any call after the first; so is
        // one from a callback run by this close() (its queue is gone).
        let consumer = Arc::clone(self_.consumer()?);
        if self_.queue.take().is_none() {
            return Err(errors::not_constructed(NOT_CONSTRUCTED));
        }
        super::oauth::forget(consumer.client().native_ptr());
        let (callbacks, kafka) = callbacks::of_client(self_);
        // Leaves the group now, even if a KafkaConsumerTopic still holds the consumer. The revoke goes to
        // the PHP rebalance callback, as php-rdkafka's close() calls it (code that commits on a revoke
        // commits there): meanwhile the consumer stays usable for its assign() and commit().
        // Callbacks run until one throws (or stops them); the rest are dropped, as the destructor drops them.
        let mut dispatched = Ok(true);
        consumer.context().take_revoke_handed(); // one of an earlier rebalance, answered then
        let revoke = |consumer: &BaseConsumer<Context>| {
            if matches!(dispatched, Ok(true)) {
                dispatched = callbacks::drain(consumer.context(), &callbacks, &kafka);
            }
            // What the callback left assigned (it threw, or did not call assign()) is revoked natively:
            // leaving waits for it.
            if consumer.context().take_revoke_handed() {
                closing::unassign_all(consumer);
            }
        };
        closing::leave_group_serving(&consumer, revoke);
        if matches!(dispatched, Ok(true)) {
            dispatched = callbacks::drain(consumer.context(), &callbacks, &kafka);
        }
        consumer.context().mute();
        self_.consumer = None;
        dispatched.map(drop)
    }

    #[php(defaults(topic_conf = None))]
    pub fn new_topic(&self, topic_name: PhpBytes, topic_conf: Option<&TopicConf>) -> PhpResult<KafkaConsumerTopic> {
        KafkaConsumerTopic::new(Arc::clone(self.consumer()?), topic_name.as_bytes(), topic_conf)
    }

    pub fn get_metadata(&self, all_topics: bool, only_topic: Option<OnlyTopic>, timeout_ms: i64) -> PhpResult<Metadata> {
        metadata::fetch(self.consumer()?.client(), all_topics, only_topic.as_ref().map(OnlyTopic::name), timeout_ms)
    }

    pub fn get_controller_id(&self, timeout_ms: i64) -> PhpResult<i64> {
        Ok(client_calls::controller_id(self.consumer()?.client(), timeout_ms))
    }

    pub fn query_watermark_offsets(&self, topic: PhpBytes, partition: i64, low: IntRef, high: IntRef, timeout_ms: i64) -> PhpResult<()> {
        offsets::query_watermarks(self.consumer()?.client(), topic.as_bytes(), partition, low.0, high.0, timeout_ms)
    }

    pub fn offsets_for_times(&self, topic_partitions: Array, timeout_ms: i64) -> PhpResult<Vec<TopicPartition>> {
        offsets::for_times(self.consumer()?.client(), topic_partitions.0, timeout_ms)
    }

    pub fn get_offset_positions(&self, topic_partitions: Array) -> PhpResult<Vec<TopicPartition>> {
        offsets::positions(self.consumer()?.client(), topic_partitions.0)
    }

    pub fn get_committed_offsets(&self, topic_partitions: Array, timeout_ms: i64) -> PhpResult<Vec<TopicPartition>> {
        let list = topic_partition::to_list(topic_partitions.0)?;
        let committed = self.consumer()?.committed_offsets(list, waits::timeout(timeout_ms)).map_err(|e| errors::from_kafka(&e))?;
        Ok(topic_partition::from_list(&committed))
    }

    pub fn pause_partitions(&self, topic_partitions: Array) -> PhpResult<Vec<TopicPartition>> {
        client_calls::pause(self.consumer()?.client(), topic_partitions.0, true)
    }

    pub fn resume_partitions(&self, topic_partitions: Array) -> PhpResult<Vec<TopicPartition>> {
        client_calls::pause(self.consumer()?.client(), topic_partitions.0, false)
    }

    /// Not in php-rdkafka's KafkaConsumer, whose refresh callback thus had no way to answer.
    #[php(defaults(extensions = None))]
    pub fn oauthbearer_set_token(&self, token_value: PhpBytes, lifetime_ms: i64, principal_name: PhpBytes, extensions: Option<Array>) -> PhpResult<()> {
        let token = oauth::Token::new(token_value.as_bytes(), lifetime_ms, principal_name.as_bytes(), extensions.map(|e| e.0))?;
        oauth::set_token(self.rk()?, token)
    }

    pub fn oauthbearer_set_token_failure(&self, error: PhpBytes) -> PhpResult<()> {
        oauth::set_token_failure(self.rk()?, error.as_bytes())
    }
}

