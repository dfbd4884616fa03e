//! `PhpAmqpLib\Channel\AMQPChannel`: one lapin channel, its consumers and its publisher confirms.
//!
//! Deliveries and confirms are awaited by the PHP thread itself (`deliveries`, `pipeline::Confirms`);
//! `wait()` takes one at a time and only then calls PHP callbacks, outside the runtime.

use std::{
    cell::{Cell, RefCell},
    collections::BTreeMap,
    future::Future,
    pin::Pin,
    rc::Rc,
    sync::Arc,
    time::{Duration, Instant},
};

use ext_php_rs::{
    builders::ClassBuilder,
    convert::IntoZval,
    exception::PhpResult,
    flags::PropertyFlags,
    prelude::*,
    types::{ZendClassObject, ZendHashTable, ZendObject, Zval},
    zend::ClassEntry,
};
use lapin::{
    options::*,
    types::{FieldTable, ShortString},
    Channel, Confirmation, ExchangeKind,
};

use super::{
    channel_setup::{self, ChannelSetup},
    channel_class::abstract_channel,
    connection::AmqpConnection,
    link::Link,
    deliveries::{Deliveries, Incoming, Subscription},
    delivery_tags::DeliveryTags,
    session::{self, Session},
    topology,
    pipeline::{Confirmed, Confirms, Written},
    errors::{self, channel_error, Method},
    exceptions as ex,
    message::{self, Origin},
    table, wire,
};
use crate::{
    php_string,
    classes::{self, property, Initial},
    mixed::{mixed, Mixed, EMPTY_ARRAY, NULL, ZERO_SIG},
    exceptions::exception,
    runtime::{self, Waited},
};

/// A publish kept by batch_basic_publish until publish_batch, or until its confirm.
struct Batched {
    msg: Zval,
    route: Rc<Route>,
}

impl Clone for Batched {
    fn clone(&self) -> Self {
        Batched { msg: self.msg.shallow_clone(), route: self.route.clone() }
    }
}

/// Where a publish goes. Consecutive publishes to the same place share one (`AmqpChannel::route`):
/// 200 000 messages awaiting their confirm keep one copy of the names, not one each.
#[derive(PartialEq)]
struct Route {
    exchange: ShortString,
    routing_key: ShortString,
    mandatory: bool,
    immediate: bool,
}

/// AMQPChannel's own class entry: the scope its private properties are declared in.
fn own_class() -> &'static ClassEntry {
    <AmqpChannel as ext_php_rs::class::RegisteredClass>::get_metadata().ce()
}

/// PHP values the channel keeps live in ordinary properties, where the cycle collector sees them:
/// consumer callbacks (php-amqplib's public `$callbacks`), confirm handlers and the connection.
fn declare_properties(builder: ClassBuilder) -> ClassBuilder {
    builder
        .property(property("callbacks", PropertyFlags::Public, Initial::EmptyArray))
        .property(property("connection", PropertyFlags::Protected, Initial::Null))
        .property(property("ack_handler", PropertyFlags::Private, Initial::Null))
        .property(property("nack_handler", PropertyFlags::Private, Initial::Null))
        .property(property("basic_return_callback", PropertyFlags::Private, Initial::Null))
        // php-amqplib's map of unconfirmed messages, declared for code that reflects on it (php-amqplib's
        // own TopicExchangeTest); mq keeps them natively, so it stays empty.
        .property(property("published_messages", PropertyFlags::Private, Initial::EmptyArray))
}

#[php_class]
#[php(name = "PhpAmqpLib\\Channel\\AMQPChannel")]
#[php(extends(ce = abstract_channel, stub = "\\PhpAmqpLib\\Channel\\AbstractChannel"))]
#[php(modifier = declare_properties)]
pub struct AmqpChannel {
    /// Dropped only in the process that opened the channel (see `Drop`).
    state: std::mem::ManuallyDrop<ChannelState>,
}

/// In a forked child, a channel inherited from the parent is left as it is: dropping lapin's state there
/// can wait forever on a lock a parent thread held at the fork (and would close nothing of use).
impl Drop for AmqpChannel {
    fn drop(&mut self) {
        if self.link.borrow().owner.is_current() {
            self.link().park(&self.channel());
            // SAFETY: dropped exactly once, here.
            unsafe { std::mem::ManuallyDrop::drop(&mut self.state) };
        }
    }
}

impl std::ops::Deref for AmqpChannel {
    type Target = ChannelState;

    fn deref(&self) -> &ChannelState {
        &self.state
    }
}

pub struct ChannelState {
    /// The connection across reconnects: its settings, topology and current link.
    session: Rc<Session>,
    /// The link and lapin channel in use: replaced when the channel is reopened after a recovery.
    link: RefCell<Arc<Link>>,
    channel: RefCell<Channel>,
    /// QoS, modes and consumers, for a reopen.
    setup: RefCell<ChannelSetup>,
    /// PHP's delivery tags across reopens.
    tags: Cell<DeliveryTags>,
    /// Set while reopening: the channel's own calls from signal handlers meanwhile are refused.
    reopening: Cell<bool>,
    /// The id PHP knows the channel by (`getChannelId()`, `$connection->channels`), kept across reopens.
    id: u16,
    /// The broker rolled back the open transaction with the lost connection: the next tx_commit fails.
    transaction_lost: Cell<bool>,
    deliveries: RefCell<Deliveries>,
    /// Publishes awaiting their confirm, and the answers (see `pipeline::Confirms`).
    confirms: RefCell<Confirms>,
    /// Published messages awaiting the broker's ack or nack, by delivery tag (an ordered map: a
    /// `multiple` ack settles a prefix in O(log n)); replayed in that order after a reconnect.
    unconfirmed: RefCell<BTreeMap<u64, Batched>>,
    /// Next publish's delivery tag in confirm mode; 0 outside it.
    next_tag: Cell<u64>,
    batch: RefCell<Vec<Batched>>,
    /// The latest publish's route, for the next one to share (see `route`).
    last_route: RefCell<Option<Rc<Route>>>,
    closed: Cell<bool>,
    /// Set by stopConsume(): the running consume() returns.
    stop_consuming: Cell<bool>,
    /// The failure of a `$nowait` call, raised by the next call as php-amqplib reports it.
    deferred: RefCell<Option<ext_php_rs::exception::PhpException>>,
    /// Mandatory publishes outside confirm mode: their returns are collected by wait().
    watch_returns: Cell<bool>,
    /// setBodySizeLimit(): received bodies longer than this are truncated.
    body_limit: Cell<Option<usize>>,
}

impl AmqpChannel {
    /// A new lapin channel on the session's link.
    fn opened(session: Rc<Session>) -> PhpResult<Self> {
        let link = session.link()?;
        let channel = rpc(&link, link.connection.create_channel())?.map_err(|e| channel_error(&e, errors::CHANNEL_OPEN))?;
        let id = channel.id();
        Ok(Self {
            state: std::mem::ManuallyDrop::new(ChannelState {
                session,
                link: RefCell::new(link),
                channel: RefCell::new(channel),
                setup: RefCell::default(),
                tags: Cell::default(),
                reopening: Cell::new(false),
                id,
                transaction_lost: Cell::new(false),
                deliveries: RefCell::new(Deliveries::default()),
                confirms: RefCell::new(Confirms::default()),
                unconfirmed: RefCell::new(BTreeMap::new()),
                next_tag: Cell::new(0),
                batch: RefCell::new(Vec::new()),
                last_route: RefCell::new(None),
                closed: Cell::new(false),
                stop_consuming: Cell::new(false),
                deferred: RefCell::new(None),
                watch_returns: Cell::new(false),
                body_limit: Cell::new(None),
            }),
        })
    }

    fn link(&self) -> Arc<Link> {
        self.link.borrow().clone()
    }

    /// The lapin channel in use (a handle: the calls made on it hold no borrow of this channel).
    fn channel(&self) -> Channel {
        self.channel.borrow().clone()
    }

    /// Whether the channel ended because its connection was lost in a way recovery handles (see
    /// `session::recoverable`), with recovery on and neither the channel nor the connection closed by
    /// the program. lapin stops a channel a moment before it records why: a call failing in between
    /// waits (briefly, running no PHP) for the reason, and a connection that ended without one given to
    /// the channel counts as lost.
    fn recoverable(&self) -> bool {
        if !self.session.recovery() || self.closed.get() || self.reopening.get() || self.session.current().is_none() {
            return false;
        }
        let (link, channel) = (self.link(), self.channel());
        if !link.owner.is_current() || (channel.status().connected() && link.connection.status().connected()) {
            return false;
        }
        let give_up = Instant::now() + Duration::from_secs(1);
        loop {
            match channel.status().close_reason() {
                // A reason decides: the broker closed this channel (404, 406...), or the connection
                // ended by a failure recovery handles or by one it does not (530, a frame error...).
                Some(reason) if !matches!(reason.kind(), lapin::ErrorKind::InvalidChannelState(..) | lapin::ErrorKind::InvalidConnectionState(..)) => {
                    return !reason.is_amqp_soft_error() && session::recoverable(&reason);
                }
                _ if !link.connection.status().connected() && Instant::now() >= give_up => return true,
                _ if Instant::now() >= give_up => return false,
                _ => {
                    // Runs no PHP; a signal ends the pause early, and is dispatched by the caller's next wait.
                    let _ = runtime::wait(std::future::pending::<()>(), Some(Duration::from_millis(10)));
                }
            }
        }
    }

    /// After its connection was lost: a new channel on the recovered connection (`Session::recover`)
    /// with the recorded QoS, confirm or transaction mode and consumers, then the unconfirmed publishes
    /// again, in tag order. Deliveries received before are dropped unhandled (the broker redelivers
    /// them); their acks are dropped too (`DeliveryTags`). On failure, what php-amqplib throws for the
    /// loss, and the channel stays closed.
    fn reopen(&self) -> PhpResult<()> {
        let channel = self.channel();
        let reason = channel.status().close_reason().map(|r| r.to_string()).unwrap_or_default();
        self.reopening.set(true);
        let reopened = self.reopen_on(reason);
        self.reopening.set(false);
        match reopened {
            // A signal handler's call during the reconnect (the reconnect goes on), or a signal handler's
            // exception that ended it (the next call recovers): the channel stays usable.
            Err(e) if self.session.is_recovering() || ext_php_rs::zend::ExecutorGlobals::has_exception() => Err(e),
            Err(_) => Err(self.closed_by_peer()),
            Ok(()) => Ok(()),
        }
    }

    fn reopen_on(&self, reason: String) -> PhpResult<()> {
        let lost = self.link();
        let link = self.session.recover(&lost, reason)?;
        // A signal handler may have closed this channel during the reconnect.
        if self.closed.get() {
            return Err(exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0));
        }
        let setup = {
            let mut setup = self.setup.borrow_mut();
            for (old, new) in self.session.renames() {
                setup.queue_renamed(&old, &new);
            }
            setup.clone()
        };
        let opening = async {
            let channel = link.connection.create_channel().await?;
            let mut deliveries = Deliveries::default();
            for (c, consumer) in channel_setup::replay(&setup, &channel).await? {
                deliveries.add(Subscription { tag: c.tag.as_bytes().to_vec(), no_ack: c.options.no_ack }, consumer);
            }
            Ok((channel, deliveries))
        };
        let (channel, deliveries) = rpc(&link, opening)?.map_err(|e| channel_error(&e, errors::CHANNEL_OPEN))?;
        if self.closed.get() {
            let _ = runtime::poll_once(&mut Box::pin(channel.close(200, "".into())));
            return Err(exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0));
        }
        self.transaction_lost.set(setup.transactional);
        *self.link.borrow_mut() = link;
        *self.channel.borrow_mut() = channel;
        *self.deliveries.borrow_mut() = deliveries;
        let mut tags = self.tags.get();
        tags.reopened();
        self.tags.set(tags);
        // Confirms that arrived before the loss are kept for the handlers; only the rest is published again.
        // The old link's queued publishes are dropped (no wait: they failed with it); the broker's
        // answers lapin queued before the loss are carried over.
        let _ = lost.pipeline.flush(Some(Instant::now()));
        let mut confirms = std::mem::take(&mut *self.confirms.borrow_mut()).carry_over()?;
        if self.next_tag.get() > 0 {
            confirms.listen(self.channel().confirm_events());
        }
        let pending: Vec<(u64, Batched)> =
            self.unconfirmed.borrow().iter().filter(|(tag, _)| !confirms.carries(**tag)).map(|(&tag, p)| (tag, p.clone())).collect();
        *self.confirms.borrow_mut() = confirms;
        for (tag, p) in pending {
            self.publish_frames(&p, Some(tag))?;
        }
        Ok(())
    }

    /// A consumer cancelled (by the program or the broker) is not started again by a recovery, and an
    /// auto-delete queue it was the last consumer of is not declared again.
    fn forget_consumer(&self, tag: &[u8]) {
        if let Some(consumer) = self.setup.borrow_mut().cancelled(tag) {
            self.session.topology.borrow_mut().consumer_cancelled(&consumer.queue);
        }
    }

    /// The tag PHP sees for a delivery of the current channel (see `DeliveryTags`).
    fn received_tag(&self, broker: u64) -> u64 {
        let mut tags = self.tags.get();
        let tag = tags.received(broker);
        self.tags.set(tags);
        tag
    }

    /// The broker's tag for an ack, nack or reject of `tag`; None for a delivery received before the
    /// connection was recovered (the broker redelivers it: settling it would settle another).
    fn settling(&self, tag: u64) -> PhpResult<Option<u64>> {
        self.ready()?;
        Ok(self.tags.get().to_broker(tag))
    }

    /// How much of a body setBodySizeLimit() keeps: php-amqplib keeps whole body frames up to the
    /// limit, so it is the limit rounded down to the frame payload size.
    fn kept_body(&self) -> Option<usize> {
        let limit = self.body_limit.get()?;
        let frame_payload = (self.link().connection.configuration().frame_max() as usize).saturating_sub(8).max(1);
        Some(limit / frame_payload * frame_payload)
    }

    /// Before any method but a publish: the channel is usable and earlier publishes are written.
    fn ready(&self) -> PhpResult<()> {
        self.check()?;
        self.link().flush()
    }

    /// Passes recovery's state changes, then the broker's block/unblock notices, to the connection's handlers.
    fn notify_flow(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        Self::notify_recovery(self_)?;
        let notices = self_.link().flow.take();
        if notices.is_empty() {
            return Ok(());
        }
        let connection = Self::prop(self_, "connection");
        notices.into_iter().try_for_each(|notice| super::connection::notify(&connection, notice))
    }

    /// Passes recovery's state changes (lost, recovered, failed) to the connection's handler, right
    /// after the call that recovered.
    fn notify_recovery(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        let changes = self_.session.take_notices();
        if changes.is_empty() {
            return Ok(());
        }
        let connection = Self::prop(self_, "connection");
        changes.iter().try_for_each(|change| super::connection::notify_recovery(&connection, change))
    }

    fn check(&self) -> PhpResult<()> {
        self.link().check_owner()?;
        if let Some(deferred) = self.deferred.borrow_mut().take() {
            return Err(deferred);
        }
        if self.closed.get() {
            return Err(exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0));
        }
        if self.reopening.get() {
            return Err(exception(ex::CONNECTION_CLOSED, "The channel is being recovered after its connection was lost", 0));
        }
        if !self.channel().status().connected() {
            if self.recoverable() {
                return self.reopen();
            }
            return Err(self.closed_by_peer());
        }
        Ok(())
    }

    /// The first call to find the channel closed by the broker, or its connection gone, reports why
    /// (the reply code and text of the broker's `channel.close` or `connection.close`, a lost socket, a
    /// missed heartbeat), as php-amqplib reports the close at its first read after it; the calls after
    /// find the channel closed (`closed` is set, also by every path that reported a reason already).
    fn closed_by_peer(&self) -> ext_php_rs::exception::PhpException {
        use lapin::ErrorKind::{InvalidChannelState, InvalidConnectionState};
        let ours = |e: &lapin::Error| matches!(e.kind(), InvalidChannelState(..) | InvalidConnectionState(..));
        match self.channel().status().close_reason().filter(|reason| !ours(reason)) {
            // The broker closed this channel.
            Some(reason) if reason.is_amqp_soft_error() => {
                self.closed.set(true);
                channel_error(&reason, errors::NO_METHOD)
            }
            // The connection ended: reported once, by the first of its channels to find it; the others
            // keep finding its socket gone, as php-amqplib's do.
            Some(reason) if !self.link().end_reported.swap(true, std::sync::atomic::Ordering::Relaxed) => {
                self.closed.set(true);
                channel_error(&reason, errors::NO_METHOD)
            }
            Some(_) => exception(ex::CONNECTION_CLOSED, "Broken pipe or closed connection", 0),
            None => {
                self.closed.set(true);
                exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0)
            }
        }
    }

    /// A channel RPC, bounded by the connection's RPC timeout; a failure closes our view of the channel
    /// when the server closed it. Callers run `ready()` before they make the future: a lost connection is
    /// recovered there, and the future must be made on the channel that replaces it.
    fn call<T>(&self, future: impl std::future::Future<Output = lapin::Result<T>> + Send, method: Method) -> PhpResult<T> {
        self.ready()?;
        match rpc(&self.link(), future)? {
            Ok(value) => Ok(value),
            // A state error of lapin's says only that the channel closed under the call: the broker's
            // reason, recorded before the state changed, is what php-amqplib reports.
            // The connection was lost under the call: it fails, and the channel goes on recovered.
            Err(e) if self.recoverable() => {
                self.reopen()?;
                Err(channel_error(&e, method))
            }
            Err(e) if !self.channel().status().connected() => Err(match e.kind() {
                lapin::ErrorKind::InvalidChannelState(..) | lapin::ErrorKind::InvalidConnectionState(..) => self.closed_by_peer(),
                _ => self.ended(&e, method),
            }),
            Err(e) => Err(channel_error(&e, method)),
        }
    }

    /// The exception for the failure that ended the channel, reported now: later calls find the
    /// channel closed, and the connection's other channels its socket gone (see `closed_by_peer`).
    fn ended(&self, error: &lapin::Error, method: Method) -> ext_php_rs::exception::PhpException {
        self.closed.set(true);
        if !error.is_amqp_soft_error() {
            self.link().end_reported.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        channel_error(error, method)
    }

    /// A method the broker does not answer (ack, nack, reject): queued for the I/O thread, not waited for.
    fn send(&self, future: impl std::future::Future<Output = lapin::Result<()>>, method: Method) -> PhpResult<()> {
        self.ready()?;
        match runtime::poll_once(&mut std::pin::pin!(future))? {
            // The connection was found lost just now: the delivery it settled is redelivered after the
            // recovery, so the ack or reject is dropped, as `DeliveryTags` drops one made later.
            std::task::Poll::Ready(Err(_)) if self.recoverable() => self.reopen(),
            std::task::Poll::Ready(Err(e)) => Err(channel_error(&e, method)),
            _ => Ok(()),
        }
    }

    /// A call made with php-amqplib's `$nowait`: the broker's answer is still awaited (lapin cannot
    /// skip it safely), but a failure is kept for the next call and null returned, as with php-amqplib.
    fn call_nowait<T>(
        &self,
        nowait: bool,
        future: impl std::future::Future<Output = lapin::Result<T>> + Send,
        method: Method,
    ) -> PhpResult<Option<T>> {
        match self.call(future, method) {
            Ok(value) => Ok((!nowait).then_some(value)),
            Err(e) if nowait && !ext_php_rs::zend::ExecutorGlobals::has_exception() => {
                *self.deferred.borrow_mut() = Some(e);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    fn prop(self_: &mut ZendClassObject<Self>, name: &str) -> Zval {
        let this = self_.get_mut_zend_obj();
        classes::read(this, own_class(), name)
    }

    fn set_prop(self_: &mut ZendClassObject<Self>, name: &str, value: Zval) {
        let this = self_.get_mut_zend_obj();
        classes::write(this, own_class(), name, value);
    }

    /// Removes this channel from its connection's `$channels`, as php-amqplib's close does.
    fn forget_in_connection(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        let mut connection = Self::prop(self_, "connection");
        let id = i64::from(self_.id);
        let Some(object) = connection.object_mut() else { return Ok(()) };
        let scope = object.get_class_entry();
        if let Some(mut channels) = classes::read(object, scope, "channels").array().map(|a| a.to_owned()) {
            if channels.remove_index(id).is_some() {
                classes::write(object, scope, "channels", channels.into_zval(false)?);
            }
        }
        Ok(())
    }

    fn this(self_: &mut ZendClassObject<Self>) -> Zval {
        let mut zval = Zval::new();
        zval.set_object(self_.get_mut_zend_obj());
        zval
    }

    fn consuming(self_: &mut ZendClassObject<Self>) -> bool {
        !Self::callbacks(self_).is_empty()
    }

    fn callbacks(self_: &mut ZendClassObject<Self>) -> ext_php_rs::boxed::ZBox<ZendHashTable> {
        Self::prop(self_, "callbacks").array().map(|a| a.to_owned()).unwrap_or_default()
    }

    fn set_callbacks(self_: &mut ZendClassObject<Self>, callbacks: ext_php_rs::boxed::ZBox<ZendHashTable>) -> PhpResult<()> {
        Self::set_prop(self_, "callbacks", callbacks.into_zval(false)?);
        Ok(())
    }

    fn set_handler(self_: &mut ZendClassObject<Self>, name: &str, callback: &Zval) -> PhpResult<()> {
        if !callback.is_callable() {
            return Err(exception("InvalidArgumentException", format!("{name} must be callable"), 0));
        }
        Self::set_prop(self_, name, callback.shallow_clone());
        Ok(())
    }

    /// `route`, shared with the previous publish's when they are the same.
    fn route(&self, route: Route) -> Rc<Route> {
        let mut last = self.last_route.borrow_mut();
        match &*last {
            Some(same) if **same == route => same.clone(),
            _ => last.insert(Rc::new(route)).clone(),
        }
    }

    /// Queues a publish without waiting for the broker or the I/O thread (see `runtime::poll_once` and
    /// `pipeline`); in confirm mode the message waits for its ack or nack under its delivery tag.
    fn publish(&self, publishing: Batched) -> PhpResult<()> {
        self.check()?;
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
        if let Err(e) = self.publish_frames(&publishing, (tag > 0).then_some(tag)) {
            // The connection was found lost at this publish (its frames were not queued): recover, then
            // publish it on the new channel.
            if !self.recoverable() {
                return Err(e);
            }
            self.reopen()?;
            self.publish_frames(&publishing, (tag > 0).then_some(tag))?;
        }
        if tag > 0 {
            self.next_tag.set(tag + 1);
            if let Some(object) = publishing.msg.object() {
                let (exchange, routing_key) = (wire::text_bytes(&publishing.route.exchange), wire::text_bytes(&publishing.route.routing_key));
                object.try_call_method("setDeliveryInfo", vec![&(tag as i64), &false, &exchange, &routing_key])?;
            }
            self.unconfirmed.borrow_mut().insert(tag, publishing);
        } else if publishing.route.mandatory {
            self.watch_returns.set(true);
        }
        Ok(())
    }

    /// Queues a publish's frames; with a confirm tag, its confirm settles that tag (a replayed publish
    /// keeps the tag PHP was given).
    fn publish_frames(&self, p: &Batched, tag: Option<u64>) -> PhpResult<()> {
        let message::Outgoing { body, properties } = message::outgoing(&p.msg)?;
        let Route { exchange, routing_key, mandatory, immediate } = &*p.route;
        let options = BasicPublishOptions { mandatory: *mandatory, immediate: *immediate };
        // lapin copies the body into its frames here (the future keeps no reference to it) and, in
        // confirm mode, gives the publish its delivery tag.
        let mut written: Written =
            Box::pin(self.channel.borrow().basic_publish(exchange.clone(), routing_key.clone(), options, body.bytes(), properties));
        let first = runtime::poll_once(&mut written)?;
        if let std::task::Poll::Ready(Err(e)) = &first {
            return Err(channel_error(e, errors::BASIC_PUBLISH));
        }
        // Before the pipeline may run signal handlers, which may publish too.
        if let Some(tag) = tag {
            self.confirms.borrow_mut().published(tag);
        }
        if first.is_pending() {
            self.link().pipeline.push(written, tag.is_some())?;
        }
        Ok(())
    }

    /// Runs a consumer callback, or ends a consumer the server cancelled. False when the event was only
    /// the end of a consumer we cancelled ourselves: nothing PHP needs to see.
    fn dispatch(self_: &mut ZendClassObject<Self>, incoming: Incoming) -> PhpResult<bool> {
        match incoming {
            Incoming::Delivery(consumer, mut delivery) => {
                if !message::readable(&delivery) {
                    return self_.refuse_unreadable(&delivery, consumer.no_ack).map(|()| false);
                }
                delivery.delivery_tag = self_.received_tag(delivery.delivery_tag);
                let this = Self::this(self_);
                let msg = message::received(&this, &delivery, Origin::Consumer(&consumer.tag), self_.kept_body())?;
                let callbacks = Self::prop(self_, "callbacks");
                let callback = callbacks.array().and_then(|c| php_string::get(c, &consumer.tag)).map(Zval::shallow_clone);
                if let Some(callback) = callback.filter(Zval::is_callable) {
                    callback.try_call(vec![&msg])?;
                }
                Ok(true)
            }
            // The connection was lost under the consumer: it goes on on the recovered one.
            Incoming::Ended(_) | Incoming::Failed(_) if self_.recoverable() => self_.reopen().map(|()| false),
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

    /// A delivery whose headers nest deeper than mq reads (published by another client): rejected
    /// without requeueing, so the broker dead-letters it (when the queue has a dead-letter exchange)
    /// instead of offering it to every consumer in turn, and reported as a warning; the consumer goes on.
    fn refuse_unreadable(&self, delivery: &lapin::message::Delivery, no_ack: bool) -> PhpResult<()> {
        if !no_ack {
            let channel = self.channel();
            let rejecting = channel.basic_reject(delivery.delivery_tag, BasicRejectOptions { requeue: false });
            self.send(rejecting, errors::BASIC_REJECT)?;
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

    /// Settles one confirm: the return listener for a returned message, then the ack or nack handler,
    /// each called with the very message object that was published.
    /// Hands over, up to `at_most`, the confirms the broker answered on a channel that has since ended
    /// (only then: on a live channel the waits hand them over in turn). Returns how many.
    fn settle_answered(self_: &mut ZendClassObject<Self>, at_most: usize) -> PhpResult<usize> {
        // Not through check(), which takes the deferred error and may start a recovery. With recovery on
        // the reopened channel carries the answered confirms over itself (`Confirms::carry_over`).
        let ended = |c: &Self| c.link().check_owner().is_ok() && !c.closed.get() && !c.session.recovery()
            && (c.deferred.borrow().is_some() || !c.channel().status().connected());
        let mut settled = 0;
        while settled < at_most && ended(self_) {
            let Some(confirmed) = self_.confirms.borrow_mut().try_next_answer()? else { break };
            Self::settle(self_, confirmed)?;
            settled += 1;
        }
        Ok(settled)
    }

    fn settle(self_: &mut ZendClassObject<Self>, confirmed: Confirmed) -> PhpResult<()> {
        if confirmed.outcome.is_err() && self_.recoverable() {
            return self_.reopen(); // which publishes it again, under the same tag
        }
        let Some(Batched { msg, .. }) = self_.unconfirmed.borrow_mut().remove(&confirmed.tag) else { return Ok(()) };
        let (handler, returned) = match confirmed.outcome {
            Ok(Confirmation::Ack(returned)) => ("ack_handler", returned),
            Ok(Confirmation::Nack(returned)) => ("nack_handler", returned),
            Ok(Confirmation::NotRequested) => return Ok(()),
            Err(e) => return Err(self_.ended(&e, errors::BASIC_PUBLISH)),
        };
        if let Some(returned) = returned {
            Self::returned(self_, &returned)?;
        }
        let handler = Self::prop(self_, handler);
        if handler.is_callable() {
            handler.try_call(vec![&msg])?;
        }
        Ok(())
    }

    /// Waits for the next delivery or confirm until `deadline`. On a signal the PHP handlers run (as
    /// php-amqplib's select runs them), then None with `OnSignal::Return`, else the wait goes on.
    /// A timeout is php-amqplib's AMQPTimeoutException, naming the `timeout` the caller asked for.
    fn next(&self, deadline: Option<Instant>, timeout: Option<Duration>, on_signal: OnSignal) -> PhpResult<Option<Event>> {
        loop {
            // Publishes queued since (by a signal handler) must be written to be confirmed.
            self.link().flush()?;
            if let Some(event) = self.try_next() {
                return Ok(Some(event)); // already queued: no need to enter the runtime
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            // The inboxes are borrowed for the wait only, which runs no PHP: the handlers run after.
            let waited = {
                let mut deliveries = self.deliveries.borrow_mut();
                let mut confirms = self.confirms.borrow_mut();
                let returns = self.returns();
                let link = self.link();
                let next = async {
                    tokio::select! {
                        biased;
                        c = confirms.next() => Event::Confirmed(c),
                        Some(i) = deliveries.next() => Event::Incoming(i),
                        r = returns => Event::Returned(r),
                        notice = link.flow.next() => Event::Flow(notice),
                    }
                };
                runtime::wait(next, left)?
            };
            match waited {
                Waited::Ready(event) => return Ok(Some(event)),
                Waited::TimedOut => return Err(errors::timed_out(timeout.map_or(0.0, |t| t.as_secs_f64()))),
                Waited::Interrupted => {
                    runtime::dispatch_signals()?;
                    if on_signal == OnSignal::Return {
                        return Ok(None);
                    }
                    // A handler may have closed the channel: nothing to wait for then.
                    self.check()?;
                }
            }
        }
    }

    /// Resolves once a delivery or confirm is ready for wait() (kept there): the connection's select().
    /// Only awaited by `runtime::wait`, which runs no PHP while the inboxes are borrowed.
    #[allow(clippy::await_holding_refcell_ref)]
    pub(super) async fn has_work(&self) {
        let mut deliveries = self.deliveries.borrow_mut();
        let mut confirms = self.confirms.borrow_mut();
        tokio::select! {
            () = deliveries.ready() => {}
            () = confirms.ready() => {}
        }
    }

    fn try_next(&self) -> Option<Event> {
        if let Some(c) = self.confirms.borrow_mut().try_next().ok().flatten() {
            return Some(Event::Confirmed(c));
        }
        if let Some(i) = self.deliveries.borrow_mut().try_next().ok().flatten() {
            return Some(Event::Incoming(i));
        }
        if self.watch_returns.get() {
            let returned = runtime::runtime().ok()?.block_on(self.channel().wait_for_confirms()).ok()?;
            return (!returned.is_empty()).then_some(Event::Returned(returned));
        }
        None
    }

    /// Messages the broker returned outside confirm mode. lapin keeps them until asked, without a
    /// notification, so a wait that may see one polls for them; never resolves when none can come.
    fn returns(&self) -> impl std::future::Future<Output = Vec<lapin::message::BasicReturnMessage>> {
        let channel = self.channel();
        let channel = channel.clone();
        let watch = self.watch_returns.get();
        async move {
            if !watch {
                return std::future::pending().await;
            }
            loop {
                match channel.wait_for_confirms().await {
                    Ok(returned) if !returned.is_empty() => return returned,
                    _ => tokio::time::sleep(Duration::from_millis(10)).await,
                }
            }
        }
    }

    /// Calls the return listener with php-amqplib's arguments: code, text, exchange, routing key, message.
    fn returned(self_: &mut ZendClassObject<Self>, returned: &lapin::message::BasicReturnMessage) -> PhpResult<()> {
        let listener = Self::prop(self_, "basic_return_callback");
        if listener.is_callable() {
            let msg = message::returned(&returned.delivery)?;
            listener.try_call(vec![
                &i64::from(returned.reply_code),
                &wire::text_bytes(&returned.reply_text),
                &wire::text_bytes(&returned.delivery.exchange),
                &wire::text_bytes(&returned.delivery.routing_key),
                &msg,
            ])?;
        }
        Ok(())
    }

    /// Handles one event; false if it was internal (see `dispatch`) and the caller should wait on.
    fn handle(self_: &mut ZendClassObject<Self>, event: Event) -> PhpResult<bool> {
        let handled = Self::handle_one(self_, event);
        Self::notify_recovery(self_)?;
        handled
    }

    fn handle_one(self_: &mut ZendClassObject<Self>, event: Event) -> PhpResult<bool> {
        match event {
            Event::Confirmed(c) => Self::settle(self_, c).map(|()| true),
            Event::Incoming(i) => Self::dispatch(self_, i),
            Event::Returned(all) => {
                for returned in &all {
                    Self::returned(self_, returned)?;
                }
                Ok(true)
            }
            Event::Flow(notice) => {
                let connection = Self::prop(self_, "connection");
                super::connection::notify(&connection, notice).map(|()| true)
            }
        }
    }

    /// basic_get's work: one message, or null.
    fn get(self_: &mut ZendClassObject<Self>, queue: &Mixed, no_ack: bool) -> PhpResult<Zval> {
        self_.ready()?;
        let channel = self_.channel();
        let getting = channel.basic_get(queue.name()?, BasicGetOptions { no_ack });
        match self_.call(getting, errors::BASIC_GET)? {
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

    /// Waits until every publish is confirmed, the whole wait bounded by `timeout` (0: no bound).
    /// Signal handlers run as they come; like the ack and nack handlers, they may publish (the wait
    /// then covers those too) or wait themselves.
    fn wait_for_confirms(self_: &mut ZendClassObject<Self>, timeout: &Mixed) -> PhpResult<()> {
        let waited = Self::wait_for_all_confirms(self_, timeout);
        Self::notify_recovery(self_)?;
        waited
    }

    fn wait_for_all_confirms(self_: &mut ZendClassObject<Self>, timeout: &Mixed) -> PhpResult<()> {
        let limit = seconds(timeout, "wait_for_pending_acks(): Argument #1 ($timeout)")?;
        let deadline = limit.map(|t| Instant::now() + t);
        if !self_.unconfirmed.borrow().is_empty() {
            // A channel the broker closed: what it answered first, then its reason, as php-amqplib reads
            // them off the socket in that order.
            Self::settle_answered(self_, usize::MAX)?;
            if !self_.unconfirmed.borrow().is_empty() {
                self_.check()?;
            }
        }
        while !self_.unconfirmed.borrow().is_empty() {
            // Signals that came while PHP ran (an ack handler): their handlers run before the wait.
            runtime::dispatch_signals()?;
            if self_.unconfirmed.borrow().is_empty() {
                break;
            }
            // Publishes queued since (by a handler) must be written before their confirm can come.
            self_.link().flush()?;
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            // Borrowed for the wait only, which runs no PHP (see `next`).
            let waited = runtime::wait(self_.confirms.borrow_mut().next(), left)?;
            match waited {
                Waited::Ready(confirmed) => Self::settle(self_, confirmed)?,
                Waited::TimedOut => return Err(errors::timed_out(limit.map_or(0.0, |t| t.as_secs_f64()))),
                Waited::Interrupted => runtime::dispatch_signals()?,
            }
        }
        Ok(())
    }
}

/// What a wait does once the signal handlers have run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnSignal {
    /// Return None: `wait()` without a timeout returns null, as php-amqplib's does.
    Return,
    /// Wait on (a wait with a timeout, unlike php-amqplib's, which throws a timeout on a signal).
    WaitOn,
}

enum Event {
    Confirmed(Confirmed),
    Incoming(Incoming),
    Returned(Vec<lapin::message::BasicReturnMessage>),
    Flow(super::flow::Notice),
}

/// A channel object's wait for work, for the connection's select() (see `channel_class::Work`).
pub(super) fn work(object: &ZendObject) -> Option<Pin<Box<dyn Future<Output = ()> + '_>>> {
    ZendClassObject::<AmqpChannel>::from_zend_obj(object).map(|channel| Box::pin(channel.has_work()) as _)
}

/// A lapin call on the PHP thread, bounded by the connection's RPC timeout (AMQPTimeoutException).
fn rpc<T>(link: &Link, future: impl std::future::Future<Output = lapin::Result<T>> + Send) -> PhpResult<lapin::Result<T>> {
    let timeout = link.rpc_timeout;
    runtime::wait_dispatching(future, timeout)?.ok_or_else(|| errors::timed_out(timeout.map_or(0.0, |t| t.as_secs_f64())))
}

/// A binding as php-amqplib's arguments give it (`Topology` records it once the broker bound it).
fn binding(destination: &Zval, to_queue: bool, source: &Zval, routing_key: &Mixed, arguments: &Mixed) -> PhpResult<topology::Binding> {
    Ok(topology::Binding { destination: name(destination)?, to_queue, source: name(source)?, routing_key: routing_key.name()?, arguments: arguments.table()? })
}

/// A php-amqplib timeout argument (see `wire::timeout`); a default is no limit.
fn seconds(value: &Mixed, what: &str) -> PhpResult<Option<Duration>> {
    match value.given() {
        Some(given) => wire::timeout(given, what),
        None => Ok(wire::seconds_limit(value.float()).unwrap_or(None)),
    }
}

/// PHP's gettype() of a value, for php-amqplib's argument errors.
fn php_type(value: &Zval) -> &'static str {
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
fn name(value: &Zval) -> PhpResult<ShortString> {
    wire::short_string(value)
}

impl Mixed<'_> {
    /// A name argument with a default (see `name`).
    fn name(&self) -> PhpResult<ShortString> {
        match self.given() {
            Some(given) => name(given),
            None => wire::short_bytes(self.text().into_bytes()),
        }
    }

    /// An `$arguments` table (AMQPTable or legacy array); null and `[]` are empty.
    fn table(&self) -> PhpResult<FieldTable> {
        self.given().map_or_else(|| Ok(FieldTable::default()), table::encode_table)
    }
}

#[php_impl]
#[php(change_method_case = "snake_case")]
impl AmqpChannel {
    /// Opens a channel on `$connection` (what `$connection->channel()` does). lapin numbers channels
    /// itself, so `$channel_id` is not honoured; `$auto_decode` and `$channel_rpc_timeout` are the
    /// connection's business in mq.
    #[php(defaults(channel_id = NULL, auto_decode = true, channel_rpc_timeout = 0))]
    pub fn __construct(connection: &Zval, channel_id: Mixed, auto_decode: Mixed, channel_rpc_timeout: Mixed) -> PhpResult<Self> {
        let _ = (channel_id, auto_decode, channel_rpc_timeout);
        let owner = connection
            .object()
            .and_then(ZendClassObject::<AmqpConnection>::from_zend_obj)
            .ok_or_else(|| exception("InvalidArgumentException", "AMQPChannel needs an AbstractConnection", 0))?;
        let channel = Self::opened(owner.session())?;
        // The object being constructed is `$this` of the running call; it gets its connection and
        // takes its place in the connection's `$channels`, as php-amqplib's constructor does.
        if let Some(this) = classes::this_of_current_call() {
            classes::write(this, own_class(), "connection", connection.shallow_clone());
            super::connection::register_channel(connection, i64::from(channel.id), this)?;
        }
        Ok(channel)
    }

    // ---- lifecycle ----

    #[php(name = "getChannelId")]
    pub fn get_channel_id(&self) -> Zval {
        mixed(i64::from(self.id))
    }

    #[php(name = "getConnection")]
    pub fn get_connection(self_: &mut ZendClassObject<Self>) -> Zval {
        Self::prop(self_, "connection")
    }

    /// Closes the channel if its connection is gone; true if it did.
    #[php(name = "closeIfDisconnected")]
    pub fn close_if_disconnected(&self) -> Zval {
        let gone = !self.link().is_connected();
        if gone {
            self.closed.set(true);
        }
        mixed(gone)
    }

    /// Asks the broker to pause (false) or resume (true) deliveries; returns the flow now in force.
    pub fn flow(&self, active: &Zval) -> PhpResult<Zval> {
        self.ready()?;
        let flowing = self.call(self.channel().channel_flow(ChannelFlowOptions { active: active.coerce_to_bool() }), Method(20, 20))?;
        Ok(mixed(flowing))
    }

    /// Bodies longer than `$max_bytes` are truncated on receipt (`isTruncated()`); 0 or less: no limit.
    #[php(name = "setBodySizeLimit")]
    pub fn set_body_size_limit(self_: &mut ZendClassObject<Self>, max_bytes: &Zval) -> Zval {
        let max = max_bytes.coerce_to_long().unwrap_or(0);
        if max > 0 {
            self_.body_limit.set(Some(max as usize));
        }
        Self::this(self_)
    }

    /// Whether deliveries or confirms are waiting for wait().
    #[php(name = "hasPendingMethods")]
    pub fn has_pending_methods(&self) -> PhpResult<Zval> {
        Ok(mixed(self.deliveries.borrow_mut().has_ready()? || self.confirms.borrow_mut().has_ready()?))
    }

    pub fn is_open(&self) -> Zval {
        mixed(!self.closed.get() && self.link().is_connected() && self.channel().status().connected())
    }

    #[php(defaults(reply_code = 0, reply_text = "\"\"", method_sig = ZERO_SIG))]
    pub fn close(self_: &mut ZendClassObject<Self>, reply_code: Mixed, reply_text: Mixed, method_sig: Mixed) -> PhpResult<Zval> {
        let _ = (reply_code, reply_text, method_sig);
        Self::set_callbacks(self_, ZendHashTable::new())?;
        Self::forget_in_connection(self_)?;
        // The broker cancels the channel's consumers with it.
        let tags: Vec<Vec<u8>> = self_.setup.borrow().consumers().map(|c| c.tag.as_bytes().to_vec()).collect();
        tags.iter().for_each(|tag| self_.forget_consumer(tag));
        if self_.closed.replace(true) || !self_.link().is_connected() || !self_.channel().status().connected() {
            return Ok(Zval::new());
        }
        self_.link().flush()?;
        let channel = self_.channel();
        let closing = channel.close(200, "".into());
        match runtime::wait_dispatching(closing, self_.link().rpc_timeout)? {
            Some(Err(e)) if self_.link().is_connected() && !matches!(e.kind(), lapin::ErrorKind::InvalidChannelState(..)) => {
                Err(channel_error(&e, Method(20, 40)))
            }
            _ => Ok(Zval::new()),
        }
    }

    // ---- exchanges ----

    #[php(defaults(passive = false, durable = false, auto_delete = true, internal = false, nowait = false, arguments = EMPTY_ARRAY, ticket = NULL))]
    #[allow(clippy::too_many_arguments)]
    pub fn exchange_declare(
        &self,
        exchange: &Zval,
        r#type: &Zval,
        passive: Mixed,
        durable: Mixed,
        auto_delete: Mixed,
        internal: Mixed,
        nowait: Mixed,
        arguments: Mixed,
        ticket: Mixed,
    ) -> PhpResult<Zval> {
        let _ = ticket;
        let options = ExchangeDeclareOptions {
            passive: passive.flag(),
            durable: durable.flag(),
            auto_delete: auto_delete.flag(),
            internal: internal.flag(),
            nowait: false,
        };
        // lapin takes the type as text: a type that is not UTF-8 is no type RabbitMQ knows either way.
        let kind = name(r#type)?.as_str().to_string();
        let args = arguments.table()?;
        let exchange = name(exchange)?;
        self.ready()?;
        let channel = self.channel();
        let declaring = channel.exchange_declare(exchange.clone(), ExchangeKind::Custom(kind.clone()), options, args.clone());
        self.call_nowait(nowait.flag(), declaring, errors::EXCHANGE_DECLARE)?;
        self.session.topology.borrow_mut().exchange_declared(topology::Exchange { name: exchange, kind, options, arguments: args });
        Ok(Zval::new())
    }

    #[php(defaults(if_unused = false, nowait = false, ticket = NULL))]
    pub fn exchange_delete(&self, exchange: &Zval, if_unused: Mixed, nowait: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let options = ExchangeDeleteOptions { if_unused: if_unused.flag(), nowait: false };
        let exchange = name(exchange)?;
        self.ready()?;
        self.call_nowait(nowait.flag(), self.channel().exchange_delete(exchange.clone(), options), errors::EXCHANGE_DELETE)?;
        self.session.topology.borrow_mut().exchange_deleted(&exchange);
        Ok(Zval::new())
    }

    #[php(defaults(routing_key = "\"\"", nowait = false, arguments = EMPTY_ARRAY, ticket = NULL))]
    pub fn exchange_bind(&self, destination: &Zval, source: &Zval, routing_key: Mixed, nowait: Mixed, arguments: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let b = binding(destination, false, source, &routing_key, &arguments)?;
        self.ready()?;
        let channel = self.channel();
        let binding = channel.exchange_bind(
            b.destination.clone(),
            b.source.clone(),
            b.routing_key.clone(),
            ExchangeBindOptions { nowait: false },
            b.arguments.clone(),
        );
        self.call_nowait(nowait.flag(), binding, errors::EXCHANGE_BIND)?;
        self.session.topology.borrow_mut().bound(b);
        Ok(Zval::new())
    }

    #[php(defaults(routing_key = "\"\"", nowait = false, arguments = EMPTY_ARRAY, ticket = NULL))]
    pub fn exchange_unbind(&self, destination: &Zval, source: &Zval, routing_key: Mixed, nowait: Mixed, arguments: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let b = binding(destination, false, source, &routing_key, &arguments)?;
        self.ready()?;
        let channel = self.channel();
        let unbinding = channel.exchange_unbind(
            b.destination.clone(),
            b.source.clone(),
            b.routing_key.clone(),
            ExchangeUnbindOptions { nowait: false },
            b.arguments.clone(),
        );
        self.call_nowait(nowait.flag(), unbinding, errors::EXCHANGE_UNBIND)?;
        self.session.topology.borrow_mut().unbound(&b);
        Ok(Zval::new())
    }

    // ---- queues ----

    /// `[name, message count, consumer count]`, or null with `$nowait`.
    #[php(defaults(queue = "\"\"", passive = false, durable = false, exclusive = false, auto_delete = true, nowait = false, arguments = EMPTY_ARRAY, ticket = NULL))]
    #[allow(clippy::too_many_arguments)]
    pub fn queue_declare(
        &self,
        queue: Mixed,
        passive: Mixed,
        durable: Mixed,
        exclusive: Mixed,
        auto_delete: Mixed,
        nowait: Mixed,
        arguments: Mixed,
        ticket: Mixed,
    ) -> PhpResult<Zval> {
        let _ = ticket;
        let options = QueueDeclareOptions {
            passive: passive.flag(),
            durable: durable.flag(),
            exclusive: exclusive.flag(),
            auto_delete: auto_delete.flag(),
            nowait: false,
        };
        let args = arguments.table()?;
        let asked = queue.name()?;
        self.ready()?;
        let channel = self.channel();
        let declaring = channel.queue_declare(asked.clone(), options, args.clone());
        let declared = self.call_nowait(nowait.flag(), declaring, errors::QUEUE_DECLARE)?;
        // With $nowait and a server-named queue, the name is not known: nothing to replay it by.
        if let Some(name) = declared.as_ref().map(|d| d.name().clone()).or_else(|| (!asked.as_str().is_empty()).then(|| asked.clone())) {
            let server_named = asked.as_bytes().is_empty();
            self.session.topology.borrow_mut().queue_declared(topology::Queue { name, options, arguments: args, server_named });
        }
        let Some(declared) = declared else {
            return Ok(Zval::new());
        };
        let mut result = ZendHashTable::with_capacity(3);
        result.push(wire::text_bytes(declared.name()))?;
        result.push(i64::from(declared.message_count()))?;
        result.push(i64::from(declared.consumer_count()))?;
        Ok(result.into_zval(false)?)
    }

    #[php(defaults(routing_key = "\"\"", nowait = false, arguments = EMPTY_ARRAY, ticket = NULL))]
    pub fn queue_bind(&self, queue: &Zval, exchange: &Zval, routing_key: Mixed, nowait: Mixed, arguments: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let b = binding(queue, true, exchange, &routing_key, &arguments)?;
        self.ready()?;
        let channel = self.channel();
        let binding = channel.queue_bind(
            b.destination.clone(),
            b.source.clone(),
            b.routing_key.clone(),
            QueueBindOptions { nowait: false },
            b.arguments.clone(),
        );
        self.call_nowait(nowait.flag(), binding, errors::QUEUE_BIND)?;
        self.session.topology.borrow_mut().bound(b);
        Ok(Zval::new())
    }

    #[php(defaults(routing_key = "\"\"", arguments = EMPTY_ARRAY, ticket = NULL))]
    pub fn queue_unbind(&self, queue: &Zval, exchange: &Zval, routing_key: Mixed, arguments: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let b = binding(queue, true, exchange, &routing_key, &arguments)?;
        self.ready()?;
        let channel = self.channel();
        let unbinding = channel.queue_unbind(b.destination.clone(), b.source.clone(), b.routing_key.clone(), b.arguments.clone());
        self.call(unbinding, errors::QUEUE_UNBIND)?;
        self.session.topology.borrow_mut().unbound(&b);
        Ok(Zval::new())
    }

    /// The number of messages purged.
    #[php(defaults(queue = "\"\"", nowait = false, ticket = NULL))]
    pub fn queue_purge(&self, queue: Mixed, nowait: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        self.ready()?;
        let channel = self.channel();
        let purging = channel.queue_purge(queue.name()?, QueuePurgeOptions { nowait: false });
        match self.call_nowait(nowait.flag(), purging, errors::QUEUE_PURGE)? {
            Some(purged) => Ok(i64::from(purged).into_zval(false)?),
            None => Ok(Zval::new()),
        }
    }

    /// The number of messages deleted with the queue.
    #[php(defaults(queue = "\"\"", if_unused = false, if_empty = false, nowait = false, ticket = NULL))]
    pub fn queue_delete(&self, queue: Mixed, if_unused: Mixed, if_empty: Mixed, nowait: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let options = QueueDeleteOptions { if_unused: if_unused.flag(), if_empty: if_empty.flag(), nowait: false };
        let queue = queue.name()?;
        self.ready()?;
        let channel = self.channel();
        let deleting = channel.queue_delete(queue.clone(), options);
        let deleted = self.call_nowait(nowait.flag(), deleting, errors::QUEUE_DELETE)?;
        self.session.topology.borrow_mut().queue_deleted(&queue);
        match deleted {
            Some(deleted) => Ok(i64::from(deleted).into_zval(false)?),
            None => Ok(Zval::new()),
        }
    }

    // ---- publishing ----

    #[php(defaults(exchange = "\"\"", routing_key = "\"\"", mandatory = false, immediate = false, ticket = NULL))]
    pub fn basic_publish(self_: &mut ZendClassObject<Self>, msg: &Zval, exchange: Mixed, routing_key: Mixed, mandatory: Mixed, immediate: Mixed, ticket: Mixed) -> PhpResult<()> {
        let _ = ticket;
        Self::notify_flow(self_)?;
        if self_.link().flow.is_blocked() {
            return Err(exception(ex::CONNECTION_BLOCKED, "Connection is blocked due to low resources", 0));
        }
        let route = Route { exchange: exchange.name()?, routing_key: routing_key.name()?, mandatory: mandatory.flag(), immediate: immediate.flag() };
        let publishing = Batched { msg: msg.shallow_clone(), route: self_.route(route) };
        let published = self_.publish(publishing);
        // A recovery the publish made is reported now, not at the next call.
        Self::notify_recovery(self_)?;
        published
    }

    #[php(defaults(exchange = "\"\"", routing_key = "\"\"", mandatory = false, immediate = false, ticket = NULL))]
    pub fn batch_basic_publish(&self, message: &Zval, exchange: Mixed, routing_key: Mixed, mandatory: Mixed, immediate: Mixed, ticket: Mixed) -> PhpResult<()> {
        let _ = ticket;
        let route = Route { exchange: exchange.name()?, routing_key: routing_key.name()?, mandatory: mandatory.flag(), immediate: immediate.flag() };
        let batched = Batched { msg: message.shallow_clone(), route: self.route(route) };
        self.batch.borrow_mut().push(batched);
        Ok(())
    }

    pub fn publish_batch(&self) -> PhpResult<()> {
        let mut batch = std::mem::take(&mut *self.batch.borrow_mut()).into_iter();
        while let Some(b) = batch.next() {
            if let Err(e) = self.publish(b.clone()) {
                // What was not published stays in the batch for the next publish_batch() (the replay
                // buffer was full: confirms first, then again).
                let mut rest: Vec<Batched> = std::iter::once(b).chain(batch).collect();
                rest.append(&mut self.batch.borrow_mut());
                *self.batch.borrow_mut() = rest;
                return Err(e);
            }
        }
        Ok(())
    }

    // ---- consuming ----

    /// Starts a consumer whose messages `wait()` hands to `$callback`; returns its tag.
    #[php(defaults(queue = "\"\"", consumer_tag = "\"\"", no_local = false, no_ack = false, exclusive = false, nowait = false, callback = NULL, ticket = NULL, arguments = EMPTY_ARRAY))]
    #[allow(clippy::too_many_arguments)]
    pub fn basic_consume(
        self_: &mut ZendClassObject<Self>,
        queue: Mixed,
        consumer_tag: Mixed,
        no_local: Mixed,
        no_ack: Mixed,
        exclusive: Mixed,
        nowait: Mixed,
        callback: Mixed,
        ticket: Mixed,
        arguments: Mixed,
    ) -> PhpResult<Zval> {
        let _ = ticket;
        let callback = callback.given().filter(|c| !c.is_null());
        if let Some(c) = callback.filter(|c| !c.is_callable()) {
            return Err(exception(
                "InvalidArgumentException",
                format!("Given argument \"{}\" should be callable. {} type was given.", php_string::lossy(c).unwrap_or_default(), php_type(c)),
                0,
            ));
        }
        let tag = consumer_tag.name()?;
        if nowait.flag() && tag.as_bytes().is_empty() {
            return Err(exception("InvalidArgumentException", "Cannot start consumer without consumer_tag and no-wait=true", 0));
        }
        let mut callbacks = Self::callbacks(self_);
        if !tag.as_bytes().is_empty() && php_string::get(&callbacks, tag.as_bytes()).is_some() {
            return Err(exception("InvalidArgumentException", "This consumer tag is already registered.", 0));
        }
        let options = BasicConsumeOptions { no_local: no_local.flag(), no_ack: no_ack.flag(), exclusive: exclusive.flag(), nowait: false };
        let args = arguments.table()?;
        let no_ack = options.no_ack;
        let queue = queue.name()?;
        self_.ready()?;
        let consumer = self_.call(self_.channel().basic_consume(queue.clone(), tag, options, args.clone()), errors::BASIC_CONSUME)?;
        self_.session.topology.borrow_mut().consumer_started(&queue);
        self_.setup.borrow_mut().consuming(channel_setup::Consumer { queue, tag: consumer.tag(), options, arguments: args });
        let tag = consumer.tag().as_bytes().to_vec();
        php_string::insert(&mut callbacks, &tag, callback.map(Zval::shallow_clone).unwrap_or_default())?;
        self_.deliveries.borrow_mut().add(Subscription { tag: tag.clone(), no_ack }, consumer);
        Self::set_callbacks(self_, callbacks)?;
        Ok(classes::binary(&tag))
    }

    #[php(defaults(nowait = false, noreturn = false))]
    pub fn basic_cancel(self_: &mut ZendClassObject<Self>, consumer_tag: &Zval, nowait: Mixed, noreturn: Mixed) -> PhpResult<Zval> {
        let _ = noreturn;
        let tag = name(consumer_tag)?;
        let mut callbacks = Self::callbacks(self_);
        php_string::remove(&mut callbacks, tag.as_bytes());
        Self::set_callbacks(self_, callbacks)?;
        self_.forget_consumer(tag.as_bytes());
        self_.ready()?;
        let channel = self_.channel();
        let cancelling = channel.basic_cancel(tag.clone(), BasicCancelOptions { nowait: false });
        self_.call_nowait(nowait.flag(), cancelling, errors::BASIC_CANCEL)?;
        Ok(wire::text_bytes(&tag))
    }

    pub fn is_consuming(self_: &mut ZendClassObject<Self>) -> Zval {
        mixed(Self::consuming(self_))
    }

    /// Makes `consume()` return after the message being handled, as php-amqplib does (consumers stay).
    #[php(name = "stopConsume")]
    pub fn stop_consume(&self) {
        self.stop_consuming.set(true);
    }

    /// Handles one incoming delivery or confirm. Returns null; on a signal during a blocking wait
    /// without timeout it returns at once (the handler runs), with a timeout the wait goes on.
    #[php(defaults(allowed_methods = NULL, non_blocking = false, timeout = 0))]
    pub fn wait(self_: &mut ZendClassObject<Self>, allowed_methods: Mixed, non_blocking: Mixed, timeout: Mixed) -> PhpResult<Zval> {
        let _ = allowed_methods;
        let limit = seconds(&timeout, "wait(): Argument #3 ($timeout)")?;
        // A closed channel has nothing to wait for but the confirms the broker sent before closing it
        // (php-amqplib reads one frame per wait()); then php-amqplib fails here too.
        if Self::settle_answered(self_, 1)? > 0 {
            return Ok(Zval::new());
        }
        self_.check()?;
        // Signals that came while PHP ran (without async signals pcntl only queued them): their
        // handlers run now, as php-amqplib's select runs them after its next wait.
        runtime::dispatch_signals()?;
        Self::notify_flow(self_)?;
        let deadline = limit.map(|l| Instant::now() + l);
        let on_signal = if limit.is_some() { OnSignal::WaitOn } else { OnSignal::Return };
        loop {
            let event = if non_blocking.flag() {
                self_.link().flush()?; // confirms come only for written publishes
                self_.try_next()
            } else {
                self_.next(deadline, limit, on_signal)?
            };
            let Some(event) = event else { return Ok(Zval::new()) };
            if Self::handle(self_, event)? {
                return Ok(Zval::new());
            }
        }
    }

    /// Waits and dispatches until no consumer is left; `$maximum_poll` bounds each wait, not the loop.
    /// Converted as php-amqplib's `float $maximumPoll` is (ext-php-rs names parameters after the Rust
    /// identifier, so named arguments need `maximum_poll:`).
    #[php(defaults(maximum_poll = 10.0))]
    pub fn consume(self_: &mut ZendClassObject<Self>, maximum_poll: Mixed) -> PhpResult<()> {
        let poll = seconds(&maximum_poll, "PhpAmqpLib\\Channel\\AMQPChannel::consume(): Argument #1 ($maximumPoll)")?;
        self_.check()?;
        // Handlers of signals that came while a callback ran go first: one may stop the loop.
        while runtime::dispatch_signals().map(|()| Self::consuming(self_) && !self_.stop_consuming.replace(false))? {
            match self_.next(poll.map(|p| Instant::now() + p), poll, OnSignal::Return) {
                Ok(Some(event)) => {
                    Self::handle(self_, event)?;
                }
                // A signal, whose handler ran (and may have called stopConsume()): go on, as php-amqplib does.
                Ok(None) => {}
                Err(e) if ext_php_rs::zend::ExecutorGlobals::has_exception() => return Err(e),
                Err(_) => continue, // a poll timeout: wait again
            }
        }
        Ok(())
    }

    #[php(defaults(queue = "\"\"", no_ack = false, ticket = NULL))]
    pub fn basic_get(self_: &mut ZendClassObject<Self>, queue: Mixed, no_ack: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let got = Self::get(self_, &queue, no_ack.flag());
        // A polling worker learns of a recovery its basic_get made.
        Self::notify_recovery(self_)?;
        got
    }

    #[php(defaults(multiple = false))]
    pub fn basic_ack(&self, delivery_tag: &Zval, multiple: Mixed) -> PhpResult<()> {
        let Some(tag) = self.settling(wire::unsigned_longlong(delivery_tag)?)? else { return Ok(()) };
        self.send(self.channel().basic_ack(tag, BasicAckOptions { multiple: multiple.flag() }), errors::BASIC_ACK)
    }

    #[php(defaults(multiple = false, requeue = false))]
    pub fn basic_nack(&self, delivery_tag: &Zval, multiple: Mixed, requeue: Mixed) -> PhpResult<()> {
        let Some(tag) = self.settling(wire::unsigned_longlong(delivery_tag)?)? else { return Ok(()) };
        self.send(self.channel().basic_nack(tag, BasicNackOptions { multiple: multiple.flag(), requeue: requeue.flag() }), errors::BASIC_NACK)
    }

    pub fn basic_reject(&self, delivery_tag: &Zval, requeue: &Zval) -> PhpResult<()> {
        let Some(tag) = self.settling(wire::unsigned_longlong(delivery_tag)?)? else { return Ok(()) };
        self.send(self.channel().basic_reject(tag, BasicRejectOptions { requeue: requeue.coerce_to_bool() }), errors::BASIC_REJECT)
    }

    /// prefetch_size is not supported by RabbitMQ and ignored (but range-checked as php-amqplib writes
    /// it); null counts as 0.
    pub fn basic_qos(&self, prefetch_size: &Zval, prefetch_count: &Zval, a_global: &Zval) -> PhpResult<()> {
        wire::integer(prefetch_size, "Long", 0, i64::from(u32::MAX))?;
        let count = wire::integer(prefetch_count, "Short", 0, 65535)? as u16;
        let global = a_global.coerce_to_bool();
        self.ready()?;
        self.call(self.channel().basic_qos(count, BasicQosOptions { global }), errors::BASIC_QOS)?;
        self.setup.borrow_mut().qos(count, global);
        Ok(())
    }

    #[php(defaults(requeue = false))]
    pub fn basic_recover(&self, requeue: Mixed) -> PhpResult<()> {
        self.ready()?;
        self.call(self.channel().basic_recover(BasicRecoverOptions { requeue: requeue.flag() }), errors::BASIC_RECOVER)
    }

    // ---- transactions and confirms ----

    pub fn tx_select(&self) -> PhpResult<()> {
        self.ready()?;
        self.call(self.channel().tx_select(), errors::TX_SELECT)?;
        self.setup.borrow_mut().transactional = true;
        Ok(())
    }

    pub fn tx_commit(&self) -> PhpResult<()> {
        self.ready()?;
        if self.transaction_lost.replace(false) {
            // The part made since the reconnect is rolled back too: the transaction is all or nothing.
            self.call(self.channel().tx_rollback(), errors::TX_ROLLBACK)?;
            return Err(exception(
                ex::CONNECTION_CLOSED,
                "The connection was lost during the transaction and the broker rolled it back: nothing of it was committed; publish it again",
                0,
            ));
        }
        self.call(self.channel().tx_commit(), errors::TX_COMMIT)
    }

    pub fn tx_rollback(&self) -> PhpResult<()> {
        self.ready()?;
        self.transaction_lost.set(false);
        self.call(self.channel().tx_rollback(), errors::TX_ROLLBACK)
    }

    /// Publisher confirms: from now on every publish gets a delivery tag (from 1) and a broker ack or nack.
    #[php(defaults(nowait = false))]
    pub fn confirm_select(&self, nowait: Mixed) -> PhpResult<()> {
        self.ready()?;
        self.call_nowait(nowait.flag(), self.channel().confirm_select(ConfirmSelectOptions { nowait: false }), errors::CONFIRM_SELECT)?;
        self.setup.borrow_mut().confirm = true;
        if self.next_tag.get() == 0 {
            self.next_tag.set(1);
            self.confirms.borrow_mut().listen(self.channel().confirm_events());
        }
        Ok(())
    }

    pub fn set_ack_handler(self_: &mut ZendClassObject<Self>, callback: &Zval) -> PhpResult<()> {
        Self::set_handler(self_, "ack_handler", callback)
    }

    pub fn set_nack_handler(self_: &mut ZendClassObject<Self>, callback: &Zval) -> PhpResult<()> {
        Self::set_handler(self_, "nack_handler", callback)
    }

    pub fn set_return_listener(self_: &mut ZendClassObject<Self>, callback: &Zval) -> PhpResult<()> {
        Self::set_handler(self_, "basic_return_callback", callback)
    }

    /// Waits for the broker's ack or nack of every publish; the timeout bounds the whole wait.
    #[php(defaults(timeout = 0))]
    pub fn wait_for_pending_acks(self_: &mut ZendClassObject<Self>, timeout: Mixed) -> PhpResult<()> {
        Self::wait_for_confirms(self_, &timeout)
    }

    /// As wait_for_pending_acks; returned messages reach the return listener before their ack.
    #[php(defaults(timeout = 0))]
    pub fn wait_for_pending_acks_returns(self_: &mut ZendClassObject<Self>, timeout: Mixed) -> PhpResult<()> {
        Self::wait_for_confirms(self_, &timeout)
    }
}

