//! php-rdkafka's `RD_KAFKA_*` constants and `rd_kafka_*()` functions.

use ext_php_rs::{boxed::ZBox, prelude::*, types::ZendHashTable};
use rdkafka::bindings as rd;

use super::errors;

/// php-rdkafka's fixed constants (the partitioner and logger values are its own, not librdkafka's).
const FIXED: &[(&str, i64)] = &[
    ("RD_KAFKA_CONSUMER", rd::rd_kafka_type_t::RD_KAFKA_CONSUMER as i64),
    ("RD_KAFKA_PRODUCER", rd::rd_kafka_type_t::RD_KAFKA_PRODUCER as i64),
    ("RD_KAFKA_OFFSET_BEGINNING", rd::RD_KAFKA_OFFSET_BEGINNING as i64),
    ("RD_KAFKA_OFFSET_END", rd::RD_KAFKA_OFFSET_END as i64),
    ("RD_KAFKA_OFFSET_STORED", rd::RD_KAFKA_OFFSET_STORED as i64),
    ("RD_KAFKA_PARTITION_UA", -1),
    ("RD_KAFKA_MSG_F_BLOCK", rd::RD_KAFKA_MSG_F_BLOCK as i64),
    ("RD_KAFKA_PURGE_F_QUEUE", rd::RD_KAFKA_PURGE_F_QUEUE as i64),
    ("RD_KAFKA_PURGE_F_INFLIGHT", rd::RD_KAFKA_PURGE_F_INFLIGHT as i64),
    ("RD_KAFKA_PURGE_F_NON_BLOCKING", rd::RD_KAFKA_PURGE_F_NON_BLOCKING as i64),
    ("RD_KAFKA_BUILD_VERSION", rd::RD_KAFKA_VERSION as i64),
    ("RD_KAFKA_CONF_UNKNOWN", rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_UNKNOWN as i64),
    ("RD_KAFKA_CONF_INVALID", rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_INVALID as i64),
    ("RD_KAFKA_CONF_OK", rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_OK as i64),
    ("RD_KAFKA_MSG_PARTITIONER_RANDOM", 2),
    ("RD_KAFKA_MSG_PARTITIONER_CONSISTENT", 3),
    ("RD_KAFKA_MSG_PARTITIONER_CONSISTENT_RANDOM", 4),
    ("RD_KAFKA_MSG_PARTITIONER_MURMUR2", 5),
    ("RD_KAFKA_MSG_PARTITIONER_MURMUR2_RANDOM", 6),
    ("RD_KAFKA_LOG_PRINT", 100),
    ("RD_KAFKA_LOG_SYSLOG", 101),
    ("RD_KAFKA_LOG_SYSLOG_PRINT", 102),
];

/// `RD_KAFKA_OFFSET_TAIL_BASE` of rdkafka.h (a macro, absent from the bindings).
const OFFSET_TAIL_BASE: i64 = -2000;

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    let mut module = module;
    for &(name, value) in FIXED {
        module = module.constant((name, value, &[]));
    }
    // SAFETY: a pure function returning librdkafka's runtime version.
    let version = unsafe { rd::rd_kafka_version() };
    module = module.constant(("RD_KAFKA_VERSION", i64::from(version), &[]));
    // One constant per named entry of the running librdkafka's table, as php-rdkafka does at MINIT.
    for desc in errors::descriptions() {
        if let Some(name) = desc.name() {
            module = module.constant((&format!("RD_KAFKA_RESP_ERR_{name}"), i64::from(desc.code), &[]));
        }
    }
    module
        .function(wrap_function!(rd_kafka_err2str))
        .function(wrap_function!(rd_kafka_err2name))
        .function(wrap_function!(rd_kafka_get_err_descs))
        .function(wrap_function!(rd_kafka_errno2err))
        .function(wrap_function!(rd_kafka_errno))
        .function(wrap_function!(rd_kafka_offset_tail))
        .function(wrap_function!(rd_kafka_thread_cnt))
}

#[php_function]
#[php(name = "rd_kafka_err2str")]
pub fn rd_kafka_err2str(err: i64) -> Option<String> {
    Some(errors::err2str(err as i32))
}

#[php_function]
#[php(name = "rd_kafka_err2name")]
pub fn rd_kafka_err2name(err: i64) -> Option<String> {
    Some(errors::err2name(err as i32))
}

/// Every entry of librdkafka's table; like php-rdkafka, only the first code-0 entry is kept.
#[php_function]
#[php(name = "rd_kafka_get_err_descs")]
pub fn rd_kafka_get_err_descs() -> PhpResult<ZBox<ZendHashTable>> {
    let mut out = ZendHashTable::new();
    let mut seen_zero = false;
    for desc in errors::descriptions() {
        if desc.code == 0 {
            if seen_zero {
                continue;
            }
            seen_zero = true;
        }
        let mut entry = ZendHashTable::new();
        entry.insert("code", i64::from(desc.code))?;
        entry.insert("name", desc.name())?;
        entry.insert("desc", desc.desc())?;
        out.push(entry)?;
    }
    Ok(out)
}

#[php_function]
#[php(name = "rd_kafka_errno2err")]
pub fn rd_kafka_errno2err(errnox: i64) -> i64 {
    i64::from(errors::errno2err(errnox as i32))
}

/// The errno of the calling thread, which librdkafka's legacy calls set.
#[php_function]
#[php(name = "rd_kafka_errno")]
pub fn rd_kafka_errno() -> i64 {
    i64::from(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
}

#[php_function]
#[php(name = "rd_kafka_offset_tail")]
pub fn rd_kafka_offset_tail(cnt: i64) -> i64 {
    // Wraps as the C macro does for absurd counts (PHP_INT_MIN) instead of overflowing.
    OFFSET_TAIL_BASE.wrapping_sub(cnt)
}

#[php_function]
#[php(name = "rd_kafka_thread_cnt")]
pub fn rd_kafka_thread_cnt() -> i64 {
    // SAFETY: reads a global counter.
    i64::from(unsafe { rd::rd_kafka_thread_cnt() })
}
