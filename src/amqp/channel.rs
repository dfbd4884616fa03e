//! `PhpAmqpLib\Channel\AMQPChannel`: one lapin channel, its consumers and its publisher confirms.
//!
//! The class and its PHP properties; its methods are in `channel_methods`, its native state in
//! `channel_state`.

use std::rc::Rc;

use ext_php_rs::{
    builders::ClassBuilder,
    convert::IntoZval,
    exception::PhpResult,
    flags::PropertyFlags,
    prelude::*,
    types::{ZendClassObject, ZendHashTable, ZendObject, Zval},
    zend::ClassEntry,
};

use super::{channel_class::abstract_channel, channel_state::ChannelState, session::Session};
use crate::{
    classes::{self, property, Initial},
    exceptions::exception,
};

/// AMQPChannel's own class entry: the scope its private properties are declared in.
pub(super) fn own_class() -> &'static ClassEntry {
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

/// The methods (lower case) declared without a receiver and made instance methods (`amqp::adjust_methods`):
/// on a channel made without its constructor (a PHPUnit partial mock built with
/// `disableOriginalConstructor()`) they answer as php-amqplib's do with its fields unset: no channel id,
/// no connection, not open, not consuming, and close() does nothing. Every other method throws
/// ext-php-rs' "Failed to retrieve reference to `$this`".
pub const UNCONSTRUCTED: [&str; 5] = ["getchannelid", "getconnection", "is_open", "is_consuming", "close"];

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

impl AmqpChannel {
    /// A channel object on a new lapin channel (see `ChannelState::opened`).
    pub(super) fn opened(session: Rc<Session>, number: Option<u16>) -> PhpResult<Self> {
        Ok(Self { state: std::mem::ManuallyDrop::new(ChannelState::opened(session, number)?) })
    }

    /// The channel of the running call to a receiverless method (`UNCONSTRUCTED`); None for an object
    /// made without its constructor.
    pub(super) fn current() -> Option<&'static mut ZendClassObject<Self>> {
        classes::this_of_current_call().and_then(ZendClassObject::<Self>::from_zend_obj_mut)
    }

    pub(super) fn prop(self_: &mut ZendClassObject<Self>, name: &str) -> Zval {
        let this = self_.get_mut_zend_obj();
        classes::read(this, own_class(), name)
    }

    fn set_prop(self_: &mut ZendClassObject<Self>, name: &str, value: Zval) {
        let this = self_.get_mut_zend_obj();
        classes::write(this, own_class(), name, value);
    }

    /// Removes this channel from its connection's `$channels`, as php-amqplib's close does; a channel
    /// opened since under the same number stays.
    pub(super) fn forget_in_connection(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        if !Self::registered(self_) {
            return Ok(());
        }
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

    /// Whether this object is its connection's channel of its number: from its constructor until a
    /// close (ours, the broker's reported, its connection found gone), as php-amqplib's `do_close()`
    /// takes it out of `$channels` and forgets its number and connection.
    pub(super) fn registered(self_: &mut ZendClassObject<Self>) -> bool {
        let id = i64::from(self_.id);
        let this: *const ZendObject = self_.get_mut_zend_obj();
        let connection = Self::prop(self_, "connection");
        let Some(object) = connection.object() else { return false };
        let channels = classes::read(object, object.get_class_entry(), "channels");
        let entry = channels.array().and_then(|list| list.get_index(id)).and_then(Zval::object);
        entry.is_some_and(|entry| std::ptr::eq(entry, this))
    }

    pub(super) fn this(self_: &mut ZendClassObject<Self>) -> Zval {
        classes::object(self_.get_mut_zend_obj())
    }

    /// Whether a consumer callback is registered. A channel found closed (its close reported: the
    /// deliveries the broker sent before it are handed over first) has none left, as php-amqplib's
    /// close (ours or the broker's) empties `callbacks`: a `while (is_consuming())` loop ends.
    pub(super) fn consuming(self_: &mut ZendClassObject<Self>) -> bool {
        let registered = !Self::callbacks(self_).is_empty();
        if registered && self_.closed.get() {
            // Cannot fail: an empty array into a property PHP declared as one.
            let _ = Self::set_callbacks(self_, ZendHashTable::new());
            return false;
        }
        registered
    }

    /// After a call that threw: a channel gone for good (its close reported, or its connection lost
    /// where recovery will not reopen it) is closed as php-amqplib's `do_close()` closes it: no callbacks
    /// left (a `while (count($channel->callbacks))` loop around a wait() that threw ends), out of its
    /// connection's `$channels` (its number is free for the next channel()).
    /// A lost connection not reported yet keeps them while a delivery it brought is still to be handed
    /// over by the next wait().
    pub(crate) fn detach_if_gone(self_: &mut ZendClassObject<Self>) {
        let closed = self_.closed.get();
        let lost = !closed && !self_.link().is_connected() && !self_.recoverable();
        if closed || (lost && !self_.deliveries.borrow_mut().has_delivery()) {
            // Cannot fail: an empty array into a property PHP declared as one, and a list without us.
            let _ = Self::set_callbacks(self_, ZendHashTable::new());
            let _ = Self::forget_in_connection(self_);
        }
    }

    pub(super) fn callbacks(self_: &mut ZendClassObject<Self>) -> ext_php_rs::boxed::ZBox<ZendHashTable> {
        Self::prop(self_, "callbacks").array().map(|a| a.to_owned()).unwrap_or_default()
    }

    pub(super) fn set_callbacks(self_: &mut ZendClassObject<Self>, callbacks: ext_php_rs::boxed::ZBox<ZendHashTable>) -> PhpResult<()> {
        Self::set_prop(self_, "callbacks", callbacks.into_zval(false)?);
        Ok(())
    }

    pub(super) fn set_handler(self_: &mut ZendClassObject<Self>, name: &str, callback: &Zval) -> PhpResult<()> {
        if !callback.is_callable() {
            return Err(exception("InvalidArgumentException", format!("{name} must be callable"), 0));
        }
        Self::set_prop(self_, name, callback.shallow_clone());
        Ok(())
    }
}
