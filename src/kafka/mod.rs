//! The php-rdkafka mirror (`RdKafka\...`, `RD_KAFKA_*`, `rd_kafka_*()`), on rdkafka's BaseProducer and
//! BaseConsumer polled from PHP, so every callback runs on the PHP thread.

pub mod abstract_topic;
pub mod admin;
pub mod base_classes;
pub mod builder;
pub mod callbacks;
pub mod client;
pub mod client_calls;
pub mod closing;
pub mod conf;
pub mod constants;
pub mod consumer;
pub mod consumer_queue;
pub mod context;
pub mod debug_info;
pub mod events;
pub mod hurry;
pub mod errors;
pub mod legacy_consumer;
pub mod message;
pub mod metadata;
pub mod oauth;
pub mod offsets;
pub mod owner;
pub mod params;
pub mod producer;
pub mod producer_handle;
pub mod rdkafka_module;
pub mod topic;
pub mod topic_partition;
pub mod transaction;
pub mod waits;

use ext_php_rs::{
    builders::ModuleBuilder,
    class::RegisteredClass,
    types::{ZendClassObject, ZendObject},
};

use crate::{
    embedded_php::Source,
    internal_methods::{ClassSpec, Guard},
};

pub use base_classes::Kafka;

/// mq's Kafka classes written in PHP (see `embedded_php`), on the RdKafka classes.
pub static PHP_SOURCES: &[crate::embedded_php::Source] = &[
    Source { class: "Mq\\DeliveryOutcome", file: "mq://Mq/DeliveryOutcome.php", code: include_str!("php/DeliveryOutcome.php") },
    Source { class: "Mq\\KafkaProducer", file: "mq://Mq/KafkaProducer.php", code: include_str!("php/KafkaProducer.php") },
    Source {
        class: "Mq\\KafkaRetryingConsumer",
        file: "mq://Mq/KafkaRetryingConsumer.php",
        code: include_str!("php/KafkaRetryingConsumer.php"),
    },
    Source {
        class: "Mq\\KafkaTransactionalPipeline",
        file: "mq://Mq/KafkaTransactionalPipeline.php",
        code: include_str!("php/KafkaTransactionalPipeline.php"),
    },
];

/// Whether the php-rdkafka extension was loaded before mq: its `RdKafka\...` classes and `RD_KAFKA_*`
/// constants are then taken, and mq leaves them to it (see `register`). mq's own `rdkafka` module entry
/// (`rdkafka_module`) does not count.
pub fn php_rdkafka_loaded() -> bool {
    extern "C" {
        static module_registry: ext_php_rs::ffi::HashTable;
    }
    // SAFETY: PHP's table of loaded modules, filled while extensions load, before any of them starts;
    // only read here, on PHP's startup thread.
    let found = unsafe { !ext_php_rs::ffi::zend_hash_str_find(&raw const module_registry, c"rdkafka".as_ptr(), 7).is_null() };
    found && !rdkafka_module::registered()
}

/// Registers the Kafka API and the `rdkafka` module entry, unless php-rdkafka is loaded: registering the
/// same classes twice would stop mq from starting at all, so mq's RabbitMQ side keeps working and the
/// Kafka API is php-rdkafka's.
pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    if php_rdkafka_loaded() {
        return module;
    }
    rdkafka_module::register();
    conf::register_functions(constants::register(module))
        .class::<conf::Conf>()
        .class::<conf::TopicConf>()
        .class::<topic_partition::TopicPartition>()
        .class::<Kafka>()
        .class::<producer::Producer>()
        .class::<base_classes::Topic>()
        .class::<topic::ProducerTopic>()
        .class::<topic::KafkaConsumerTopic>()
        .class::<consumer::KafkaConsumer>()
        .class::<legacy_consumer::Consumer>()
        .class::<legacy_consumer::ConsumerTopic>()
        .class::<legacy_consumer::Queue>()
        .class::<metadata::Collection>()
        .class::<metadata::Broker>()
        .class::<metadata::Partition>()
        .class::<metadata::Topic>()
        .class::<metadata::Metadata>()
        .class::<admin::KafkaAdmin>()
}

/// Classes registered by hand at module startup (exceptions, Message with typed properties).
pub fn startup() -> ext_php_rs::error::Result<()> {
    if php_rdkafka_loaded() {
        ext_php_rs::error::php_error(
            &ext_php_rs::flags::ErrorType::Warning,
            "mq: the php-rdkafka extension is loaded; its RdKafka classes are used and mq's are not registered",
        );
        return Ok(());
    }
    debug_info::install::<topic_partition::TopicPartition>();
    debug_info::install::<metadata::Metadata>();
    debug_info::install::<metadata::Collection>();
    debug_info::install::<metadata::Broker>();
    debug_info::install::<metadata::Topic>();
    debug_info::install::<metadata::Partition>();
    // Callbacks are kept natively (see `callbacks`).
    crate::held_values::install::<conf::Conf>();
    crate::held_values::install::<producer::Producer>();
    crate::held_values::install::<legacy_consumer::Consumer>();
    crate::held_values::install::<consumer::KafkaConsumer>();
    errors::register()?;
    message::register()
}

/// php-rdkafka's objects have no clone handler: `clone` throws "Trying to clone an uncloneable object"
/// and `ReflectionClass::isCloneable()` is false (DI containers ask it); ext-php-rs' handler throws the
/// same, but the class then reports itself cloneable. (`RdKafka\Message` is a plain class, cloneable.)
/// And they serialize as an object without fields (`O:16:"RdKafka\Producer":0:{}`), which unserializes
/// to one made without its constructor (each method then throws php-rdkafka's "__construct() has not
/// been called"), where ext-php-rs makes `serialize()` throw. Once the classes exist (the first
/// request's startup).
pub fn like_php_rdkafka_objects() {
    if php_rdkafka_loaded() {
        return;
    }
    fn adjust<T: RegisteredClass>() {
        crate::classes::patch_handlers::<T>(|handlers| handlers.clone_obj = None);
        crate::classes::allow_serialization(T::get_metadata().ce());
    }
    adjust::<conf::Conf>();
    adjust::<producer::Producer>();
    adjust::<legacy_consumer::Consumer>();
    adjust::<consumer::KafkaConsumer>();
    adjust::<conf::TopicConf>();
    adjust::<topic_partition::TopicPartition>();
    adjust::<topic::ProducerTopic>();
    adjust::<topic::KafkaConsumerTopic>();
    adjust::<legacy_consumer::ConsumerTopic>();
    adjust::<legacy_consumer::Queue>();
    adjust::<metadata::Metadata>();
    adjust::<metadata::Collection>();
    adjust::<metadata::Broker>();
    adjust::<metadata::Topic>();
    adjust::<metadata::Partition>();
}

/// Whether `object` was built by `T`'s constructor (also true for userland subclasses that called it).
fn constructed<T: RegisteredClass>(object: &mut ZendObject) -> bool {
    ZendClassObject::<T>::from_zend_obj_mut(object).is_some()
}

fn client_constructed(object: &mut ZendObject) -> bool {
    constructed::<producer::Producer>(object) || constructed::<legacy_consumer::Consumer>(object)
}

fn topic_constructed(object: &mut ZendObject) -> bool {
    base_classes::Topic::name_of(object).is_some()
}

// php-rdkafka's messages for objects made without their constructor (thrown as `\Exception`, code 0).
static CONF: Guard = Guard { constructed: constructed::<conf::Conf>, message: "RdKafka\\Conf::__construct() has not been called" };
static TOPIC_CONF: Guard =
    Guard { constructed: constructed::<conf::TopicConf>, message: "RdKafka\\Conf::__construct() has not been called" };
static CLIENT: Guard = Guard { constructed: client_constructed, message: client::NOT_CONSTRUCTED };
static KAFKA_CONSUMER: Guard = Guard {
    constructed: constructed::<consumer::KafkaConsumer>,
    message: consumer::NOT_CONSTRUCTED,
};
static TOPIC: Guard = Guard { constructed: topic_constructed, message: abstract_topic::NOT_CONSTRUCTED };
static QUEUE: Guard =
    Guard { constructed: constructed::<legacy_consumer::Queue>, message: "RdKafka\\Queue::__construct() has not been called" };
static TOPIC_PARTITION: Guard = Guard {
    constructed: constructed::<topic_partition::TopicPartition>,
    message: "RdKafka\\TopicPartition::__construct() has not been called",
};
static METADATA: Guard =
    Guard { constructed: constructed::<metadata::Metadata>, message: "RdKafka\\Metadata::__construct() has not been called" };
static COLLECTION: Guard = Guard {
    constructed: constructed::<metadata::Collection>,
    message: "RdKafka\\Metadata\\Collection::__construct() has not been called",
};
static BROKER: Guard = Guard {
    constructed: constructed::<metadata::Broker>,
    message: "RdKafka\\Metadata\\Broker::__construct() has not been called",
};
static METADATA_TOPIC: Guard = Guard {
    constructed: constructed::<metadata::Topic>,
    message: "RdKafka\\Metadata\\Topic::__construct() has not been called",
};
static PARTITION: Guard = Guard {
    constructed: constructed::<metadata::Partition>,
    message: "RdKafka\\Metadata\\Partition::__construct() has not been called",
};

fn spec<T: RegisteredClass>(guard: Option<&'static Guard>) -> ClassSpec {
    ClassSpec { guard, ..ClassSpec::new(T::get_metadata().ce()) }
}

/// The Kafka classes and functions to make behave as php-rdkafka's (see `internal_methods::seal`, called
/// once for the whole extension on the first request, when every class is registered). Parents come
/// before their subclasses.
pub fn sealed() -> (Vec<ClassSpec>, Vec<(&'static str, bool)>) {
    if php_rdkafka_loaded() {
        return (Vec::new(), Vec::new());
    }
    let mut classes = vec![
        ClassSpec { deprecated: &["setdefaulttopicconf"], ..spec::<conf::Conf>(Some(&CONF)) },
        spec::<conf::TopicConf>(Some(&TOPIC_CONF)),
        spec::<topic_partition::TopicPartition>(Some(&TOPIC_PARTITION)),
        ClassSpec {
            deprecated: &["metadata", "outqlen", "setloglevel", "setlogger"],
            receiverless: true,
            ..spec::<Kafka>(Some(&CLIENT))
        },
        spec::<producer::Producer>(Some(&CLIENT)),
        spec::<legacy_consumer::Consumer>(Some(&CLIENT)),
        ClassSpec { after_unconstructed_argument: Some(consumer::no_group_id), ..spec::<consumer::KafkaConsumer>(Some(&KAFKA_CONSUMER)) },
        ClassSpec { receiverless: true, ..spec::<base_classes::Topic>(Some(&TOPIC)) },
        spec::<topic::ProducerTopic>(Some(&TOPIC)),
        spec::<topic::KafkaConsumerTopic>(Some(&TOPIC)),
        spec::<legacy_consumer::ConsumerTopic>(Some(&TOPIC)),
        spec::<legacy_consumer::Queue>(Some(&QUEUE)),
        spec::<metadata::Metadata>(Some(&METADATA)),
        spec::<metadata::Collection>(Some(&COLLECTION)),
        spec::<metadata::Broker>(Some(&BROKER)),
        spec::<metadata::Topic>(Some(&METADATA_TOPIC)),
        spec::<metadata::Partition>(Some(&PARTITION)),
        // Final and built only by its constructor: no guard needed.
        spec::<admin::KafkaAdmin>(None),
    ];
    for name in [message::CLASS, errors::KAFKA_ERROR] {
        if let Some(ce) = ext_php_rs::zend::ClassEntry::try_find(name) {
            classes.push(ClassSpec::new(ce));
        }
    }
    let functions = vec![
        ("rd_kafka_err2str", false),
        ("rd_kafka_err2name", false),
        ("rd_kafka_errno2err", true),
        ("rd_kafka_errno", true),
        ("rd_kafka_offset_tail", false),
        ("rd_kafka_thread_cnt", false),
        ("rd_kafka_get_err_descs", false),
        ("mq_kafka_conf_entries", false),
        ("mq_kafka_conf_callbacks", false),
    ];
    (classes, functions)
}
