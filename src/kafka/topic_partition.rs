//! `RdKafka\TopicPartition`, and its conversions to and from librdkafka's partition lists.

use std::ffi::CStr;

use ext_php_rs::{
    class::RegisteredClass,
    convert::IntoZval,
    exception::{PhpException, PhpResult},
    prelude::*,
    types::{ZendClassObject, ZendHashTable, Zval},
};
use rdkafka::{bindings as rd, TopicPartitionList};

use super::{
    debug_info::{field, DebugInfo},
    errors,
    params::c_string,
};
use crate::php_string::PhpBytes;

#[php_class]
#[php(name = "RdKafka\\TopicPartition")]
// Not Clone: ext-php-rs would make `clone` copy it, where php-rdkafka's throws.
#[derive(Debug)]
pub struct TopicPartition {
    /// Bytes up to the first NUL, as php-rdkafka keeps it (a `char *`).
    pub topic: Vec<u8>,
    pub partition: i32,
    pub offset: i64,
    pub err: Option<i64>,
    /// Committed with the offset and read back by getCommittedOffsets(): an mq addition (php-rdkafka 6
    /// has no metadata), which mq's Laravel `kafka` queue counts attempts in.
    pub metadata: Option<Vec<u8>>,
}

#[php_impl]
impl TopicPartition {
    #[php(defaults(offset = 0))]
    pub fn __construct(topic: PhpBytes, partition: i64, offset: i64) -> Self {
        Self { topic: c_string(topic.as_bytes()).into_bytes(), partition: partition as i32, offset, err: Some(0), metadata: None }
    }

    pub fn get_topic(&self) -> Option<PhpBytes> {
        Some(PhpBytes(self.topic.clone()))
    }

    pub fn set_topic(self_: &mut ZendClassObject<TopicPartition>, topic_name: PhpBytes) -> &mut ZendClassObject<TopicPartition> {
        self_.topic = c_string(topic_name.as_bytes()).into_bytes();
        self_
    }

    pub fn get_partition(&self) -> i64 {
        i64::from(self.partition)
    }

    pub fn set_partition(self_: &mut ZendClassObject<TopicPartition>, partition: i64) -> &mut ZendClassObject<TopicPartition> {
        self_.partition = partition as i32;
        self_
    }

    pub fn get_offset(&self) -> i64 {
        self.offset
    }

    pub fn set_offset(self_: &mut ZendClassObject<TopicPartition>, offset: i64) -> &mut ZendClassObject<TopicPartition> {
        self_.offset = offset;
        self_
    }

    pub fn get_err(&self) -> Option<i64> {
        self.err
    }

    pub fn get_metadata(&self) -> Option<PhpBytes> {
        self.metadata.clone().map(PhpBytes)
    }

    pub fn set_metadata(self_: &mut ZendClassObject<TopicPartition>, metadata: Option<PhpBytes>) -> &mut ZendClassObject<TopicPartition> {
        self_.metadata = metadata.map(|m| m.0);
        self_
    }
}

/// The entries of a librdkafka list (offsets as raw numbers, errors as codes). Read natively: rdkafka's
/// accessors panic on a topic name that is not UTF-8 (librdkafka takes any bytes).
pub fn from_list(list: &TopicPartitionList) -> Vec<TopicPartition> {
    // SAFETY: a live list.
    unsafe { from_native(list.ptr()) }
}

/// `from_list` of a list librdkafka handed over in an event.
///
/// # Safety
/// `list` is a live list.
pub unsafe fn from_native(list: *const rd::rd_kafka_topic_partition_list_t) -> Vec<TopicPartition> {
    // SAFETY: its `cnt` elements and their topic strings live as long as the list.
    let elems = unsafe {
        let native = &*list;
        if native.elems.is_null() { &[][..] } else { std::slice::from_raw_parts(native.elems, native.cnt as usize) }
    };
    elems
        .iter()
        .map(|e| TopicPartition {
            // SAFETY: a NUL-terminated topic name of a live element.
            topic: unsafe { CStr::from_ptr(e.topic) }.to_bytes().to_vec(),
            partition: e.partition,
            offset: e.offset,
            // The bindings type err as an enum that may not list every code: read it as an int.
            // SAFETY: a field of a live element.
            err: Some(i64::from(unsafe { std::ptr::addr_of!(e.err).cast::<i32>().read() })),
            // SAFETY: `metadata_size` bytes of a live element.
            metadata: (!e.metadata.is_null())
                .then(|| unsafe { std::slice::from_raw_parts(e.metadata.cast::<u8>(), e.metadata_size) }.to_vec()),
        })
        .collect()
}

/// Adds a partition with a raw offset to a librdkafka list, by its topic's bytes (up to a NUL).
pub fn add<'a>(list: &'a mut TopicPartitionList, topic: &[u8], partition: i32, offset: i64) -> &'a mut rd::rd_kafka_topic_partition_t {
    let topic = c_string(topic);
    // SAFETY: a live list and C string (copied by librdkafka); the element returned lives in the list.
    let element = unsafe { &mut *rd::rd_kafka_topic_partition_list_add(list.ptr(), topic.as_ptr(), partition) };
    element.offset = offset;
    element
}

/// Gives an element its metadata, in memory librdkafka frees with the list.
fn set_metadata(element: &mut rd::rd_kafka_topic_partition_t, metadata: &[u8]) {
    // SAFETY: malloc'd (librdkafka releases it with free()), `metadata.len()` bytes copied into it.
    unsafe {
        let copy = libc::malloc(metadata.len().max(1));
        if copy.is_null() {
            return;
        }
        std::ptr::copy_nonoverlapping(metadata.as_ptr(), copy.cast::<u8>(), metadata.len());
        element.metadata = copy;
        element.metadata_size = metadata.len();
    }
}

/// A librdkafka list from a PHP array of TopicPartition objects; one made without its constructor
/// throws its guard's message, as php-rdkafka reads each.
pub fn to_list(array: &ZendHashTable) -> PhpResult<TopicPartitionList> {
    let mut list = TopicPartitionList::with_capacity(array.len());
    for (_, value) in crate::php_string::entries(array) {
        let Some(tp) = value.extract::<&TopicPartition>() else {
            if value.object().is_some_and(|o| o.instance_of(<TopicPartition as RegisteredClass>::get_metadata().ce())) {
                let guard = &super::TOPIC_PARTITION;
                return Err(PhpException::new(guard.message.into(), 0, ext_php_rs::zend::ce::exception()));
            }
            return Err(errors::invalid_argument("expected an array of RdKafka\\TopicPartition".into()));
        };
        let element = add(&mut list, &tp.topic, tp.partition, tp.offset);
        if let Some(metadata) = &tp.metadata {
            set_metadata(element, metadata);
        }
    }
    Ok(list)
}

/// A PHP array of TopicPartition objects.
pub fn to_php(partitions: Vec<TopicPartition>) -> PhpResult<Zval> {
    let mut array = ZendHashTable::new();
    for tp in partitions {
        array.push(tp)?;
    }
    Ok(array.into_zval(false)?)
}

/// php-rdkafka's debug view (topic_partition.c get_debug_info); err is 0 until librdkafka set one.
impl DebugInfo for TopicPartition {
    fn debug_info(&self, table: &mut ZendHashTable) -> PhpResult<()> {
        field(table, "topic", crate::classes::binary(&self.topic))?;
        field(table, "partition", i64::from(self.partition))?;
        field(table, "offset", self.offset)?;
        field(table, "err", self.err.unwrap_or(0))
    }
}
