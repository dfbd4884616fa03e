//! The channel's event loop: waits for the next delivery, confirm, returned message or flow notice
//! (`Event`), then hands it to its PHP handler.
//!
//! Deliveries and confirms are awaited by the PHP thread itself (`deliveries`, `pipeline::Confirms`);
//! `wait()` takes one at a time and only then calls PHP callbacks, outside the runtime.

use std::{
    future::Future,
    pin::Pin,
    time::{Duration, Instant},
};

use ext_php_rs::{
    exception::PhpResult,
    types::{ZendClassObject, ZendObject, Zval},
};

use super::{
    channel::AmqpChannel,
    channel_state::ChannelState,
    deliveries::Incoming,
    errors,
    pipeline::Confirmed,
    settles,
};
use crate::runtime::{self, Waited};

/// What a wait does once the signal handlers have run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnSignal {
    /// Return None: `wait()` without a timeout returns null, as php-amqplib's does.
    Return,
    /// Throw the wait's timeout, as php-amqplib's `wait()` with a timeout does: the signal ended its
    /// select. Misleading (php-amqplib #1094), but consumers stop on it: RabbitMqBundle's and enqueue's
    /// loops check their stop flags when the wait times out, so waiting on held a SIGTERM until the
    /// timeout ran out (a supervisor's grace period may be shorter).
    TimeOut,
}

enum Event {
    Confirmed(Confirmed),
    Incoming(Incoming),
    Returned(Vec<lapin::message::BasicReturnMessage>),
    Flow(super::flow::Notice),
    /// The channel closed (by the broker, say) with nothing else to hand over: no consumer or confirm
    /// would tell the wait, which php-amqplib ends with the close's exception.
    Ended,
}

/// A channel object's wait for work, for the connection's select() (see `channel_class::Work`).
pub(super) fn work(object: &ZendObject) -> PhpResult<Option<Pin<Box<dyn Future<Output = ()> + '_>>>> {
    let Some(channel) = ZendClassObject::<AmqpChannel>::from_zend_obj(object) else { return Ok(None) };
    // A channel of a lost connection is recovered first, as a wait() on it would recover it: its
    // consumers then deliver on the new connection, which select() waits on.
    if !channel.open() && channel.recoverable() {
        channel.reopen()?;
    }
    Ok(Some(Box::pin(channel.has_work())))
}

/// How long a non-blocking wait that found nothing, on a channel that settled deliveries since, waits for
/// the deliveries those settles let the broker send (a broker round trip, with room to spare on loopback
/// and a LAN).
const REFILL: Duration = Duration::from_millis(5);

impl ChannelState {
    /// Waits for the next delivery or confirm until `deadline`. On a signal the PHP handlers run (as
    /// php-amqplib's select runs them), then `on_signal` says how the wait ends.
    /// A timeout is php-amqplib's AMQPTimeoutException, naming the `timeout` the caller asked for; without
    /// a `timeout`, the deadline is a quiet one: None when it passes.
    fn next(&self, deadline: Option<Instant>, timeout: Option<Duration>, on_signal: OnSignal) -> PhpResult<Option<Event>> {
        loop {
            // Publishes queued since (by a signal handler) must be written to be confirmed.
            self.flush_publishes()?;
            if let Some(event) = self.try_next() {
                return Ok(Some(event)); // already queued: no need to enter the runtime
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            // The inboxes are borrowed for the wait only, which runs no PHP: the handlers run after.
            let waited = {
                let mut deliveries = self.deliveries.borrow_mut();
                let mut confirms = self.confirms.borrow_mut();
                let returns = self.returns();
                let ended = self.channel().status().ended();
                let link = self.link();
                let next = async {
                    tokio::select! {
                        biased;
                        c = confirms.next() => Event::Confirmed(c),
                        Some(i) = deliveries.next() => Event::Incoming(i),
                        r = returns => Event::Returned(r),
                        notice = link.flow.next() => Event::Flow(notice),
                        // Last: what the channel received before it closed goes first, as it came.
                        () = ended => Event::Ended,
                    }
                };
                runtime::wait_on_socket(next, left, link.socket(), runtime::First::Read)?
            };
            match waited {
                Waited::Ready(event) => return Ok(Some(event)),
                Waited::TimedOut => return timeout.map_or(Ok(None), |t| Err(errors::timed_out(t.as_secs_f64()))),
                Waited::Interrupted => {
                    runtime::dispatch_signals()?;
                    if on_signal == OnSignal::Return {
                        return Ok(None);
                    }
                    // The link's end interrupts the wait too, and a handler may have closed the channel:
                    // either is reported as such, not as a timeout.
                    self.check()?;
                    return Err(errors::timed_out(timeout.map_or(0.0, |t| t.as_secs_f64())));
                }
            }
        }
    }

    /// Resolves once a delivery or confirm is ready for wait() (kept there): the connection's select().
    /// Only awaited by `runtime::wait`, which runs no PHP while the inboxes are borrowed.
    #[allow(clippy::await_holding_refcell_ref)]
    async fn has_work(&self) {
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
        self.try_received()
    }

    /// A delivery or returned messages that have arrived, without waiting.
    fn try_received(&self) -> Option<Event> {
        if let Some(i) = self.deliveries.borrow_mut().try_next() {
            return Some(Event::Incoming(i));
        }
        let returned = self.arrived_returns();
        (!returned.is_empty()).then_some(Event::Returned(returned))
    }

    /// Messages the broker returned outside confirm mode that have arrived (only a mandatory publish
    /// made outside confirm mode watches for them).
    pub(super) fn arrived_returns(&self) -> Vec<lapin::message::BasicReturnMessage> {
        if !self.watch_returns.get() {
            return Vec::new();
        }
        runtime::runtime().ok().and_then(|r| r.block_on(self.channel().wait_for_confirms()).ok()).unwrap_or_default()
    }

    /// Messages the broker returned outside confirm mode. lapin keeps them until asked, without a
    /// notification, so a wait that may see one polls for them; never resolves when none can come.
    fn returns(&self) -> impl std::future::Future<Output = Vec<lapin::message::BasicReturnMessage>> {
        let channel = self.watch_returns.get().then(|| self.channel());
        async move {
            let Some(channel) = channel else {
                return std::future::pending().await;
            };
            loop {
                match channel.wait_for_confirms().await {
                    Ok(returned) if !returned.is_empty() => return returned,
                    _ => tokio::time::sleep(Duration::from_millis(10)).await,
                }
            }
        }
    }
}

impl AmqpChannel {
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
            // The close's exception, or (a recovered channel) a wait on the new channel.
            Event::Ended => self_.check().map(|()| false),
        }
    }

    /// Before a publish: the block and unblock notices the broker sent are handed to their handlers,
    /// then a blocked connection refuses it (php-amqplib's `checkConnection()`).
    pub(super) fn refuse_if_blocked(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        Self::notify_flow(self_)?;
        if self_.link().flow.is_blocked() {
            return Err(crate::exceptions::exception(super::exceptions::CONNECTION_BLOCKED, "Connection is blocked due to low resources", 0));
        }
        Ok(())
    }

    /// Passes recovery's state changes, then the broker's block/unblock notices, to the connection's handlers.
    pub(super) fn notify_flow(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
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
    pub(super) fn notify_recovery(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        let changes = self_.session.take_notices();
        if changes.is_empty() {
            return Ok(());
        }
        let connection = Self::prop(self_, "connection");
        changes.iter().try_for_each(|change| super::connection::notify_recovery(&connection, change))
    }

    /// wait()'s work: handles one incoming delivery or confirm (see `AmqpChannel::wait`).
    pub(super) fn wait_one(self_: &mut ZendClassObject<Self>, non_blocking: bool, limit: Option<Duration>) -> PhpResult<Zval> {
        // A closed channel has nothing to wait for but the confirms the broker sent before closing it
        // (php-amqplib reads one frame per wait()); then php-amqplib fails here too.
        if Self::settle_answered(self_, 1)? > 0 || Self::dispatch_received(self_)? {
            return Ok(Zval::new());
        }
        self_.check()?;
        if let Some(tag) = self_.cancel_oks.borrow_mut().pop_front() {
            return Ok(tag);
        }
        // Signals that came while PHP ran (without async signals pcntl only queued them): their
        // handlers run now, as php-amqplib's select runs them after its next wait.
        runtime::dispatch_signals()?;
        Self::notify_flow(self_)?;
        let deadline = limit.map(|l| Instant::now() + l);
        let on_signal = if limit.is_some() { OnSignal::TimeOut } else { OnSignal::Return };
        loop {
            let event = if non_blocking {
                self_.flush_publishes()?; // confirms come only for written publishes
                self_.try_next()
            } else {
                self_.next(deadline, limit, on_signal)?
            };
            let Some(event) = event else {
                // A loop of non-blocking waits never sleeps on the socket: the broker may be waiting
                // for the acks held meanwhile before it sends more. php-amqplib wrote each ack (nack,
                // reject) in its callback, so the broker's next deliveries had come by now: give them
                // `REFILL` to come on a channel that settled some, or a worker that stops at its first
                // empty wait stopped after one prefetch window.
                settles::flush_all();
                if non_blocking && self_.settled.replace(false) {
                    if let Some(event) = self_.next(Some(Instant::now() + REFILL), None, OnSignal::Return)? {
                        Self::handle(self_, event)?;
                    }
                }
                return Ok(Zval::new());
            };
            if Self::handle(self_, event)? {
                return Ok(Zval::new());
            }
        }
    }

    /// On a channel the broker closed, hands over one delivery (or the consumer's failure, which
    /// reports the close) or the returned messages it sent before its close: php-amqplib reads them
    /// before the close, a no_ack consumer's deliveries are off the queue already, and a return is
    /// the only word that a message went nowhere. True when it handed something over.
    fn dispatch_received(self_: &mut ZendClassObject<Self>) -> PhpResult<bool> {
        if self_.open() || self_.closed.get() || self_.recoverable() {
            return Ok(false);
        }
        let Some(event) = self_.try_received() else { return Ok(false) };
        Self::handle(self_, event).map(|_| true)
    }

    /// consume()'s work: waits and dispatches until no consumer is left, `poll` bounding each wait.
    pub(super) fn consume_all(self_: &mut ZendClassObject<Self>, poll: Option<Duration>) -> PhpResult<()> {
        // What the broker sent before it closed the channel goes first (see `dispatch_received`).
        while Self::dispatch_received(self_)? {}
        self_.check()?;
        // Handlers of signals that came while a callback ran go first: one may stop the loop.
        while runtime::dispatch_signals().map(|()| Self::consuming(self_) && !self_.stop_consuming.replace(false))? {
            match self_.next(poll.map(|p| Instant::now() + p), poll, OnSignal::Return) {
                Ok(Some(event)) => {
                    Self::handle(self_, event)?;
                }
                // A signal, whose handler ran (and may have called stopConsume()): go on, as php-amqplib does.
                Ok(None) => {}
                Err(e) if crate::executor::has_exception() => return Err(e),
                Err(_) => continue, // a poll timeout: wait again
            }
        }
        Ok(())
    }
}
