//! The abstract `\RdKafka` and `RdKafka\Topic`, declared below their subclasses (their methods: `client`, `abstract_topic`).

use ext_php_rs::{flags::ClassFlags, prelude::*};

/// php-rdkafka's abstract base of the producer and the low-level consumer (`\RdKafka`).
#[php_class]
#[php(name = "RdKafka")]
#[php(flags = ClassFlags::Abstract)]
pub struct Kafka;

/// php-rdkafka's abstract base of the three topic kinds (`RdKafka\Topic`).
#[php_class]
#[php(name = "RdKafka\\Topic")]
#[php(flags = ClassFlags::Abstract)]
pub struct Topic;
