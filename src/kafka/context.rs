//! The rdkafka context of mq's clients. librdkafka's events are served inside `poll` on the PHP
//! thread; the context only records them as owned data (and only those PHP has a callback for), and
//! the client object hands them to PHP once poll has returned, so no Rust borrow is held while PHP runs.

use std::{
    collections::{HashMap, VecDeque},
    ffi::CStr,
    sync::{
        atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering},
        Mutex, OnceLock,
    },
};

use ext_php_rs::exception::PhpResult;
use rdkafka::{
    bindings as rd,
    client::{ClientContext, OAuthToken},
    config::RDKafkaLogLevel,
    consumer::{BaseConsumer, Consumer as _, ConsumerContext},
    error::{KafkaError, KafkaResult},
    producer::{DeliveryResult, ProducerContext},
    types::RDKafkaRespErr,
    TopicPartitionList,
};

use super::{
    errors,
    message::Fields,
    oauth,
    topic_partition::{self, TopicPartition},
};

/// A delivery report, owned so it can outlive the librdkafka event.
pub struct Delivered {
    err: i32,
    topic: Vec<u8>,
    partition: i32,
    offset: i64,
    timestamp: Option<i64>,
    payload: Option<Vec<u8>>,
    key: Option<Vec<u8>>,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    opaque: Option<Vec<u8>>,
}

impl Delivered {
    pub fn fields(&self) -> Fields<'_> {
        Fields {
            err: self.err,
            topic: Some(&self.topic),
            partition: self.partition,
            offset: self.offset,
            timestamp: self.timestamp,
            payload: self.payload.as_deref(),
            key: self.key.as_deref(),
            headers: self.headers.iter().map(|(k, v)| (k.as_slice(), v.as_slice())).collect(),
            opaque: self.opaque.as_deref(),
        }
    }
}

/// Which events the context must record: those PHP has a callback for.
#[derive(Clone, Copy, Default)]
pub struct Wants {
    pub delivery: bool,
    pub error: bool,
    pub rebalance: bool,
    pub log: bool,
    pub stats: bool,
    pub offset_commit: bool,
    pub consume: bool,
    pub oauthbearer_token_refresh: bool,
}

pub enum Event {
    Delivery(Delivered),
    Error { code: i32, reason: String },
    Log { level: i32, facility: String, message: String },
    Stats(String),
    Rebalance { err: i32, partitions: Vec<TopicPartition> },
    OffsetCommit { err: i32, partitions: Vec<TopicPartition> },
}

pub struct Context {
    wants: Wants,
    events: Mutex<VecDeque<Event>>,
    /// How many events `events` holds, read without its lock: an idle poll() asks at every call.
    queued: AtomicUsize,
    /// Message opaques (php-rdkafka's `$msg_opaque`) by id; id 0 means none.
    opaques: Mutex<HashMap<usize, Vec<u8>>>,
    next_opaque: AtomicUsize,
    /// Events served so far, so poll() can return early and report a count.
    served: AtomicUsize,
    /// Set while the client is torn down: PHP is no longer called, rebalances are handled natively.
    muted: AtomicBool,
    /// A revoke was handed to PHP's rebalance callback (see `take_revoke_handed`).
    revoke_handed: AtomicBool,
    /// The deprecated setLogger()'s choice (RD_KAFKA_LOG_*), 0 for none.
    logger: AtomicI64,
    /// librdkafka's name of the client, for printed log lines.
    name: OnceLock<String>,
    /// rdkafka's own poll of a producer (run only in rdkafka's drop of it, see `ProducerContext`)
    /// reports every error event twice (once in the client's event handler, once in its own): for a
    /// producer, every second report through `ClientContext::error` is that echo.
    error_echo: Option<AtomicBool>,
}

/// php-rdkafka's RD_KAFKA_LOG_PRINT, RD_KAFKA_LOG_SYSLOG and RD_KAFKA_LOG_SYSLOG_PRINT.
const LOG_PRINT: i64 = 100;
const LOG_SYSLOG: i64 = 101;
const LOG_SYSLOG_PRINT: i64 = 102;

impl Context {
    pub fn new(wants: Wants) -> Self {
        Self::build(wants, None)
    }

    pub fn for_producer(wants: Wants) -> Self {
        Self::build(wants, Some(AtomicBool::new(false)))
    }

    fn build(wants: Wants, error_echo: Option<AtomicBool>) -> Self {
        Context {
            wants,
            events: Mutex::new(VecDeque::new()),
            queued: AtomicUsize::new(0),
            opaques: Mutex::new(HashMap::new()),
            next_opaque: AtomicUsize::new(1),
            served: AtomicUsize::new(0),
            muted: AtomicBool::new(false),
            revoke_handed: AtomicBool::new(false),
            logger: AtomicI64::new(0),
            name: OnceLock::new(),
            error_echo,
        }
    }

    /// Called once the client exists: its name appears in printed log lines.
    pub fn created(&self, rk: *mut rd::rd_kafka_t) {
        // SAFETY: a live client handle; librdkafka returns its own NUL-terminated name.
        let name = unsafe { CStr::from_ptr(rd::rd_kafka_name(rk)) }.to_string_lossy().into_owned();
        let _ = self.name.set(name);
    }

    /// `setLogger()`: librdkafka's log lines go to stderr and/or syslog, as its own loggers print them,
    /// instead of the log callback.
    pub fn set_logger(&self, logger: i64) -> PhpResult<()> {
        if !(LOG_PRINT..=LOG_SYSLOG_PRINT).contains(&logger) {
            return Err(errors::exception("Invalid logger", 0));
        }
        self.logger.store(logger, Ordering::Relaxed);
        Ok(())
    }

    /// Prints a log line as librdkafka's rd_kafka_log_print / rd_kafka_log_syslog do; false when no
    /// logger was chosen.
    fn print_log(&self, level: i32, facility: &str, message: &str) -> bool {
        let logger = self.logger.load(Ordering::Relaxed);
        if logger == 0 {
            return false;
        }
        if logger != LOG_SYSLOG {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            let name = self.name.get().map_or("", String::as_str);
            eprintln!("%{level}|{}.{:03}|{facility}|{name}| {message}", now.as_secs(), now.subsec_millis());
        }
        if logger != LOG_PRINT {
            if let Ok(line) = std::ffi::CString::new(format!("{facility}: {message}")) {
                // SAFETY: a constant format and a C string.
                unsafe { libc::syslog(level, c"%s".as_ptr(), line.as_ptr()) };
            }
        }
        true
    }

    /// What names this client to `oauth`, whose polls and token refreshes are the client's.
    pub fn oauth_key(&self) -> oauth::ClientKey {
        oauth::ClientKey::new((self as *const Self).cast())
    }

    /// Which PHP callbacks the client has (they never change after construction).
    pub fn wants(&self) -> Wants {
        self.wants
    }

    /// Whether events wait for PHP: reading the callbacks is skipped otherwise.
    pub fn has_events(&self) -> bool {
        self.queued.load(Ordering::Acquire) != 0
    }

    pub fn served(&self) -> usize {
        self.served.load(Ordering::Relaxed)
    }

    /// Whether a revoke went to PHP's rebalance callback since the last call: close() then revokes what
    /// the callback left assigned.
    pub fn take_revoke_handed(&self) -> bool {
        self.revoke_handed.swap(false, Ordering::Relaxed)
    }

    pub fn mute(&self) {
        self.muted.store(true, Ordering::Relaxed);
        let mut events = self.lock_events();
        events.clear();
        self.queued.store(0, Ordering::Release);
    }

    fn lock_events(&self) -> std::sync::MutexGuard<'_, VecDeque<Event>> {
        self.events.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn record(&self, wanted: bool, event: impl FnOnce() -> Event) {
        self.served.fetch_add(1, Ordering::Relaxed);
        if wanted && !self.muted.load(Ordering::Relaxed) {
            self.push(event());
        }
    }

    fn push(&self, event: Event) {
        let mut events = self.lock_events();
        events.push_back(event);
        self.queued.store(events.len(), Ordering::Release);
    }

    /// The next recorded event, oldest first.
    pub fn next_event(&self) -> Option<Event> {
        if !self.has_events() {
            return None;
        }
        let mut events = self.lock_events();
        let event = events.pop_front();
        self.queued.store(events.len(), Ordering::Release);
        event
    }

    /// Keeps an opaque until its delivery report; returns the id to attach to the message.
    /// Without a delivery callback nothing reads it back: none is kept.
    pub fn keep_opaque(&self, opaque: Option<&[u8]>) -> usize {
        let Some(opaque) = opaque.filter(|_| self.wants.delivery) else { return 0 };
        let id = self.next_opaque.fetch_add(1, Ordering::Relaxed);
        self.opaques.lock().unwrap_or_else(|e| e.into_inner()).insert(id, opaque.to_vec());
        id
    }

    pub fn take_opaque(&self, id: usize) -> Option<Vec<u8>> {
        (id != 0).then(|| self.opaques.lock().unwrap_or_else(|e| e.into_inner()).remove(&id)).flatten()
    }

    /// A log line of librdkafka: printed (setLogger()) or handed to the log callback.
    pub fn log_line(&self, level: i32, facility: &str, message: &str) {
        if self.print_log(level, facility, message) || !self.wants.log {
            return;
        }
        self.record(true, || Event::Log { level, facility: facility.to_string(), message: message.to_string() });
    }

    pub fn stats(&self, json: &[u8]) {
        self.record(self.wants.stats, || Event::Stats(String::from_utf8_lossy(json).into_owned()));
    }

    /// A global error (not one of a consumed partition): the error callback's, or without one a log line,
    /// as librdkafka logs it when the application serves the error (`ERROR`, level 3, "[thrd:app]: ",
    /// the client's name).
    /// `logged`: the client's `log_level` lets librdkafka log errors (3 and up).
    pub fn global_error(&self, code: i32, reason: &str, logged: bool) {
        if self.wants.error {
            self.record(true, || Event::Error { code, reason: reason.to_string() });
        } else {
            // Served (poll() counts it) even though only a log line comes of it.
            self.served.fetch_add(1, Ordering::Relaxed);
            if logged {
                let name = self.name.get().map_or("", String::as_str);
                self.log_line(3, "ERROR", &format!("[thrd:app]: {name}: {reason}"));
            }
        }
    }

    /// A rebalance: with a PHP rebalance callback the event waits for PHP, which must call assign() (close()
    /// revokes what it leaves, `closing::unassign_all`); once muted (a destructor leaving the group) the
    /// partitions are assigned and revoked as librdkafka's default handler does. (Without a PHP callback
    /// librdkafka rebalances by itself: no event comes.)
    pub fn rebalance_native(&self, rk: *mut rd::rd_kafka_t, err: RDKafkaRespErr, tpl: *mut rd::rd_kafka_topic_partition_list_t) {
        let assigning = err == RDKafkaRespErr::RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS;
        if tpl.is_null() || (!assigning && err != RDKafkaRespErr::RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
            return;
        }
        if self.wants.rebalance && !self.muted.load(Ordering::Relaxed) {
            if !assigning {
                self.revoke_handed.store(true, Ordering::Relaxed);
            }
            // SAFETY: the event's live list.
            self.record(true, || Event::Rebalance { err: err as i32, partitions: unsafe { topic_partition::from_native(tpl) } });
            return;
        }
        self.served.fetch_add(1, Ordering::Relaxed);
        // SAFETY: rk is the live consumer handle; tpl belongs to the event being served.
        unsafe {
            let protocol = CStr::from_ptr(rd::rd_kafka_rebalance_protocol(rk));
            let cooperative = protocol.to_bytes() == b"COOPERATIVE";
            let error = match (cooperative, assigning) {
                (true, true) => rd::rd_kafka_incremental_assign(rk, tpl),
                (true, false) => rd::rd_kafka_incremental_unassign(rk, tpl),
                (false, true) => {
                    rd::rd_kafka_assign(rk, tpl);
                    std::ptr::null_mut()
                }
                (false, false) => {
                    rd::rd_kafka_assign(rk, std::ptr::null());
                    std::ptr::null_mut()
                }
            };
            if !error.is_null() {
                rd::rd_kafka_error_destroy(error);
            }
        }
    }

    /// A delivery report event: the messages of one batch librdkafka acknowledged (or failed), freed
    /// when the event is destroyed. It counts as one event served, as librdkafka's `rd_kafka_poll()`
    /// counts it for php-rdkafka; each message is recorded for the delivery callback, if any.
    ///
    /// # Safety
    /// `event` is a live RD_KAFKA_EVENT_DR event.
    pub unsafe fn deliveries(&self, event: *mut rd::rd_kafka_event_t) {
        self.served.fetch_add(1, Ordering::Relaxed);
        if !self.wants.delivery {
            return; // nothing to hand over, and no opaque was kept (`keep_opaque`)
        }
        let muted = self.muted.load(Ordering::Relaxed);
        loop {
            let message = rd::rd_kafka_event_message_next(event);
            let Some(message) = message.as_ref() else { return };
            let opaque = self.take_opaque(message._private as usize);
            if muted {
                continue;
            }
            // The error of a failed delivery is the message's own (`err`).
            let fields = Fields::native(std::ptr::from_ref(message).cast_mut());
            self.push(Event::Delivery(Delivered {
                err: fields.err,
                topic: fields.topic.unwrap_or_default().to_vec(),
                partition: fields.partition,
                offset: fields.offset,
                timestamp: fields.timestamp,
                payload: fields.payload.map(<[u8]>::to_vec),
                key: fields.key.map(<[u8]>::to_vec),
                headers: fields.headers.iter().map(|(k, v)| (k.to_vec(), v.to_vec())).collect(),
                opaque,
            }));
        }
    }

    /// The result of an offset commit, for the offset commit callback (`offsets` may be null).
    pub fn committed(&self, err: i32, offsets: *mut rd::rd_kafka_topic_partition_list_t) {
        self.record(self.wants.offset_commit, || Event::OffsetCommit {
            err,
            // SAFETY: the event's live list, or null.
            partitions: if offsets.is_null() { Vec::new() } else { unsafe { topic_partition::from_native(offsets) } },
        });
    }
}

impl ClientContext for Context {
    /// rdkafka then calls generate_oauth_token for librdkafka's SASL/OAUTHBEARER refresh events.
    const ENABLE_REFRESH_OAUTH_TOKEN: bool = true;

    /// Only where rdkafka's own poll serves the event (the low-level Consumer's `poll()`; mq's event loops
    /// answer it in `events`): rdkafka sets a token or a failure, so a callback that set nothing is a
    /// failure here, where php-rdkafka leaves librdkafka's token in use.
    fn generate_oauth_token(&self, oauthbearer_config: Option<&str>) -> Result<OAuthToken, Box<dyn std::error::Error>> {
        oauth::refresh(self.oauth_key(), oauthbearer_config)?.ok_or_else(|| "the OAUTHBEARER token refresh callback set no token".into())
    }

    /// A log line is an event poll() serves and counts only for a log callback (php-rdkafka then sets
    /// `log.queue`); otherwise librdkafka prints it from its own threads and poll() does not see it.
    fn log(&self, level: RDKafkaLogLevel, fac: &str, log_message: &str) {
        self.log_line(level as i32, fac, log_message);
    }

    fn stats_raw(&self, statistics: &[u8]) {
        self.stats(statistics);
    }

    /// Only with a PHP error callback, as php-rdkafka sets librdkafka's: without one, librdkafka logs the
    /// errors it raises itself (all brokers down, fatal) at once instead of queuing them for poll() to
    /// count and getOutQLen() to include (third_party/rdkafka/PATCHED.md).
    fn error_events(&self) -> bool {
        self.wants.error
    }

    fn error(&self, error: KafkaError, reason: &str) {
        if self.error_echo.as_ref().is_some_and(|echo| echo.fetch_xor(true, Ordering::Relaxed)) {
            return;
        }
        self.global_error(errors::code_of(&error), reason, true);
    }
}

impl ProducerContext for Context {
    type DeliveryOpaque = usize;

    /// Only rdkafka's own poll calls this, which mq runs only in rdkafka's drop of the producer, after
    /// `ProducerHandle`'s drop has served what it could (muted: PHP is no longer called). Reports are
    /// otherwise served by `deliveries`.
    fn delivery(&self, _: &DeliveryResult<'_>, opaque: usize) {
        self.take_opaque(opaque);
        self.served.fetch_add(1, Ordering::Relaxed);
    }
}

impl ConsumerContext for Context {
    /// Only with a PHP rebalance callback: without one, librdkafka rebalances in its own threads, as it
    /// does for php-rdkafka (third_party/rdkafka/PATCHED.md).
    fn rebalance_events(&self) -> bool {
        self.wants.rebalance
    }

    fn rebalance(&self, consumer: &BaseConsumer<Self>, err: RDKafkaRespErr, tpl: &mut TopicPartitionList) {
        self.rebalance_native(consumer.client().native_ptr(), err, tpl.ptr());
    }

    fn commit_callback(&self, result: KafkaResult<()>, offsets: &TopicPartitionList) {
        self.committed(result.err().map_or(0, |e| errors::code_of(&e)), offsets.ptr());
    }
}
