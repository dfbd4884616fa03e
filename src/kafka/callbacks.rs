//! The PHP callbacks of a client (copied from its Conf) and how events reach them: always on the PHP
//! thread, after librdkafka's poll returned, with php-rdkafka's argument order.

use ext_php_rs::{convert::IntoZvalDyn, exception::PhpResult, types::Zval};

use super::{
    context::{Context, Event},
    message::bytes,
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
}

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
        }
    }
}

/// Which events the context must record: those PHP has a callback for.
#[derive(Clone, Copy, Default)]
pub struct Wants {
    pub delivery: bool,
    pub error: bool,
    pub rebalance: bool,
    pub log: bool,
    pub stats: bool,
    pub offset_commit: bool,
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
        }
    }

    /// Calls the callback of one event with `$kafka` first. Returns false when the callback threw: the
    /// exception stays pending and reaches the PHP caller, the remaining events wait for the next poll.
    pub fn dispatch(&self, kafka: &Zval, event: Event) -> PhpResult<bool> {
        let call = |cb: &Option<Zval>, args: Vec<&dyn IntoZvalDyn>| match cb {
            Some(cb) => cb.try_call(args).map(|_| true).or_else(|e| match e {
                ext_php_rs::error::Error::ExceptionPending { .. } => Ok(false),
                e => Err(e.into()),
            }),
            None => Ok(true),
        };
        match event {
            Event::Delivery(delivered) => {
                let message = delivered.fields().into_php()?.0;
                call(&self.dr_msg, vec![kafka, &message])
            }
            Event::Error { code, reason } => call(&self.error, vec![kafka, &i64::from(code), &reason]),
            Event::Log { level, facility, message } => {
                call(&self.log, vec![kafka, &i64::from(level), &facility, &message])
            }
            Event::Stats(json) => call(&self.stats, vec![kafka, &bytes(json.as_bytes()), &(json.len() as i64)]),
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
