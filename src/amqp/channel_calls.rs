//! How a channel's calls reach the broker: the checks before each (usable, earlier publishes
//! written), RPCs bounded by the RPC timeout, methods the broker does not answer, `$nowait`, and how
//! the first call after a close reports it.

use std::{future::Future, pin::Pin};

use ext_php_rs::exception::PhpResult;
use lapin::{
    options::{BasicAckOptions, BasicNackOptions, BasicRejectOptions},
    Channel,
};

use super::{
    channel_state::ChannelState,
    errors::{self, channel_error, Method},
    exceptions as ex,
    link::{rpc, Link},
    settles,
};
use crate::{exceptions::exception, runtime};

/// A channel RPC's future, made by `ChannelState::call` on the channel in use.
pub(super) type RpcFuture<'a, T> = Pin<Box<dyn Future<Output = lapin::Result<T>> + Send + 'a>>;

/// How a delivery is settled (`ChannelState::settle`).
#[derive(Clone, Copy)]
pub(super) enum Settle {
    Ack(BasicAckOptions),
    Nack(BasicNackOptions),
    Reject(BasicRejectOptions),
}

impl Settle {
    fn method(self) -> Method {
        match self {
            Settle::Ack(_) => errors::BASIC_ACK,
            Settle::Nack(_) => errors::BASIC_NACK,
            Settle::Reject(_) => errors::BASIC_REJECT,
        }
    }
}

impl ChannelState {
    /// Before any method but a publish: the channel is usable and earlier publishes are written.
    pub(super) fn ready(&self) -> PhpResult<()> {
        self.check()?;
        self.flush_publishes()
    }

    /// Waits until the publishes queued on the connection are written. With recovery on, a write that
    /// found the socket dead recovers the channel, as a call made after the loss does: the publishes
    /// made without confirms that were not written are lost with the connection (README), those
    /// awaiting a confirm are published again.
    pub(super) fn flush_publishes(&self) -> PhpResult<()> {
        {
            // Before every call: nothing queued is the common case, settled without a handle's clone.
            let link = self.link.borrow();
            link.check_owner()?;
            if link.pipeline.is_empty() {
                return Ok(());
            }
        }
        // A handle of its own: the wait runs signal handlers, which may replace the channel's link.
        let link = self.link();
        match link.pipeline.written(None)? {
            Ok(()) => Ok(()),
            Err(e) if self.recoverable_after(Some(&e)) => self.reopen(),
            Err(e) => Err(channel_error(&e, errors::BASIC_PUBLISH)),
        }
    }

    pub(super) fn check(&self) -> PhpResult<()> {
        self.link.borrow().check_owner()?;
        if let Some(deferred) = self.deferred.borrow_mut().take() {
            return Err(deferred);
        }
        if self.closed.get() {
            return Err(exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0));
        }
        if self.reopening.get() {
            return Err(exception(ex::CONNECTION_CLOSED, "The channel is being recovered after its connection was lost", 0));
        }
        if !self.open() {
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
    pub(super) fn closed_by_peer(&self) -> ext_php_rs::exception::PhpException {
        use lapin::ErrorKind::{InvalidChannelState, InvalidConnectionState};
        let ours = |e: &lapin::Error| matches!(e.kind(), InvalidChannelState(..) | InvalidConnectionState(..));
        // The connection's end is recorded before its channels start closing; theirs only after.
        let reason = self.channel().status().close_reason().filter(|reason| !ours(reason));
        match reason.or_else(|| self.link().connection.status().end_reason()) {
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
    /// when the server closed it. `make` makes the call on the channel in use: after `ready()`, which
    /// recovers a connection already found lost, and again on the recovered channel when the call finds
    /// the connection lost itself (a reset that reached the PHP thread before lapin, or the loss of an
    /// RPC in flight): a declare, bind, consume, get or delete repeated does at most once more what the
    /// broker may have done of the first, which the program called it for; until recovery's deadline,
    /// and not when the recovery renamed a server-named queue (the call would name the old one): then
    /// the call throws for the loss, as `call_once` does.
    pub(super) fn call<T>(&self, make: impl Fn(&Channel) -> RpcFuture<'_, T>, method: Method) -> PhpResult<T> {
        self.call_with(make, method, true)
    }

    /// `call` for an RPC not made again after a loss it met: a transaction's commit or rollback (the
    /// broker rolled the transaction back with its connection), a no_ack get or consume (what the
    /// broker delivered on the lost connection is gone). It throws for the loss; the channel is
    /// recovered for the next call.
    pub(super) fn call_once<T>(&self, make: impl Fn(&Channel) -> RpcFuture<'_, T>, method: Method) -> PhpResult<T> {
        self.call_with(make, method, false)
    }

    /// `call` when `repeat`, else `call_once`.
    pub(super) fn call_with<T>(&self, make: impl Fn(&Channel) -> RpcFuture<'_, T>, method: Method, repeat: bool) -> PhpResult<T> {
        loop {
            self.ready()?;
            let channel = self.channel();
            match rpc(&self.link(), make(&channel))? {
                Ok(value) => return Ok(value),
                // Repeats end with recovery's deadline (see `reopen`).
                Err(e) if self.recoverable_after(Some(&e)) => {
                    let renames = self.session.rename_count();
                    self.reopen()?;
                    if !repeat || self.session.rename_count() != renames {
                        return Err(channel_error(&e, method));
                    }
                }
                // A state error of lapin's says only that the channel closed under the call: the broker's
                // reason, recorded before the state changed, is what php-amqplib reports.
                Err(e) if !self.open() => {
                    return Err(match e.kind() {
                        lapin::ErrorKind::InvalidChannelState(..) | lapin::ErrorKind::InvalidConnectionState(..) => self.closed_by_peer(),
                        _ => self.ended(&e, method),
                    })
                }
                Err(e) => {
                    return Err(match self.link().end_behind(&e) {
                        Some(reason) => self.ended(&reason, method),
                        // The connection's end met by this call before lapin recorded it: reported here,
                        // so this channel's next call finds it closed, as php-amqplib's.
                        None if Link::is_end(&e) => self.ended(&e, method),
                        None => channel_error(&e, method),
                    })
                }
            }
        }
    }

    /// The exception for the failure that ended the channel, reported now: later calls find the
    /// channel closed, and the connection's other channels its socket gone (see `closed_by_peer`).
    pub(super) fn ended(&self, error: &lapin::Error, method: Method) -> ext_php_rs::exception::PhpException {
        self.closed.set(true);
        if !error.is_amqp_soft_error() {
            self.link().end_reported.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        channel_error(error, method)
    }

    /// A method the broker does not answer (ack, nack, reject), not waited for: written on the socket
    /// here while lapin's I/O thread lends it (lapin's PATCHED.md), else queued for the I/O thread. An
    /// ack is held back to go out with the next write instead (`settles`).
    pub(super) fn settle(&self, tag: u64, settle: Settle) -> PhpResult<()> {
        self.ready()?;
        self.joins_transaction();
        self.settled.set(true);
        let written = {
            let channel = self.channel.borrow();
            match settle {
                Settle::Ack(options) => match channel.basic_ack_held(tag, options) {
                    Some(first) => {
                        if first {
                            settles::flush_soon(&channel);
                        }
                        true
                    }
                    None => channel.basic_ack_direct(tag, options),
                },
                Settle::Nack(options) => channel.basic_nack_direct(tag, options),
                Settle::Reject(options) => channel.basic_reject_direct(tag, options),
            }
        };
        if written {
            return Ok(());
        }
        let channel = self.channel();
        let queued = match settle {
            Settle::Ack(options) => runtime::poll_once(&mut std::pin::pin!(channel.basic_ack(tag, options))),
            Settle::Nack(options) => runtime::poll_once(&mut std::pin::pin!(channel.basic_nack(tag, options))),
            Settle::Reject(options) => runtime::poll_once(&mut std::pin::pin!(channel.basic_reject(tag, options))),
        }?;
        match queued {
            // The connection was found lost just now: the delivery it settled is redelivered after the
            // recovery, so the ack or reject is dropped, as `DeliveryTags` drops one made later.
            std::task::Poll::Ready(Err(e)) if self.recoverable_after(Some(&e)) => self.reopen(),
            std::task::Poll::Ready(Err(e)) => Err(self.link().failure(&e, settle.method())),
            _ => Ok(()),
        }
    }

    /// A call made with php-amqplib's `$nowait`: the broker's answer is still awaited (lapin cannot
    /// skip it safely), but a failure is kept for the next call and null returned, as with php-amqplib.
    pub(super) fn call_nowait<T>(
        &self,
        nowait: bool,
        make: impl Fn(&Channel) -> RpcFuture<'_, T>,
        method: Method,
    ) -> PhpResult<Option<T>> {
        match self.call(make, method) {
            Ok(value) => Ok((!nowait).then_some(value)),
            Err(e) if nowait && !crate::executor::has_exception() => {
                *self.deferred.borrow_mut() = Some(e);
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}
