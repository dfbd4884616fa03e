//! Deliveries handed to PHP: a consumer's callback, basic_get's message, a consumer the broker
//! cancelled, a message too deeply nested to read refused.

use ext_php_rs::{
    exception::PhpResult,
    types::{ZendClassObject, Zval},
};
use lapin::options::{BasicGetOptions, BasicRejectOptions};

use super::{
    channel::AmqpChannel,
    channel_calls::Settle,
    channel_state::ChannelState,
    deliveries::{Incoming, Subscription},
    errors,
    exceptions as ex,
    message::{self, Origin},
};
use crate::{classes, mixed::Mixed, php_string};

impl AmqpChannel {
    /// Runs a consumer callback, or ends a consumer the server cancelled. False when the event was only
    /// the end of a consumer we cancelled ourselves: nothing PHP needs to see.
    pub(super) fn dispatch(self_: &mut ZendClassObject<Self>, incoming: Incoming) -> PhpResult<bool> {
        match incoming {
            Incoming::Delivery(consumer, mut delivery) => {
                if !message::readable(&delivery) {
                    return self_.refuse_unreadable(&delivery, consumer.no_ack).map(|()| false);
                }
                delivery.delivery_tag = self_.received_tag(delivery.delivery_tag);
                Self::hand_over(self_, &consumer, &delivery)
            }
            Incoming::Carried(_, delivery) if !message::readable(&delivery) => self_.refuse_unreadable(&delivery, true).map(|()| false),
            Incoming::Carried(consumer, delivery) => Self::hand_over(self_, &consumer, &delivery),
            // The connection was lost under the consumer: it goes on on the recovered one.
            Incoming::Ended(_) | Incoming::Failed(_) if self_.recoverable() => self_.reopen().map(|()| false),
            // basic_cancel did the rest; the tag may be a new consumer's by now.
            Incoming::Ended(consumer) if consumer.cancelled() => Ok(false),
            Incoming::Ended(consumer) => {
                self_.forget_consumer(&consumer.tag);
                let mut callbacks = Self::callbacks(self_);
                if !php_string::remove(&mut callbacks, &consumer.tag) {
                    return Ok(false);
                }
                Self::set_callbacks(self_, callbacks)?;
                Err(crate::exceptions::construct(ex::BASIC_CANCEL, vec![&classes::binary(&consumer.tag)]))
            }
            // Not caused by any call of ours: the close frame names the method, if any.
            Incoming::Failed(error) => Err(self_.ended(&error, errors::NO_METHOD)),
        }
    }

    /// Runs the consumer's callback with the message of `delivery`, whose tag is PHP's.
    fn hand_over(self_: &mut ZendClassObject<Self>, consumer: &Subscription, delivery: &lapin::message::Delivery) -> PhpResult<bool> {
        let this = Self::this(self_);
        let msg = message::received(&this, delivery, Origin::Consumer(&consumer.tag), self_.kept_body())?;
        let callbacks = Self::prop(self_, "callbacks");
        let callback = callbacks.array().and_then(|c| php_string::get(c, &consumer.tag)).map(Zval::shallow_clone);
        if let Some(callback) = callback.filter(Zval::is_callable) {
            callback.try_call(vec![&msg])?;
        }
        Ok(true)
    }

    /// basic_get's work: one message, or null.
    pub(super) fn get(self_: &mut ZendClassObject<Self>, queue: &Mixed, no_ack: bool) -> PhpResult<Zval> {
        let queue = queue.name()?;
        // Not made again after a loss it met with no_ack: a lost answer took its message with it, and the
        // program is told (see `call_once`).
        match self_.call_with(|channel| Box::pin(channel.basic_get(self_.queue_or_last(&queue), BasicGetOptions { no_ack })), errors::BASIC_GET, !no_ack)? {
            Some(got) if !message::readable(&got.delivery) => {
                self_.refuse_unreadable(&got.delivery, no_ack)?;
                Ok(Zval::new())
            }
            Some(mut got) => {
                got.delivery.delivery_tag = self_.received_tag(got.delivery.delivery_tag);
                let this = Self::this(self_);
                message::received(&this, &got.delivery, Origin::Get(got.message_count), self_.kept_body())
            }
            None => Ok(Zval::new()),
        }
    }
}

impl ChannelState {
    /// A delivery whose headers nest deeper than mq reads (published by another client): rejected
    /// without requeueing, so the broker dead-letters it (when the queue has a dead-letter exchange)
    /// instead of offering it to every consumer in turn, and reported as a warning; the consumer goes on.
    fn refuse_unreadable(&self, delivery: &lapin::message::Delivery, no_ack: bool) -> PhpResult<()> {
        if !no_ack {
            self.settle(delivery.delivery_tag, Settle::Reject(BasicRejectOptions { requeue: false }))?;
        }
        ext_php_rs::error::php_error(
            &ext_php_rs::flags::ErrorType::Warning,
            &format!(
                "mq: a message from exchange '{}' with routing key '{}' has headers nested deeper than {} levels; it was {}",
                delivery.exchange.as_str(),
                delivery.routing_key.as_str(),
                lapin::types::MAX_NESTING,
                if no_ack { "dropped (no_ack consumer)" } else { "rejected (dead-lettered if the queue has a dead-letter exchange)" },
            ),
        );
        Ok(())
    }
}
