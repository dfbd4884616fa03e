//! Publishing: a publish's frames queued without waiting (see `pipeline`), its route shared with the
//! previous one, and in confirm mode its place in the unconfirmed map under its delivery tag.

use std::{rc::Rc, task::Poll};

use ext_php_rs::{exception::PhpResult, types::Zval};
use lapin::{options::BasicPublishOptions, BasicProperties, DirectPublish};

use super::{
    channel_state::{Batched, ChannelState, LastRoute, Route},
    errors::{self, channel_error},
    exceptions as ex,
    message,
    pipeline::Written,
    wire,
};
use crate::{exceptions::exception, mixed::Mixed, runtime};

/// Every how many confirmed publishes `publish` reads the acks that came meanwhile.
const ACKS_READ_EVERY: u64 = 64;

impl ChannelState {
    /// A publish's route, shared with the previous publish's when it is the same: the same PHP strings
    /// (or their bytes) first, so a loop publishing to one queue builds no short strings.
    pub(super) fn route_of(&self, exchange: &Mixed, routing_key: &Mixed, mandatory: bool, immediate: bool) -> PhpResult<Rc<Route>> {
        let names = [exchange.given().filter(|z| z.is_string()), routing_key.given().filter(|z| z.is_string())];
        if let (Some(last), [Some(exchange), Some(routing_key)]) = (&*self.last_route.borrow(), names) {
            let same = (last.route.mandatory, last.route.immediate) == (mandatory, immediate)
                && same_string(exchange, &last.names[0])
                && same_string(routing_key, &last.names[1]);
            if same {
                return Ok(last.route.clone());
            }
        }
        // Converting a name may run PHP code (`__toString`), which may publish: no borrow held here.
        let route = Route { exchange: exchange.name()?, routing_key: routing_key.name()?, mandatory, immediate };
        let mut last = self.last_route.borrow_mut();
        let route = match &*last {
            Some(same) if *same.route == route => same.route.clone(),
            _ => Rc::new(route),
        };
        // Names that are not strings are kept as null, which no later name matches.
        let names = names.map(|name| name.map(Zval::shallow_clone).unwrap_or_default());
        *last = Some(LastRoute { route: route.clone(), names });
        Ok(route)
    }

    /// Queues a publish without waiting for the broker or the I/O thread (see `runtime::poll_once` and
    /// `pipeline`); in confirm mode the message waits for its ack or nack under its delivery tag, which
    /// `basic_publish` also sets as the message's delivery info (`$tag_message`), as php-amqplib's does;
    /// its `publish_batch` leaves the message's delivery info as it was. `built`: the message's frames'
    /// content, when the caller built it already.
    pub(super) fn publish(&self, publishing: Batched, built: Option<message::Outgoing>, tag_message: bool) -> PhpResult<()> {
        self.check()?;
        self.joins_transaction();
        let tag = self.next_tag.get();
        if tag > 0 && self.session.recovery() && self.unconfirmed.borrow().len() >= crate::ini::amqp_replay_buffer() {
            return Err(exception(
                ex::RUNTIME,
                format!(
                    "{} publishes are waiting for their confirm, as many as mq.amqp_replay_buffer keeps to publish again after a reconnect: wait for confirms (wait_for_pending_acks) before publishing more",
                    self.unconfirmed.borrow().len()
                ),
                0,
            ));
        }
        let confirm_tag = (tag > 0).then_some(tag);
        let unwritten = match self.write_frames(&publishing, built, confirm_tag) {
            Ok(unwritten) => unwritten,
            // The connection was found lost at this publish (its frames were not queued): recover, then
            // publish it on the new channel.
            Err(e) if !self.recoverable() => return Err(e),
            Err(_) => {
                self.reopen()?;
                self.write_frames(&publishing, None, confirm_tag)?
            }
        };
        // From here PHP code may run (setDeliveryInfo, where async signal handlers run too; the
        // pipeline's wait, which dispatches signals), and a handler may publish on this channel: this
        // publish's tag is taken and it waits for its confirm first.
        let mut delivery_info: PhpResult<()> = Ok(());
        if tag > 0 {
            self.next_tag.set(tag + 1);
            let (msg, route) = (publishing.msg.shallow_clone(), publishing.route.clone());
            self.unconfirmed.borrow_mut().insert(tag, publishing);
            if let Some(object) = msg.object().filter(|_| tag_message) {
                let (exchange, routing_key) = (wire::text_bytes(&route.exchange), wire::text_bytes(&route.routing_key));
                delivery_info = object.try_call_method("setDeliveryInfo", vec![&(tag as i64), &false, &exchange, &routing_key]).map(drop).map_err(Into::into);
            }
        } else if publishing.route.mandatory {
            self.watch_returns.set(true);
        }
        if let Some((written, bytes)) = unwritten {
            self.link().pipeline.push(written, tag > 0, bytes)?;
        }
        // The acks of a burst of confirmed publishes are read here now and then: lapin's I/O thread
        // then sleeps through the burst instead of waking for each batch of them.
        if tag % ACKS_READ_EVERY == 0 && tag > 0 {
            self.link().read_arrived();
        }
        delivery_info
    }

    /// A publish replayed after a reconnect under the confirm tag PHP was given (see `write_frames`).
    pub(super) fn publish_frames(&self, p: &Batched, tag: u64) -> PhpResult<()> {
        if let Some((written, bytes)) = self.write_frames(p, None, Some(tag))? {
            self.link().pipeline.push(written, true, bytes)?;
        }
        Ok(())
    }

    /// Writes a publish's frames, or queues them; returns what is still to be written, for the pipeline
    /// (see `pipeline`), with its weight there (body and headers). With a confirm tag, its confirm
    /// settles that tag (a replayed publish keeps the tag PHP was given).
    fn write_frames(&self, p: &Batched, built: Option<message::Outgoing>, tag: Option<u64>) -> PhpResult<Option<(Written, usize)>> {
        let message::Outgoing { body, properties } = match built {
            Some(built) => built,
            None => message::outgoing(&p.msg)?,
        };
        let Route { exchange, routing_key, mandatory, immediate } = &*p.route;
        let options = BasicPublishOptions { mandatory: *mandatory, immediate: *immediate };
        // What the publish weighs in the pipeline's window: its body and its headers table.
        let weight = |properties: &BasicProperties| body.bytes().len() + headers_size(properties);
        let channel = self.channel.borrow();
        // While lapin's I/O thread lends the socket, the publish is serialized onto it here without
        // lapin's frames and promise (lapin's PATCHED.md); otherwise lapin copies the body into its
        // frames (the future keeps no reference to it) and, in confirm mode, gives it its delivery tag.
        let pending: Option<(Written, usize)> = match channel.basic_publish_direct(exchange, routing_key, options, body.bytes(), &properties) {
            Some(DirectPublish::Written) => None,
            Some(DirectPublish::Writing(rest)) => Some((rest, weight(&properties))),
            None => {
                let weight = weight(&properties);
                let queued = channel.basic_publish(exchange.clone(), routing_key.clone(), options, body.bytes(), properties);
                let mut written: Written = Box::pin(async move { queued.await.map(drop) });
                match runtime::poll_once(&mut written)? {
                    // The channel closed since `check()`: the broker's reason, as for a call (`call`); a
                    // lost connection that recovery handles, or one lost again while recovery publishes
                    // again on it, is left to `publish` or `reopen` (closed_by_peer would close the
                    // channel for good).
                    Poll::Ready(Err(e)) if matches!(e.kind(), lapin::ErrorKind::InvalidChannelState(..)) => {
                        drop(channel);
                        let recovering = self.reopening.get() || self.recoverable();
                        return Err(if recovering { channel_error(&e, errors::BASIC_PUBLISH) } else { self.closed_by_peer() });
                    }
                    Poll::Ready(Err(e)) => {
                        drop(channel);
                        // A socket found dead here: `publish` recovers once lapin has recorded the loss.
                        let link = self.link();
                        link.lost_under(&e);
                        return Err(link.failure(&e, errors::BASIC_PUBLISH));
                    }
                    Poll::Ready(Ok(())) => None,
                    Poll::Pending => Some((written, weight)),
                }
            }
        };
        drop(channel);
        if let Some(tag) = tag {
            self.confirms.borrow_mut().published(tag);
        }
        Ok(pending)
    }

    /// publish_batch()'s work: the batch's publishes in order. Every message is built first, as
    /// php-amqplib builds the whole batch before it writes any: one it refuses (a priority out of range)
    /// fails the batch with nothing published, and the batch stays as it was.
    pub(super) fn publish_batched(&self) -> PhpResult<()> {
        // Taken out first: building may run PHP code (a body's __toString) that batches or publishes more,
        // and each message must go with what was built of it.
        let taken = std::mem::take(&mut *self.batch.borrow_mut());
        let built = match taken.iter().map(|b| message::outgoing(&b.msg)).collect::<PhpResult<Vec<_>>>() {
            Ok(built) => built,
            Err(e) => {
                self.keep_unpublished(taken);
                return Err(e);
            }
        };
        let mut built = built.into_iter();
        let mut batch = taken.into_iter();
        while let Some(b) = batch.next() {
            if let Err(e) = self.publish(b.clone(), built.next(), false) {
                // The replay buffer was full: confirms first, then publish_batch() again.
                self.keep_unpublished(std::iter::once(b).chain(batch).collect());
                return Err(e);
            }
        }
        Ok(())
    }

    /// Puts what a publish_batch() did not publish back in the batch for the next one, ahead of what was
    /// batched meanwhile.
    fn keep_unpublished(&self, mut rest: Vec<Batched>) {
        rest.append(&mut self.batch.borrow_mut());
        *self.batch.borrow_mut() = rest;
    }
}

/// The serialized size of a publish's properties when they carry a headers table (which may be large;
/// the other properties are a few dozen bytes), else 0.
fn headers_size(properties: &BasicProperties) -> usize {
    if properties.headers().is_none() {
        return 0;
    }
    let context = amq_protocol::frame::WriteContext::from(Vec::new());
    amq_protocol::protocol::basic::gen_properties(properties)(context).map_or(0, |c| c.write.len())
}

/// Whether `name` (a PHP string) is the string `last` holds: the same zend_string (a variable passed
/// again, an interned literal), else the same bytes.
fn same_string(name: &Zval, last: &Zval) -> bool {
    match (name.zend_str(), last.zend_str()) {
        (Some(name), Some(last)) => std::ptr::eq(name, last) || name.as_bytes() == last.as_bytes(),
        _ => false,
    }
}
