//! AMQPChannel's PHP methods, php-amqplib's API: each reads its arguments and hands over to the
//! modules that do the work (`channel_calls`, `publishing`, `channel_events`, `consuming`...).

use ext_php_rs::{
    convert::IntoZval,
    exception::PhpResult,
    prelude::*,
    types::{ZendClassObject, ZendHashTable, Zval},
};
use lapin::{options::*, ExchangeKind};

use super::{
    channel::{own_class, AmqpChannel},
    channel_arguments::{binding, name, php_type, seconds},
    channel_calls::Settle,
    channel_setup,
    channel_state::{Batched, HeldMessage},
    connection::AmqpConnection,
    deliveries::Subscription,
    errors::{self, channel_error, Method},
    exceptions as ex,
    topology, wire,
};
use crate::{
    classes,
    exceptions::exception,
    mixed::{mixed, Mixed, EMPTY_ARRAY, NULL, ZERO_SIG},
    php_string,
    runtime,
};

#[php_impl]
#[php(change_method_case = "snake_case")]
impl AmqpChannel {
    /// Opens a channel on `$connection` (what `$connection->channel()` does), numbered `$channel_id` if
    /// given (see `ChannelState::opened`); `$auto_decode` and `$channel_rpc_timeout` are the
    /// connection's business in mq.
    #[php(defaults(channel_id = NULL, auto_decode = true, channel_rpc_timeout = 0))]
    pub fn __construct(connection: &Zval, channel_id: Mixed, auto_decode: Mixed, channel_rpc_timeout: Mixed) -> PhpResult<Self> {
        let _ = (auto_decode, channel_rpc_timeout);
        let owner = connection
            .object()
            .and_then(ZendClassObject::<AmqpConnection>::from_zend_obj)
            .ok_or_else(|| exception("InvalidArgumentException", "AMQPChannel needs an AbstractConnection", 0))?;
        // php-amqplib takes any id == null (0, '', false) as none.
        let number = match channel_id.is_null() || channel_id.int() == 0 {
            // The lowest number free in `$channels`, as php-amqplib numbers them; lapin picks another
            // should it still hold that one (lapin's PATCHED.md: a number is let go only once the close
            // handshake's frames are queued, in order, so a channel.open under it follows them).
            true => connection.object().and_then(|c| super::connection::free_channel_id(c, u16::MAX)),
            // lapin refuses numbers above the negotiated channel_max (another is picked); a number that
            // is no AMQP short fails as php-amqplib's frame writer fails on it.
            false => Some(channel_id.int())
                .map(|id| u16::try_from(id).map_err(|_| exception(ex::INVALID_ARGUMENT, &format!("Short out of range: {id}"), 0)))
                .transpose()?,
        };
        let channel = Self::opened(owner.session(), number)?;
        // The object being constructed is `$this` of the running call; it gets its connection and
        // takes its place in the connection's `$channels`, as php-amqplib's constructor does.
        if let Some(this) = classes::this_of_current_call() {
            classes::write(this, own_class(), "connection", connection.shallow_clone());
            super::connection::register_channel(connection, i64::from(channel.id), this)?;
        }
        Ok(channel)
    }

    // ---- lifecycle ----

    /// The channel's number; null once closed, as php-amqplib's `do_close()` forgets it (`registered`).
    /// Receiverless (`UNCONSTRUCTED`), as the other lifecycle methods.
    #[php(name = "getChannelId")]
    pub fn get_channel_id() -> Zval {
        let Some(self_) = Self::current() else { return Zval::new() };
        if !Self::registered(self_) {
            return Zval::new();
        }
        mixed(i64::from(self_.id))
    }

    /// The connection; null once closed, as `getChannelId()`.
    #[php(name = "getConnection")]
    pub fn get_connection() -> Zval {
        let Some(self_) = Self::current() else { return Zval::new() };
        if !Self::registered(self_) {
            return Zval::new();
        }
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

    /// php-amqplib's access.request round trip returns the broker's ticket, and RabbitMQ answers every
    /// request with ticket 1 (it dropped the access class): mq checks the realm as php-amqplib's writer
    /// does, then the channel, and answers 1 itself.
    #[php(defaults(exclusive = false, passive = false, active = false, write = false, read = false))]
    pub fn access_request(&self, realm: &Zval, exclusive: Mixed, passive: Mixed, active: Mixed, write: Mixed, read: Mixed) -> PhpResult<i64> {
        let _ = (exclusive, passive, active, write, read);
        name(realm)?;
        self.ready()?;
        Ok(1)
    }

    /// Asks the broker to pause (false) or resume (true) deliveries; returns the flow now in force.
    pub fn flow(&self, active: &Zval) -> PhpResult<Zval> {
        let active = active.coerce_to_bool();
        let flowing = self.call(|channel| Box::pin(channel.channel_flow(ChannelFlowOptions { active })), Method(20, 20))?;
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
        Ok(mixed(self.deliveries.borrow_mut().has_ready() || self.confirms.borrow_mut().has_ready()?))
    }

    /// Until a call reports the channel's close (the program's, the broker's, or its connection's end),
    /// as php-amqplib's flag, set when it reads the close.
    pub fn is_open() -> Zval {
        mixed(Self::current().is_some_and(|this| !this.closed.get()))
    }

    #[php(defaults(reply_code = 0, reply_text = "\"\"", method_sig = ZERO_SIG))]
    pub fn close(reply_code: Mixed, reply_text: Mixed, method_sig: Mixed) -> PhpResult<Zval> {
        let _ = (reply_code, reply_text, method_sig);
        let Some(self_) = Self::current() else {
            // Made without its constructor: php-amqplib's close() of a channel never opened.
            if let Some(this) = classes::this_of_current_call() {
                classes::write(this, own_class(), "callbacks", ZendHashTable::new().into_zval(false)?);
            }
            return Ok(Zval::new());
        };
        Self::set_callbacks(self_, ZendHashTable::new())?;
        Self::forget_in_connection(self_)?;
        // The broker cancels the channel's consumers with it.
        let tags: Vec<Vec<u8>> = self_.setup.borrow().consumers().map(|c| c.tag.as_bytes().to_vec()).collect();
        tags.iter().for_each(|tag| self_.forget_consumer(tag));
        if self_.closed.replace(true) || !self_.link().is_connected() {
            return Ok(Zval::new());
        }
        // Our close goes out on an open channel only. Either way, a close of the broker's (a publish to a
        // missing exchange) that came before ours or crossed it is what php-amqplib's close() reads and
        // throws, whichever close-ok came first.
        let closed = if self_.open() {
            self_.link().flush()?;
            let channel = self_.channel();
            let closing = channel.close(200, "".into());
            // On the socket, as `link::rpc` waits (see `Link::close`).
            runtime::wait_dispatching_on_socket(closing, self_.link().rpc_timeout, self_.link().socket())?
        } else {
            None
        };
        if let Some(reason) = self_.channel().status().close_reason().filter(lapin::Error::is_amqp_soft_error) {
            return Err(channel_error(&reason, Method(20, 40)));
        }
        match closed {
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
        self.call_nowait(nowait.flag(), |channel| Box::pin(channel.exchange_declare(exchange.clone(), ExchangeKind::Custom(kind.clone()), options, args.clone())), errors::EXCHANGE_DECLARE)?;
        self.session.topology.borrow_mut().exchange_declared(topology::Exchange { name: exchange, kind, options, arguments: args });
        Ok(Zval::new())
    }

    #[php(defaults(if_unused = false, nowait = false, ticket = NULL))]
    pub fn exchange_delete(&self, exchange: &Zval, if_unused: Mixed, nowait: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let options = ExchangeDeleteOptions { if_unused: if_unused.flag(), nowait: false };
        let exchange = name(exchange)?;
        self.call_nowait(nowait.flag(), |channel| Box::pin(channel.exchange_delete(exchange.clone(), options)), errors::EXCHANGE_DELETE)?;
        self.session.topology.borrow_mut().exchange_deleted(&exchange);
        Ok(Zval::new())
    }

    #[php(defaults(routing_key = "\"\"", nowait = false, arguments = EMPTY_ARRAY, ticket = NULL))]
    pub fn exchange_bind(&self, destination: &Zval, source: &Zval, routing_key: Mixed, nowait: Mixed, arguments: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let b = binding(destination, false, source, &routing_key, &arguments)?;
        self.call_nowait(
            nowait.flag(),
            |channel| Box::pin(channel.exchange_bind(b.destination.clone(), b.source.clone(), b.routing_key.clone(), ExchangeBindOptions { nowait: false }, b.arguments.clone())),
            errors::EXCHANGE_BIND,
        )?;
        self.session.topology.borrow_mut().bound(b);
        Ok(Zval::new())
    }

    #[php(defaults(routing_key = "\"\"", nowait = false, arguments = EMPTY_ARRAY, ticket = NULL))]
    pub fn exchange_unbind(&self, destination: &Zval, source: &Zval, routing_key: Mixed, nowait: Mixed, arguments: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let b = binding(destination, false, source, &routing_key, &arguments)?;
        self.call_nowait(
            nowait.flag(),
            |channel| Box::pin(channel.exchange_unbind(b.destination.clone(), b.source.clone(), b.routing_key.clone(), ExchangeUnbindOptions { nowait: false }, b.arguments.clone())),
            errors::EXCHANGE_UNBIND,
        )?;
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
        let declared = self.call_nowait(nowait.flag(), |channel| Box::pin(channel.queue_declare(asked.clone(), options, args.clone())), errors::QUEUE_DECLARE)?;
        // With $nowait and a server-named queue, the name is not known: nothing to replay it by.
        let name = declared.as_ref().map(|d| d.name().clone()).or_else(|| (!asked.as_str().is_empty()).then(|| asked.clone()));
        self.declared_last(name.clone());
        if let Some(name) = name {
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
        self.call_nowait(
            nowait.flag(),
            |channel| {
                let b = self.binding_or_last(&b);
                Box::pin(channel.queue_bind(b.destination, b.source, b.routing_key, QueueBindOptions { nowait: false }, b.arguments))
            },
            errors::QUEUE_BIND,
        )?;
        self.session.topology.borrow_mut().bound(self.binding_or_last(&b));
        Ok(Zval::new())
    }

    #[php(defaults(routing_key = "\"\"", arguments = EMPTY_ARRAY, ticket = NULL))]
    pub fn queue_unbind(&self, queue: &Zval, exchange: &Zval, routing_key: Mixed, arguments: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let b = binding(queue, true, exchange, &routing_key, &arguments)?;
        self.call(
            |channel| {
                let b = self.binding_or_last(&b);
                Box::pin(channel.queue_unbind(b.destination, b.source, b.routing_key, b.arguments))
            },
            errors::QUEUE_UNBIND,
        )?;
        self.session.topology.borrow_mut().unbound(&self.binding_or_last(&b));
        Ok(Zval::new())
    }

    /// The number of messages purged.
    #[php(defaults(queue = "\"\"", nowait = false, ticket = NULL))]
    pub fn queue_purge(&self, queue: Mixed, nowait: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let queue = queue.name()?;
        match self.call_nowait(nowait.flag(), |channel| Box::pin(channel.queue_purge(self.queue_or_last(&queue), QueuePurgeOptions { nowait: false })), errors::QUEUE_PURGE)? {
            Some(purged) => Ok(i64::from(purged).into_zval(false)?),
            None => Ok(Zval::new()),
        }
    }

    /// The number of messages deleted with the queue.
    #[php(defaults(queue = "\"\"", if_unused = false, if_empty = false, nowait = false, ticket = NULL))]
    pub fn queue_delete(&self, queue: Mixed, if_unused: Mixed, if_empty: Mixed, nowait: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let options = QueueDeleteOptions { if_unused: if_unused.flag(), if_empty: if_empty.flag(), nowait: false };
        let asked = queue.name()?;
        let deleted = self.call_nowait(nowait.flag(), |channel| Box::pin(channel.queue_delete(self.queue_or_last(&asked), options)), errors::QUEUE_DELETE)?;
        self.session.topology.borrow_mut().queue_deleted(&self.queue_or_last(&asked));
        match deleted {
            Some(deleted) => Ok(i64::from(deleted).into_zval(false)?),
            None => Ok(Zval::new()),
        }
    }

    // ---- publishing ----

    #[php(defaults(exchange = "\"\"", routing_key = "\"\"", mandatory = false, immediate = false, ticket = NULL))]
    pub fn basic_publish(self_: &mut ZendClassObject<Self>, msg: &Zval, exchange: Mixed, routing_key: Mixed, mandatory: Mixed, immediate: Mixed, ticket: Mixed) -> PhpResult<()> {
        let _ = ticket;
        Self::refuse_if_blocked(self_)?;
        let publishing = Batched { msg: HeldMessage::new(msg.shallow_clone()), route: self_.route_of(&exchange, &routing_key, mandatory.flag(), immediate.flag())? };
        // In confirm mode, a channel the broker closed hands the acks and nacks it sent before closing to
        // their handlers first, then this publish throws its error: php-amqplib runs them at its next wait,
        // then throws there, and a program must not take acked messages for lost.
        if self_.next_tag.get() > 0 {
            Self::settle_answered(self_, usize::MAX)?;
        }
        let published = self_.publish(publishing, None, true);
        // A recovery the publish made is reported now, not at the next call.
        Self::notify_recovery(self_)?;
        published
    }

    #[php(defaults(exchange = "\"\"", routing_key = "\"\"", mandatory = false, immediate = false, ticket = NULL))]
    pub fn batch_basic_publish(&self, message: &Zval, exchange: Mixed, routing_key: Mixed, mandatory: Mixed, immediate: Mixed, ticket: Mixed) -> PhpResult<()> {
        let _ = ticket;
        let batched = Batched { msg: HeldMessage::new(message.shallow_clone()), route: self.route_of(&exchange, &routing_key, mandatory.flag(), immediate.flag())? };
        self.batch.borrow_mut().push(batched);
        Ok(())
    }

    /// Publishes the batch; a blocked connection refuses it whole and keeps it, as php-amqplib's.
    pub fn publish_batch(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        if self_.batch.borrow().is_empty() {
            return Ok(());
        }
        Self::refuse_if_blocked(self_)?;
        self_.publish_batched()
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
        let asked = queue.name()?;
        // Not made again after a loss it met with no_ack: what the broker delivered on the lost connection
        // is gone, and the program is told (see `call_once`).
        let consumer = self_.call_with(|channel| Box::pin(channel.basic_consume(self_.queue_or_last(&asked), tag.clone(), options, args.clone())), errors::BASIC_CONSUME, !no_ack)?;
        let queue = self_.queue_or_last(&asked);
        self_.session.topology.borrow_mut().consumer_started(&queue, options.exclusive);
        self_.setup.borrow_mut().consuming(channel_setup::Consumer { queue, tag: consumer.tag(), options, arguments: args });
        let tag = consumer.tag().as_bytes().to_vec();
        php_string::insert(&mut callbacks, &tag, callback.map(Zval::shallow_clone).unwrap_or_default())?;
        self_.deliveries.borrow_mut().add(Subscription::new(tag.clone(), no_ack), consumer);
        Self::set_callbacks(self_, callbacks)?;
        Ok(classes::binary(&tag))
    }

    #[php(defaults(nowait = false, noreturn = false))]
    pub fn basic_cancel(self_: &mut ZendClassObject<Self>, consumer_tag: &Zval, nowait: Mixed, noreturn: Mixed) -> PhpResult<Zval> {
        let tag = name(consumer_tag)?;
        let mut callbacks = Self::callbacks(self_);
        php_string::remove(&mut callbacks, tag.as_bytes());
        Self::set_callbacks(self_, callbacks)?;
        self_.forget_consumer(tag.as_bytes());
        self_.deliveries.borrow_mut().cancel(tag.as_bytes());
        let nowait = nowait.flag();
        self_.call_nowait(nowait, |channel| Box::pin(channel.basic_cancel(tag.clone(), BasicCancelOptions { nowait: false })), errors::BASIC_CANCEL)?;
        if noreturn.flag() && !nowait {
            self_.cancel_oks.borrow_mut().push_back(wire::text_bytes(&tag));
        }
        Ok(wire::text_bytes(&tag))
    }

    pub fn is_consuming() -> Zval {
        mixed(Self::current().is_some_and(Self::consuming))
    }

    /// Makes `consume()` return after the message being handled, as php-amqplib does (consumers stay).
    #[php(name = "stopConsume")]
    pub fn stop_consume(&self) {
        self.stop_consuming.set(true);
    }

    /// Handles one incoming delivery or confirm and returns null, or hands over the cancel-ok of a
    /// `basic_cancel($tag, false, true)` (returns the tag). On a signal during a blocking wait the
    /// handler runs, then it returns null without a timeout and throws the timeout with one, as
    /// php-amqplib's does.
    #[php(defaults(allowed_methods = NULL, non_blocking = false, timeout = 0))]
    pub fn wait(self_: &mut ZendClassObject<Self>, allowed_methods: Mixed, non_blocking: Mixed, timeout: Mixed) -> PhpResult<Zval> {
        let _ = allowed_methods;
        let limit = seconds(&timeout, "wait(): Argument #3 ($timeout)")?;
        Self::wait_one(self_, non_blocking.flag(), limit)
    }

    /// Waits and dispatches until no consumer is left; `$maximum_poll` bounds each wait, not the loop.
    /// Converted as php-amqplib's `float $maximumPoll` is (ext-php-rs names parameters after the Rust
    /// identifier, so named arguments need `maximum_poll:`).
    #[php(defaults(maximum_poll = 10.0))]
    pub fn consume(self_: &mut ZendClassObject<Self>, maximum_poll: Mixed) -> PhpResult<()> {
        let poll = seconds(&maximum_poll, "PhpAmqpLib\\Channel\\AMQPChannel::consume(): Argument #1 ($maximumPoll)")?;
        Self::consume_all(self_, poll)
    }

    #[php(defaults(queue = "\"\"", no_ack = false, ticket = NULL))]
    pub fn basic_get(self_: &mut ZendClassObject<Self>, queue: Mixed, no_ack: Mixed, ticket: Mixed) -> PhpResult<Zval> {
        let _ = ticket;
        let got = Self::get(self_, &queue, no_ack.flag())?;
        // A polling worker learns of a recovery its basic_get made; when the get brought a message, at
        // the next call instead (a handler's exception would take the message's place, losing it).
        if got.is_null() {
            Self::notify_recovery(self_)?;
        }
        Ok(got)
    }

    #[php(defaults(multiple = false))]
    pub fn basic_ack(&self, delivery_tag: &Zval, multiple: Mixed) -> PhpResult<()> {
        let Some(tag) = self.settling(wire::unsigned_longlong(delivery_tag)?)? else { return Ok(()) };
        self.settle(tag, Settle::Ack(BasicAckOptions { multiple: multiple.flag() }))
    }

    #[php(defaults(multiple = false, requeue = false))]
    pub fn basic_nack(&self, delivery_tag: &Zval, multiple: Mixed, requeue: Mixed) -> PhpResult<()> {
        let Some(tag) = self.settling(wire::unsigned_longlong(delivery_tag)?)? else { return Ok(()) };
        self.settle(tag, Settle::Nack(BasicNackOptions { multiple: multiple.flag(), requeue: requeue.flag() }))
    }

    pub fn basic_reject(&self, delivery_tag: &Zval, requeue: &Zval) -> PhpResult<()> {
        let Some(tag) = self.settling(wire::unsigned_longlong(delivery_tag)?)? else { return Ok(()) };
        self.settle(tag, Settle::Reject(BasicRejectOptions { requeue: requeue.coerce_to_bool() }))
    }

    /// prefetch_size is not supported by RabbitMQ and ignored (but range-checked as php-amqplib writes
    /// it); null counts as 0.
    pub fn basic_qos(&self, prefetch_size: &Zval, prefetch_count: &Zval, a_global: &Zval) -> PhpResult<()> {
        // Sent as given: RabbitMQ answers a size other than 0 by closing the connection, as for php-amqplib.
        let prefetch_size = wire::integer(prefetch_size, "Long", 0, i64::from(u32::MAX))? as u32;
        let count = wire::integer(prefetch_count, "Short", 0, 65535)? as u16;
        let global = a_global.coerce_to_bool();
        self.call(|channel| Box::pin(channel.basic_qos(count, BasicQosOptions { global, prefetch_size })), errors::BASIC_QOS)?;
        self.setup.borrow_mut().qos(count, global);
        Ok(())
    }

    #[php(defaults(requeue = false))]
    pub fn basic_recover(&self, requeue: Mixed) -> PhpResult<()> {
        let requeue = requeue.flag();
        self.call(|channel| Box::pin(channel.basic_recover(BasicRecoverOptions { requeue })), errors::BASIC_RECOVER)
    }

    // ---- transactions and confirms ----

    pub fn tx_select(&self) -> PhpResult<()> {
        self.call(|channel| Box::pin(channel.tx_select()), errors::TX_SELECT)?;
        self.setup.borrow_mut().transactional = true;
        Ok(())
    }

    pub fn tx_commit(&self) -> PhpResult<()> {
        self.ready()?;
        if self.transaction_lost.replace(false) {
            // The part made since the reconnect is rolled back too: the transaction is all or nothing.
            self.call_once(|channel| Box::pin(channel.tx_rollback()), errors::TX_ROLLBACK)?;
            return Err(exception(
                ex::CONNECTION_CLOSED,
                "The connection was lost during the transaction and the broker rolled it back: nothing of it was committed; publish it again",
                0,
            ));
        }
        let committed = self.call_once(|channel| Box::pin(channel.tx_commit()), errors::TX_COMMIT);
        // Committed, or a commit that met the loss threw for it: the next transaction starts afresh.
        self.transaction_open.set(false);
        if committed.is_err() {
            self.transaction_lost.set(false);
        }
        committed
    }

    pub fn tx_rollback(&self) -> PhpResult<()> {
        self.ready()?;
        let rolled_back = self.call_once(|channel| Box::pin(channel.tx_rollback()), errors::TX_ROLLBACK);
        // Rolled back by the broker either way (a rollback that met the loss threw for it): the next
        // transaction starts afresh.
        self.transaction_lost.set(false);
        self.transaction_open.set(false);
        rolled_back
    }

    /// Publisher confirms: from now on every publish gets a delivery tag (from 1) and a broker ack or nack.
    #[php(defaults(nowait = false))]
    pub fn confirm_select(&self, nowait: Mixed) -> PhpResult<()> {
        self.call_nowait(nowait.flag(), |channel| Box::pin(channel.confirm_select(ConfirmSelectOptions { nowait: false })), errors::CONFIRM_SELECT)?;
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
