//! php-amqplib's `AbstractConnection::$LIBRARY_PROPERTIES`: the client properties a connection sends in
//! its handshake and `getLibraryProperties()` returns, `[name => [type symbol, value]]`. Code assigns
//! to it (`AbstractConnection::$LIBRARY_PROPERTIES['connection_name'] = ['S', 'billing']`) to name its
//! connections in the management UI; a connection sends what it holds when the connection is made.
//!
//! A static property of an internal class starts every request from its declared default, which can be
//! no array (an internal class's defaults cannot be refcounted): the array is assigned at request start.

use std::ffi::CStr;

use ext_php_rs::{
    convert::IntoZval,
    ffi::{zend_read_static_property, zend_update_static_property},
    types::{ZendHashTable, Zval},
    zend::ClassEntry,
};

/// The static property's name on `AbstractConnection`.
pub const NAME: &CStr = c"LIBRARY_PROPERTIES";

/// php-amqplib's default, naming mq as the product. (lapin announces its own capabilities in the
/// handshake, these among them.)
fn default() -> ext_php_rs::error::Result<Zval> {
    let mut capabilities = ZendHashTable::new();
    for name in ["authentication_failure_close", "publisher_confirms", "consumer_cancel_notify", "exchange_exchange_bindings", "basic.nack", "connection.blocked"] {
        capabilities.insert(name, typed("t", true)?)?;
    }
    let mut properties = ZendHashTable::new();
    properties.insert("product", typed("S", "mq")?)?;
    properties.insert("platform", typed("S", "PHP")?)?;
    properties.insert("version", typed("S", crate::VERSION)?)?;
    properties.insert("information", typed("S", "")?)?;
    properties.insert("copyright", typed("S", "")?)?;
    properties.insert("capabilities", typed("F", capabilities)?)?;
    properties.into_zval(false)
}

/// A value in php-amqplib's typed form: `[type symbol, value]`.
fn typed(symbol: &str, value: impl IntoZval) -> ext_php_rs::error::Result<Zval> {
    let mut pair = ZendHashTable::new();
    pair.push(symbol)?;
    pair.push(value)?;
    pair.into_zval(false)
}

fn connection() -> &'static ClassEntry {
    crate::classes::class("PhpAmqpLib\\Connection\\AbstractConnection")
}

/// Sets the static to its default for this request (RINIT).
pub fn reset() {
    let connection = connection();
    let Ok(mut value) = default() else { return };
    // SAFETY: a declared public static of a registered class, on the PHP thread; the engine copies the
    // value (and takes its own reference).
    unsafe {
        zend_update_static_property(std::ptr::from_ref(connection).cast_mut(), NAME.as_ptr(), NAME.count_bytes(), &mut value);
    }
}

/// What the static holds now (null if it cannot be read).
pub fn current() -> Zval {
    let connection = connection();
    // SAFETY: as in `reset`; silent: no error if it were missing.
    let value = unsafe { zend_read_static_property(std::ptr::from_ref(connection).cast_mut(), NAME.as_ptr(), NAME.count_bytes(), true) };
    // SAFETY: the engine returns the property's zval or null.
    unsafe { value.as_ref() }.map(|v| v.dereference().shallow_clone()).unwrap_or_default()
}

/// What `getLibraryProperties()` returns: the static, with `connection_name` (a config's) when given and
/// the static is an array.
pub fn with_connection_name(name: Option<&str>) -> ext_php_rs::error::Result<Zval> {
    let properties = current();
    let (Some(name), Some(array)) = (name, properties.array()) else { return Ok(properties) };
    let mut properties = array.to_owned();
    properties.insert("connection_name", typed("S", name)?)?;
    properties.into_zval(false)
}
