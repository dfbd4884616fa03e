//! `RdKafka\Topic`'s methods and `$only_topic`: what finds the name of a topic object of any of the three kinds.

use ext_php_rs::{
    convert::FromZval,
    exception::PhpResult,
    flags::DataType,
    prelude::*,
    types::{ZendClassObject, ZendObject, Zval},
};

use super::{
    base_classes::Topic,
    errors,
    legacy_consumer::ConsumerTopic,
    topic::{KafkaConsumerTopic, ProducerTopic},
};
use crate::php_string::PhpBytes;

/// php-rdkafka's error for a topic object made without its constructor.
pub const NOT_CONSTRUCTED: &str = "RdKafka\\Topic::__construct() has not been called";

impl Topic {
    /// The name of a topic object of any of the three kinds (None for another object, or one made
    /// without its constructor): `$this` of the methods declared on `RdKafka\Topic`, which are Rust
    /// functions without a receiver, as `\RdKafka`'s are (see `kafka::client`), and getMetadata()'s
    /// `$only_topic`.
    pub fn name_of(object: &ZendObject) -> Option<&[u8]> {
        ZendClassObject::<ProducerTopic>::from_zend_obj(object)
            .map(|t| t.name())
            .or_else(|| ZendClassObject::<KafkaConsumerTopic>::from_zend_obj(object).map(|t| t.name()))
            .or_else(|| ZendClassObject::<ConsumerTopic>::from_zend_obj(object).map(|t| t.name()))
    }
}

#[php_impl]
impl Topic {
    /// Private, as in php-rdkafka: topics come from newTopic().
    #[php(vis = "private")]
    pub fn __construct() -> Self {
        Topic
    }

    pub fn get_name() -> PhpResult<PhpBytes> {
        crate::classes::this_of_current_call()
            .and_then(|this| Topic::name_of(this))
            .map(|name| PhpBytes(name.to_vec()))
            .ok_or_else(|| errors::not_constructed(NOT_CONSTRUCTED))
    }
}


/// A `?RdKafka\Topic $only_topic` argument: only its name is used.
pub struct OnlyTopic(Vec<u8>);

impl OnlyTopic {
    pub fn name(&self) -> &[u8] {
        &self.0
    }
}

impl<'a> FromZval<'a> for OnlyTopic {
    const TYPE: DataType = DataType::object("RdKafka\\Topic");

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.object().and_then(Topic::name_of).map(|name| OnlyTopic(name.to_vec()))
    }
}
