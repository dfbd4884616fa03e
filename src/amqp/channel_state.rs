//! A channel's native state (`ChannelState`: its lapin channel, setup, inboxes, unconfirmed publishes)
//! and the publishes it keeps (`Batched`, `Route`).

use std::{
    cell::{Cell, RefCell},
    rc::Rc,
    sync::Arc,
    time::Instant,
};

use ext_php_rs::{exception::PhpResult, types::Zval};
use lapin::{types::ShortString, Channel};

use super::{
    channel_setup::ChannelSetup,
    deliveries::Deliveries,
    delivery_tags::DeliveryTags,
    errors,
    link::{rpc, Link},
    pipeline::Confirms,
    session::{self, Session},
    topology::Binding,
    unconfirmed::Unconfirmed,
};

/// A publish kept by batch_basic_publish until publish_batch, or until its confirm.
#[derive(Clone)]
pub(super) struct Batched {
    pub(super) msg: HeldMessage,
    pub(super) route: Rc<Route>,
}

/// The AMQPMessage of a publish mq keeps, out of PHP's cycle collector while kept. The collector
/// takes an object whose count drops without reaching zero for a possible cycle root: a message is one
/// from its constructor's return, and the root buffer filled with the messages awaiting their confirm,
/// each 10 000 a collection scanning them all (4 % of a confirmed-publish loop's CPU), although what
/// mq holds keeps them alive. So a kept message leaves the root buffer and is flagged not collectable
/// (PHP's own flag for values that are never roots): a collection that reaches it from elsewhere still
/// scans it. The flag is cleared when the last clone of this handle goes (a batched publish is cloned
/// into the unconfirmed map), so a message then left in a cycle becomes a root and is collected as
/// usual. A message kept under two handles (published twice) loses the flag when either goes: it is then
/// a possible root again, as before.
#[derive(Clone)]
pub(super) struct HeldMessage(Rc<Held>);

struct Held(Zval);

/// zend_types.h: `GC_NOT_COLLECTABLE`, a flag of `zend_refcounted_h`'s type info, and the bits that
/// hold a value's place in the root buffer.
const GC_NOT_COLLECTABLE: u32 = 1 << 4;
const GC_INFO_MASK: u32 = 0xffff_fc00;

extern "C" {
    /// zend_gc.h: takes a value out of the root buffer (what freeing it does), from PHP's thread while
    /// PHP code may run.
    fn gc_remove_from_buffer(counted: *mut std::ffi::c_void);
}

impl HeldMessage {
    pub(super) fn new(mut msg: Zval) -> Self {
        if let Some(object) = msg.object_mut() {
            // SAFETY: a live object's header (its union's one member is the type info), on the PHP
            // thread inside a method call: no collection is scanning the buffer.
            unsafe {
                if object.gc.u.type_info & GC_INFO_MASK != 0 {
                    gc_remove_from_buffer(std::ptr::from_mut(&mut object.gc).cast());
                }
                object.gc.u.type_info |= GC_NOT_COLLECTABLE;
            }
        }
        Self(Rc::new(Held(msg)))
    }
}

impl std::ops::Deref for HeldMessage {
    type Target = Zval;
    fn deref(&self) -> &Zval {
        &self.0 .0
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(object) = self.0.object_mut() {
            // SAFETY: as in `HeldMessage::new`; this handle still holds a count on the object.
            unsafe { object.gc.u.type_info &= !GC_NOT_COLLECTABLE };
        }
    }
}

/// Where a publish goes. Consecutive publishes to the same place share one (`ChannelState::route`):
/// 200 000 messages awaiting their confirm keep one copy of the names, not one each.
#[derive(PartialEq)]
pub(super) struct Route {
    pub(super) exchange: ShortString,
    pub(super) routing_key: ShortString,
    pub(super) mandatory: bool,
    pub(super) immediate: bool,
}

/// The latest publish's route and the PHP exchange and routing-key values it was made from, kept alive:
/// the next publish passing the same PHP strings (a loop over one `$queue`) shares the route without
/// comparing their bytes.
pub(super) struct LastRoute {
    pub(super) route: Rc<Route>,
    pub(super) names: [Zval; 2],
}

pub struct ChannelState {
    /// The connection across reconnects: its settings, topology and current link.
    pub(super) session: Rc<Session>,
    /// The link and lapin channel in use: replaced when the channel is reopened after a recovery.
    pub(super) link: RefCell<Arc<Link>>,
    /// Shared as an `Arc`: a lapin `Channel` handle holds some twenty reference counts, and every RPC
    /// takes one of its own (see `channel`).
    pub(super) channel: RefCell<Arc<Channel>>,
    /// QoS, modes and consumers, for a reopen.
    pub(super) setup: RefCell<ChannelSetup>,
    /// PHP's delivery tags across reopens.
    pub(super) tags: Cell<DeliveryTags>,
    /// Set while reopening: the channel's own calls from signal handlers meanwhile are refused.
    pub(super) reopening: Cell<bool>,
    /// When the last reopen ended, and when the recovery it belongs to began: a connection lost again
    /// soon after a reopen continues that recovery, whose deadline counts from its beginning.
    pub(super) reopened: Cell<Option<(Instant, Instant)>>,
    /// The id PHP knows the channel by (`getChannelId()`, `$connection->channels`), kept across reopens.
    pub(super) id: u16,
    /// The broker rolled back the open transaction with the lost connection: the next tx_commit fails.
    pub(super) transaction_lost: Cell<bool>,
    /// In transaction mode, whether anything was published or settled since the last commit or
    /// rollback: what a lost connection rolls back (an empty transaction loses nothing).
    pub(super) transaction_open: Cell<bool>,
    pub(super) deliveries: RefCell<Deliveries>,
    /// Publishes awaiting their confirm, and the answers (see `pipeline::Confirms`).
    pub(super) confirms: RefCell<Confirms>,
    /// Published messages awaiting the broker's ack or nack, by delivery tag; replayed in that order
    /// after a reconnect.
    pub(super) unconfirmed: RefCell<Unconfirmed<Batched>>,
    /// Next publish's delivery tag in confirm mode; 0 outside it.
    pub(super) next_tag: Cell<u64>,
    pub(super) batch: RefCell<Vec<Batched>>,
    /// The latest publish's route, for the next one to share (see `route_of`).
    pub(super) last_route: RefCell<Option<LastRoute>>,
    pub(super) closed: Cell<bool>,
    /// Set by stopConsume(): the running consume() returns.
    pub(super) stop_consuming: Cell<bool>,
    /// Consumer tags of `basic_cancel($tag, false, true)` calls: php-amqplib's returns without reading
    /// the cancel-ok, which its next wait() reads and returns (the tag); mq's waits for it, and the next
    /// wait() hands the tag over instead.
    pub(super) cancel_oks: RefCell<std::collections::VecDeque<Zval>>,
    /// The failure of a `$nowait` call, raised by the next call as php-amqplib reports it.
    pub(super) deferred: RefCell<Option<ext_php_rs::exception::PhpException>>,
    /// Mandatory publishes outside confirm mode: their returns are collected by wait().
    pub(super) watch_returns: Cell<bool>,
    /// A delivery was acked, nacked or rejected since a non-blocking wait last found nothing (see
    /// `channel_events::REFILL`).
    pub(super) settled: Cell<bool>,
    /// setBodySizeLimit(): received bodies longer than this are truncated.
    pub(super) body_limit: Cell<Option<usize>>,
    /// The queue this channel declared last, as declared (see `queue_or_last`); None when it declared
    /// none or a server-named one with `$nowait` (the broker alone knows its name).
    pub(super) last_queue: RefCell<Option<ShortString>>,
}

impl ChannelState {
    /// A new lapin channel on the session's link, numbered `number` (`channel($id)`) unless lapin still
    /// holds that number (a channel closing), else by lapin, which counts on. Numbers are not reused
    /// as php-amqplib reuses the lowest one free: a close of ours that crosses the broker's returns
    /// before the broker's close-ok to it arrives, which would reach a new channel under that number.
    /// With recovery on, a connection found lost by the channel.open (a reset socket lapin had not
    /// noticed yet) is recovered and the channel opened on the new one.
    pub(super) fn opened(session: Rc<Session>, number: Option<u16>) -> PhpResult<Self> {
        let mut link = session.link()?;
        let deadline = session::recovery_deadline();
        let channel = loop {
            let mut opening = rpc(&link, link.connection.create_channel_numbered(number))?;
            if matches!(&opening, Err(e) if number.is_some() && matches!(e.kind(), lapin::ErrorKind::InvalidChannel(_))) {
                opening = rpc(&link, link.connection.create_channel())?;
            }
            // lapin's state error says only that the connection is gone: its end says why.
            let e = match opening {
                Ok(channel) => break channel,
                Err(e) => link.end_behind(&e).unwrap_or(e),
            };
            if !(session.recovery() && session::recoverable(&e) && session::lost_again(&link, &e, deadline)) {
                return Err(link.failure(&e, errors::CHANNEL_OPEN));
            }
            link = session.recover(&link, e.to_string())?;
        };
        let id = channel.id();
        Ok(ChannelState {
            session,
            link: RefCell::new(link),
            channel: RefCell::new(Arc::new(channel)),
            setup: RefCell::default(),
            tags: Cell::default(),
            reopening: Cell::new(false),
            reopened: Cell::new(None),
            id,
            transaction_lost: Cell::new(false),
            transaction_open: Cell::new(false),
            deliveries: RefCell::new(Deliveries::default()),
            confirms: RefCell::new(Confirms::default()),
            unconfirmed: RefCell::default(),
            next_tag: Cell::new(0),
            batch: RefCell::new(Vec::new()),
            last_route: RefCell::new(None),
            closed: Cell::new(false),
            stop_consuming: Cell::new(false),
            cancel_oks: RefCell::default(),
            deferred: RefCell::new(None),
            watch_returns: Cell::new(false),
            settled: Cell::new(false),
            body_limit: Cell::new(None),
            last_queue: RefCell::new(None),
        })
    }

    /// Before a publish or a settle: in transaction mode, it is part of the open transaction.
    pub(super) fn joins_transaction(&self) {
        if self.setup.borrow().transactional {
            self.transaction_open.set(true);
        }
    }

    pub(super) fn link(&self) -> Arc<Link> {
        self.link.borrow().clone()
    }

    /// The lapin channel in use (a handle: the calls made on it hold no borrow of this channel).
    pub(super) fn channel(&self) -> Arc<Channel> {
        self.channel.borrow().clone()
    }

    /// Whether the lapin channel in use is open; asked before every call, so without cloning the handle.
    pub(super) fn open(&self) -> bool {
        self.channel.borrow().status().connected()
    }

    /// A consumer cancelled (by the program or the broker) is not started again by a recovery, and an
    /// auto-delete queue it was the last consumer of is not declared again.
    pub(super) fn forget_consumer(&self, tag: &[u8]) {
        if let Some(consumer) = self.setup.borrow_mut().cancelled(tag) {
            self.session.topology.borrow_mut().consumer_cancelled(&consumer.queue, consumer.options.exclusive);
        }
    }

    /// The tag PHP sees for a delivery of the current channel (see `DeliveryTags`).
    pub(super) fn received_tag(&self, broker: u64) -> u64 {
        let mut tags = self.tags.get();
        let tag = tags.received(broker);
        self.tags.set(tags);
        tag
    }

    /// The broker's tag for an ack, nack or reject of `tag`; None for a delivery received before the
    /// connection was recovered (the broker redelivers it: settling it would settle another).
    pub(super) fn settling(&self, tag: u64) -> PhpResult<Option<u64>> {
        self.ready()?;
        let broker = self.tags.get().to_broker(tag);
        // A settle of a delivery from before a reconnect is dropped (the broker redelivers it): made in
        // a transaction, the transaction is no longer what the program made, and its commit fails.
        if broker.is_none() && self.setup.borrow().transactional {
            self.transaction_lost.set(true);
        }
        Ok(broker)
    }

    /// Each message held for this channel (`channel_gc`), once: a holder is shared by a publish_batch()
    /// still running and the unconfirmed map. None while either is borrowed (a collection started
    /// inside a channel call), nor in a forked child, whose inherited state is never dropped: the
    /// messages stay alive there, as they did before they were reported.
    pub(super) fn held_messages(&self, each: &mut dyn FnMut(&Zval)) {
        let owned = self.link.try_borrow().is_ok_and(|link| link.owner.is_current());
        let (Ok(unconfirmed), Ok(batch)) = (self.unconfirmed.try_borrow(), self.batch.try_borrow()) else { return };
        if !owned {
            return;
        }
        let mut shared = std::collections::HashSet::new();
        for held in unconfirmed.iter().map(|(_, kept)| &kept.msg.0).chain(batch.iter().map(|kept| &kept.msg.0)) {
            if Rc::strong_count(held) == 1 || shared.insert(Rc::as_ptr(held)) {
                each(&held.0);
            }
        }
    }

    /// The queue a queue name argument names: "" is the broker's shortcut for the queue the channel
    /// declared last, which mq resolves itself, under the name a recovery gave it: a reopened channel
    /// has declared nothing, and the broker would answer 404 "no previously declared queue". Called
    /// where the call is made (after a recovery it waited for) and again where it is recorded.
    pub(super) fn queue_or_last(&self, queue: &ShortString) -> ShortString {
        match &*self.last_queue.borrow() {
            Some(last) if queue.as_str().is_empty() => self.session.renamed(last),
            _ => queue.clone(),
        }
    }

    /// Records the queue the channel declared last (None: a server-named one declared with `$nowait`).
    /// RabbitMQ declares a name without its CR and LF: a name the program asked for with `$nowait` is
    /// kept so; the broker's answers have none.
    pub(super) fn declared_last(&self, name: Option<ShortString>) {
        let as_declared = |name: ShortString| {
            let bytes: Vec<u8> = name.as_bytes().iter().copied().filter(|b| !matches!(b, b'\r' | b'\n')).collect();
            ShortString::from_bytes(bytes).unwrap_or(name)
        };
        self.last_queue.replace(name.map(as_declared));
    }

    /// A queue binding under the name `queue_or_last` gives its queue: with both the queue and the
    /// routing key `""`, the broker binds by the queue's name too.
    pub(super) fn binding_or_last(&self, binding: &Binding) -> Binding {
        let mut resolved = binding.clone();
        resolved.destination = self.queue_or_last(&binding.destination);
        if binding.destination.as_str().is_empty() && binding.routing_key.as_str().is_empty() {
            resolved.routing_key = resolved.destination.clone();
        }
        resolved
    }

    /// How much of a body setBodySizeLimit() keeps: php-amqplib keeps whole body frames up to the
    /// limit, so it is the limit rounded down to the frame payload size.
    pub(super) fn kept_body(&self) -> Option<usize> {
        let limit = self.body_limit.get()?;
        let frame_payload = (self.link().connection.configuration().frame_max() as usize).saturating_sub(8).max(1);
        Some(limit / frame_payload * frame_payload)
    }
}
