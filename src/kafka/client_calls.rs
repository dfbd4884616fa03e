//! Calls any client handle answers alike (Producer, Consumer, KafkaConsumer): controller id, pause/resume, log level.

use ext_php_rs::{exception::PhpResult, types::ZendHashTable};
use rdkafka::{bindings as rd, client::Client};

use super::{
    context::Context,
    errors,
    topic_partition::{self, TopicPartition},
    waits,
};

/// `getControllerId()`: the id of the cluster's controller broker, -1 when unknown within the timeout.
pub fn controller_id(client: &Client<Context>, timeout_ms: i64) -> i64 {
    // SAFETY: a live client handle.
    i64::from(unsafe { rd::rd_kafka_controllerid(client.native_ptr(), waits::timeout_ms(timeout_ms)) })
}

/// `pausePartitions()` / `resumePartitions()`: the partitions with their own error codes.
pub fn pause(client: &Client<Context>, topic_partitions: &ZendHashTable, paused: bool) -> PhpResult<Vec<TopicPartition>> {
    let list = topic_partition::to_list(topic_partitions)?;
    // SAFETY: a live client handle and list; librdkafka sets each partition's error in place.
    let err = unsafe {
        if paused {
            rd::rd_kafka_pause_partitions(client.native_ptr(), list.ptr())
        } else {
            rd::rd_kafka_resume_partitions(client.native_ptr(), list.ptr())
        }
    };
    match err {
        rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(topic_partition::from_list(&list)),
        err => Err(errors::from_code(err as i32)),
    }
}

/// librdkafka's log level (syslog levels 0-7).
pub fn set_log_level(client: &Client<Context>, level: i64) {
    // SAFETY: a live client handle.
    unsafe { rd::rd_kafka_set_log_level(client.native_ptr(), level.clamp(0, 7) as i32) };
}

/// A short property as a live client's librdkafka configuration holds it (set directly or through an
/// alias; `setLogLevel()` changes `log_level` there too); None for an unknown name.
pub fn conf_value(rk: *mut rd::rd_kafka_t, name: &std::ffi::CStr) -> Option<String> {
    let mut value = [0u8; 32];
    let mut size = value.len();
    // SAFETY: a live client's configuration; librdkafka writes at most `size` bytes, NUL included.
    let res = unsafe { rd::rd_kafka_conf_get(rd::rd_kafka_conf(rk), name.as_ptr(), value.as_mut_ptr().cast(), &mut size) };
    if res != rd::rd_kafka_conf_res_t::RD_KAFKA_CONF_OK {
        return None;
    }
    std::ffi::CStr::from_bytes_until_nul(&value).ok()?.to_str().ok().map(str::to_owned)
}
