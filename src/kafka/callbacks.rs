//! The PHP callbacks of a client (copied from its Conf) and how events reach them: always on the PHP
//! thread, after librdkafka's poll returned, with php-rdkafka's argument order.
//!
//! Callbacks live in the Rust state of the Conf and client objects, as php-rdkafka keeps them in C: the
//! objects have no properties to print, serialize or cast to an array, as php-rdkafka's have none. They
//! are reported to PHP's cycle collector (`held_values`): a closure capturing its own client (or a
//! service holding it) is collected like any PHP cycle.

use ext_php_rs::{
    class::RegisteredClass,
    convert::IntoZvalDyn,
    exception::PhpResult,
    types::{ZendClassObject, Zval},
};

use crate::{classes, held_values::HeldValues};

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

/// A client (or Conf) sharing the callbacks, not copying the closures.
impl Clone for Callbacks {
    fn clone(&self) -> Self {
        let copy = |cb: &Option<Zval>| cb.as_ref().map(Zval::shallow_clone);
        Callbacks {
            dr_msg: copy(&self.dr_msg),
            error: copy(&self.error),
            rebalance: copy(&self.rebalance),
            log: copy(&self.log),
            stats: copy(&self.stats),
            offset_commit: copy(&self.offset_commit),
            consume: copy(&self.consume),
            oauthbearer_token_refresh: copy(&self.oauthbearer_token_refresh),
        }
    }
}

impl Callbacks {
    /// The callbacks by php-rdkafka's names for them (`setErrorCb()` sets `error_cb`).
    pub fn named(&self) -> [(&'static str, &Option<Zval>); 8] {
        [
            ("dr_msg_cb", &self.dr_msg),
            ("error_cb", &self.error),
            ("rebalance_cb", &self.rebalance),
            ("log_cb", &self.log),
            ("stats_cb", &self.stats),
            ("offset_commit_cb", &self.offset_commit),
            ("consume_cb", &self.consume),
            ("oauthbearer_token_refresh_cb", &self.oauthbearer_token_refresh),
        ]
    }

    /// Each callback set, for the cycle collector.
    pub fn each(&self, each: &mut dyn FnMut(&Zval)) {
        self.named().into_iter().filter_map(|(_, cb)| cb.as_ref()).for_each(each);
    }
}

/// A client object: the callbacks it was made with.
pub trait Client: RegisteredClass {
    fn callbacks(&self) -> &Callbacks;
}

/// A client's callbacks are the PHP values it holds.
impl<T: Client> HeldValues for T {
    fn each_held(&self, each: &mut dyn FnMut(&Zval)) {
        self.callbacks().each(each);
    }
}

/// The callbacks of a client object, and the object itself as the callbacks' `$kafka`.
pub fn of_client<T: Client>(client: &mut ZendClassObject<T>) -> (Callbacks, Zval) {
    let callbacks = client.callbacks().clone();
    (callbacks, classes::object(client.get_mut_zend_obj()))
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
