//! Publisher confirms and returns handed to PHP: each confirm settles its unconfirmed publish and calls
//! the ack or nack handler, a returned message the return listener; wait_for_pending_acks' wait.

use std::time::Instant;

use ext_php_rs::{exception::PhpResult, types::ZendClassObject};
use lapin::Settled;

use super::{
    channel::AmqpChannel,
    channel_arguments::seconds,
    channel_state::Batched,
    errors,
    message,
    pipeline::Confirmed,
    wire,
};
use crate::{
    mixed::Mixed,
    runtime::{self, Waited},
};

impl AmqpChannel {
    /// Hands over, up to `at_most`, the confirms the broker answered on a channel that has since ended
    /// (only then: on a live channel the waits hand them over in turn). Returns how many.
    pub(super) fn settle_answered(self_: &mut ZendClassObject<Self>, at_most: usize) -> PhpResult<usize> {
        // Not through check(), which takes the deferred error and may start a recovery. A channel that
        // recovery reopens carries the answered confirms over itself (`Confirms::carry_over`); one the
        // broker closed (a 404) is not reopened, with recovery on or off.
        let ended = |c: &Self| c.link().check_owner().is_ok() && !c.closed.get()
            && (c.deferred.borrow().is_some() || !c.open());
        if !ended(self_) || self_.recoverable() {
            return Ok(0);
        }
        let mut settled = 0;
        while settled < at_most && ended(self_) {
            let Some(confirmed) = self_.confirms.borrow_mut().try_next_answer()? else { break };
            Self::settle(self_, confirmed)?;
            settled += 1;
        }
        Ok(settled)
    }

    /// Settles one confirm: the return listener for a returned message, then the ack or nack handler,
    /// each called with the very message object that was published.
    pub(super) fn settle(self_: &mut ZendClassObject<Self>, confirmed: Confirmed) -> PhpResult<()> {
        let Confirmed { tag, outcome } = confirmed;
        if !outcome.is_ok() && self_.recoverable() {
            return self_.reopen(); // which publishes it again, under the same tag
        }
        // The broker sends a returned message's basic.return before its ack, and php-amqplib handles
        // them as it reads them: the return listener runs alone, and the ack waits for the next wait,
        // which may be one the listener makes (its handler then runs in there, before the ack or
        // return of a publish the listener made).
        let outcome = match outcome {
            Settled::Returned { ack, message } => {
                let outcome = if ack { Settled::Ack } else { Settled::Nack };
                self_.confirms.borrow_mut().put_back(Confirmed { tag, outcome });
                return Self::returned(self_, &message);
            }
            outcome => outcome,
        };
        let Some(Batched { msg, .. }) = self_.unconfirmed.borrow_mut().remove(tag) else { return Ok(()) };
        let handler = match outcome {
            Settled::Ack => "ack_handler",
            Settled::Nack => "nack_handler",
            // Published before confirm mode (no answer comes); a return was handed over above.
            Settled::NotRequested | Settled::Returned { .. } => return Ok(()),
            Settled::Failed(e) => return Err(self_.ended(&e, errors::BASIC_PUBLISH)),
        };
        let handler = Self::prop(self_, handler);
        if handler.is_callable() {
            handler.try_call(vec![&*msg])?;
        }
        Ok(())
    }

    /// Calls the return listener with php-amqplib's arguments: code, text, exchange, routing key, message.
    pub(super) fn returned(self_: &mut ZendClassObject<Self>, returned: &lapin::message::BasicReturnMessage) -> PhpResult<()> {
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

    /// Hands the messages returned outside confirm mode (a mandatory publish made before confirm_select())
    /// to the return listener: their basic.return came before the acks behind them, and php-amqplib's
    /// confirm wait reads it in that order.
    fn returned_before(self_: &mut ZendClassObject<Self>) -> PhpResult<()> {
        for returned in self_.arrived_returns() {
            Self::returned(self_, &returned)?;
        }
        Ok(())
    }

    /// Waits until every publish is confirmed, the whole wait bounded by `timeout` (0: no bound).
    /// Signal handlers run as they come; like the ack and nack handlers, they may publish (the wait
    /// then covers those too) or wait themselves.
    pub(super) fn wait_for_confirms(self_: &mut ZendClassObject<Self>, timeout: &Mixed) -> PhpResult<()> {
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
            self_.flush_publishes()?;
            // One multiple ack answers many publishes: those already queued are settled without a
            // wait's set-up each (two signal-mask calls, an eventfd read, the socket lease).
            let answered = self_.confirms.borrow_mut().try_next()?;
            let confirmed = match answered {
                Some(confirmed) => confirmed,
                None => {
                    let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
                    // Borrowed for the wait only, which runs no PHP (see `next`).
                    let link = self_.link();
                    let waited = runtime::wait_on_socket(self_.confirms.borrow_mut().next(), left, link.socket(), runtime::First::Sleep)?;
                    match waited {
                        Waited::Ready(confirmed) => confirmed,
                        Waited::TimedOut => return Err(errors::timed_out(limit.map_or(0.0, |t| t.as_secs_f64()))),
                        Waited::Interrupted => {
                            runtime::dispatch_signals()?;
                            continue;
                        }
                    }
                }
            };
            Self::returned_before(self_)?;
            Self::settle(self_, confirmed)?;
        }
        Ok(())
    }
}
