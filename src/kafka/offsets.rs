//! Offset queries shared by producers and consumers: watermarks, offsets for timestamps, positions.

use ext_php_rs::{exception::PhpResult, types::{PhpRef, ZendHashTable}};
use rdkafka::{bindings as rd, client::Client};

use super::{
    context::Context,
    errors,
    params::c_string,
    topic_partition::{self, TopicPartition},
    waits::timeout_ms as millis,
};

fn check(err: rd::rd_kafka_resp_err_t) -> PhpResult<()> {
    match err {
        rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR => Ok(()),
        err => Err(errors::from_code(err as i32)),
    }
}

/// `queryWatermarkOffsets()`: asks the partition leader, writes `$low` and `$high`.
pub fn query_watermarks(
    client: &Client<Context>,
    topic: &[u8],
    partition: i64,
    mut low: PhpRef,
    mut high: PhpRef,
    timeout_ms: i64,
) -> PhpResult<()> {
    let topic = c_string(topic);
    let (mut lo, mut hi) = (0i64, 0i64);
    // SAFETY: a live client handle and a C string; librdkafka writes both offsets.
    check(unsafe { rd::rd_kafka_query_watermark_offsets(client.native_ptr(), topic.as_ptr(), partition as i32, &mut lo, &mut hi, millis(timeout_ms)) })?;
    low.set_long(lo);
    high.set_long(hi);
    Ok(())
}

/// `offsetsForTimes()`: the TopicPartitions' offsets are timestamps (ms) in, offsets out.
pub fn for_times(client: &Client<Context>, topic_partitions: &ZendHashTable, timeout_ms: i64) -> PhpResult<Vec<TopicPartition>> {
    let list = topic_partition::to_list(topic_partitions)?;
    // SAFETY: a live client handle and list; librdkafka updates the list in place.
    check(unsafe { rd::rd_kafka_offsets_for_times(client.native_ptr(), list.ptr(), millis(timeout_ms)) })?;
    Ok(topic_partition::from_list(&list))
}

/// `getOffsetPositions()`: the consumer's current positions for the given partitions.
pub fn positions(client: &Client<Context>, topic_partitions: &ZendHashTable) -> PhpResult<Vec<TopicPartition>> {
    let list = topic_partition::to_list(topic_partitions)?;
    // SAFETY: a live consumer handle and list; librdkafka updates the list in place.
    check(unsafe { rd::rd_kafka_position(client.native_ptr(), list.ptr()) })?;
    Ok(topic_partition::from_list(&list))
}
