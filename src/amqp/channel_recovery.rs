//! A channel after its connection was lost: whether recovery brings it back, and its reopening on
//! the recovered connection (setup, consumers and unconfirmed publishes again).

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use ext_php_rs::exception::PhpResult;

use super::{
    channel_setup,
    channel_state::{Batched, ChannelState},
    deliveries::{Deliveries, Subscription},
    errors::{self, channel_error},
    exceptions as ex,
    link::{while_connected, Link},
    session,
};
use crate::{exceptions::exception, runtime};

/// How soon after a reopen a loss counts as part of the same recovery (see `ChannelState::reopen`).
const AGAIN: Duration = Duration::from_secs(1);

impl ChannelState {
    /// Whether the channel ended because its connection was lost in a way recovery handles (see
    /// `session::recoverable`), with recovery on and neither the channel nor the connection closed by
    /// the program. lapin stops a channel a moment before it records why: a call failing in between
    /// waits (briefly, running no PHP) for the reason, and a connection that ended without one given to
    /// the channel counts as lost.
    pub(super) fn recoverable(&self) -> bool {
        self.recoverable_after(None)
    }

    /// `recoverable`, after a call that failed with `failed`: a socket failure the PHP thread met
    /// before lapin did (a reset read or written first) counts once lapin has recorded it
    /// (`Link::lost_under`), so that this call recovers rather than report the loss.
    pub(super) fn recoverable_after(&self, failed: Option<&lapin::Error>) -> bool {
        if !self.session.recovery() || self.closed.get() || self.reopening.get() || self.session.current().is_none() {
            return false;
        }
        let (link, channel) = (self.link(), self.channel());
        if let Some(error) = failed {
            link.lost_under(error);
        }
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
    pub(super) fn reopen(&self) -> PhpResult<()> {
        let channel = self.channel();
        let reason = channel.status().close_reason().map(|r| r.to_string()).unwrap_or_default();
        // A link lost again within a second of the last reopen (one that dies as soon as it is used)
        // continues that recovery: its deadline bounds the reopens together, which each succeed.
        let now = Instant::now();
        let began = match self.reopened.get() {
            Some((ended, began)) if now.duration_since(ended) < AGAIN => began,
            _ => now,
        };
        let deadline = session::recovery_deadline_from(began);
        if deadline.is_some_and(|deadline| now >= deadline) {
            return Err(self.closed_by_peer());
        }
        self.reopening.set(true);
        let reopened = loop {
            let before = self.link();
            match self.reopen_on(reason.clone()) {
                // The new connection was lost in turn while the unconfirmed publishes went out again on
                // it: replaced again, until recovery's deadline.
                Err(_) if self.lost_again_since(&before, deadline) => continue,
                reopened => break reopened,
            }
        };
        self.reopening.set(false);
        self.reopened.set(Some((Instant::now(), began)));
        match reopened {
            // A signal handler's call during the reconnect (the reconnect goes on), or a signal handler's
            // exception that ended it (the next call recovers): the channel stays usable.
            Err(e) if self.session.is_recovering() || crate::executor::has_exception() => Err(e),
            Err(_) => Err(self.closed_by_peer()),
            Ok(()) => Ok(()),
        }
    }

    /// Whether `reopen_on` failed because the link it moved the channel to, replacing `before`, was
    /// lost too, with time left before `deadline` and no exception of a signal handler's pending.
    fn lost_again_since(&self, before: &Arc<Link>, deadline: Option<Instant>) -> bool {
        let link = self.link();
        !Arc::ptr_eq(&link, before) && !link.is_connected() && session::may_try_again(deadline)
    }

    fn reopen_on(&self, reason: String) -> PhpResult<()> {
        let lost = self.link();
        let deadline = session::recovery_deadline();
        let mut link = self.session.recover(&lost, reason.clone())?;
        // A recovered link lost again before the channel is open on it (a network that keeps dropping
        // connections) is recovered again, until the deadline: not a reason to close the channel for good.
        let (channel, deliveries) = loop {
            // A signal handler may have closed this channel during the reconnect.
            if self.closed.get() {
                return Err(exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0));
            }
            let opened = while_connected(&link, self.opening(&link), link.rpc_timeout)?;
            match opened.ok_or_else(|| link.rpc_timed_out())? {
                Ok(opened) => break opened,
                Err(e) if session::lost_again(&link, &e, deadline) => link = self.session.recover(&link, reason.clone())?,
                Err(e) => return Err(channel_error(&e, errors::CHANNEL_OPEN)),
            }
        };
        if self.closed.get() {
            let _ = runtime::poll_once(&mut Box::pin(channel.close(200, "".into())));
            return Err(exception(ex::CHANNEL_CLOSED, "Channel connection is closed.", 0));
        }
        self.transaction_lost.set(self.transaction_lost.get() || self.transaction_open.replace(false));
        *self.link.borrow_mut() = link;
        *self.channel.borrow_mut() = Arc::new(channel);
        // A no_ack consumer's deliveries that reached mq but not PHP are handed over first, with their
        // tags from before the loss: the new channel's tags start above them.
        let mut deliveries = deliveries;
        let mut tags = self.tags.get();
        deliveries.carry(self.deliveries.borrow_mut().carry_over(|broker| tags.received(broker)));
        tags.reopened();
        self.tags.set(tags);
        *self.deliveries.borrow_mut() = deliveries;
        // Confirms that arrived before the loss are kept for the handlers; only the rest is published again.
        // The old link's queued publishes are dropped (no wait: they failed with it); the broker's
        // answers lapin queued before the loss are carried over.
        let _ = lost.pipeline.flush(Some(Duration::ZERO));
        let mut confirms = std::mem::take(&mut *self.confirms.borrow_mut()).carry_over()?;
        if self.next_tag.get() > 0 {
            confirms.listen(self.channel().confirm_events());
        }
        let pending: Vec<(u64, Batched)> =
            self.unconfirmed.borrow().iter().filter(|(tag, _)| !confirms.carries(*tag)).map(|(tag, p)| (tag, p.clone())).collect();
        *self.confirms.borrow_mut() = confirms;
        for (tag, p) in pending {
            self.publish_frames(&p, tag)?;
        }
        Ok(())
    }

    /// This channel opened on `link` as it was set up, with its consumers, under the queue names the
    /// reconnects gave server-named queues.
    fn opening<'a>(&self, link: &'a Link) -> impl std::future::Future<Output = lapin::Result<(lapin::Channel, Deliveries)>> + Send + 'a {
        let setup = {
            let mut setup = self.setup.borrow_mut();
            for (old, new) in self.session.renames() {
                setup.queue_renamed(&old, &new);
            }
            setup.clone()
        };
        async move {
            let channel = link.connection.create_channel().await?;
            let mut deliveries = Deliveries::default();
            for (c, consumer) in channel_setup::replay(&setup, &channel).await? {
                deliveries.add(Subscription::new(c.tag.as_bytes().to_vec(), c.options.no_ack), consumer);
            }
            Ok((channel, deliveries))
        }
    }
}
