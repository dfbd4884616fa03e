//! PHP strings are bytes: reading parameters, array keys and values as PHP does, without requiring UTF-8.
//!
//! ext-php-rs reads strings as Rust `String`s: a name or key that is not valid UTF-8 becomes `None`
//! ("" after `unwrap_or_default`, or a panic in its array iterator), and its float-to-string is not
//! PHP's. Both anchors take any bytes. Everything here goes through the engine's own conversion
//! (`zval_try_get_string_func`), so `1.5`, `true` and `Stringable` objects read exactly as `(string)`
//! reads them in PHP.

use ext_php_rs::{
    boxed::ZBox,
    convert::FromZval,
    exception::{PhpException, PhpResult},
    ffi::{zend_string, zval},
    flags::DataType,
    types::{ZendHashTable, ZendStr, Zval},
};

extern "C" {
    /// PHP's `(string)` conversion; NULL (with an exception pending) when the value has none.
    fn zval_try_get_string_func(op: *mut zval) -> *mut zend_string;
}

/// PHP's `(string)$value` as bytes, for a parameter declared `string`: arrays, and objects without
/// `__toString`, are a `TypeError` naming `what`; null is "".
pub fn bytes(value: &Zval, what: &str) -> PhpResult<Vec<u8>> {
    if let Some(s) = value.zend_str() {
        return Ok(s.as_bytes().to_vec());
    }
    convert(value).ok_or_else(|| type_error(what, value))
}

/// `bytes` without the error: None for arrays and objects without `__toString`.
pub fn try_bytes(value: &Zval) -> Option<Vec<u8>> {
    match value.zend_str() {
        Some(s) => Some(s.as_bytes().to_vec()),
        None => convert(value),
    }
}

/// `(string)$value` as PHP evaluates it in an expression (php-rdkafka's `convert_to_string` of array
/// elements such as header values): null is "", an array is "Array" with PHP's "Array to string
/// conversion" warning, and an object without `__toString` is PHP's own `Error`, pending when this
/// returns Err (the Err then throws nothing more).
pub fn cast(value: &Zval) -> PhpResult<Vec<u8>> {
    match value.zend_str() {
        Some(s) => Ok(s.as_bytes().to_vec()),
        None => engine_string(value.dereference()).ok_or_else(|| PhpException::from_message("(string) conversion failed".into())),
    }
}

fn convert(value: &Zval) -> Option<Vec<u8>> {
    let value = value.dereference();
    if value.is_array() || value.is_null() {
        return value.is_null().then(Vec::new);
    }
    if let Some(object) = value.object() {
        // The engine would throw its own Error; the caller reports a TypeError instead.
        if object.get_class_entry().__tostring.is_null() {
            return None;
        }
    }
    engine_string(value)
}

/// The engine's conversion; None when it threw (the exception is pending).
fn engine_string(value: &Zval) -> Option<Vec<u8>> {
    let mut copy = value.shallow_clone();
    // SAFETY: `copy` is a valid zval owned here; the engine returns a new reference to a zend_string or NULL.
    let converted = unsafe { zval_try_get_string_func(std::ptr::from_mut(&mut copy).cast()) };
    if converted.is_null() {
        return None;
    }
    // SAFETY: a string the engine handed us one reference to; ZBox releases it.
    let converted: ZBox<ZendStr> = unsafe { ZBox::from_raw(converted.cast()) };
    Some(converted.as_bytes().to_vec())
}

/// PHP's `TypeError` for a `string` parameter given something else.
pub fn type_error(what: &str, given: &Zval) -> PhpException {
    // The engine's own class: `exceptions::exception` finds registered and SPL classes only.
    PhpException::new(format!("{what} must be of type string, {} given", type_name(given)), 0, ext_php_rs::zend::ce::type_error())
}

/// The type name PHP's own argument errors use (`get_debug_type()` without class names for objects).
pub fn type_name(value: &Zval) -> String {
    if let Some(object) = value.object() {
        return object.get_class_name().unwrap_or_else(|_| "object".into());
    }
    match value.get_type() {
        DataType::Null => "null",
        DataType::False | DataType::True | DataType::Bool => "bool",
        DataType::Long => "int",
        DataType::Double => "float",
        DataType::String => "string",
        DataType::Array => "array",
        _ => "mixed",
    }
    .into()
}

/// An array key as PHP holds it: an integer, or a string of any bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Index(i64),
    Bytes(Vec<u8>),
}

impl Key {
    /// The key as PHP prints it (an integer key as its digits).
    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Key::Index(i) => i.to_string().into_bytes(),
            Key::Bytes(b) => b,
        }
    }
}

/// The entries of an array in order, with keys as bytes (ext-php-rs' own iterator panics on a key that
/// is not UTF-8).
pub fn entries(array: &ZendHashTable) -> Vec<(Key, &Zval)> {
    let mut iter = array.iter();
    let mut out = Vec::with_capacity(array.len());
    while let Some((key, value)) = iter.next_zval() {
        let key = match key.zend_str() {
            Some(s) => Key::Bytes(s.as_bytes().to_vec()),
            None => Key::Index(key.long().unwrap_or(0)),
        };
        out.push((key, value));
    }
    out
}

/// `$array[$key] = $value` for a key of any bytes, stored as PHP stores it (`add_assoc_*`, symbol tables):
/// a canonical integer string such as "123" becomes the integer key 123.
pub fn insert(array: &mut ZendHashTable, key: &[u8], value: Zval) -> ext_php_rs::error::Result<()> {
    match std::str::from_utf8(key) {
        // ext-php-rs turns numeric `&str` keys into integer keys, as PHP does.
        Ok(key) => array.insert(key, value),
        // Not UTF-8, so not numeric either: stored as the bytes.
        Err(_) => array.insert(&*ZendStr::new(key, false), value),
    }
}

/// A `string` parameter read as PHP reads it in coercive mode: any bytes, and ints, floats, bools and
/// `Stringable` objects converted as `(string)` converts them. Arrays and other objects are refused
/// (ext-php-rs then throws its argument `TypeError`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhpBytes(pub Vec<u8>);

impl PhpBytes {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl<'a> FromZval<'a> for PhpBytes {
    const TYPE: DataType = DataType::String;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        if zval.is_null() {
            return None;
        }
        try_bytes(zval).map(PhpBytes)
    }
}

impl ext_php_rs::convert::IntoZval for PhpBytes {
    const TYPE: DataType = DataType::String;
    const NULLABLE: bool = false;

    fn set_zval(self, zv: &mut Zval, persistent: bool) -> ext_php_rs::error::Result<()> {
        zv.set_zend_string(ZendStr::new(&self.0, persistent));
        Ok(())
    }
}
