//! The php-amqplib mirror (`PhpAmqpLib\\...`), on lapin.

pub mod channel;
pub mod channel_arguments;
pub mod channel_calls;
pub mod channel_class;
pub mod channel_events;
pub mod channel_gc;
pub mod channel_methods;
pub mod channel_recovery;
pub mod channel_setup;
pub mod channel_state;
pub mod connect;
pub mod connection;
pub mod connection_config;
pub mod connection_properties;
pub mod consuming;
pub mod deliveries;
pub mod delivery_tags;
pub mod errors;
pub mod exceptions;
pub mod flow;
pub mod link;
pub mod login;
pub mod library_properties;
pub mod live_connections;
pub mod message;
pub mod motion;
pub mod pipeline;
pub mod publisher_confirms;
pub mod publishing;
pub mod server_properties;
pub mod session;
pub mod settles;
pub mod settings;
pub mod table;
pub mod tls;
pub mod topology;
pub mod transport;
pub mod unconfirmed;
pub mod wire;

use ext_php_rs::builders::ModuleBuilder;

use crate::embedded_php::Source;

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<connection::AmqpConnection>().class::<channel::AmqpChannel>()
}

macro_rules! php_source {
    ($namespace:literal, $class:literal) => {
        Source {
            class: concat!("PhpAmqpLib\\", $namespace, "\\", $class),
            file: concat!("mq://PhpAmqpLib/", $namespace, "/", $class, ".php"),
            code: include_str!(concat!("php/", $class, ".php")),
        }
    };
}

/// What `AbstractConnection::getIO()` returns.
pub const STREAM_IO: &str = "PhpAmqpLib\\Wire\\IO\\StreamIO";

/// php-amqplib's classes written in PHP (see `embedded_php`): values, configuration and the concrete
/// connection classes over the native AbstractConnection; and mq's classes built on them.
pub static PHP_SOURCES: &[Source] = &[
    php_source!("Message", "AMQPMessage"),
    php_source!("Wire", "AMQPAbstractCollection"),
    php_source!("Wire", "AMQPTable"),
    php_source!("Wire", "AMQPArray"),
    php_source!("Wire", "AMQPDecimal"),
    php_source!("Wire", "Constants080"),
    php_source!("Wire", "Constants091"),
    php_source!("Wire", "Constants"),
    php_source!("Wire", "AMQPByteStream"),
    php_source!("Wire", "AMQPWriter"),
    php_source!("Wire", "AMQPReader"),
    php_source!("Wire", "AMQPBufferReader"),
    php_source!("Helper", "MiscHelper"),
    php_source!("Helper", "Assert"),
    php_source!("Helper", "DebugHelper"),
    php_source!("Helper", "SocketConstants"),
    php_source!("Exchange", "AMQPExchangeType"),
    php_source!("Connection", "AMQPConnectionConfig"),
    php_source!("Connection", "AMQPConnectionFactory"),
    php_source!("Connection", "AMQPStreamConnection"),
    php_source!("Connection", "AMQPSSLConnection"),
    php_source!("Connection", "AMQPSocketConnection"),
    php_source!("Connection", "AMQPLazyConnection"),
    php_source!("Connection", "AMQPLazySSLConnection"),
    php_source!("Connection", "AMQPLazySocketConnection"),
    php_source!("Connection\\Heartbeat", "AbstractSignalHeartbeatSender"),
    php_source!("Connection\\Heartbeat", "PCNTLHeartbeatSender"),
    php_source!("Connection\\Heartbeat", "SIGHeartbeatSender"),
    php_source!("Wire\\IO", "AbstractIO"),
    php_source!("Wire\\IO", "StreamIO"),
    php_source!("Helper\\Protocol", "Wait091"),
    Source { class: "PhpAmqpLib\\Package", file: "mq://PhpAmqpLib/Package.php", code: include_str!("php/Package.php") },
    // mq's own classes written in PHP.
    Source {
        class: "Mq\\Internal\\ConnectionArguments",
        file: "mq://Mq/Internal/ConnectionArguments.php",
        code: include_str!("php/ConnectionArguments.php"),
    },
    Source {
        class: "Mq\\Internal\\HostFailover",
        file: "mq://Mq/Internal/HostFailover.php",
        code: include_str!("php/HostFailover.php"),
    },
    Source {
        class: "Mq\\Internal\\AbstractConnectionArguments",
        file: "mq://Mq/Internal/AbstractConnectionArguments.php",
        code: include_str!("php/AbstractConnectionArguments.php"),
    },
    Source {
        class: "Mq\\Internal\\MessageProperties",
        file: "mq://Mq/Internal/MessageProperties.php",
        code: include_str!("php/MessageProperties.php"),
    },
    Source { class: "Mq\\PublishOutcome", file: "mq://Mq/PublishOutcome.php", code: include_str!("php/PublishOutcome.php") },
    Source { class: "Mq\\Publisher", file: "mq://Mq/Publisher.php", code: include_str!("php/Publisher.php") },
    Source { class: "Mq\\RetryingConsumer", file: "mq://Mq/RetryingConsumer.php", code: include_str!("php/RetryingConsumer.php") },
];

/// php-amqplib's methods declare no return types but one (see `classes::drop_return_types`); and the connection's
/// and channel's methods that need no connection work on an object made without its constructor, as
/// php-amqplib's do (a PHPUnit mock built with `disableOriginalConstructor()`; see the `UNCONSTRUCTED` of
/// `connection` and `channel`).
pub fn adjust_methods() {
    use ext_php_rs::class::RegisteredClass;
    let connection = connection::AmqpConnection::get_metadata().ce();
    // php-amqplib declares this one `: bool` (a mock of AbstractConnection returns false from it).
    crate::classes::drop_return_types(connection, &["connectonconstruct"]);
    crate::classes::drop_return_types(channel::AmqpChannel::get_metadata().ce(), &[]);
    for name in connection::UNCONSTRUCTED {
        crate::classes::make_instance_method(connection, name);
    }
    for name in channel::UNCONSTRUCTED {
        crate::classes::make_instance_method(channel::AmqpChannel::get_metadata().ce(), name);
    }
}

/// The native php-amqplib classes, for `internal_methods::seal`: php-amqplib's methods are PHP code,
/// which ignores arguments passed beyond those it declares; a channel call that threw leaves a channel
/// gone for good without callbacks (`AmqpChannel::detach_if_gone`).
pub fn sealed() -> [crate::internal_methods::ClassSpec; 2] {
    use ext_php_rs::class::RegisteredClass;
    let spec = |ce| crate::internal_methods::ClassSpec { userland: true, ..crate::internal_methods::ClassSpec::new(ce) };
    let forget = |object: &mut ext_php_rs::types::ZendObject| {
        // Not on an object made without its constructor (a PHPUnit mock): it has no channel state.
        let channel = ext_php_rs::types::ZendClassObject::<channel::AmqpChannel>::from_zend_obj_mut(object);
        if let Some(channel) = channel.filter(|c| c.obj.is_some()) {
            channel::AmqpChannel::detach_if_gone(channel);
        }
    };
    [
        spec(connection::AmqpConnection::get_metadata().ce()),
        crate::internal_methods::ClassSpec { after_failure: Some(forget), ..spec(channel::AmqpChannel::get_metadata().ce()) },
    ]
}

/// Per request: `$LIBRARY_PROPERTIES` starts from its default.
pub fn request_startup() {
    library_properties::reset();
}

/// Classes registered by hand at module startup (before the macro-registered ones).
pub fn startup() -> ext_php_rs::error::Result<()> {
    exceptions::register()?;
    crate::classes::register(&channel_class::abstract_classes())?;
    channel_class::set_work(channel_events::work);
    message::intern_names();
    channel_gc::install();
    Ok(())
}
