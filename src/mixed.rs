//! `Mixed`: an untyped PHP parameter that can carry a default; `mixed()`: an untyped return value.
//!
//! php-amqplib's parameters are untyped and callers pass whatever PHP coerces (`null` for flags,
//! `array()` or an `AMQPTable` for arguments). `&Zval` parameters take anything but cannot have a
//! default in ext-php-rs' macros; this type can: `#[php(defaults(nowait = false, arguments = EMPTY_ARRAY))]`.

use ext_php_rs::{
    convert::{FromZvalMut, IntoZval, StubLiteral},
    flags::DataType,
    types::Zval,
};

/// The PHP value `[]`, as a default.
pub const EMPTY_ARRAY: Literal = Literal::EmptyArray;
/// The PHP value `null`, as a default.
pub const NULL: Literal = Literal::Null;
/// php-amqplib's `$method_sig = [0, 0]` default.
pub const ZERO_SIG: Literal = Literal::ZeroSig;

#[derive(Clone, Copy, Debug)]
pub enum Literal {
    Null,
    EmptyArray,
    ZeroSig,
}

#[derive(Debug)]
pub enum Mixed<'a> {
    Given(&'a Zval),
    Null,
    EmptyArray,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'static str),
    ZeroSig,
}

impl<'a> FromZvalMut<'a> for Mixed<'a> {
    const TYPE: DataType = DataType::Mixed;
    const NULLABLE: bool = true;

    fn from_zval_mut(zval: &'a mut Zval) -> Option<Self> {
        Some(Self::Given(zval))
    }

    fn from_missing() -> Option<Self> {
        Some(Self::Null)
    }
}

impl From<bool> for Mixed<'_> {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}
impl From<i32> for Mixed<'_> {
    fn from(v: i32) -> Self {
        Self::Int(i64::from(v))
    }
}
impl From<f64> for Mixed<'_> {
    fn from(v: f64) -> Self {
        Self::Float(v)
    }
}
impl From<&'static str> for Mixed<'_> {
    fn from(v: &'static str) -> Self {
        Self::Str(v)
    }
}
impl From<Literal> for Mixed<'_> {
    fn from(v: Literal) -> Self {
        match v {
            Literal::Null => Self::Null,
            Literal::EmptyArray => Self::EmptyArray,
            Literal::ZeroSig => Self::ZeroSig,
        }
    }
}

impl StubLiteral for Mixed<'_> {
    fn stub_literal(&self) -> String {
        match self {
            Self::Given(_) | Self::Null => "null".into(),
            Self::EmptyArray => "[]".into(),
            Self::ZeroSig => "[0, 0]".into(),
            Self::Bool(v) => v.to_string(),
            Self::Int(v) => v.to_string(),
            Self::Float(v) => format!("{v:?}"),
            Self::Str(v) => format!("'{}'", v.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }
}

impl Mixed<'_> {
    pub fn is_null(&self) -> bool {
        match self {
            Self::Given(z) => z.is_null(),
            other => matches!(other, Self::Null),
        }
    }

    /// PHP's truthiness, as php-amqplib's `if ($flag)`.
    pub fn flag(&self) -> bool {
        match self {
            Self::Given(z) => z.coerce_to_bool(),
            Self::Bool(v) => *v,
            Self::Int(v) => *v != 0,
            Self::Float(v) => *v != 0.0,
            Self::Str(v) => !v.is_empty() && *v != "0",
            Self::Null => false,
            Self::EmptyArray => false,
            Self::ZeroSig => true,
        }
    }

    /// PHP's string conversion (null is "").
    pub fn text(&self) -> String {
        match self {
            Self::Given(z) if z.is_null() => String::new(),
            Self::Given(z) => z.coerce_to_string().unwrap_or_default(),
            Self::Str(v) => (*v).to_string(),
            Self::Bool(v) => if *v { "1".into() } else { String::new() },
            Self::Int(v) => v.to_string(),
            Self::Float(v) => v.to_string(),
            Self::Null | Self::EmptyArray | Self::ZeroSig => String::new(),
        }
    }

    pub fn float(&self) -> f64 {
        match self {
            Self::Given(z) => z.coerce_to_double().unwrap_or(0.0),
            Self::Int(v) => *v as f64,
            Self::Float(v) => *v,
            Self::Bool(v) => f64::from(u8::from(*v)),
            Self::Str(v) => v.parse().unwrap_or(0.0),
            Self::Null | Self::EmptyArray | Self::ZeroSig => 0.0,
        }
    }

    pub fn int(&self) -> i64 {
        match self {
            Self::Given(z) => z.coerce_to_long().unwrap_or(0),
            Self::Int(v) => *v,
            Self::Float(v) => *v as i64,
            Self::Bool(v) => i64::from(*v),
            Self::Str(v) => v.parse().unwrap_or(0),
            Self::Null | Self::EmptyArray | Self::ZeroSig => 0,
        }
    }

    /// The value as PHP code receives it (a default as the literal it stands for), to hand it on.
    pub fn to_zval(&self) -> Zval {
        match self {
            Self::Given(z) => z.shallow_clone(),
            Self::Null => mixed(()),
            Self::EmptyArray => mixed(Vec::<i64>::new()),
            Self::ZeroSig => mixed(vec![0i64, 0]),
            Self::Bool(v) => mixed(*v),
            Self::Int(v) => mixed(*v),
            Self::Float(v) => mixed(*v),
            Self::Str(v) => mixed(*v),
        }
    }

    /// The given value, if the caller passed one.
    pub fn given(&self) -> Option<&Zval> {
        match self {
            Self::Given(z) => Some(z),
            _ => None,
        }
    }
}

/// A return value without a declared type: php-amqplib declares none, and a subclass overriding a
/// method without one is only compatible with a `mixed` (or void) parent.
pub fn mixed(value: impl IntoZval) -> Zval {
    value.into_zval(false).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_read_as_php_reads_them() {
        assert!(!Mixed::Null.flag() && Mixed::Null.text().is_empty() && Mixed::Null.is_null());
        assert!(Mixed::Bool(true).flag() && Mixed::Bool(true).text() == "1");
        assert!(!Mixed::Str("0").flag() && Mixed::Str("x").flag() && !Mixed::Str("").flag());
        assert_eq!(Mixed::Str("2.5").float(), 2.5);
        assert_eq!(Mixed::Float(3.9).int(), 3);
        assert!(!Mixed::EmptyArray.flag() && Mixed::ZeroSig.flag());
    }

    #[test]
    fn defaults_print_as_php_source() {
        assert_eq!(Mixed::from("it's").stub_literal(), "'it\\'s'");
        assert_eq!(Mixed::from(EMPTY_ARRAY).stub_literal(), "[]");
        assert_eq!(Mixed::from(ZERO_SIG).stub_literal(), "[0, 0]");
        assert_eq!(Mixed::from(NULL).stub_literal(), "null");
        assert_eq!(Mixed::from(3.0).stub_literal(), "3.0");
        assert_eq!(Mixed::from(false).stub_literal(), "false");
    }
}
