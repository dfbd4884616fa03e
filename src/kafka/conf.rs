//! `RdKafka\Conf` and `RdKafka\TopicConf`: every `set()` goes straight to a librdkafka configuration
//! object, so unknown names and invalid values fail at once with librdkafka's own message.

use std::{
    cell::RefCell,
    ffi::{c_char, CStr},
};

use ext_php_rs::{
    boxed::ZBox,
    convert::{FromZval, StubLiteral},
    exception::PhpResult,
    flags::DataType,
    prelude::*,
    types::{ZendClassObject, ZendHashTable, Zval},
};
use rdkafka::{
    bindings as rd,
    config::{NativeTopicConfig, RDKafkaLogLevel},
    ClientConfig,
};

use super::{
    callbacks::Callbacks,
    errors,
    params::{c_string, Callable},
};
use crate::{held_values::HeldValues, php_string::PhpBytes};

/// A librdkafka configuration (global or topic) that validates each property as it is set.
trait Native {
    fn ptr(&self) -> *mut std::ffi::c_void;
    /// SAFETY: `ptr` is a live configuration of the kind the function expects.
    unsafe fn set(ptr: *mut std::ffi::c_void, name: *const c_char, value: *const c_char, err: *mut c_char, size: usize) -> rd::rd_kafka_conf_res_t;
    unsafe fn dump(ptr: *mut std::ffi::c_void, count: *mut usize) -> *mut *const c_char;

    fn set_checked(&self, name: &CStr, value: &CStr) -> PhpResult<()> {
        let mut err = [0 as c_char; 512];
        // SAFETY: the configuration is live and owned by self; librdkafka writes a NUL-terminated message.
        let res = unsafe { Self::set(self.ptr(), name.as_ptr(), value.as_ptr(), err.as_mut_ptr(), err.len()) };
        match res {
            rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_OK => Ok(()),
            // SAFETY: librdkafka wrote a NUL-terminated message into the buffer.
            res => Err(errors::exception(unsafe { errors::c_text(err.as_ptr()) }.unwrap_or_default(), res as i32)),
        }
    }

    /// Every property with its current value, librdkafka's defaults included.
    fn dump_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        let mut count = 0;
        // SAFETY: as for set; the array holds name/value pairs and is freed with its own function.
        let array = unsafe { Self::dump(self.ptr(), &mut count) };
        let mut out = ZendHashTable::new();
        if array.is_null() {
            return Ok(out);
        }
        // SAFETY: librdkafka returns `count` C strings.
        let items = unsafe { std::slice::from_raw_parts(array, count) };
        for pair in items.chunks(2) {
            if let [name, value] = pair {
                // SAFETY: C strings of the dump, freed below.
                let (name, value) = unsafe { (errors::c_text(*name), errors::c_text(*value)) };
                out.insert(name.unwrap_or_default().as_str(), value.unwrap_or_default())?;
            }
        }
        // SAFETY: freed once, with the count librdkafka gave.
        unsafe { rd::rd_kafka_conf_dump_free(array, count) };
        Ok(out)
    }
}

struct GlobalConf(*mut rd::rd_kafka_conf_t);

impl Native for GlobalConf {
    fn ptr(&self) -> *mut std::ffi::c_void {
        self.0.cast()
    }
    unsafe fn set(ptr: *mut std::ffi::c_void, name: *const c_char, value: *const c_char, err: *mut c_char, size: usize) -> rd::rd_kafka_conf_res_t {
        rd::rd_kafka_conf_set(ptr.cast(), name, value, err, size)
    }
    unsafe fn dump(ptr: *mut std::ffi::c_void, count: *mut usize) -> *mut *const c_char {
        rd::rd_kafka_conf_dump(ptr.cast(), count)
    }
}

impl GlobalConf {
    /// Sets a placeholder callback (see `placeholders`).
    fn mark(&self, set: impl FnOnce(*mut rd::rd_kafka_conf_t)) {
        set(self.0);
    }
}

impl Drop for GlobalConf {
    fn drop(&mut self) {
        // SAFETY: owned, never handed to a client (clients get their own copy).
        unsafe { rd::rd_kafka_conf_destroy(self.0) }
    }
}

pub struct NativeTopicConf(*mut rd::rd_kafka_topic_conf_t);

impl NativeTopicConf {
    /// A copy librdkafka takes ownership of (rd_kafka_topic_new, rd_kafka_conf_set_default_topic_conf).
    pub fn dup(&self) -> *mut rd::rd_kafka_topic_conf_t {
        // SAFETY: a live configuration.
        unsafe { rd::rd_kafka_topic_conf_dup(self.0) }
    }
}

impl Native for NativeTopicConf {
    fn ptr(&self) -> *mut std::ffi::c_void {
        self.0.cast()
    }
    unsafe fn set(ptr: *mut std::ffi::c_void, name: *const c_char, value: *const c_char, err: *mut c_char, size: usize) -> rd::rd_kafka_conf_res_t {
        rd::rd_kafka_topic_conf_set(ptr.cast(), name, value, err, size)
    }
    unsafe fn dump(ptr: *mut std::ffi::c_void, count: *mut usize) -> *mut *const c_char {
        rd::rd_kafka_topic_conf_dump(ptr.cast(), count)
    }
}

impl Drop for NativeTopicConf {
    fn drop(&mut self) {
        // SAFETY: owned; librdkafka only ever receives copies.
        unsafe { rd::rd_kafka_topic_conf_destroy(self.0) }
    }
}

/// librdkafka (since 2.1) pauses a partition's fetching for `fetch.queue.backoff.ms`, 1 s by default,
/// whenever its prefetch queue reaches `queued.min.messages`; a PHP loop that drains 100 000 queued
/// messages in a fraction of a second then sits idle for the rest of that second. mq's consumers default
/// to a backoff well short of such a drain (70 ms at 1.4 M msg/s), so fetching resumes before the queue
/// runs dry: 1 000 000 × 100 B consumed 8 % faster at 10 ms than at 50 (1.48 against 1.37 M msg/s,
/// same peak RSS), no faster at 1.
const FETCH_QUEUE_BACKOFF_MS: &str = "10";

/// librdkafka keeps one fetch per partition in flight, of at most `fetch.message.max.bytes` (1 MiB):
/// 250 records of 4 KiB per round trip to the broker, which bounded a consumer catching up on such a
/// partition below what PHP reads. At 4 MiB, 200 000 × 4 KiB consumed about 18 % faster (656 000
/// against 548 000 msg/s, medians of 4 interleaved runs, 2026-12-08), at 12 MB more peak RSS; 100 B
/// records no faster (PHP's own work bounds those). `fetch.max.bytes` still caps a whole response.
const FETCH_MESSAGE_MAX_BYTES: &str = "4194304";

/// With the larger fetches above, a prefetch of 50 000 records (librdkafka's `queued.min.messages`:
/// 100 000) keeps 100 B records flowing as fast (1.0–1.1 M msg/s either way) with 9 MB less peak RSS
/// than librdkafka's defaults (56 against 65 MB).
const QUEUED_MIN_MESSAGES: &str = "50000";

/// A consumer's configuration: mq's defaults where the user set nothing else (under any alias).
pub fn with_consumer_defaults(mut config: ClientConfig) -> ClientConfig {
    let defaults: [(&[&str], &str); 3] = [
        (&["fetch.queue.backoff.ms"], FETCH_QUEUE_BACKOFF_MS),
        (&["fetch.message.max.bytes", "max.partition.fetch.bytes"], FETCH_MESSAGE_MAX_BYTES),
        (&["queued.min.messages"], QUEUED_MIN_MESSAGES),
    ];
    for (names, value) in defaults {
        if names.iter().all(|name| config.get(name).is_none()) {
            config.set(names[0], value);
        }
    }
    config
}

/// Native callbacks set on a Conf's own librdkafka configuration (which no client uses: clients get the
/// PHP callbacks through their context), so that `dump()` lists each callback that is set with its
/// address, as php-rdkafka's, whose configuration holds its C callbacks, does.
mod placeholders {
    use std::ffi::{c_char, c_int, c_void};

    use rdkafka::bindings as rd;

    pub unsafe extern "C" fn dr_msg(_: *mut rd::rd_kafka_t, _: *const rd::rd_kafka_message_t, _: *mut c_void) {}
    pub unsafe extern "C" fn error(_: *mut rd::rd_kafka_t, _: c_int, _: *const c_char, _: *mut c_void) {}
    pub unsafe extern "C" fn stats(_: *mut rd::rd_kafka_t, _: *mut c_char, _: usize, _: *mut c_void) -> c_int {
        0
    }
    pub unsafe extern "C" fn log(_: *const rd::rd_kafka_t, _: c_int, _: *const c_char, _: *const c_char) {}
    pub unsafe extern "C" fn partitions(
        _: *mut rd::rd_kafka_t,
        _: rd::rd_kafka_resp_err_t,
        _: *mut rd::rd_kafka_topic_partition_list_t,
        _: *mut c_void,
    ) {
    }
    pub unsafe extern "C" fn consume(_: *mut rd::rd_kafka_message_t, _: *mut c_void) {}
    pub unsafe extern "C" fn oauthbearer_token_refresh(_: *mut rd::rd_kafka_t, _: *const c_char, _: *mut c_void) {}
}

/// A `Conf` argument as the PHP object, whose properties hold the callbacks.
pub struct ConfArg<'a>(pub &'a ZendClassObject<Conf>);

impl<'a> FromZval<'a> for ConfArg<'a> {
    const TYPE: DataType = DataType::object("RdKafka\\Conf");

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.extract::<&ZendClassObject<Conf>>().map(ConfArg)
    }
}

// `?Conf $conf = null` and `?TopicConf $topic_conf = null`: the only defaults these types ever get are
// null (Option's None), so their own literal is never rendered.
impl StubLiteral for ConfArg<'_> {
    fn stub_literal(&self) -> String {
        "null".into()
    }
}

impl StubLiteral for &TopicConf {
    fn stub_literal(&self) -> String {
        "null".into()
    }
}

#[php_class]
#[php(name = "RdKafka\\Conf")]
pub struct Conf {
    native: GlobalConf,
    entries: Vec<Entry>,
    /// What set*Cb() set; a client made from the Conf copies them. Borrowed only briefly, never across
    /// PHP code: the cycle collector reads them (`held_values`).
    callbacks: RefCell<Callbacks>,
}

impl HeldValues for Conf {
    fn each_held(&self, each: &mut dyn FnMut(&Zval)) {
        if let Ok(callbacks) = self.callbacks.try_borrow() {
            callbacks.each(each);
        }
    }
}

/// What the user set on a Conf, in order: clients are built from the global properties (the crate copies
/// them into a fresh librdkafka configuration, so one Conf can build many clients); mq_kafka_conf_entries()
/// lists them all. Only the last set() of a name and the last setDefaultTopicConf() are kept (each replaces
/// the earlier ones' effect), so a long-lived Conf set again and again does not grow.
enum Entry {
    /// set(); `global` unless librdkafka keeps the property in the default topic configuration.
    Set { name: String, value: String, global: bool },
    /// setDefaultTopicConf(): the TopicConf's properties then.
    DefaultTopicConf(Vec<(Vec<u8>, Vec<u8>)>),
}

/// Whether librdkafka keeps `name` in the global configuration: `set()` of a topic-only property goes to
/// the default topic configuration, and the four properties known at both levels stay global. Asked of
/// fresh configurations, whose `get` answers for any property that has a value (librdkafka's defaults
/// give one to every topic property, and to the four) and, without a default topic configuration, does
/// not fall back on one.
fn is_global(name: &CStr) -> bool {
    let known = rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_OK;
    let mut size = 0;
    let Defaults(global, topic) = *DEFAULTS.get_or_init(|| {
        // SAFETY: made once and never freed.
        unsafe { Defaults(rd::rd_kafka_conf_new(), rd::rd_kafka_topic_conf_new()) }
    });
    // SAFETY: live configurations, only read; a NULL destination asks for the size only.
    unsafe {
        let in_global = rd::rd_kafka_conf_get(global, name.as_ptr(), std::ptr::null_mut(), &mut size) == known;
        let in_topic = rd::rd_kafka_topic_conf_get(topic, name.as_ptr(), std::ptr::null_mut(), &mut size) == known;
        in_global || !in_topic
    }
}

/// librdkafka's default configurations, made on the first `is_global` (each costs microseconds to make).
#[derive(Clone, Copy)]
struct Defaults(*mut rd::rd_kafka_conf_t, *mut rd::rd_kafka_topic_conf_t);

// SAFETY: only ever read (`rd_kafka_conf_get`), never changed or freed.
unsafe impl Send for Defaults {}
unsafe impl Sync for Defaults {}

static DEFAULTS: std::sync::OnceLock<Defaults> = std::sync::OnceLock::new();

impl Conf {
    pub fn client_config(&self) -> ClientConfig {
        let mut config = ClientConfig::new();
        for entry in &self.entries {
            if let Entry::Set { name, value, global: true } = entry {
                config.set(name, value);
            }
        }
        // Topic-level properties reach every client as a copy of the Conf's default topic configuration
        // (setDefaultTopicConf()'s, then the topic-only set()s), as php-rdkafka's clients get a copy of
        // its whole configuration: setting them globally would override the topic value of the four
        // properties known at both levels (auto.commit.interval.ms, ...).
        // SAFETY: the Conf's live configuration; the copy of its topic configuration is owned by the client
        // configuration.
        unsafe {
            let topic = rd::rd_kafka_conf_get_default_topic_conf(self.native.0);
            if !topic.is_null() {
                config.set_default_topic_conf(NativeTopicConfig::from_ptr(rd::rd_kafka_topic_conf_dup(topic)));
            }
        }
        config.set_log_level(self.log_level());
        config
    }

    /// The level librdkafka's own configuration gives a client, which rdkafka sets again once the client
    /// exists (by default the `log` crate's): LOG_DEBUG when `debug` names a context, as rd_kafka_new()
    /// makes it, else `log_level`. Set before creation, there is no moment at another level.
    fn log_level(&self) -> RDKafkaLogLevel {
        let value = |name: &CStr| {
            let mut text = [0 as c_char; 512];
            let mut size = text.len();
            // SAFETY: the Conf's live configuration, only read; librdkafka writes a NUL-terminated value
            // (truncated past `size`, which still starts with a debug context).
            unsafe {
                rd::rd_kafka_conf_get(self.native.0, name.as_ptr(), text.as_mut_ptr(), &mut size);
                errors::c_text(text.as_ptr()).unwrap_or_default()
            }
        };
        let level = if value(c"debug").is_empty() { value(c"log_level").parse().unwrap_or(6) } else { 7 };
        match level {
            0 => RDKafkaLogLevel::Emerg,
            1 => RDKafkaLogLevel::Alert,
            2 => RDKafkaLogLevel::Critical,
            3 => RDKafkaLogLevel::Error,
            4 => RDKafkaLogLevel::Warning,
            5 => RDKafkaLogLevel::Notice,
            6 => RDKafkaLogLevel::Info,
            _ => RDKafkaLogLevel::Debug,
        }
    }


    /// The callbacks a client built from this Conf copies.
    pub fn callbacks(&self) -> Callbacks {
        self.callbacks.borrow().clone()
    }

    /// Keeps `callback` in its slot. The one it replaces is released once the slot is written and the
    /// borrow over: its destructor may run PHP code, or a collection that reads the slots.
    fn keep(&self, slot: fn(&mut Callbacks) -> &mut Option<Zval>, callback: Callable) {
        let replaced = std::mem::replace(slot(&mut self.callbacks.borrow_mut()), Some(callback.0));
        drop(replaced);
    }

    /// A value the user set (not librdkafka's default).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries.iter().rev().find_map(|entry| match entry {
            Entry::Set { name: n, value, .. } if n == name => Some(value.as_str()),
            _ => None,
        })
    }

    /// Validates and keeps a property; names and values are any bytes up to the first NUL, as
    /// php-rdkafka passes them (`char *`).
    fn put(&mut self, name: &[u8], value: &[u8]) -> PhpResult<()> {
        let (name, value) = (c_string(name), c_string(value));
        // Clients are built through rdkafka's `ClientConfig`, which holds Rust strings: a value that is
        // not UTF-8 is refused here, at the line that sets it, rather than altered.
        let Ok(text) = value.to_str() else {
            return Err(errors::exception(
                format!(
                    "Configuration property \"{}\": mq hands values to librdkafka as UTF-8 text and this value is not valid UTF-8",
                    name.to_string_lossy()
                ),
                rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_INVALID as i32,
            ));
        };
        self.native.set_checked(&name, &value)?;
        // librdkafka knew the name: one of its own (ASCII) property names.
        let global = is_global(&name);
        let name = name.to_string_lossy().into_owned();
        self.entries.retain(|entry| !matches!(entry, Entry::Set { name: n, .. } if *n == name));
        self.entries.push(Entry::Set { name, value: text.to_owned(), global });
        Ok(())
    }
}

#[php_impl]
impl Conf {
    pub fn __construct() -> Self {
        // SAFETY: allocates a new configuration with librdkafka's defaults.
        Conf { native: GlobalConf(unsafe { rd::rd_kafka_conf_new() }), entries: Vec::new(), callbacks: RefCell::default() }
    }

    pub fn dump(&self) -> PhpResult<ZBox<ZendHashTable>> {
        self.native.dump_array()
    }

    pub fn set(&mut self, name: PhpBytes, value: PhpBytes) -> PhpResult<()> {
        self.put(name.as_bytes(), value.as_bytes())
    }

    /// Deprecated in php-rdkafka. A copy of the TopicConf replaces the default topic configuration, and
    /// with it the topic-only properties set() put there before, as in php-rdkafka.
    pub fn set_default_topic_conf(&mut self, topic_conf: &TopicConf) {
        // SAFETY: the Conf's live configuration takes ownership of the copy.
        unsafe { rd::rd_kafka_conf_set_default_topic_conf(self.native.0, topic_conf.native.dup()) };
        self.entries.retain(|entry| !matches!(entry, Entry::DefaultTopicConf(_)));
        self.entries.push(Entry::DefaultTopicConf(topic_conf.entries.clone()));
    }

    pub fn set_error_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.error, callback);
        // SAFETY: the Conf's live configuration.
        self_.native.mark(|conf| unsafe { rd::rd_kafka_conf_set_error_cb(conf, Some(placeholders::error)) });
    }

    pub fn set_dr_msg_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.dr_msg, callback);
        // SAFETY: the Conf's live configuration.
        self_.native.mark(|conf| unsafe { rd::rd_kafka_conf_set_dr_msg_cb(conf, Some(placeholders::dr_msg)) });
    }

    pub fn set_stats_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.stats, callback);
        // SAFETY: the Conf's live configuration.
        self_.native.mark(|conf| unsafe { rd::rd_kafka_conf_set_stats_cb(conf, Some(placeholders::stats)) });
    }

    pub fn set_rebalance_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.rebalance, callback);
        // SAFETY: the Conf's live configuration.
        self_.native.mark(|conf| unsafe { rd::rd_kafka_conf_set_rebalance_cb(conf, Some(placeholders::partitions)) });
    }

    pub fn set_offset_commit_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.offset_commit, callback);
        // SAFETY: the Conf's live configuration.
        self_.native.mark(|conf| unsafe { rd::rd_kafka_conf_set_offset_commit_cb(conf, Some(placeholders::partitions)) });
    }

    pub fn set_log_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.log, callback);
        // SAFETY: the Conf's live configuration. php-rdkafka also turns on log.queue (as rdkafka does).
        self_.native.mark(|conf| unsafe {
            rd::rd_kafka_conf_set_log_cb(conf, Some(placeholders::log));
            rd::rd_kafka_conf_set(conf, c"log.queue".as_ptr(), c"true".as_ptr(), std::ptr::null_mut(), 0);
        });
    }

    /// `($message, $kafka)`: called with every message KafkaConsumer::consume() returns.
    pub fn set_consume_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.consume, callback);
        // SAFETY: the Conf's live configuration.
        self_.native.mark(|conf| unsafe { rd::rd_kafka_conf_set_consume_cb(conf, Some(placeholders::consume)) });
    }

    /// `($kafka, $oauthbearer_config)`: must call oauthbearerSetToken() or oauthbearerSetTokenFailure().
    pub fn set_oauthbearer_token_refresh_cb(self_: &mut ZendClassObject<Conf>, callback: Callable) {
        self_.keep(|c| &mut c.oauthbearer_token_refresh, callback);
        // SAFETY: the Conf's live configuration.
        self_.native.mark(|conf| unsafe { rd::rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf, Some(placeholders::oauthbearer_token_refresh)) });
    }
}

#[php_class]
#[php(name = "RdKafka\\TopicConf")]
pub struct TopicConf {
    native: NativeTopicConf,
    /// What the user set (as librdkafka took it), for Conf::setDefaultTopicConf().
    entries: Vec<(Vec<u8>, Vec<u8>)>,
}

impl TopicConf {
    pub fn native(&self) -> &NativeTopicConf {
        &self.native
    }
}

#[php_impl]
impl TopicConf {
    pub fn __construct() -> Self {
        // SAFETY: allocates a new topic configuration with librdkafka's defaults.
        TopicConf { native: NativeTopicConf(unsafe { rd::rd_kafka_topic_conf_new() }), entries: Vec::new() }
    }

    pub fn dump(&self) -> PhpResult<ZBox<ZendHashTable>> {
        self.native.dump_array()
    }

    pub fn set(&mut self, name: PhpBytes, value: PhpBytes) -> PhpResult<()> {
        self.put(name.as_bytes(), value.as_bytes())
    }

    /// php-rdkafka's RD_KAFKA_MSG_PARTITIONER_* values, mapped to librdkafka's `partitioner` property.
    pub fn set_partitioner(&mut self, partitioner: i64) -> PhpResult<()> {
        let name = match partitioner {
            2 => "random",
            3 => "consistent",
            4 => "consistent_random",
            5 => "murmur2",
            6 => "murmur2_random",
            _ => return Err(errors::invalid_argument("Invalid partitioner given".into())),
        };
        self.put(b"partitioner", name.as_bytes())
    }
}

impl TopicConf {
    /// As `Conf::put`; topic objects are built from the native configuration, so any bytes work.
    fn put(&mut self, name: &[u8], value: &[u8]) -> PhpResult<()> {
        let (name, value) = (c_string(name), c_string(value));
        self.native.set_checked(&name, &value)?;
        // The last set() of a name is the one that counts (see `Entry`).
        let name = name.into_bytes();
        self.entries.retain(|(n, _)| *n != name);
        self.entries.push((name, value.into_bytes()));
        Ok(())
    }
}

/// mq's own (php-rdkafka has no such function): what was set on `$conf`, in order (callbacks not
/// included): `[name, value]` for each set(), `['default_topic_conf', [[name, value], ...]]` for each
/// setDefaultTopicConf(). `Mq\KafkaProducer` copies a Conf with it: a Conf cannot be cloned (as in
/// php-rdkafka), and dump() shows neither the topic-level properties nor which values the user chose.
#[php_function]
pub fn mq_kafka_conf_entries(conf: ConfArg) -> PhpResult<ZBox<ZendHashTable>> {
    let mut list = ZendHashTable::new();
    for entry in &conf.0.entries {
        let mut pair = ZendHashTable::new();
        match entry {
            Entry::Set { name, value, .. } => {
                pair.push(name.as_str())?;
                pair.push(value.as_str())?;
            }
            Entry::DefaultTopicConf(properties) => {
                let mut topic = ZendHashTable::new();
                for (name, value) in properties {
                    let mut property = ZendHashTable::new();
                    property.push(PhpBytes(name.clone()))?;
                    property.push(PhpBytes(value.clone()))?;
                    topic.push(property)?;
                }
                pair.push("default_topic_conf")?;
                pair.push(topic)?;
            }
        }
        list.push(pair)?;
    }
    Ok(list)
}

/// mq's own (php-rdkafka has no such function): the callbacks set on `$conf`, by php-rdkafka's names
/// for them (`setErrorCb()` sets `error_cb`). `Mq\KafkaProducer` copies a Conf with it, as with
/// mq_kafka_conf_entries().
#[php_function]
pub fn mq_kafka_conf_callbacks(conf: ConfArg) -> PhpResult<ZBox<ZendHashTable>> {
    let mut list = ZendHashTable::new();
    for (name, callback) in conf.0.callbacks().named() {
        if let Some(callback) = callback {
            list.insert(name, callback.shallow_clone())?;
        }
    }
    Ok(list)
}

/// mq's own Kafka functions.
pub fn register_functions(module: ext_php_rs::builders::ModuleBuilder) -> ext_php_rs::builders::ModuleBuilder {
    module.function(wrap_function!(mq_kafka_conf_entries)).function(wrap_function!(mq_kafka_conf_callbacks))
}

#[cfg(test)]
mod tests {
    use rdkafka::ClientConfig;

    /// Clients get the properties in the order they were last set (the vendored rdkafka's patch), so of
    /// two aliases the last set() wins, as in php-rdkafka.
    #[test]
    fn the_alias_set_last_wins() {
        for (first, last) in [("linger.ms", "queue.buffering.max.ms"), ("queue.buffering.max.ms", "linger.ms")] {
            let mut config = ClientConfig::new();
            config.set(first, "7").set(last, "9");
            assert_eq!(config.create_native_config().unwrap().get("linger.ms").unwrap(), "9");
            config.set(first, "11");
            assert_eq!(config.create_native_config().unwrap().get("linger.ms").unwrap(), "11");
        }
    }

    /// mq's consumer defaults fill only what is unset, under any alias, and librdkafka takes them.
    #[test]
    fn consumer_defaults_yield_to_what_the_user_set() {
        let native = |config: ClientConfig| super::with_consumer_defaults(config).create_native_config().unwrap();
        let defaults = native(ClientConfig::new());
        assert_eq!(defaults.get("fetch.message.max.bytes").unwrap(), super::FETCH_MESSAGE_MAX_BYTES);
        assert_eq!(defaults.get("queued.min.messages").unwrap(), super::QUEUED_MIN_MESSAGES);
        assert_eq!(defaults.get("fetch.queue.backoff.ms").unwrap(), super::FETCH_QUEUE_BACKOFF_MS);
        for name in ["fetch.message.max.bytes", "max.partition.fetch.bytes"] {
            let mut config = ClientConfig::new();
            config.set(name, "65536").set("queued.min.messages", "7").set("fetch.queue.backoff.ms", "3");
            let set = native(config);
            assert_eq!(set.get("fetch.message.max.bytes").unwrap(), "65536", "set as {name}");
            assert_eq!(set.get("queued.min.messages").unwrap(), "7");
            assert_eq!(set.get("fetch.queue.backoff.ms").unwrap(), "3");
        }
    }
}
