//! PHP values to AMQP wire fields, checked as php-amqplib's `AMQPWriter` checks them: short strings of at
//! most 255 bytes (any bytes, UTF-8 or not), integers within their field's range, and PHP's own string
//! conversion. A value that does not fit is php-amqplib's exception, never a wrapped number or a panic.

use std::time::Duration;

use ext_php_rs::{exception::PhpResult, types::Zval};
use lapin::types::ShortString;

use super::exceptions::{INVALID_ARGUMENT, OUT_OF_RANGE};
use crate::{exceptions::exception, php_string};

/// A short string (names, routing keys, tags, table keys, message properties): null is "", arrays and
/// objects without `__toString` are the `TypeError` php-amqplib's `mb_strlen()` raises.
pub fn short_string(value: &Zval) -> PhpResult<ShortString> {
    short_bytes(string(value)?)
}

/// A string field (bodies, long strings, byte arrays): PHP's string conversion, any bytes; arrays and
/// objects without `__toString` are php-amqplib's `mb_strlen()` TypeError.
pub fn string(value: &Zval) -> PhpResult<Vec<u8>> {
    php_string::bytes(value, "mb_strlen(): Argument #1 ($string)")
}

/// Bytes as a short string: php-amqplib's "String too long" past 255 bytes.
pub fn short_bytes(bytes: Vec<u8>) -> PhpResult<ShortString> {
    ShortString::from_bytes(bytes).map_err(|_| exception(INVALID_ARGUMENT, "String too long", 0))
}

/// Text mq generated itself (a consumer tag lapin chose, a broker-named queue) or read back from lapin.
pub fn text_bytes(s: &ShortString) -> Zval {
    crate::classes::binary(s.as_bytes())
}

/// An integer field of php-amqplib's `$name` ("Octet", "Short", …) within `min..=max`. PHP compares the
/// value as it is (a float, a numeric string); anything that is not a number in range is out of range.
pub fn integer(value: &Zval, name: &str, min: i64, max: i64) -> PhpResult<i64> {
    number(value)
        .filter(|n| n.in_range(min, max))
        .map(Number::truncated)
        .ok_or_else(|| out_of_range(INVALID_ARGUMENT, name, value))
}

/// An unsigned 64-bit field (`write_longlong`): negative integers are php-amqplib's AMQPOutOfRangeException.
pub fn unsigned_longlong(value: &Zval) -> PhpResult<u64> {
    match number(value) {
        Some(Number::Int(i)) if i < 0 => Err(out_of_range(OUT_OF_RANGE, "Longlong", value)),
        Some(n) if n.in_range(0, i64::MAX) => Ok(n.truncated() as u64),
        _ => Err(out_of_range(INVALID_ARGUMENT, "Longlong", value)),
    }
}

fn out_of_range(class: &str, name: &str, value: &Zval) -> ext_php_rs::exception::PhpException {
    let shown = php_string::lossy(value).unwrap_or_else(|| "Array".into());
    exception(class, format!("{name} out of range: {shown}"), 0)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn in_range(self, min: i64, max: i64) -> bool {
        match self {
            Number::Int(i) => (min..=max).contains(&i),
            Number::Float(f) => f >= min as f64 && f <= max as f64,
        }
    }

    fn truncated(self) -> i64 {
        match self {
            Number::Int(i) => i,
            Number::Float(f) => f as i64,
        }
    }
}

/// The number PHP sees in a value (ints, floats, bools, null, numeric strings); None for the rest.
fn number(value: &Zval) -> Option<Number> {
    let value = value.dereference();
    if let Some(i) = value.long() {
        return Some(Number::Int(i));
    }
    if let Some(f) = value.double() {
        return Some(Number::Float(f));
    }
    if value.is_null() {
        return Some(Number::Int(0));
    }
    if let Some(b) = value.bool() {
        return Some(Number::Int(i64::from(b)));
    }
    numeric_string(value.zend_str()?.as_bytes())
}

/// PHP's numeric strings: optional surrounding whitespace, an integer or a decimal/exponent float.
fn numeric_string(bytes: &[u8]) -> Option<Number> {
    let text = std::str::from_utf8(bytes).ok()?.trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    if let Ok(i) = text.parse::<i64>() {
        return Some(Number::Int(i));
    }
    // Rust also reads "inf" and "nan", which PHP does not count as numeric.
    let float_like = text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    float_like.then(|| text.parse::<f64>().ok().map(Number::Float)).flatten()
}

/// A timeout argument in seconds (int, float or numeric string), as php-amqplib reads it: 0, null,
/// false and negative numbers are no limit; INF and values too large for a `Duration` are no limit too
/// (php-amqplib gives up at once on them, a bug); NAN is an `AMQPInvalidArgumentException`; what is
/// not a number is the `TypeError` php-amqplib's `floor()` raises.
pub fn timeout(value: &Zval, what: &str) -> PhpResult<Option<Duration>> {
    let seconds = match number(value) {
        Some(Number::Int(i)) => i as f64,
        Some(Number::Float(f)) => f,
        None => {
            return Err(exception(
                "TypeError",
                format!("{what} must be of type int|float, {} given", php_string::type_name(value)),
                0,
            ))
        }
    };
    seconds_limit(seconds).map_err(|()| exception(INVALID_ARGUMENT, format!("{what} must be a number of seconds, NAN given"), 0))
}

/// Beyond this many seconds (about 31 700 years) a limit is none: `Instant::now()` plus more could
/// overflow, which panics.
const SECONDS_MAX: f64 = 1e12;

/// Seconds as a limit: None for none (0, negative, INF, too large); Err for NAN.
pub fn seconds_limit(seconds: f64) -> Result<Option<Duration>, ()> {
    if seconds.is_nan() {
        return Err(());
    }
    Ok((seconds > 0.0 && seconds <= SECONDS_MAX).then(|| Duration::from_secs_f64(seconds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_too_large_to_add_to_now_are_none() {
        assert_eq!(seconds_limit(1.5), Ok(Some(Duration::from_millis(1500))));
        assert_eq!(seconds_limit(9.2e18), Ok(None));
        assert_eq!(seconds_limit(f64::INFINITY), Ok(None));
        assert_eq!(seconds_limit(0.0), Ok(None));
        assert_eq!(seconds_limit(f64::NAN), Err(()));
    }

    #[test]
    fn numeric_strings_as_php_reads_them() {
        assert_eq!(numeric_string(b" 42 "), Some(Number::Int(42)));
        assert_eq!(numeric_string(b"1.5e3"), Some(Number::Float(1500.0)));
        assert_eq!(numeric_string(b"abc"), None);
        assert_eq!(numeric_string(b"inf"), None);
        assert_eq!(numeric_string(b"nan"), None);
        assert_eq!(numeric_string(b"\xff"), None);
    }

    #[test]
    fn ranges_compare_the_value_as_given() {
        assert!(Number::Int(255).in_range(0, 255));
        assert!(!Number::Int(256).in_range(0, 255));
        assert!(!Number::Float(255.5).in_range(0, 255));
        assert!(!Number::Float(f64::NAN).in_range(0, 255));
        assert_eq!(Number::Float(3.9).truncated(), 3);
    }

    #[test]
    fn timeouts_never_panic() {
        assert_eq!(seconds_limit(0.0), Ok(None));
        assert_eq!(seconds_limit(-1.0), Ok(None));
        assert_eq!(seconds_limit(f64::INFINITY), Ok(None));
        assert_eq!(seconds_limit(1e300), Ok(None));
        assert_eq!(seconds_limit(f64::NAN), Err(()));
        assert_eq!(seconds_limit(0.25), Ok(Some(Duration::from_millis(250))));
    }
}
