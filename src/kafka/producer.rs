//! `RdKafka\Producer` on rdkafka's `BaseProducer`, polled from PHP so delivery reports and errors
//! reach the PHP callbacks inside poll() and flush().

use std::{
    mem::ManuallyDrop,
    ptr::NonNull,
    sync::Arc,
    time::{Duration, Instant},
};

use ext_php_rs::{
    class::RegisteredClass,
    exception::PhpResult,
    prelude::*,
    types::ZendClassObject,
};
use rdkafka::{
    bindings as rd,
    client::Client,
    error::KafkaError,
    producer::{BaseProducer, Producer as _},
    ClientConfig,
};

use super::{
    callbacks::{self, declare_properties, Callbacks},
    conf::{Conf, ConfArg, TopicConf},
    context::Context,
    deadline, ensure_owner, errors, oauth,
    params::Array,
    topic::ProducerTopic,
    Kafka,
};
use crate::{
    ini,
    runtime::{self, Doorbell, OwnerPid, DOORBELL_RING},
};

/// How long `flush()` lets librdkafka wait at a time before it serves events and looks at signals.
const FLUSH_SLICE: Duration = Duration::from_millis(20);

/// The librdkafka producer, shared by the Producer object and its topics.
///
/// rdkafka's `poll(timeout)` keeps waiting until its timeout even after serving events, so waits do not
/// block in it. `poll()` sleeps on `doorbell`, which librdkafka rings when its event queue (delivery
/// reports, errors, logs) stops being empty, then serves what came with `poll(0)`. `flush()` cannot wait
/// for events alone (a producer without a delivery callback hears only of failures): it waits in
/// librdkafka's own flush, which returns the moment the last message is done and treats `linger.ms` as
/// over meanwhile, as php-rdkafka's `flush()` does, in slices so that events and signals are seen.
/// With a delivery callback it cannot wait there: librdkafka counts a message until its report is served,
/// and the reports wait in our queue, so its flush would sleep through every slice. Such a flush hurries
/// `linger.ms` with a 1 ms librdkafka flush and then sleeps on `doorbell` like poll().
pub struct ProducerHandle {
    producer: ManuallyDrop<BaseProducer<Context>>,
    /// librdkafka's main (event) queue, where rdkafka's poll takes the producer's events from: our
    /// reference, looked at (not served) by an idle poll(0), released before the producer.
    queue: NonNull<rd::rd_kafka_queue_t>,
    /// Dropped after the producer (fields drop after `Drop::drop`), so librdkafka never writes to a
    /// closed descriptor.
    doorbell: Doorbell,
    /// Whether every delivery comes back as an event (a delivery callback is set), not only failures.
    reports_deliveries: bool,
    /// Whether `linger.ms` is above 0, so that a flush has something to hurry.
    lingers: bool,
    pub owner: OwnerPid,
}

impl ProducerHandle {
    fn new(producer: BaseProducer<Context>) -> PhpResult<Self> {
        let doorbell = Doorbell::new().map_err(|e| errors::exception(format!("mq: cannot create an eventfd: {e}"), 0))?;
        // SAFETY: a live producer handle; the queue reference is released in Drop.
        let queue = NonNull::new(unsafe { rd::rd_kafka_queue_get_main(producer.client().native_ptr()) })
            .ok_or_else(|| errors::exception("librdkafka gave no main queue", 0))?;
        // SAFETY: our live queue; librdkafka copies the payload.
        unsafe { rd::rd_kafka_queue_io_event_enable(queue.as_ptr(), doorbell.fd(), DOORBELL_RING.as_ptr().cast(), DOORBELL_RING.len()) };
        let reports_deliveries = producer.context().wants().delivery;
        let lingers = linger_ms(producer.client().native_ptr()).map_or(true, |ms| ms > 0.0);
        Ok(ProducerHandle { producer: ManuallyDrop::new(producer), queue, doorbell, reports_deliveries, lingers, owner: OwnerPid::current() })
    }

    /// Whether nothing waits to be served: no event in librdkafka's queue, none recorded for PHP. What
    /// an idle poll(0) asks instead of polling (rdkafka's poll reads the clock three times per call).
    fn idle(&self) -> bool {
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

    /// Serves the events already waiting, without blocking.
    fn serve_ready(&self) {
        while self.waiting() > 0 {
            self.producer.poll(Duration::ZERO);
        }
    }

    /// Serves events until `done` or the deadline (None: no deadline), calling `between` after every
    /// slice. Returns whether `done` became true; a pending PHP interrupt (signal) ends the wait early.
    fn serve_until(
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

    /// Sleeps until an event arrives (see the struct's comment).
    fn await_event(&self, left: Option<Duration>) {
        self.doorbell.sleep(left);
    }

    /// Waits, for one slice at most, until every message is done (see the struct's comment).
    fn await_flush(&self, left: Option<Duration>) {
        let slice = left.map_or(FLUSH_SLICE, |left| left.min(FLUSH_SLICE));
        if self.reports_deliveries {
            if self.lingers {
                // Has the brokers send what lingers, as librdkafka's flush does while it runs (1 ms is
                // enough for its broker threads to wake up and see it; every slice, as more may come).
                // SAFETY: a live producer handle.
                unsafe { rd::rd_kafka_flush(self.native(), 1) };
            }
            self.doorbell.sleep(Some(slice));
        } else {
            // SAFETY: a live producer handle. rdkafka takes delivery reports as events, so librdkafka's
            // flush serves nothing: it waits for the message count to reach zero.
            unsafe { rd::rd_kafka_flush(self.native(), slice.as_millis().max(1) as i32) };
        }
    }

    /// Whether no message is in flight and no event waits. Not `rd_kafka_flush(rk, 0)`, which would also
    /// hurry the brokers past `linger.ms`: a destructor with no time to flush must not send more.
    fn flushed(&self) -> bool {
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
        let _ = self.serve_until(Some(deadline), Self::flushed, || Ok(true), Self::await_flush);
        // SAFETY: released once, here, then the producer once; rdkafka purges what is left and destroys
        // the handle.
        unsafe {
            rd::rd_kafka_queue_destroy(self.queue.as_ptr());
            ManuallyDrop::drop(&mut self.producer);
        }
    }
}

#[php_class]
#[php(name = "RdKafka\\Producer")]
#[php(extends(Kafka))]
#[php(modifier = declare_properties)]
pub struct Producer {
    handle: Arc<ProducerHandle>,
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
        if super::timeout_ms(timeout_ms) == 0 && self_.handle()?.idle() {
            return Ok(0);
        }
        let handle = Arc::clone(self_.handle()?);
        let _serving = Self::serving(self_);
        let before = handle.context().served();
        let deadline = deadline(timeout_ms);
        handle.serve_until(deadline, |h| h.context().served() != before, || Ok(true), ProducerHandle::await_event)?;
        Self::dispatch(self_)?;
        Ok((handle.context().served() - before) as i64)
    }

    /// Waits until every message is delivered or failed; RD_KAFKA_RESP_ERR__TIMED_OUT otherwise. Never
    /// throws for Kafka errors.
    pub fn flush(self_: &mut ZendClassObject<Producer>, timeout_ms: i64) -> PhpResult<i64> {
        let handle = Arc::clone(self_.handle()?);
        let _serving = Self::serving(self_);
        // Callbacks run between slices, never inside librdkafka's poll (but for an OAUTHBEARER refresh).
        let flushed =
            handle.serve_until(deadline(timeout_ms), ProducerHandle::flushed, || Self::dispatch(self_), ProducerHandle::await_flush)?;
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

/// A client configuration from an optional Conf, and the callbacks it carries.
pub fn client_config(conf: Option<&ZendClassObject<Conf>>) -> (ClientConfig, Callbacks) {
    conf.map_or_else(|| (ClientConfig::new(), Callbacks::default()), |c| (c.client_config(), Conf::callbacks(c)))
}

/// Finishes a new client: librdkafka logs at the level the user configured (rdkafka otherwise
/// overrides it with the `log` crate's level), and the context learns the client's name.
pub fn finish_client(client: &Client<Context>, conf: Option<&Conf>) {
    let level = conf.and_then(|c| c.get("log_level")).and_then(|l| l.parse().ok()).unwrap_or(6);
    super::client::set_log_level(client, level);
    client.context().created(client.native_ptr());
}

/// A producer without a delivery callback: librdkafka reports only failed deliveries. php-rdkafka's
/// librdkafka then reports none (its callback mode without a callback); rdkafka's event API would
/// otherwise bring every delivered message back to the PHP thread in poll() only to be dropped (about a
/// sixth of that thread's time in a `produce()` + `poll(0)` loop). The failures still come (poll()
/// counts them), as the only way errors of single messages surface in rdkafka's event API.
fn only_failures_reported(config: &mut ClientConfig) {
    config.set("delivery.report.only.error", "true");
}

/// The producer's `linger.ms` (librdkafka's value: a double, also set through its alias).
fn linger_ms(rk: *mut rd::rd_kafka_t) -> Option<f64> {
    let mut value = [0u8; 32];
    let mut size = value.len();
    // SAFETY: a live client's configuration; librdkafka writes at most `size` bytes, NUL included.
    let res = unsafe { rd::rd_kafka_conf_get(rd::rd_kafka_conf(rk), c"linger.ms".as_ptr(), value.as_mut_ptr().cast(), &mut size) };
    if res != rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_OK {
        return None;
    }
    std::ffi::CStr::from_bytes_until_nul(&value).ok()?.to_str().ok()?.parse().ok()
}

pub fn creation_error(error: KafkaError) -> ext_php_rs::exception::PhpException {
    match error {
        KafkaError::ClientCreation(message) => errors::exception(message, 0),
        KafkaError::ClientConfig(res, message, ..) => errors::exception(message, res as i32),
        other => errors::from_kafka(&other),
    }
}

#[php_impl]
impl Producer {
    #[php(defaults(conf = None))]
    pub fn __construct(conf: Option<ConfArg>) -> PhpResult<Self> {
        let conf = conf.map(|c| c.0);
        let (mut config, callbacks) = client_config(conf);
        if !callbacks.wants().delivery {
            only_failures_reported(&mut config);
        }
        let producer: BaseProducer<Context> =
            config.create_with_context(Context::for_producer(callbacks.wants())).map_err(creation_error)?;
        finish_client(producer.client(), conf.map(|c| &**c));
        callbacks::store_on_this(callbacks, <Self as RegisteredClass>::get_metadata().ce())?;
        Ok(Producer { handle: Arc::new(ProducerHandle::new(producer)?) })
    }

    pub fn init_transactions(&self, timeout_ms: i64) -> PhpResult<()> {
        transaction(self.handle()?.producer().init_transactions(Duration::from_millis(timeout_ms.max(0) as u64)))
    }

    pub fn begin_transaction(&self) -> PhpResult<()> {
        transaction(self.handle()?.producer().begin_transaction())
    }

    pub fn commit_transaction(self_: &mut ZendClassObject<Producer>, timeout_ms: i64) -> PhpResult<()> {
        // SAFETY: a live producer handle.
        Self::serving_reports(self_, timeout_ms, |rk, ms| unsafe { rd::rd_kafka_commit_transaction(rk, ms) })
    }

    pub fn abort_transaction(self_: &mut ZendClassObject<Producer>, timeout_ms: i64) -> PhpResult<()> {
        // SAFETY: a live producer handle.
        Self::serving_reports(self_, timeout_ms, |rk, ms| unsafe { rd::rd_kafka_abort_transaction(rk, ms) })
    }

    /// An mq addition (php-rdkafka 6 lacks it): see `transaction::send_offsets`.
    pub fn send_offsets_to_transaction(
        self_: &mut ZendClassObject<Producer>,
        offsets: Array,
        consumer: super::transaction::ConsumerArg,
        timeout_ms: i64,
    ) -> PhpResult<()> {
        super::transaction::send_offsets(self_, offsets.0, consumer, timeout_ms)
    }
}

/// How long one slice of commitTransaction()/abortTransaction() lets librdkafka wait.
const TXN_SLICE: Duration = Duration::from_millis(20);

impl Producer {
    /// Runs librdkafka's commit or abort, which flush the producer first. That flush cannot serve the
    /// delivery reports of rdkafka's event API (php-rdkafka's callback mode can), so the call is made in
    /// short slices, serving the reports and their PHP callbacks between them: librdkafka resumes a commit
    /// or abort that timed out (a retriable `_TIMED_OUT`). As in php-rdkafka, a callback that throws does
    /// not stop the commit or abort: no PHP callback runs after it (the reports left wait for the next
    /// poll), and its exception is thrown once the call returns.
    /// `call` makes the librdkafka call with the handle and a timeout in ms (sendOffsetsToTransaction's
    /// call is resumed the same way).
    pub(super) fn serving_reports(
        self_: &mut ZendClassObject<Producer>,
        timeout_ms: i64,
        call: impl Fn(*mut rd::rd_kafka_t, i32) -> *mut rd::rd_kafka_error_t,
    ) -> PhpResult<()> {
        let handle = Arc::clone(self_.handle()?);
        let deadline = deadline(timeout_ms);
        let mut calling_php = true;
        loop {
            let slice = deadline.map_or(TXN_SLICE, |d| d.saturating_duration_since(Instant::now()).min(TXN_SLICE));
            let error = call(handle.native(), slice.as_millis() as i32);
            if error.is_null() {
                return Ok(());
            }
            // SAFETY: a non-null error object, destroyed below or by kafka_error_object.
            let resumable = unsafe {
                rd::rd_kafka_error_code(error) == rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR__TIMED_OUT
                    && rd::rd_kafka_error_is_retriable(error) != 0
            };
            if !resumable || deadline.is_some_and(|d| Instant::now() >= d) || runtime::php_interrupted() {
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
