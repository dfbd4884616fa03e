//! Parameter types of php-rdkafka's signatures that ext-php-rs has no exact match for.

use std::{borrow::Cow, ffi::CString};

use ext_php_rs::{
    convert::{FromZval, FromZvalMut, StubLiteral},
    flags::DataType,
    types::{PhpRef, ZendHashTable, Zval},
};

use crate::php_string::PhpBytes;

/// A `callable` parameter, kept as a counted reference to the PHP value.
pub struct Callable(pub Zval);

impl<'a> FromZval<'a> for Callable {
    const TYPE: DataType = DataType::Callable;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.is_callable().then(|| Callable(zval.shallow_clone()))
    }
}

/// A `string` parameter read as raw bytes (payloads, keys, opaques are binary): a PHP string without a
/// copy, and ints, floats, bools and `Stringable` objects converted as PHP's coercive mode does (`42`
/// is sent as "42", as php-rdkafka sends it).
pub struct Bytes<'a>(pub Cow<'a, [u8]>);

impl<'a> FromZval<'a> for Bytes<'a> {
    const TYPE: DataType = DataType::String;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        match zval.zend_str() {
            Some(s) => Some(Bytes(Cow::Borrowed(s.as_bytes()))),
            None => PhpBytes::from_zval(zval).map(|b| Bytes(Cow::Owned(b.0))),
        }
    }
}

impl Bytes<'_> {
    /// The bytes of an optional argument.
    pub fn opt<'b>(value: &'b Option<Self>) -> Option<&'b [u8]> {
        value.as_ref().map(|b| &*b.0)
    }
}

/// A PHP string as php-rdkafka hands it to librdkafka (a `char *`): up to its first NUL byte.
pub fn c_string(bytes: &[u8]) -> CString {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    // Cannot fail: no NUL byte is left.
    CString::new(&bytes[..end]).unwrap_or_default()
}

/// An `array` parameter that may default to null.
pub struct Array<'a>(pub &'a ZendHashTable);

impl<'a> FromZval<'a> for Array<'a> {
    const TYPE: DataType = DataType::Array;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.array().map(Array)
    }
}

impl StubLiteral for Array<'_> {
    fn stub_literal(&self) -> String {
        "null".into()
    }
}

/// A `mixed` parameter that may default to null (php-rdkafka's `Message|array|null`: ext-php-rs
/// declares no union types).
pub struct Any<'a>(pub &'a Zval);

impl<'a> FromZval<'a> for Any<'a> {
    const TYPE: DataType = DataType::Mixed;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        Some(Any(zval))
    }
}

impl StubLiteral for Any<'_> {
    fn stub_literal(&self) -> String {
        "null".into()
    }
}

// `?string $x = null`: the only default this type ever gets is null (Option's None), so its own literal
// is never rendered (as `conf::ConfArg`'s).
impl StubLiteral for Bytes<'_> {
    fn stub_literal(&self) -> String {
        "null".into()
    }
}

/// An `array` parameter whose default is `[]` (php-rdkafka's `array $extensions = []`).
pub enum ArrayOrEmpty<'a> {
    Given(&'a ZendHashTable),
    Empty,
}

impl ArrayOrEmpty<'_> {
    /// The given array; None for the default.
    pub fn get(&self) -> Option<&ZendHashTable> {
        match self {
            ArrayOrEmpty::Given(array) => Some(array),
            ArrayOrEmpty::Empty => None,
        }
    }
}

impl<'a> FromZval<'a> for ArrayOrEmpty<'a> {
    const TYPE: DataType = DataType::Array;

    fn from_zval(zval: &'a Zval) -> Option<Self> {
        zval.array().map(ArrayOrEmpty::Given)
    }
}

impl From<crate::mixed::Literal> for ArrayOrEmpty<'_> {
    fn from(_: crate::mixed::Literal) -> Self {
        ArrayOrEmpty::Empty
    }
}

impl StubLiteral for ArrayOrEmpty<'_> {
    fn stub_literal(&self) -> String {
        "[]".into()
    }
}

/// An `int &$x` out-parameter (`queryWatermarkOffsets()`' `$low` and `$high`): any variable, written.
pub struct IntRef<'a>(pub PhpRef<'a>);

impl<'a> FromZvalMut<'a> for IntRef<'a> {
    const TYPE: DataType = DataType::Long;
    const BY_REF: bool = true;

    fn from_zval_mut(zval: &'a mut Zval) -> Option<Self> {
        PhpRef::from_zval_mut(zval).map(IntRef)
    }
}
