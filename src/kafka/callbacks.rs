//! The PHP callbacks of a client (copied from its Conf) and how events reach them: always on the PHP
//! thread, after librdkafka's poll returned, with php-rdkafka's argument order.
//!
//! Callbacks live in private properties of the Conf and client objects, where PHP's cycle collector sees
//! them: a closure capturing its own client (or a service holding it) is collected like any PHP cycle.


use ext_php_rs::{
    builders::ClassBuilder,
    class::RegisteredClass,
    convert::IntoZvalDyn,
    exception::{PhpException, PhpResult},
    flags::PropertyFlags,
    types::{ZendClassObject, ZendObject, Zval},
    zend::ClassEntry,
};

use crate::classes;

use super::{
    context::{Context, Event, Wants},
    topic_partition,
};

#[derive(Default)]
pub struct Callbacks {
    pub dr_msg: Option<Zval>,
    pub error: Option<Zval>,
    pub rebalance: Option<Zval>,
    pub log: Option<Zval>,
    pub stats: Option<Zval>,
    pub offset_commit: Option<Zval>,
    pub consume: Option<Zval>,
    pub oauthbearer_token_refresh: Option<Zval>,
}

/// The properties holding the callbacks (php-rdkafka's names where it declares them).
const PROPERTIES: [&str; 8] = [
    "dr_msg_cb",
    "error_cb",
    "rebalance_cb",
    "log_cb",
    "stats_cb",
    "offset_commit_cb",
    "consume_cb",
    "oauthbearer_token_refresh_cb",
];

/// Declares the callback properties (private, null) on a class: `#[php(modifier = ...)]`.
pub fn declare_properties(mut builder: ClassBuilder) -> ClassBuilder {
    for name in PROPERTIES {
        builder = builder.property(classes::property(name, PropertyFlags::Private, classes::Initial::Null));
    }
    builder
}

/// Writes one callback property of `object`, declared by `scope` (so private access works, also on
/// userland subclasses).
pub fn store(scope: &ClassEntry, object: &ZendObject, name: &str, value: &Zval) {
    classes::write(object, scope, name, value.shallow_clone());
}

/// Moves a new client's callbacks into the properties of the object under construction (`$this` of
/// the running constructor: ext-php-rs constructors only return the Rust value).
pub fn store_on_this(callbacks: Callbacks, scope: &ClassEntry) -> PhpResult<()> {
    let this = classes::this_of_current_call()
        .ok_or_else(|| PhpException::from_message("RdKafka: a client constructor ran without $this".into()))?;
    callbacks.write(scope, this);
    Ok(())
}

impl Callbacks {
    /// The callbacks held by `object`'s properties.
    pub fn read(scope: &ClassEntry, object: &ZendObject) -> Self {
        let mut values = PROPERTIES
            .map(|name| Some(classes::read(object, scope, name)).filter(|z| !z.is_null()))
            .into_iter();
        let mut next = || values.next().flatten();
        Callbacks {
            dr_msg: next(),
            error: next(),
            rebalance: next(),
            log: next(),
            stats: next(),
            offset_commit: next(),
            consume: next(),
            oauthbearer_token_refresh: next(),
        }
    }

    /// Moves the callbacks into `object`'s properties.
    pub fn write(self, scope: &ClassEntry, object: &ZendObject) {
        let values = [
            self.dr_msg,
            self.error,
            self.rebalance,
            self.log,
            self.stats,
            self.offset_commit,
            self.consume,
            self.oauthbearer_token_refresh,
        ];
        for (name, value) in PROPERTIES.into_iter().zip(values) {
            if let Some(value) = value {
                store(scope, object, name, &value);
            }
        }
    }
}

/// The callbacks of a client object, and the object itself as the callbacks' `$kafka`.
pub fn of_client<T: RegisteredClass>(client: &mut ZendClassObject<T>) -> (Callbacks, Zval) {
    let callbacks = Callbacks::read(T::get_metadata().ce(), &client.std);
    (callbacks, crate::classes::object(client.get_mut_zend_obj()))
}

impl Callbacks {
    pub fn wants(&self) -> Wants {
        Wants {
            delivery: self.dr_msg.is_some(),
            error: self.error.is_some(),
            rebalance: self.rebalance.is_some(),
            log: self.log.is_some(),
            stats: self.stats.is_some(),
            offset_commit: self.offset_commit.is_some(),
            consume: self.consume.is_some(),
            oauthbearer_token_refresh: self.oauthbearer_token_refresh.is_some(),
        }
    }

    /// php-rdkafka's consume_cb, with its reversed arguments `($message, $kafka)`; false when it threw.
    pub fn consumed(&self, message: &Zval, kafka: &Zval) -> PhpResult<bool> {
        call(&self.consume, vec![message, kafka])
    }

    /// Calls the callback of one event with `$kafka` first. Returns false when the callback threw: the
    /// exception stays pending and reaches the PHP caller, the remaining events wait for the next poll.
    pub fn dispatch(&self, kafka: &Zval, event: Event) -> PhpResult<bool> {
        match event {
            Event::Delivery(delivered) => {
                let message = delivered.fields().into_php()?.0;
                call(&self.dr_msg, vec![kafka, &message])
            }
            Event::Error { code, reason } => call(&self.error, vec![kafka, &i64::from(code), &reason]),
            Event::Log { level, facility, message } => {
                call(&self.log, vec![kafka, &i64::from(level), &facility, &message])
            }
            Event::Stats(json) => call(&self.stats, vec![kafka, &classes::binary(json.as_bytes()), &(json.len() as i64)]),
            Event::Rebalance { err, partitions } => {
                let partitions = topic_partition::to_php(partitions)?;
                call(&self.rebalance, vec![kafka, &i64::from(err), &partitions])
            }
            Event::OffsetCommit { err, partitions } => {
                let partitions = topic_partition::to_php(partitions)?;
                call(&self.offset_commit, vec![kafka, &i64::from(err), &partitions])
            }
        }
    }
}

/// Calls an optional callback; false when it threw (the exception stays pending for the PHP caller).
fn call(cb: &Option<Zval>, args: Vec<&dyn IntoZvalDyn>) -> PhpResult<bool> {
    match cb {
        Some(cb) => cb.try_call(args).map(|_| true).or_else(|e| match e {
            ext_php_rs::error::Error::ExceptionPending { .. } => Ok(false),
            e => Err(e.into()),
        }),
        None => Ok(true),
    }
}

/// Hands every recorded event of `context` to its callback, `$kafka` being the client object. Returns
/// false when a callback threw (the exception is pending; later events wait for the next call).
pub fn drain(context: &Context, callbacks: &Callbacks, kafka: &Zval) -> PhpResult<bool> {
    while let Some(event) = context.next_event() {
        if !callbacks.dispatch(kafka, event)? {
            return Ok(false);
        }
    }
    Ok(true)
}
