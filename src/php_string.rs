//! PHP strings are bytes: reading parameters, array keys and values as PHP does, without requiring UTF-8.
//!
//! ext-php-rs reads strings as Rust `String`s: a name or key that is not valid UTF-8 becomes `None`
//! ("" after `unwrap_or_default`, or a panic in its array iterator), and its float-to-string is not
//! PHP's. Both anchors take any bytes. Everything here goes through the engine's own conversion
//! (`zval_try_get_string_func`), so `1.5`, `true` and `Stringable` objects read exactly as `(string)`
//! reads them in PHP.

use ext_php_rs::{
    boxed::ZBox,
    convert::{FromZval, IntoZval},
    exception::{PhpException, PhpResult},
    ffi::{zend_string, zval},
    flags::DataType,
    types::{ArrayKey, ZendHashTable, ZendStr, Zval},
};

extern "C" {
    /// PHP's `(string)` conversion; NULL (with an exception pending) when the value has none.
    fn zval_try_get_string_func(op: *mut zval) -> *mut zend_string;
}

/// PHP's `(string)$value` as bytes, for a parameter declared `string`: arrays, and objects without
/// `__toString`, are a `TypeError` naming `what`; null is "".
pub fn bytes(value: &Zval, what: &str) -> PhpResult<Vec<u8>> {
    try_bytes(value).ok_or_else(|| type_error(what, value))
}

/// `bytes` without the error: None for arrays and objects without `__toString`.
pub fn try_bytes(value: &Zval) -> Option<Vec<u8>> {
    match value.zend_str() {
        Some(s) => Some(s.as_bytes().to_vec()),
        None => convert(value),
    }
}

/// `try_bytes` as text for messages and settings (bytes that are not UTF-8 read lossily).
pub fn lossy(value: &Zval) -> Option<String> {
    try_bytes(value).map(|b| String::from_utf8_lossy(&b).into_owned())
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
    crate::exceptions::exception("TypeError", format!("{what} must be of type string, {} given", type_name(given)), 0)
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

/// Inserts `value` under a key of any bytes, as `$array[$key] = $value` does: a key that is a canonical
/// integer ("7", "-3", not "07" or "-0") is an integer key, so PHP code finds it with either spelling.
pub fn insert(array: &mut ZendHashTable, key: &[u8], value: impl IntoZval) -> PhpResult<()> {
    match canonical_index(key) {
        Some(index) => array.insert(index, value)?,
        None => array.insert(ArrayKey::ZendString(&ZendStr::new(key, false)), value)?,
    }
    Ok(())
}

/// The entry under a key of any bytes, found as `$array[$key]` finds it (see `insert`).
pub fn get<'a>(array: &'a ZendHashTable, key: &[u8]) -> Option<&'a Zval> {
    match canonical_index(key) {
        Some(index) => array.get(index),
        None => array.get(ArrayKey::ZendString(&ZendStr::new(key, false))),
    }
}

/// Removes the entry under a key of any bytes (see `insert`); whether there was one.
pub fn remove(array: &mut ZendHashTable, key: &[u8]) -> bool {
    match canonical_index(key) {
        Some(index) => array.remove(index).is_some(),
        None => array.remove(ArrayKey::ZendString(&ZendStr::new(key, false))).is_some(),
    }
}

/// PHP's `ZEND_HANDLE_NUMERIC_STR`: `0` or `-?[1-9][0-9]*` within the integer range.
fn canonical_index(key: &[u8]) -> Option<i64> {
    let digits = key.strip_prefix(b"-").unwrap_or(key);
    let canonical = match digits {
        [b'0'] => key.len() == 1,
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    canonical.then(|| std::str::from_utf8(key).ok()?.parse().ok()).flatten()
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

impl IntoZval for PhpBytes {
    const TYPE: DataType = DataType::String;
    const NULLABLE: bool = false;

    fn set_zval(self, zv: &mut Zval, persistent: bool) -> ext_php_rs::error::Result<()> {
        zv.set_zend_string(ZendStr::new(&self.0, persistent));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::canonical_index;

    #[test]
    fn integer_keys_as_php_normalises_them() {
        assert_eq!(canonical_index(b"7"), Some(7));
        assert_eq!(canonical_index(b"-3"), Some(-3));
        assert_eq!(canonical_index(b"0"), Some(0));
        assert_eq!(canonical_index(b"-0"), None);
        assert_eq!(canonical_index(b"07"), None);
        assert_eq!(canonical_index(b"1a"), None);
        assert_eq!(canonical_index(b""), None);
        assert_eq!(canonical_index(b"99999999999999999999"), None);
        assert_eq!(canonical_index(b"\xff"), None);
    }
}
