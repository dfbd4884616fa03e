//! The extension's php.ini entries. Read when a component is created, never cached across requests.

use std::ffi::{c_char, c_int, CStr};

use ext_php_rs::{
    flags::IniEntryPermission,
    zend::{IniEntryDef, IniEntryDefs},
};

/// Worker threads of the process-wide tokio runtime (heartbeats, socket I/O, confirms).
pub const WORKER_THREADS: &CStr = c"mq.worker_threads";

/// How long a Kafka producer destroyed without flush() keeps delivering (php-rdkafka drops the messages).
pub const KAFKA_DESTRUCT_FLUSH_MS: &CStr = c"mq.kafka_destruct_flush_ms";

/// How long the end of a request (or a destructor) waits for AMQP publishes to be written and the
/// connection closed.
pub const AMQP_DESTRUCT_FLUSH_MS: &CStr = c"mq.amqp_destruct_flush_ms";

/// Automatic recovery of lost AMQP connections for every connection whose config does not say (Off:
/// php-amqplib's behaviour, a lost connection throws).
pub const AMQP_RECOVERY: &CStr = c"mq.amqp_recovery";

/// With recovery on, how many unconfirmed publishes a channel keeps for replay after a reconnect; a
/// publish beyond it throws rather than risk a silent loss.
pub const AMQP_REPLAY_BUFFER: &CStr = c"mq.amqp_replay_buffer";

static ENTRIES: IniEntryDefs<6> = IniEntryDefs::new([
    // System-only: the runtime is built once per process, a per-request value could not apply.
    IniEntryDef::new(WORKER_THREADS, c"2", IniEntryPermission::System),
    IniEntryDef::new(KAFKA_DESTRUCT_FLUSH_MS, c"3000", IniEntryPermission::All),
    IniEntryDef::new(AMQP_DESTRUCT_FLUSH_MS, c"3000", IniEntryPermission::All),
    IniEntryDef::new(AMQP_RECOVERY, c"0", IniEntryPermission::All),
    IniEntryDef::new(AMQP_REPLAY_BUFFER, c"100000", IniEntryPermission::All),
    IniEntryDef::end(),
]);

extern "C" {
    fn zend_ini_long(name: *const c_char, name_length: usize, orig: c_int) -> i64;
    fn zend_ini_string(name: *const c_char, name_length: usize, orig: c_int) -> *mut c_char;
}

pub fn register(module_number: i32) {
    IniEntryDef::register(ENTRIES.as_slice(), module_number);
}

/// The current integer value of one of our entries (0 when unset or not numeric).
pub fn long(name: &CStr) -> i64 {
    // SAFETY: called on the PHP thread after MINIT registered the entry; the name is NUL-terminated.
    unsafe { zend_ini_long(name.as_ptr(), name.count_bytes(), 0) }
}

/// The runtime's worker count, clamped to something a 1-CPU container and a 64-core host both survive.
pub fn worker_threads() -> usize {
    long(WORKER_THREADS).clamp(1, 64) as usize
}

/// The destruct-time flush budget of Kafka producers (0 disables it).
pub fn kafka_destruct_flush_ms() -> std::time::Duration {
    std::time::Duration::from_millis(long(KAFKA_DESTRUCT_FLUSH_MS).max(0) as u64)
}

/// The end-of-request and destructor budget of AMQP connections (flush, then close).
pub fn amqp_destruct_flush() -> std::time::Duration {
    std::time::Duration::from_millis(long(AMQP_DESTRUCT_FLUSH_MS).max(0) as u64)
}

/// A boolean entry as PHP reads one (`On`, `yes`, `true` or a non-zero number), also when set by
/// ini_set(), which keeps the text as given.
pub fn flag(name: &CStr) -> bool {
    // SAFETY: as in `long`; the engine returns its own NUL-terminated copy, or null.
    let value = unsafe { zend_ini_string(name.as_ptr(), name.count_bytes(), 0) };
    if value.is_null() {
        return false;
    }
    // SAFETY: non-null, NUL-terminated, owned by the engine for the duration of this call.
    let text = unsafe { CStr::from_ptr(value) }.to_string_lossy();
    let text = text.trim();
    ["on", "yes", "true"].iter().any(|t| text.eq_ignore_ascii_case(t)) || text.parse::<i64>().is_ok_and(|n| n != 0)
}

/// Whether lost AMQP connections recover by default (`mq.amqp_recovery`).
pub fn amqp_recovery() -> bool {
    flag(AMQP_RECOVERY)
}

/// The unconfirmed publishes a recovering channel keeps for replay (at least 1).
pub fn amqp_replay_buffer() -> usize {
    long(AMQP_REPLAY_BUFFER).max(1) as usize
}
