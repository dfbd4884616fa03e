//! The php-amqplib mirror (`PhpAmqpLib\\...`), on lapin.

pub mod channel;
pub mod connection;
pub mod errors;
pub mod exceptions;
pub mod message;
pub mod table;

use ext_php_rs::builders::ModuleBuilder;

use crate::embedded_php::Source;

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.class::<connection::AmqpStreamConnection>().class::<channel::AmqpChannel>()
}

/// php-amqplib's value classes, written in PHP (see `embedded_php`).
pub static PHP_SOURCES: &[Source] = &[
    Source {
        name: "phpamqplib\\message\\amqpmessage",
        file: "mq://PhpAmqpLib/Message/AMQPMessage.php",
        code: include_str!("php/AMQPMessage.php"),
    },
    Source {
        name: "phpamqplib\\wire\\amqpabstractcollection",
        file: "mq://PhpAmqpLib/Wire/AMQPAbstractCollection.php",
        code: include_str!("php/AMQPAbstractCollection.php"),
    },
    Source {
        name: "phpamqplib\\wire\\amqptable",
        file: "mq://PhpAmqpLib/Wire/AMQPTable.php",
        code: include_str!("php/AMQPTable.php"),
    },
    Source {
        name: "phpamqplib\\wire\\amqparray",
        file: "mq://PhpAmqpLib/Wire/AMQPArray.php",
        code: include_str!("php/AMQPArray.php"),
    },
    Source {
        name: "phpamqplib\\wire\\amqpdecimal",
        file: "mq://PhpAmqpLib/Wire/AMQPDecimal.php",
        code: include_str!("php/AMQPDecimal.php"),
    },
    Source {
        name: "phpamqplib\\exchange\\amqpexchangetype",
        file: "mq://PhpAmqpLib/Exchange/AMQPExchangeType.php",
        code: include_str!("php/AMQPExchangeType.php"),
    },
];

/// php-amqplib's methods declare no return types; see `classes::drop_return_types`.
pub fn untype_returns() {
    use ext_php_rs::class::RegisteredClass;
    crate::classes::drop_return_types(connection::AmqpStreamConnection::get_metadata().ce());
    crate::classes::drop_return_types(channel::AmqpChannel::get_metadata().ce());
}

/// Classes registered by hand at module startup (before the macro-registered ones).
pub fn startup() -> ext_php_rs::error::Result<()> {
    exceptions::register()?;
    crate::classes::register(&connection::abstract_classes())?;
    crate::embedded_php::install(PHP_SOURCES.iter().collect());
    Ok(())
}
