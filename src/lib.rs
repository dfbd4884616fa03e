//! mq: php-amqplib and php-rdkafka APIs for PHP, native, on lapin and rdkafka.

#![cfg_attr(windows, feature(abi_vectorcall))]

pub mod amqp;
pub mod classes;
pub mod embedded_php;
pub mod exceptions;
pub mod executor;
pub mod held_values;
pub mod info;
pub mod ini;
pub mod internal_methods;
pub mod kafka;
pub mod mixed;
pub mod php_string;
pub mod retry;
pub mod runtime;

use ext_php_rs::prelude::*;

/// The extension's version, shown by `php --ri mq` and `phpversion('mq')`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

extern "C" fn startup(_ty: i32, module_number: i32) -> i32 {
    ini::register(module_number);
    // A panic must not cross into the engine; a failure stops the module with PHP's own message.
    match std::panic::catch_unwind(|| {
        retry::php::startup();
        amqp::startup().and_then(|()| kafka::startup())?;
        embedded_php::install(amqp::PHP_SOURCES.iter().chain(kafka::PHP_SOURCES).collect());
        Ok::<(), ext_php_rs::error::Error>(())
    }) {
        Ok(Ok(())) => 0,
        _ => -1,
    }
}

extern "C" fn request_startup(_ty: i32, _module_number: i32) -> i32 {
    static SEALED: std::sync::Once = std::sync::Once::new();
    // Classes registered by the macros exist only once module startup is over.
    SEALED.call_once(|| {
        amqp::adjust_methods();
        kafka::like_php_rdkafka_objects();
        let (mut classes, functions) = kafka::sealed();
        classes.push(retry::php::spec());
        classes.extend(amqp::sealed());
        internal_methods::seal(&classes, &functions);
    });
    amqp::request_startup();
    0
}

extern "C" fn request_shutdown(_ty: i32, _module_number: i32) -> i32 {
    // A panic must not cross into the engine.
    let _ = std::panic::catch_unwind(amqp::live_connections::close_all);
    amqp::message::forget_class();
    0
}

#[php_module]
#[php(startup = "startup")]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    let module = module.version(VERSION).info_function(info::php_info).request_startup_function(request_startup)
        .request_shutdown_function(request_shutdown);
    retry::php::register(kafka::register(amqp::register(runtime::register(module))))
}
