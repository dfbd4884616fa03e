//! Between lapin's deliveries and php-amqplib's `AMQPMessage` objects (a class written in PHP, see
//! `php/AMQPMessage.php`): building received messages, reading published ones.

use ext_php_rs::{
    convert::IntoZval,
    exception::PhpResult,
    types::{ZendHashTable, ZendObject, Zval},
    zend::ClassEntry,
};
use lapin::{message::Delivery, types::ShortString, BasicProperties};

use super::{exceptions::INVALID_ARGUMENT, table, wire};
use crate::{classes::{self, Name}, exceptions::exception, php_string};

pub const CLASS: &str = "PhpAmqpLib\\Message\\AMQPMessage";

thread_local! {
    /// The class, once looked up in this request (a PHP-source class: compiled per request, so forgotten
    /// at its end, `forget_class`). A lookup by name lowercases and hashes it: 3 % of consuming.
    static MESSAGE_CLASS: std::cell::Cell<Option<&'static ClassEntry>> = const { std::cell::Cell::new(None) };
}

fn message_class() -> PhpResult<&'static ClassEntry> {
    if let Some(ce) = MESSAGE_CLASS.get() {
        return Ok(ce);
    }
    let ce = ClassEntry::try_find(CLASS).ok_or_else(|| exception(INVALID_ARGUMENT, "AMQPMessage cannot be loaded", 0))?;
    MESSAGE_CLASS.set(Some(ce));
    Ok(ce)
}

/// At request shutdown: the class entry ends with the request.
pub fn forget_class() {
    MESSAGE_CLASS.set(None);
}

/// How a message reached us: from a consumer (with its tag) or from basic_get (with the queue's count).
pub enum Origin<'a> {
    Consumer(&'a [u8]),
    Get(u32),
}

/// A received message, its delivery fields set as php-amqplib's channel sets them. Past `kept` bytes
/// (setBodySizeLimit) the body is cut and the message marked truncated.
pub fn received(channel: &Zval, delivery: &Delivery, origin: Origin, kept: Option<usize>) -> PhpResult<Zval> {
    let ce = message_class()?;
    let mut object = ZendObject::new(ce);
    let mut info = ZendHashTable::with_capacity(7);
    let insert = |info: &mut ZendHashTable, key: &Name, value: Zval| classes::insert_named(info, key, value);
    insert(&mut info, &names::CHANNEL, channel.shallow_clone())?;
    insert(&mut info, &names::DELIVERY_TAG_KEY, (delivery.delivery_tag as i64).into_zval(false)?)?;
    insert(&mut info, &names::REDELIVERED, delivery.redelivered.into_zval(false)?)?;
    insert(&mut info, &names::EXCHANGE, wire::text_bytes(&delivery.exchange))?;
    insert(&mut info, &names::ROUTING_KEY_KEY, wire::text_bytes(&delivery.routing_key))?;
    let properties = properties_array(&delivery.properties)?;
    let set = |object: &mut ZendObject, name: &Name, value: Zval| classes::write_named(object, ce, name, value);
    match origin {
        Origin::Consumer(tag) => {
            insert(&mut info, &names::CONSUMER_TAG_KEY, classes::binary(tag))?;
            set(&mut object, &names::CONSUMER_TAG, classes::binary(tag));
        }
        Origin::Get(count) => {
            insert(&mut info, &names::MESSAGE_COUNT_KEY, i64::from(count).into_zval(false)?)?;
            set(&mut object, &names::MESSAGE_COUNT, i64::from(count).into_zval(false)?);
        }
    }
    let body = match kept.filter(|&k| k < delivery.data.len()) {
        Some(kept) => {
            set(&mut object, &names::IS_TRUNCATED, true.into_zval(false)?);
            &delivery.data[..kept]
        }
        None => &delivery.data[..],
    };
    set(&mut object, &names::BODY, classes::binary(body));
    set(&mut object, &names::BODY_SIZE, (delivery.data.len() as i64).into_zval(false)?);
    set(&mut object, &names::CHANNEL, channel.shallow_clone());
    set(&mut object, &names::DELIVERY_TAG, (delivery.delivery_tag as i64).into_zval(false)?);
    set(&mut object, &names::REDELIVERED, delivery.redelivered.into_zval(false)?);
    set(&mut object, &names::EXCHANGE, wire::text_bytes(&delivery.exchange));
    set(&mut object, &names::ROUTING_KEY, wire::text_bytes(&delivery.routing_key));
    set(&mut object, &names::DELIVERY_INFO, info.into_zval(false)?);
    set(&mut object, &names::PROPERTIES, properties.into_zval(false)?);
    object.into_zval(false).map_err(Into::into)
}

/// The names `received` writes for every message, interned at module start (`classes::Name`).
mod names {
    use crate::classes::Name;

    pub static CHANNEL: Name = Name::new("channel");
    pub static DELIVERY_TAG_KEY: Name = Name::new("delivery_tag");
    pub static REDELIVERED: Name = Name::new("redelivered");
    pub static EXCHANGE: Name = Name::new("exchange");
    pub static ROUTING_KEY_KEY: Name = Name::new("routing_key");
    pub static CONSUMER_TAG_KEY: Name = Name::new("consumer_tag");
    pub static MESSAGE_COUNT_KEY: Name = Name::new("message_count");
    pub static CONSUMER_TAG: Name = Name::new("consumerTag");
    pub static MESSAGE_COUNT: Name = Name::new("messageCount");
    pub static IS_TRUNCATED: Name = Name::new("is_truncated");
    pub static BODY: Name = Name::new("body");
    pub static BODY_SIZE: Name = Name::new("body_size");
    pub static DELIVERY_TAG: Name = Name::new("deliveryTag");
    pub static ROUTING_KEY: Name = Name::new("routingKey");
    pub static DELIVERY_INFO: Name = Name::new("delivery_info");
    pub static PROPERTIES: Name = Name::new("properties");

    pub fn all() -> [&'static Name; 16] {
        [
            &CHANNEL, &DELIVERY_TAG_KEY, &REDELIVERED, &EXCHANGE, &ROUTING_KEY_KEY, &CONSUMER_TAG_KEY, &MESSAGE_COUNT_KEY,
            &CONSUMER_TAG, &MESSAGE_COUNT, &IS_TRUNCATED, &BODY, &BODY_SIZE, &DELIVERY_TAG, &ROUTING_KEY, &DELIVERY_INFO,
            &PROPERTIES,
        ]
    }
}

/// At module startup: the names `received` writes (see `classes::Name`).
pub fn intern_names() {
    Name::intern(&names::all());
}

/// A returned (unroutable mandatory) message: body and properties, no delivery fields.
pub fn returned(delivery: &Delivery) -> PhpResult<Zval> {
    let ce = message_class()?;
    let mut object = ZendObject::new(ce);
    let properties = properties_array(&delivery.properties)?;
    classes::write(&mut object, ce, "body", classes::binary(&delivery.data));
    classes::write(&mut object, ce, "body_size", (delivery.data.len() as i64).into_zval(false)?);
    classes::write(&mut object, ce, "properties", properties.into_zval(false)?);
    object.into_zval(false).map_err(Into::into)
}

/// Message properties in php-amqplib's wire order, only those present.
fn properties_array(p: &BasicProperties) -> PhpResult<ext_php_rs::boxed::ZBox<ZendHashTable>> {
    let mut a = ZendHashTable::new();
    let text = |a: &mut ZendHashTable, k: &str, v: &Option<ShortString>| -> PhpResult<()> {
        if let Some(v) = v {
            a.insert(k, wire::text_bytes(v))?;
        }
        Ok(())
    };
    text(&mut a, "content_type", p.content_type())?;
    text(&mut a, "content_encoding", p.content_encoding())?;
    if let Some(headers) = p.headers() {
        a.insert("application_headers", table::decode_table(headers)?)?;
    }
    if let Some(v) = p.delivery_mode() {
        a.insert("delivery_mode", i64::from(*v))?;
    }
    if let Some(v) = p.priority() {
        a.insert("priority", i64::from(*v))?;
    }
    text(&mut a, "correlation_id", p.correlation_id())?;
    text(&mut a, "reply_to", p.reply_to())?;
    text(&mut a, "expiration", p.expiration())?;
    text(&mut a, "message_id", p.message_id())?;
    if let Some(v) = p.timestamp() {
        a.insert("timestamp", *v as i64)?;
    }
    text(&mut a, "type", p.kind())?;
    text(&mut a, "user_id", p.user_id())?;
    text(&mut a, "app_id", p.app_id())?;
    text(&mut a, "cluster_id", p.cluster_id())?;
    Ok(a)
}

/// What basic_publish sends of a message: its body and its properties.
pub struct Outgoing {
    pub body: Body,
    pub properties: BasicProperties,
}

/// A message body: the PHP string itself, so a large body is copied once (into lapin's frames), or
/// the string PHP made of a body that was not one.
pub enum Body {
    Php(Zval),
    Converted(Vec<u8>),
}

impl Body {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Body::Php(value) => value.zend_str().map_or(&[], |s| s.as_bytes()),
            Body::Converted(bytes) => bytes,
        }
    }
}

fn short(value: &Zval) -> PhpResult<Option<ShortString>> {
    if value.is_null() {
        return Ok(None);
    }
    wire::short_string(value).map(Some)
}

fn octet(value: &Zval) -> PhpResult<Option<u8>> {
    if value.is_null() {
        return Ok(None);
    }
    Ok(Some(wire::integer(value, "Octet", 0, 255)? as u8))
}

/// Whether a received message can be handed to PHP: false when its headers nest deeper than mq reads
/// (another client published it; see `table::is_too_deep`).
pub fn readable(delivery: &Delivery) -> bool {
    delivery.properties.headers().as_ref().is_none_or(|h| !table::is_too_deep(h))
}

/// A `timestamp` property: php-amqplib's `write_longlong()` takes integers and numeric strings; anything
/// else (a DateTime) is a TypeError rather than a property silently dropped.
fn timestamp(value: &Zval) -> PhpResult<u64> {
    if value.object().is_some() || value.is_array() {
        return Err(exception(
            "TypeError",
            format!("the timestamp property must be of type int, {} given", php_string::type_name(value)),
            0,
        ));
    }
    wire::unsigned_longlong(value)
}

/// Reads an AMQPMessage (or subclass) for publishing.
pub fn outgoing(message: &Zval) -> PhpResult<Outgoing> {
    let ce = message_class()?;
    let object = message
        .object()
        .filter(|o| o.instance_of(ce))
        .ok_or_else(|| exception(INVALID_ARGUMENT, "basic_publish expects an AMQPMessage", 0))?;
    // php-amqplib measures the body with mb_strlen(): a body that is not a string is converted as PHP
    // converts it, an array is its TypeError.
    let body = classes::read(object, ce, "body");
    let body = if body.zend_str().is_some() { Body::Php(body) } else { Body::Converted(wire::string(&body)?) };
    let mut p = BasicProperties::default();
    if let Some(props) = classes::read(object, ce, "properties").array() {
        for (key, value) in php_string::entries(props) {
            let php_string::Key::Bytes(key) = key else { continue };
            p = match key.as_slice() {
                b"content_type" => match short(value)? { Some(v) => p.with_content_type(v), None => p },
                b"content_encoding" => match short(value)? { Some(v) => p.with_content_encoding(v), None => p },
                b"application_headers" => p.with_headers(table::encode_table(value)?),
                b"delivery_mode" => match octet(value)? { Some(v) => p.with_delivery_mode(v), None => p },
                b"priority" => match octet(value)? { Some(v) => p.with_priority(v), None => p },
                b"correlation_id" => match short(value)? { Some(v) => p.with_correlation_id(v), None => p },
                b"reply_to" => match short(value)? { Some(v) => p.with_reply_to(v), None => p },
                b"expiration" => match short(value)? { Some(v) => p.with_expiration(v), None => p },
                b"message_id" => match short(value)? { Some(v) => p.with_message_id(v), None => p },
                b"timestamp" if !value.is_null() => p.with_timestamp(timestamp(value)?),
                b"type" => match short(value)? { Some(v) => p.with_type(v), None => p },
                b"user_id" => match short(value)? { Some(v) => p.with_user_id(v), None => p },
                b"app_id" => match short(value)? { Some(v) => p.with_app_id(v), None => p },
                b"cluster_id" => match short(value)? { Some(v) => p.with_cluster_id(v), None => p },
                _ => p,
            };
        }
    }
    Ok(Outgoing { body, properties: p })
}
