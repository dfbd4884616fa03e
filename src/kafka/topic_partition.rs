//! `RdKafka\TopicPartition`, and its conversions to and from librdkafka's partition lists.

use ext_php_rs::{convert::IntoZval, exception::PhpResult, prelude::*, types::{ZendClassObject, ZendHashTable, Zval}};
use rdkafka::{Offset, TopicPartitionList};

use super::errors;

#[php_class]
#[php(name = "RdKafka\\TopicPartition")]
#[derive(Clone, Debug)]
pub struct TopicPartition {
    pub topic: String,
    pub partition: i32,
    pub offset: i64,
    pub err: Option<i64>,
}

#[php_impl]
impl TopicPartition {
    #[php(defaults(offset = 0))]
    pub fn __construct(topic: String, partition: i64, offset: Option<i64>) -> Self {
        Self { topic, partition: partition as i32, offset: offset.unwrap_or(0), err: None }
    }

    pub fn get_topic(&self) -> Option<String> {
        Some(self.topic.clone())
    }

    pub fn set_topic(self_: &mut ZendClassObject<TopicPartition>, topic_name: String) -> &mut ZendClassObject<TopicPartition> {
        self_.topic = topic_name;
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
}

/// The entries of a librdkafka list (offsets as raw numbers, errors as codes).
pub fn from_list(list: &TopicPartitionList) -> Vec<TopicPartition> {
    list.elements()
        .iter()
        .map(|e| TopicPartition {
            topic: e.topic().to_string(),
            partition: e.partition(),
            offset: e.offset().to_raw().unwrap_or(rdkafka::bindings::RD_KAFKA_OFFSET_INVALID as i64),
            err: Some(e.error().err().map_or(0, |err| i64::from(errors::code_of(&err)))),
        })
        .collect()
}

/// A librdkafka list from a PHP array of TopicPartition objects.
pub fn to_list(array: &ZendHashTable) -> PhpResult<TopicPartitionList> {
    let mut list = TopicPartitionList::with_capacity(array.len());
    for (_, value) in array {
        let tp = value
            .extract::<&TopicPartition>()
            .ok_or_else(|| errors::invalid_argument("expected an array of RdKafka\\TopicPartition".into()))?;
        list.add_partition_offset(&tp.topic, tp.partition, Offset::from_raw(tp.offset))
            .map_err(|e| errors::from_kafka(&e))?;
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
