//! `RdKafka\Producer` on rdkafka's `BaseProducer`, polled from PHP so delivery reports and errors
//! reach the PHP callbacks inside poll() and flush().

use std::sync::Arc;

use ext_php_rs::{
    exception::PhpResult,
    prelude::*,
    types::ZendClassObject,
};
use rdkafka::{
    bindings as rd,
    client::Client,
    error::KafkaError,
    producer::{BaseProducer, Producer as _},
};

use super::{
    base_classes::Kafka,
    builder::{client_config, creation_error, finish_client},
    callbacks::{self, Callbacks},
    conf::{ConfArg, TopicConf},
    context::Context,
    errors,
    oauth,
    owner::ensure_owner,
    params::Array,
    producer_handle::ProducerHandle,
    topic::ProducerTopic,
    transaction::{ConsumerArg, OffsetsToSend},
    waits,
};
use crate::runtime::slices::Slices;

#[php_class]
#[php(name = "RdKafka\\Producer")]
#[php(extends(Kafka))]
pub struct Producer {
    handle: Arc<ProducerHandle>,
    callbacks: Callbacks,
}

impl callbacks::Client for Producer {
    fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }
}

impl Producer {
    fn handle(&self) -> PhpResult<&Arc<ProducerHandle>> {
        ensure_owner(self.handle.owner)?;
        Ok(&self.handle)
    }

    /// The client handle, for `\RdKafka`'s methods.
    pub fn client(&self) -> PhpResult<&Client<Context>> {
        Ok(self.handle()?.producer().client())
    }

    pub fn new_topic(&self, topic_name: &[u8], topic_conf: Option<&TopicConf>) -> PhpResult<ProducerTopic> {
        ProducerTopic::new(Arc::clone(self.handle()?), topic_name, topic_conf)
    }

    /// Serves events for up to `timeout_ms` and returns how many, as soon as there was at least one.
    pub fn poll(self_: &mut ZendClassObject<Producer>, timeout_ms: i64) -> PhpResult<i64> {
        // The loop php-rdkafka teaches calls poll(0) after every produce(), mostly with nothing to serve:
        // that call must cost no clock read, lock or PHP property lookup.
        if waits::timeout_ms(timeout_ms) == 0 && self_.handle()?.idle() {
            return Ok(0);
        }
        let handle = Arc::clone(self_.handle()?);
        let _serving = Self::serving(self_);
        let before = handle.context().served();
        let deadline = waits::deadline(timeout_ms);
        handle.serve_until(deadline, |h| h.context().served() != before, || Ok(true), ProducerHandle::await_event)?;
        Self::dispatch(self_)?;
        Ok((handle.context().served() - before) as i64)
    }

    /// Waits until every message is delivered or failed; RD_KAFKA_RESP_ERR__TIMED_OUT otherwise. Never
    /// throws for Kafka errors.
    pub fn flush(self_: &mut ZendClassObject<Producer>, timeout_ms: i64) -> PhpResult<i64> {
        let handle = Arc::clone(self_.handle()?);
        let _serving = Self::serving(self_);
        if waits::timeout_ms(timeout_ms) == 0 {
            handle.hurry();
        }
        // Callbacks run between slices, never inside librdkafka's poll (but for an OAUTHBEARER refresh).
        let flushed = handle.flush_until(waits::deadline(timeout_ms), || Self::dispatch(self_))?;
        Ok(if flushed { 0 } else { i64::from(errors::TIMED_OUT) })
    }

    /// Hands the recorded events to the PHP callbacks; stops at the first that throws.
    fn dispatch(self_: &mut ZendClassObject<Producer>) -> PhpResult<bool> {
        let handle = Arc::clone(&self_.handle);
        if !handle.context().has_events() {
            return Ok(true);
        }
        let (callbacks, kafka) = callbacks::of_client(self_);
        callbacks::drain(handle.context(), &callbacks, &kafka)
    }

    /// Marks a poll by this object, so an OAUTHBEARER refresh reaches its callback.
    fn serving(self_: &mut ZendClassObject<Producer>) -> Option<oauth::Serving> {
        let handle = Arc::clone(&self_.handle);
        if !handle.context().wants().oauthbearer_token_refresh {
            return None;
        }
        let (callbacks, kafka) = callbacks::of_client(self_);
        Some(oauth::serving(handle.context().oauth_key(), handle.native(), &kafka, callbacks.oauthbearer_token_refresh.as_ref()))
    }
}

#[php_impl]
impl Producer {
    #[php(defaults(conf = None))]
    pub fn __construct(conf: Option<ConfArg>) -> PhpResult<Self> {
        let conf = conf.map(|c| c.0);
        let (config, callbacks) = client_config(conf);
        let producer: BaseProducer<Context> =
            config.create_with_context(Context::for_producer(callbacks.wants())).map_err(creation_error)?;
        finish_client(producer.client());
        Ok(Producer { handle: Arc::new(ProducerHandle::new(producer)?), callbacks })
    }

    pub fn init_transactions(&self, timeout_ms: i64) -> PhpResult<()> {
        transaction(self.handle()?.producer().init_transactions(waits::timeout(timeout_ms)))
    }

    pub fn begin_transaction(&self) -> PhpResult<()> {
        transaction(self.handle()?.producer().begin_transaction())
    }

    pub fn commit_transaction(self_: &mut ZendClassObject<Producer>, timeout_ms: i64) -> PhpResult<()> {
        // SAFETY: a live producer handle.
        Self::serving_reports(self_, timeout_ms, true, |rk, ms| unsafe { rd::rd_kafka_commit_transaction(rk, ms) })
    }

    pub fn abort_transaction(self_: &mut ZendClassObject<Producer>, timeout_ms: i64) -> PhpResult<()> {
        // SAFETY: a live producer handle.
        Self::serving_reports(self_, timeout_ms, false, |rk, ms| unsafe { rd::rd_kafka_abort_transaction(rk, ms) })
    }

    /// An mq addition (php-rdkafka 6 lacks it; see `transaction`): sends the offsets as the consumer's
    /// group's to the transaction coordinator, in one librdkafka call of up to `timeout_ms` (`-1`: up
    /// to the transaction timeout). Not in slices as commit and abort: the call cannot be resumed (a
    /// second one starts over), and its timeout bounds the requests it makes, so a slice shorter than
    /// the coordinators' answer failed the transaction (librdkafka makes a timed-out offset commit an
    /// abortable error). It does not flush, so there are no delivery reports to serve meanwhile.
    /// Errors are `RdKafka\KafkaErrorException`s.
    pub fn send_offsets_to_transaction(&self, offsets: Array, consumer: ConsumerArg, timeout_ms: i64) -> PhpResult<()> {
        let offsets = OffsetsToSend::new(offsets.0, consumer, timeout_ms)?;
        let error = offsets.send(self.handle()?.native(), waits::timeout_ms(timeout_ms));
        if error.is_null() {
            Ok(())
        } else {
            Err(errors::kafka_error_object(error))
        }
    }
}

impl Producer {
    /// Runs librdkafka's commit or abort, which flush the producer first. That flush cannot serve the
    /// delivery reports of rdkafka's event API (php-rdkafka's callback mode can), so the call is made in
    /// short slices, serving the reports and their PHP callbacks between them: librdkafka resumes a commit
    /// or abort that timed out (a retriable `_TIMED_OUT`). As in php-rdkafka, a callback that throws does
    /// not stop the commit or abort: no PHP callback runs after it (the reports left wait for the next
    /// poll), and its exception is thrown once the call returns.
    /// With `flush_first` (a commit), the messages are first delivered and their reports served as
    /// flush() serves them, so that the call finds nothing in flight instead of sleeping a slice for
    /// reports only mq can serve; their callbacks run once it succeeded (a commit refused, say for want of
    /// a transaction, runs none). `call` makes the librdkafka call with the handle and a timeout in ms.
    fn serving_reports(
        self_: &mut ZendClassObject<Producer>,
        timeout_ms: i64,
        flush_first: bool,
        call: impl Fn(*mut rd::rd_kafka_t, i32) -> *mut rd::rd_kafka_error_t,
    ) -> PhpResult<()> {
        let handle = Arc::clone(self_.handle()?);
        let deadline = waits::deadline(timeout_ms);
        if flush_first {
            handle.flush_until(deadline, || Ok(true))?;
        }
        let mut calling_php = true;
        // Not `Slices::run`: the timed-out error of the last slice is the one thrown, and reports are
        // served only when another slice follows.
        let slices = Slices::until(deadline, waits::TXN_SLICE);
        loop {
            let error = call(handle.native(), slices.next().as_millis() as i32);
            if error.is_null() {
                if calling_php {
                    Self::dispatch(self_)?;
                }
                return Ok(());
            }
            // SAFETY: a non-null error object, destroyed below or by kafka_error_object.
            let resumable = unsafe {
                rd::rd_kafka_error_code(error) == rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR__TIMED_OUT
                    && rd::rd_kafka_error_is_retriable(error) != 0
            };
            if !resumable || slices.over() {
                return Err(errors::kafka_error_object(error));
            }
            // SAFETY: as above; not used after.
            unsafe { rd::rd_kafka_error_destroy(error) };
            handle.serve_ready();
            if calling_php {
                calling_php = Self::dispatch(self_)?;
            }
        }
    }
}

fn transaction(result: rdkafka::error::KafkaResult<()>) -> PhpResult<()> {
    result.map_err(|e| match e {
        KafkaError::Transaction(err) => errors::kafka_error(&err),
        other => errors::from_kafka(&other),
    })
}
