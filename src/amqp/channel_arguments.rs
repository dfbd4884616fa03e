//! AMQPChannel's arguments as php-amqplib reads them: names, `$arguments` tables, bindings, timeouts.

use std::time::Duration;

use ext_php_rs::{exception::PhpResult, types::Zval};
use lapin::types::{FieldTable, ShortString};

use super::{table, topology, wire};
use crate::mixed::Mixed;

/// A binding as php-amqplib's arguments give it (`Topology` records it once the broker bound it).
pub(super) fn binding(destination: &Zval, to_queue: bool, source: &Zval, routing_key: &Mixed, arguments: &Mixed) -> PhpResult<topology::Binding> {
    Ok(topology::Binding { destination: name(destination)?, to_queue, source: name(source)?, routing_key: routing_key.name()?, arguments: arguments.table()? })
}

/// A php-amqplib timeout argument (see `wire::timeout`); a default is no limit.
pub(super) fn seconds(value: &Mixed, what: &str) -> PhpResult<Option<Duration>> {
    match value.given() {
        Some(given) => wire::timeout(given, what),
        None => Ok(wire::seconds_limit(value.float()).unwrap_or(None)),
    }
}

/// PHP's gettype() of a value, for php-amqplib's argument errors.
pub(super) fn php_type(value: &Zval) -> &'static str {
    use ext_php_rs::flags::DataType::*;
    match value.get_type() {
        Null => "NULL",
        False | True | Bool => "boolean",
        Long => "integer",
        Double => "double",
        String => "string",
        Array => "array",
        Object(_) => "object",
        _ => "unknown type",
    }
}

/// A name argument (queue, exchange, routing key, consumer tag): a short string of any bytes.
pub(super) fn name(value: &Zval) -> PhpResult<ShortString> {
    wire::short_string(value)
}

impl Mixed<'_> {
    /// A name argument with a default (see `name`).
    pub(super) fn name(&self) -> PhpResult<ShortString> {
        match self.given() {
            Some(given) => name(given),
            None => wire::short_bytes(self.text().into_bytes()),
        }
    }

    /// An `$arguments` table (AMQPTable or legacy array); null and `[]` are empty.
    pub(super) fn table(&self) -> PhpResult<FieldTable> {
        self.given().map_or_else(|| Ok(FieldTable::default()), table::encode_table)
    }
}
