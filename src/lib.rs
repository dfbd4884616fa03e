//! mq: php-amqplib and php-rdkafka APIs for PHP, native, on lapin and rdkafka.

#![cfg_attr(windows, feature(abi_vectorcall))]

pub mod info;
pub mod ini;
pub mod runtime;

use ext_php_rs::prelude::*;

/// The extension's version, shown by `php --ri mq` and `phpversion('mq')`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

extern "C" fn startup(_ty: i32, module_number: i32) -> i32 {
    ini::register(module_number);
    0
}

#[php_module]
#[php(startup = "startup")]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    let module = module.version(VERSION).info_function(info::php_info);
    runtime::register(module)
}
