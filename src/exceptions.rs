//! Throwing exceptions of the classes registered through `classes`.
//!
//! Rust-backed `#[php_class]` exceptions lose file, line and trace and cannot be constructed or extended
//! from PHP (ext-php-rs #203), so both clients declare their exception trees as plain classes. Objects
//! are created by the engine's own exception constructor, so `getFile()`, `getLine()` and traces are the
//! caller's.

use ext_php_rs::{convert::IntoZvalDyn, exception::PhpException};

use crate::classes;

/// An exception of one of our classes (or an SPL class), carrying a message and code.
pub fn exception(class_name: &str, message: impl Into<String>, code: i32) -> PhpException {
    PhpException::new(printable(message.into()), code, class_entry(class_name))
}

/// The class `exception` throws for `class_name` (`\Exception` when there is none).
pub fn class_entry(class_name: &str) -> &'static ext_php_rs::zend::ClassEntry {
    classes::registered(class_name)
        .or_else(|| classes::spl_class(class_name))
        .or_else(|| ext_php_rs::zend::ClassEntry::try_find(class_name))
        .unwrap_or_else(ext_php_rs::zend::ce::exception)
}

/// A message the engine can take: ext-php-rs passes it as a C string, and a NUL byte (from a vhost,
/// a name) would make throwing itself fail; it is shown as `\0`.
fn printable(message: String) -> String {
    if message.contains('\0') {
        message.replace('\0', "\\0")
    } else {
        message
    }
}

/// An exception built by running the class's own constructor with `args`, for classes whose constructor
/// takes more than message and code.
pub fn construct(class_name: &str, args: Vec<&dyn IntoZvalDyn>) -> PhpException {
    match classes::instantiate(class_name, args) {
        Ok(object) => PhpException::new(String::new(), 0, classes::class(class_name)).with_object(object),
        Err(e) => PhpException::from_message(format!("cannot construct {class_name}: {e}")),
    }
}
