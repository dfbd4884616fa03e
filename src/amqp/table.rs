//! Field tables between PHP and the wire: `AMQPTable`/`AMQPArray` objects (entries stored as
//! `[type constant, value]` pairs) and php-amqplib's legacy plain-array form (`['x-max-length' => ['I', 10]]`),
//! to lapin's `FieldTable`, and received tables back to `AMQPTable` objects.

use ext_php_rs::{
    convert::IntoZval,
    exception::PhpResult,
    types::{ZendHashTable, ZendObject, Zval},
};
use lapin::types::{AMQPValue, ByteArray, DecimalValue, FieldArray, FieldTable, LongString, ShortString};

use super::exceptions::{INVALID_ARGUMENT, OUT_OF_RANGE};
use crate::{classes, exceptions::exception};

pub const COLLECTION: &str = "PhpAmqpLib\\Wire\\AMQPAbstractCollection";
pub const TABLE: &str = "PhpAmqpLib\\Wire\\AMQPTable";
pub const ARRAY: &str = "PhpAmqpLib\\Wire\\AMQPArray";
pub const DECIMAL: &str = "PhpAmqpLib\\Wire\\AMQPDecimal";

// AMQPAbstractCollection's type constants.
const T_INT_SHORTSHORT: i64 = 1;
const T_INT_SHORTSHORT_U: i64 = 2;
const T_INT_SHORT: i64 = 3;
const T_INT_SHORT_U: i64 = 4;
const T_INT_LONG: i64 = 5;
const T_INT_LONG_U: i64 = 6;
const T_INT_LONGLONG: i64 = 7;
const T_INT_LONGLONG_U: i64 = 8;
const T_DECIMAL: i64 = 9;
const T_TIMESTAMP: i64 = 10;
const T_VOID: i64 = 11;
const T_BOOL: i64 = 12;
const T_STRING_SHORT: i64 = 13;
const T_STRING_LONG: i64 = 14;
const T_ARRAY: i64 = 15;
const T_TABLE: i64 = 16;
const T_BYTES: i64 = 17;
const T_FLOAT: i64 = 18;
const T_DOUBLE: i64 = 19;

/// RabbitMQ's field-type symbols (php-amqplib's default protocol), for the legacy `[symbol, value]` form.
fn type_for_symbol(symbol: &str) -> Option<i64> {
    Some(match symbol {
        "b" => T_INT_SHORTSHORT,
        "B" => T_INT_SHORTSHORT_U,
        "s" => T_INT_SHORT,
        "u" => T_INT_SHORT_U,
        "I" => T_INT_LONG,
        "i" => T_INT_LONG_U,
        "l" => T_INT_LONGLONG,
        "f" => T_FLOAT,
        "d" => T_DOUBLE,
        "D" => T_DECIMAL,
        "T" => T_TIMESTAMP,
        "V" => T_VOID,
        "t" => T_BOOL,
        "S" => T_STRING_LONG,
        "A" => T_ARRAY,
        "F" => T_TABLE,
        "x" => T_BYTES,
        _ => return None,
    })
}

fn out_of_range(what: &str) -> ext_php_rs::exception::PhpException {
    exception(OUT_OF_RANGE, format!("AMQP-rabbit doesn't define data of type [{what}]"), 0)
}

fn is_instance(object: &ZendObject, class_name: &str) -> bool {
    classes::registered(class_name)
        .or_else(|| ext_php_rs::zend::ClassEntry::try_find(class_name))
        .is_some_and(|ce| object.instance_of(ce))
}

/// The `[type, value]` pairs of a collection object, in insertion order.
fn collection_entries(object: &ZendObject) -> Zval {
    match ext_php_rs::zend::ClassEntry::try_find(COLLECTION) {
        Some(scope) => classes::read(object, scope, "data"),
        None => Zval::new(),
    }
}

/// A table argument (`$arguments`, `application_headers`): an AMQPTable, or a plain array in the legacy
/// symbol form. Null and the empty array are the empty table.
pub fn encode_table(value: &Zval) -> PhpResult<FieldTable> {
    let mut table = FieldTable::default();
    if let Some(object) = value.object() {
        if !is_instance(object, COLLECTION) {
            return Err(exception(INVALID_ARGUMENT, "a table must be an AMQPTable or an array", 0));
        }
        if let Some(entries) = collection_entries(object).array() {
            for (key, pair) in entries.iter() {
                let (kind, v) = typed_pair(pair)?;
                table.insert(ShortString::from(key.to_string()), encode_value(kind, &v)?);
            }
        }
    } else if let Some(entries) = value.array() {
        for (key, pair) in entries.iter() {
            let (kind, v) = symbol_pair(pair)?;
            table.insert(ShortString::from(key.to_string()), encode_value(kind, &v)?);
        }
    } else if !value.is_null() {
        return Err(exception(INVALID_ARGUMENT, "a table must be an AMQPTable or an array", 0));
    }
    Ok(table)
}

fn encode_array(value: &Zval) -> PhpResult<FieldArray> {
    let mut array = FieldArray::default();
    if let Some(object) = value.object() {
        if let Some(entries) = collection_entries(object).array() {
            for pair in entries.values() {
                let (kind, v) = typed_pair(pair)?;
                array.push(encode_value(kind, &v)?);
            }
        }
    } else if let Some(entries) = value.array() {
        for pair in entries.values() {
            let (kind, v) = symbol_pair(pair)?;
            array.push(encode_value(kind, &v)?);
        }
    }
    Ok(array)
}

/// `[type constant, value]`, as collections store entries.
fn typed_pair(pair: &Zval) -> PhpResult<(i64, Zval)> {
    let entries = pair.array().ok_or_else(|| out_of_range(""))?;
    let kind = entries.get_index(0).and_then(Zval::long).ok_or_else(|| out_of_range(""))?;
    Ok((kind, entries.get_index(1).map(Zval::shallow_clone).unwrap_or_default()))
}

/// `[symbol, value]`, php-amqplib's legacy plain-array form; anything else is its "type []" error.
fn symbol_pair(pair: &Zval) -> PhpResult<(i64, Zval)> {
    let entries = pair.array().ok_or_else(|| out_of_range(""))?;
    let symbol = entries.get_index(0).and_then(|z| z.coerce_to_string()).unwrap_or_default();
    let kind = type_for_symbol(&symbol).ok_or_else(|| out_of_range(&symbol))?;
    Ok((kind, entries.get_index(1).map(Zval::shallow_clone).unwrap_or_default()))
}

fn bytes(value: &Zval) -> Vec<u8> {
    value
        .zend_str()
        .map(|s| s.as_bytes().to_vec())
        .or_else(|| value.coerce_to_string().map(String::into_bytes))
        .unwrap_or_default()
}

fn int(value: &Zval) -> i64 {
    value.coerce_to_long().unwrap_or(0)
}

fn encode_value(kind: i64, value: &Zval) -> PhpResult<AMQPValue> {
    Ok(match kind {
        T_INT_SHORTSHORT => AMQPValue::ShortShortInt(int(value) as i8),
        T_INT_SHORTSHORT_U => AMQPValue::ShortShortUInt(int(value) as u8),
        T_INT_SHORT => AMQPValue::ShortInt(int(value) as i16),
        T_INT_SHORT_U => AMQPValue::ShortUInt(int(value) as u16),
        T_INT_LONG => AMQPValue::LongInt(int(value) as i32),
        T_INT_LONG_U => AMQPValue::LongUInt(int(value) as u32),
        T_INT_LONGLONG | T_INT_LONGLONG_U => AMQPValue::LongLongInt(int(value)),
        T_FLOAT => AMQPValue::Float(value.coerce_to_double().unwrap_or(0.0) as f32),
        T_DOUBLE => AMQPValue::Double(value.coerce_to_double().unwrap_or(0.0)),
        T_DECIMAL => {
            let object = value.object().ok_or_else(|| exception(INVALID_ARGUMENT, "Decimal values must be instance of AMQPDecimal", 0))?;
            let n = object.try_call_method("getN", vec![]).ok().and_then(|z| z.coerce_to_long()).unwrap_or(0);
            let e = object.try_call_method("getE", vec![]).ok().and_then(|z| z.coerce_to_long()).unwrap_or(0);
            AMQPValue::DecimalValue(DecimalValue { scale: e as u8, value: n as u32 })
        }
        T_TIMESTAMP => AMQPValue::Timestamp(int(value) as u64),
        T_VOID => AMQPValue::Void,
        T_BOOL => AMQPValue::Boolean(value.coerce_to_bool()),
        T_STRING_SHORT => AMQPValue::ShortString(ShortString::from(String::from_utf8_lossy(&bytes(value)).into_owned())),
        T_STRING_LONG => AMQPValue::LongString(LongString::from(bytes(value))),
        T_BYTES => AMQPValue::ByteArray(ByteArray::from(bytes(value))),
        T_ARRAY => AMQPValue::FieldArray(encode_array(value)?),
        T_TABLE => AMQPValue::FieldTable(encode_table(value)?),
        other => return Err(exception(OUT_OF_RANGE, format!("AMQP-rabbit doesn't support data of type [{other}]"), 0)),
    })
}

/// A table in php-amqplib's raw reading (`AMQPReader::read_table()`): `[name => [symbol, value]]`,
/// nested tables alike, arrays as plain lists of values, booleans as 0/1.
pub fn raw_table(table: &FieldTable) -> PhpResult<Zval> {
    let mut entries = ZendHashTable::with_capacity(table.inner().len() as u32);
    for (key, value) in table {
        let mut pair = ZendHashTable::with_capacity(2);
        pair.push(symbol_of(value))?;
        pair.push(raw_value(value)?)?;
        entries.insert(key.as_str(), pair)?;
    }
    Ok(entries.into_zval(false)?)
}

fn raw_value(value: &AMQPValue) -> PhpResult<Zval> {
    Ok(match value {
        AMQPValue::Boolean(v) => i64::from(*v).into_zval(false)?,
        AMQPValue::FieldTable(t) => raw_table(t)?,
        AMQPValue::FieldArray(a) => {
            let mut list = ZendHashTable::with_capacity(a.as_slice().len() as u32);
            for v in a.as_slice() {
                list.push(raw_value(v)?)?;
            }
            list.into_zval(false)?
        }
        other => {
            // Scalars read as decode_pair reads them, without the type.
            let pair = decode_pair(other)?;
            pair.array().and_then(|p| p.get_index(1)).map(Zval::shallow_clone).unwrap_or_default()
        }
    })
}

/// RabbitMQ's symbol of a value's type.
fn symbol_of(value: &AMQPValue) -> &'static str {
    match value {
        AMQPValue::Boolean(_) => "t",
        AMQPValue::ShortShortInt(_) => "b",
        AMQPValue::ShortShortUInt(_) => "B",
        AMQPValue::ShortInt(_) => "s",
        AMQPValue::ShortUInt(_) => "u",
        AMQPValue::LongInt(_) => "I",
        AMQPValue::LongUInt(_) => "i",
        AMQPValue::LongLongInt(_) => "l",
        AMQPValue::Float(_) => "f",
        AMQPValue::Double(_) => "d",
        AMQPValue::DecimalValue(_) => "D",
        AMQPValue::ShortString(_) | AMQPValue::LongString(_) => "S",
        AMQPValue::FieldArray(_) => "A",
        AMQPValue::Timestamp(_) => "T",
        AMQPValue::FieldTable(_) => "F",
        AMQPValue::ByteArray(_) => "x",
        AMQPValue::Void => "V",
    }
}

/// A received table as the `AMQPTable` object php-amqplib hands out (entries as `[type, value]` pairs).
pub fn decode_table(table: &FieldTable) -> PhpResult<Zval> {
    let mut entries = ZendHashTable::with_capacity(table.inner().len() as u32);
    for (key, value) in table {
        entries.insert(key.as_str(), decode_pair(value)?)?;
    }
    collection(TABLE, entries)
}

fn decode_array(array: &FieldArray) -> PhpResult<Zval> {
    let mut entries = ZendHashTable::with_capacity(array.as_slice().len() as u32);
    for value in array.as_slice() {
        entries.push(decode_pair(value)?)?;
    }
    collection(ARRAY, entries)
}

fn collection(class_name: &str, entries: ext_php_rs::boxed::ZBox<ZendHashTable>) -> PhpResult<Zval> {
    let mut object = classes::instantiate(class_name, vec![])?;
    let scope = ext_php_rs::zend::ClassEntry::try_find(COLLECTION)
        .ok_or_else(|| exception(OUT_OF_RANGE, "AMQPAbstractCollection is not loaded", 0))?;
    if let Some(object) = object.object_mut() {
        classes::write(object, scope, "data", entries.into_zval(false)?);
    }
    Ok(object)
}

fn pair(kind: i64, value: impl IntoZval) -> PhpResult<Zval> {
    let mut pair = ZendHashTable::with_capacity(2);
    pair.push(kind)?;
    pair.push(value)?;
    Ok(pair.into_zval(false)?)
}

fn decode_pair(value: &AMQPValue) -> PhpResult<Zval> {
    match value {
        AMQPValue::Boolean(v) => pair(T_BOOL, *v),
        AMQPValue::ShortShortInt(v) => pair(T_INT_SHORTSHORT, i64::from(*v)),
        AMQPValue::ShortShortUInt(v) => pair(T_INT_SHORTSHORT_U, i64::from(*v)),
        AMQPValue::ShortInt(v) => pair(T_INT_SHORT, i64::from(*v)),
        AMQPValue::ShortUInt(v) => pair(T_INT_SHORT_U, i64::from(*v)),
        AMQPValue::LongInt(v) => pair(T_INT_LONG, i64::from(*v)),
        AMQPValue::LongUInt(v) => pair(T_INT_LONG_U, i64::from(*v)),
        AMQPValue::LongLongInt(v) => pair(T_INT_LONGLONG, *v),
        AMQPValue::Float(v) => pair(T_FLOAT, f64::from(*v)),
        AMQPValue::Double(v) => pair(T_DOUBLE, *v),
        AMQPValue::DecimalValue(d) => {
            let decimal = classes::instantiate(DECIMAL, vec![&i64::from(d.value), &i64::from(d.scale)])?;
            pair(T_DECIMAL, decimal)
        }
        AMQPValue::ShortString(s) => pair(T_STRING_SHORT, s.as_str()),
        AMQPValue::LongString(s) => pair(T_STRING_LONG, classes::binary(s.as_bytes())),
        AMQPValue::FieldArray(a) => pair(T_ARRAY, decode_array(a)?),
        AMQPValue::Timestamp(t) => pair(T_TIMESTAMP, *t as i64),
        AMQPValue::FieldTable(t) => pair(T_TABLE, decode_table(t)?),
        AMQPValue::ByteArray(b) => pair(T_BYTES, classes::binary(b.as_slice())),
        AMQPValue::Void => pair(T_VOID, ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// php-amqplib's default ("rabbit") field types: every symbol maps to its own type constant.
    #[test]
    fn rabbit_symbols() {
        let symbols = ["b", "B", "s", "u", "I", "i", "l", "f", "d", "D", "T", "V", "t", "S", "A", "F", "x"];
        let types: Vec<i64> = symbols.iter().map(|s| type_for_symbol(s).unwrap()).collect();
        assert_eq!(types, [1, 2, 3, 4, 5, 6, 7, 18, 19, 9, 10, 11, 12, 14, 15, 16, 17]);
        // 0-9-1 spellings RabbitMQ does not use, and the empty symbol of `['x' => 10]`, are rejected.
        assert_eq!(type_for_symbol("U"), None);
        assert_eq!(type_for_symbol("L"), None);
        assert_eq!(type_for_symbol(""), None);
    }
}
