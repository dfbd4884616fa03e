//! Field tables between PHP and the wire: `AMQPTable`/`AMQPArray` objects (entries stored as
//! `[type constant, value]` pairs) and php-amqplib's legacy plain-array form (`['x-max-length' => ['I', 10]]`),
//! to lapin's `FieldTable`, and received tables back to `AMQPTable` objects.

use ext_php_rs::{
    convert::IntoZval,
    exception::PhpResult,
    types::{ZendHashTable, ZendObject, Zval},
};
use lapin::types::{AMQPType, AMQPValue, ByteArray, DecimalValue, FieldArray, FieldTable, LongString, MAX_NESTING};

use super::{
    exceptions::{DATA_READ, INVALID_ARGUMENT, OUT_OF_RANGE},
    wire,
};
use crate::{classes, exceptions::exception, php_string};

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
    encode_table_at(value, 1)
}

/// Tables and arrays nest at most `MAX_NESTING` deep, the outermost counting as 1: the limit mq's
/// (vendored) parser reads back, so whatever mq sends, an mq consumer can read. Also ends the recursion
/// of a PHP array that contains itself.
fn nested(depth: usize) -> PhpResult<usize> {
    if depth > MAX_NESTING {
        return Err(exception(
            INVALID_ARGUMENT,
            format!("Field tables and arrays nest at most {MAX_NESTING} levels deep"),
            0,
        ));
    }
    Ok(depth + 1)
}

fn encode_table_at(value: &Zval, depth: usize) -> PhpResult<FieldTable> {
    let inner = nested(depth)?;
    let mut table = FieldTable::default();
    if let Some(object) = value.object() {
        if !is_instance(object, COLLECTION) {
            return Err(exception(INVALID_ARGUMENT, "a table must be an AMQPTable or an array", 0));
        }
        if let Some(entries) = collection_entries(object).array() {
            for (key, pair) in php_string::entries(entries) {
                let (kind, v) = typed_pair(pair)?;
                table.insert(wire::short_bytes(key.into_bytes())?, encode_value(kind, &v, inner)?);
            }
        }
    } else if let Some(entries) = value.array() {
        for (key, pair) in php_string::entries(entries) {
            let (kind, v) = symbol_pair(pair)?;
            table.insert(wire::short_bytes(key.into_bytes())?, encode_value(kind, &v, inner)?);
        }
    } else if !value.is_null() {
        return Err(exception(INVALID_ARGUMENT, "a table must be an AMQPTable or an array", 0));
    }
    Ok(table)
}

fn encode_array(value: &Zval, depth: usize) -> PhpResult<FieldArray> {
    let inner = nested(depth)?;
    let mut array = FieldArray::default();
    if let Some(object) = value.object() {
        if let Some(entries) = collection_entries(object).array() {
            for pair in entries.values() {
                let (kind, v) = typed_pair(pair)?;
                array.push(encode_value(kind, &v, inner)?);
            }
        }
    } else if let Some(entries) = value.array() {
        for pair in entries.values() {
            let (kind, v) = symbol_pair(pair)?;
            array.push(encode_value(kind, &v, inner)?);
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
    let symbol = entries.get_index(0).and_then(php_string::try_bytes).unwrap_or_default();
    let symbol = String::from_utf8_lossy(&symbol);
    let kind = type_for_symbol(&symbol).ok_or_else(|| out_of_range(&symbol))?;
    Ok((kind, entries.get_index(1).map(Zval::shallow_clone).unwrap_or_default()))
}

fn encode_value(kind: i64, value: &Zval, depth: usize) -> PhpResult<AMQPValue> {
    Ok(match kind {
        T_INT_SHORTSHORT => AMQPValue::ShortShortInt(wire::integer(value, "Signed octet", -128, 127)? as i8),
        T_INT_SHORTSHORT_U => AMQPValue::ShortShortUInt(wire::integer(value, "Octet", 0, 255)? as u8),
        T_INT_SHORT => AMQPValue::ShortInt(wire::integer(value, "Signed short", -32768, 32767)? as i16),
        T_INT_SHORT_U => AMQPValue::ShortUInt(wire::integer(value, "Short", 0, 65535)? as u16),
        T_INT_LONG => AMQPValue::LongInt(wire::integer(value, "Signed long", i64::from(i32::MIN), i64::from(i32::MAX))? as i32),
        T_INT_LONG_U => AMQPValue::LongUInt(wire::integer(value, "Long", 0, i64::from(u32::MAX))? as u32),
        T_INT_LONGLONG => AMQPValue::LongLongInt(wire::integer(value, "Signed longlong", i64::MIN, i64::MAX)?),
        // RabbitMQ has no unsigned 64-bit type: php-amqplib writes 'l' for both.
        T_INT_LONGLONG_U => AMQPValue::LongLongInt(wire::unsigned_longlong(value)? as i64),
        T_FLOAT => AMQPValue::Float(value.coerce_to_double().unwrap_or(0.0) as f32),
        T_DOUBLE => AMQPValue::Double(value.coerce_to_double().unwrap_or(0.0)),
        T_DECIMAL => {
            let object = value.object().ok_or_else(|| exception(INVALID_ARGUMENT, "Decimal values must be instance of AMQPDecimal", 0))?;
            let n = object.try_call_method("getN", vec![])?;
            let e = object.try_call_method("getE", vec![])?;
            let scale = wire::integer(&e, "Octet", 0, 255)? as u8;
            let value = wire::integer(&n, "Signed long", i64::from(i32::MIN), i64::from(i32::MAX))?;
            AMQPValue::DecimalValue(DecimalValue { scale, value: value as i32 as u32 })
        }
        T_TIMESTAMP => AMQPValue::Timestamp(wire::unsigned_longlong(value)?),
        T_VOID => AMQPValue::Void,
        T_BOOL => AMQPValue::Boolean(value.coerce_to_bool()),
        T_STRING_SHORT => AMQPValue::ShortString(wire::short_string(value)?),
        T_STRING_LONG => AMQPValue::LongString(LongString::from(wire::string(value)?)),
        T_BYTES => AMQPValue::ByteArray(ByteArray::from(wire::string(value)?)),
        T_ARRAY => AMQPValue::FieldArray(encode_array(value, depth)?),
        T_TABLE => AMQPValue::FieldTable(encode_table_at(value, depth)?),
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
        php_string::insert(&mut entries, key.as_bytes(), pair)?;
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
        AMQPValue::TooDeep(AMQPType::FieldArray, _) => "A",
        AMQPValue::TooDeep(..) => "F",
    }
}

/// A received table nested deeper than mq reads (see `MAX_NESTING`): the delivery cannot be handed to PHP.
fn too_deep() -> ext_php_rs::exception::PhpException {
    exception(DATA_READ, format!("a field table or array nests deeper than {MAX_NESTING} levels"), 0)
}

/// Whether a received table holds a value nested too deep to read (checked before anything is built).
pub fn is_too_deep(table: &FieldTable) -> bool {
    table.inner().values().any(value_too_deep)
}

fn value_too_deep(value: &AMQPValue) -> bool {
    match value {
        AMQPValue::TooDeep(..) => true,
        AMQPValue::FieldTable(t) => is_too_deep(t),
        AMQPValue::FieldArray(a) => a.as_slice().iter().any(value_too_deep),
        _ => false,
    }
}

/// A received table as the `AMQPTable` object php-amqplib hands out (entries as `[type, value]` pairs).
pub fn decode_table(table: &FieldTable) -> PhpResult<Zval> {
    let mut entries = ZendHashTable::with_capacity(table.inner().len() as u32);
    for (key, value) in table {
        php_string::insert(&mut entries, key.as_bytes(), decode_pair(value)?)?;
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
        // The octet as php-amqplib's reader keeps it (0 or 1): getNativeData() makes it a bool.
        AMQPValue::Boolean(v) => pair(T_BOOL, i64::from(*v)),
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
        AMQPValue::ShortString(s) => pair(T_STRING_SHORT, classes::binary(s.as_bytes())),
        AMQPValue::LongString(s) => pair(T_STRING_LONG, classes::binary(s.as_bytes())),
        AMQPValue::FieldArray(a) => pair(T_ARRAY, decode_array(a)?),
        AMQPValue::Timestamp(t) => pair(T_TIMESTAMP, *t as i64),
        AMQPValue::FieldTable(t) => pair(T_TABLE, decode_table(t)?),
        AMQPValue::ByteArray(b) => pair(T_BYTES, classes::binary(b.as_slice())),
        AMQPValue::Void => pair(T_VOID, ()),
        AMQPValue::TooDeep(..) => Err(too_deep()),
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
