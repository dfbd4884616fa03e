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

static ENTRIES: IniEntryDefs<4> = IniEntryDefs::new([
    // System-only: the runtime is built once per process, a per-request value could not apply.
    IniEntryDef::new(WORKER_THREADS, c"2", IniEntryPermission::System),
    IniEntryDef::new(KAFKA_DESTRUCT_FLUSH_MS, c"3000", IniEntryPermission::All),
    IniEntryDef::new(AMQP_DESTRUCT_FLUSH_MS, c"3000", IniEntryPermission::All),
    IniEntryDef::end(),
]);

extern "C" {
    fn zend_ini_long(name: *const c_char, name_length: usize, orig: c_int) -> i64;
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
