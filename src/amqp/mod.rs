//! The php-amqplib mirror (`PhpAmqpLib\...`), on lapin.

pub mod exceptions;

use ext_php_rs::builders::ModuleBuilder;

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module
}

/// Classes registered by hand at module startup (before the macro-registered ones).
pub fn startup() -> ext_php_rs::error::Result<()> {
    exceptions::register()
}
