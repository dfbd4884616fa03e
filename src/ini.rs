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

/// How long the end of a request (or a destructor) waits, with nothing moving on the link, for AMQP
/// publishes to be written and the connection closed.
pub const AMQP_DESTRUCT_FLUSH_MS: &CStr = c"mq.amqp_destruct_flush_ms";

/// Automatic recovery of lost AMQP connections for every connection whose config does not say (Off:
/// php-amqplib's behaviour, a lost connection throws).
pub const AMQP_RECOVERY: &CStr = c"mq.amqp_recovery";

/// With recovery on, how many unconfirmed publishes a channel keeps for replay after a reconnect; a
/// publish beyond it throws rather than risk a silent loss.
pub const AMQP_REPLAY_BUFFER: &CStr = c"mq.amqp_replay_buffer";

/// How long recovery waits after a loss before its first reconnect attempt.
pub const AMQP_RECOVERY_INTERVAL_MS: &CStr = c"mq.amqp_recovery_interval_ms";

/// How long recovery keeps reconnecting when the connection has no retry policy of its own.
pub const AMQP_RECOVERY_DEADLINE_MS: &CStr = c"mq.amqp_recovery_deadline_ms";

/// `Mq\RetryPolicy`'s defaults (see `retry`): attempts, delays in milliseconds, multiplier and jitter as
/// numbers. A value that is not valid for its argument falls back to the built-in default.
pub const RETRY_MAX_ATTEMPTS: &CStr = c"mq.retry_max_attempts";
pub const RETRY_INITIAL_DELAY_MS: &CStr = c"mq.retry_initial_delay_ms";
pub const RETRY_MULTIPLIER: &CStr = c"mq.retry_multiplier";
pub const RETRY_MAX_DELAY_MS: &CStr = c"mq.retry_max_delay_ms";
pub const RETRY_JITTER: &CStr = c"mq.retry_jitter";
pub const RETRY_DEADLINE_MS: &CStr = c"mq.retry_deadline_ms";

static ENTRIES: IniEntryDefs<14> = IniEntryDefs::new([
    // System-only: the runtime is built once per process, a per-request value could not apply.
    IniEntryDef::new(WORKER_THREADS, c"2", IniEntryPermission::System),
    IniEntryDef::new(KAFKA_DESTRUCT_FLUSH_MS, c"3000", IniEntryPermission::All),
    IniEntryDef::new(AMQP_DESTRUCT_FLUSH_MS, c"3000", IniEntryPermission::All),
    IniEntryDef::new(AMQP_RECOVERY, c"0", IniEntryPermission::All),
    IniEntryDef::new(AMQP_REPLAY_BUFFER, c"100000", IniEntryPermission::All),
    IniEntryDef::new(AMQP_RECOVERY_INTERVAL_MS, c"1000", IniEntryPermission::All),
    IniEntryDef::new(AMQP_RECOVERY_DEADLINE_MS, c"60000", IniEntryPermission::All),
    IniEntryDef::new(RETRY_MAX_ATTEMPTS, c"5", IniEntryPermission::All),
    IniEntryDef::new(RETRY_INITIAL_DELAY_MS, c"100", IniEntryPermission::All),
    IniEntryDef::new(RETRY_MULTIPLIER, c"2.0", IniEntryPermission::All),
    IniEntryDef::new(RETRY_MAX_DELAY_MS, c"30000", IniEntryPermission::All),
    IniEntryDef::new(RETRY_JITTER, c"0.2", IniEntryPermission::All),
    IniEntryDef::new(RETRY_DEADLINE_MS, c"0", IniEntryPermission::All),
    IniEntryDef::end(),
]);

extern "C" {
    fn zend_ini_long(name: *const c_char, name_length: usize, orig: c_int) -> i64;
    fn zend_ini_string(name: *const c_char, name_length: usize, orig: c_int) -> *const c_char;
}

pub fn register(module_number: i32) {
    IniEntryDef::register(ENTRIES.as_slice(), module_number);
}

/// The current integer value of one of our entries (0 when unset or not numeric).
pub fn long(name: &CStr) -> i64 {
    // SAFETY: called on the PHP thread after MINIT registered the entry; the name is NUL-terminated.
    unsafe { zend_ini_long(name.as_ptr(), name.count_bytes(), 0) }
}

/// The current value of one of our entries as text (lossy), "" when unset.
pub fn string(name: &CStr) -> String {
    // SAFETY: as in `long`; the engine returns a NUL-terminated string it owns, or null.
    let value = unsafe { zend_ini_string(name.as_ptr(), name.count_bytes(), 0) };
    if value.is_null() {
        return String::new();
    }
    // SAFETY: non-null, NUL-terminated, alive while the entry's value is unchanged (copied here).
    unsafe { CStr::from_ptr(value) }.to_string_lossy().into_owned()
}

/// `Mq\RetryPolicy`'s defaults from php.ini, each one valid for its argument.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryDefaults {
    pub max_attempts: i64,
    pub initial_delay: f64,
    pub multiplier: f64,
    pub max_delay: f64,
    pub jitter: f64,
    pub deadline: f64,
}

pub fn retry_defaults() -> RetryDefaults {
    RetryDefaults::parse(|name| string(name))
}

impl RetryDefaults {
    /// Parses the entries read by `value`; an entry that is not a valid value of its argument (not a
    /// number, out of range) is the built-in default, as if unset: a policy is never refused for php.ini.
    fn parse(value: impl Fn(&CStr) -> String) -> Self {
        use crate::retry as r;
        let number = |name: &CStr| value(name).trim().parse::<f64>().ok().filter(|v| v.is_finite());
        let seconds = |name, default| number(name).filter(|ms| *ms >= 0.0).map_or(default, |ms| ms / 1000.0);
        Self {
            max_attempts: value(RETRY_MAX_ATTEMPTS).trim().parse::<i64>().ok().filter(|n| *n >= 1).unwrap_or(r::DEFAULT_MAX_ATTEMPTS),
            initial_delay: seconds(RETRY_INITIAL_DELAY_MS, r::DEFAULT_INITIAL_DELAY),
            multiplier: number(RETRY_MULTIPLIER).filter(|m| *m >= 1.0).unwrap_or(r::DEFAULT_MULTIPLIER),
            max_delay: seconds(RETRY_MAX_DELAY_MS, r::DEFAULT_MAX_DELAY),
            jitter: number(RETRY_JITTER).filter(|j| (0.0..=1.0).contains(j)).unwrap_or(r::DEFAULT_JITTER),
            deadline: seconds(RETRY_DEADLINE_MS, r::DEFAULT_DEADLINE),
        }
    }
}

/// The runtime's worker count, clamped to something a 1-CPU container and a 64-core host both survive.
pub fn worker_threads() -> usize {
    long(WORKER_THREADS).clamp(1, 64) as usize
}

/// The destruct-time flush budget of Kafka producers (0 disables it).
pub fn kafka_destruct_flush_ms() -> std::time::Duration {
    std::time::Duration::from_millis(long(KAFKA_DESTRUCT_FLUSH_MS).max(0) as u64)
}

/// The end-of-request and destructor budget of AMQP connections (flush, then close): time without progress.
pub fn amqp_destruct_flush() -> std::time::Duration {
    std::time::Duration::from_millis(long(AMQP_DESTRUCT_FLUSH_MS).max(0) as u64)
}

/// A boolean entry as PHP reads one (`On`, `yes`, `true` or a non-zero number), also when set by
/// ini_set(), which keeps the text as given.
pub fn flag(name: &CStr) -> bool {
    let text = string(name);
    let text = text.trim();
    ["on", "yes", "true"].iter().any(|t| text.eq_ignore_ascii_case(t)) || text.parse::<i64>().is_ok_and(|n| n != 0)
}

/// Whether lost AMQP connections recover by default (`mq.amqp_recovery`).
pub fn amqp_recovery() -> bool {
    flag(AMQP_RECOVERY)
}

/// The pause before recovery's first reconnect attempt.
pub fn amqp_recovery_interval() -> std::time::Duration {
    std::time::Duration::from_millis(whole_number(AMQP_RECOVERY_INTERVAL_MS, 0).unwrap_or(1000))
}

/// How long recovery reconnects without a policy of the connection's (at least one attempt is made).
pub fn amqp_recovery_deadline() -> f64 {
    whole_number(AMQP_RECOVERY_DEADLINE_MS, 0).unwrap_or(60_000) as f64 / 1000.0
}

/// The unconfirmed publishes a recovering channel keeps for replay.
pub fn amqp_replay_buffer() -> usize {
    whole_number(AMQP_REPLAY_BUFFER, 1).unwrap_or(100_000) as usize
}

/// An entry read as a whole number of at least `min`; anything else (`soon`, `-1`, `2.5`) is None, so the
/// caller uses its default as for the retry entries. (PHP's own integer reading makes `soon` 0, which
/// for the recovery deadline would mean "retry forever".)
fn whole_number(name: &CStr, min: u64) -> Option<u64> {
    parse_whole(&string(name), min)
}

fn parse_whole(text: &str, min: u64) -> Option<u64> {
    text.trim().parse::<u64>().ok().filter(|&n| n >= min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(entries: &[(&CStr, &str)]) -> RetryDefaults {
        RetryDefaults::parse(|name| entries.iter().find(|(n, _)| *n == name).map_or(String::new(), |(_, v)| (*v).to_string()))
    }

    #[test]
    fn retry_entries_parse_or_fall_back_to_the_defaults() {
        let defaults = RetryDefaults { max_attempts: 5, initial_delay: 0.1, multiplier: 2.0, max_delay: 30.0, jitter: 0.2, deadline: 0.0 };
        assert_eq!(parse(&[]), defaults);
        assert_eq!(
            parse(&[
                (RETRY_MAX_ATTEMPTS, " 7 "),
                (RETRY_INITIAL_DELAY_MS, "250"),
                (RETRY_MULTIPLIER, "1.5"),
                (RETRY_MAX_DELAY_MS, "1000.5"),
                (RETRY_JITTER, "0"),
                (RETRY_DEADLINE_MS, "60000"),
            ]),
            RetryDefaults { max_attempts: 7, initial_delay: 0.25, multiplier: 1.5, max_delay: 1.0005, jitter: 0.0, deadline: 60.0 }
        );
        let invalid = parse(&[
            (RETRY_MAX_ATTEMPTS, "0"),
            (RETRY_INITIAL_DELAY_MS, "-1"),
            (RETRY_MULTIPLIER, "0.5"),
            (RETRY_MAX_DELAY_MS, "INF"),
            (RETRY_JITTER, "2"),
            (RETRY_DEADLINE_MS, "soon"),
        ]);
        assert_eq!(invalid, defaults);
        assert_eq!(parse(&[(RETRY_MAX_ATTEMPTS, "2.5"), (RETRY_MULTIPLIER, "NAN")]), defaults);
    }

    #[test]
    fn whole_number_entries_refuse_what_is_not_one() {
        assert_eq!(parse_whole(" 60000 ", 0), Some(60_000));
        assert_eq!(parse_whole("0", 0), Some(0));
        assert_eq!(parse_whole("0", 1), None);
        for text in ["soon", "-1", "2.5", "", "1e3"] {
            assert_eq!(parse_whole(text, 0), None, "{text}");
        }
    }
}
