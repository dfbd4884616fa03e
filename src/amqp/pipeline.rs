//! Publishes on their way to the socket, per connection, and the ordering they need.
//!
//! basic_publish only queues its frames for lapin's I/O thread (see `runtime::poll_once`). lapin writes
//! publishes from a lower-priority queue than every other method, so any other method (an RPC, an ack,
//! a commit, a close) could overtake publishes made before it: a consumer that publishes a result and
//! then acks its input could lose the result. So before anything else goes out on a connection, the
//! publishes queued on it are waited for (`flush`); the cost is one round trip to the I/O thread, paid
//! only when publishes are pending.

use std::{
    collections::VecDeque,
    time::Instant,
    future::Future,
    pin::Pin,
    sync::Mutex,
};

use ext_php_rs::exception::PhpResult;
use lapin::{Confirmation, PublisherConfirm};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use super::errors::{channel_error, BASIC_PUBLISH};
use crate::runtime::{self, Waited};

/// Resolves when the publish's frames are written, with the broker's future confirm.
pub type Written = Pin<Box<dyn Future<Output = lapin::Result<PublisherConfirm>> + Send>>;

/// The broker's answer to one confirmed publish, for the channel that made it.
pub struct Confirmed {
    pub tag: u64,
    pub outcome: lapin::Result<Confirmation>,
}

/// A written confirmed publish (or the failure to write it), in delivery-tag order.
pub type Settling = (u64, lapin::Result<PublisherConfirm>);

/// Where a confirmed publish goes once written: its channel's `Confirms` queue.
pub struct ConfirmTo {
    pub tag: u64,
    pub queue: UnboundedSender<Settling>,
}

/// A channel's publisher confirms, settled on the PHP thread in delivery-tag order: written publishes
/// arrive from the pipeline (`ConfirmTo`), and the broker's answer to the oldest is awaited first, so
/// ack and nack handlers run in tag order, as php-amqplib calls them. Awaited by the PHP thread's own
/// waits, without a forwarding task: one thread wake-up less per confirm.
pub struct Confirms {
    sender: UnboundedSender<Settling>,
    written: UnboundedReceiver<Settling>,
    /// The oldest unsettled publish and its answer to come; kept across waits cut short.
    oldest: Option<(u64, Answer)>,
    /// Taken by a look (`has_ready`) and not handed over yet.
    ready: Option<Confirmed>,
    /// Answered on a channel since replaced (see `carry_over`), handed over first.
    carried: std::collections::VecDeque<Confirmed>,
}

type Answer = Pin<Box<dyn Future<Output = lapin::Result<Confirmation>> + Send>>;

impl Default for Confirms {
    fn default() -> Self {
        let (sender, written) = tokio::sync::mpsc::unbounded_channel();
        Confirms { sender, written, oldest: None, ready: None, carried: Default::default() }
    }
}

impl Confirms {
    /// Where the pipeline hands written confirmed publishes.
    pub fn sender(&self) -> UnboundedSender<Settling> {
        self.sender.clone()
    }

    /// Waits for the broker's answer to the oldest publish not settled yet (forever when none is pending).
    pub async fn next(&mut self) -> Confirmed {
        if let Some(confirmed) = self.ready.take().or_else(|| self.carried.pop_front()) {
            return confirmed;
        }
        loop {
            if let Some((tag, answer)) = &mut self.oldest {
                let outcome = answer.await;
                let tag = *tag;
                self.oldest = None;
                return Confirmed { tag, outcome };
            }
            // Never None: `self.sender` keeps the queue open.
            if let Some((tag, written)) = self.written.recv().await {
                let answer: Answer = match written {
                    Ok(confirm) => Box::pin(confirm),
                    Err(e) => Box::pin(std::future::ready(Err(e))),
                };
                self.oldest = Some((tag, answer));
            }
        }
    }

    /// For a channel that replaces this one's (a reconnect): the publishes the broker answered before
    /// the loss, in tag order, still to be handed over; the others failed with the connection.
    pub fn carry_over(mut self) -> PhpResult<Confirms> {
        let mut next = Confirms::default();
        while let Some(confirmed) = self.try_next()? {
            if confirmed.outcome.is_ok() {
                next.carried.push_back(confirmed);
            }
        }
        Ok(next)
    }

    /// Whether `tag` was answered (see `carry_over`): it is not published again.
    pub fn carries(&self, tag: u64) -> bool {
        // Carried over in tag order.
        self.carried.binary_search_by_key(&tag, |c| c.tag).is_ok()
    }

    /// One already answered, without waiting.
    pub fn try_next(&mut self) -> PhpResult<Option<Confirmed>> {
        let mut next = std::pin::pin!(self.next());
        Ok(match runtime::poll_once(&mut next)? {
            std::task::Poll::Ready(confirmed) => Some(confirmed),
            std::task::Poll::Pending => None,
        })
    }

    /// Resolves once one is answered (kept for the next `try_next`/`next`).
    pub async fn ready(&mut self) {
        if self.ready.is_none() {
            self.ready = Some(self.next().await);
        }
    }

    /// Whether one is answered (kept for the next `try_next`/`next`).
    pub fn has_ready(&mut self) -> PhpResult<bool> {
        if self.ready.is_none() {
            self.ready = self.try_next()?;
        }
        Ok(self.ready.is_some())
    }
}

/// How many publishes may wait to be written before basic_publish waits (bounds memory, not latency).
const WINDOW: usize = 1024;

#[derive(Default)]
pub struct Pipeline {
    unwritten: Mutex<VecDeque<(Written, Option<ConfirmTo>)>>,
}

impl Pipeline {
    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<(Written, Option<ConfirmTo>)>> {
        self.unwritten.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Adds a publish whose first poll already queued its frames.
    pub fn push(&self, written: Written, confirm: Option<ConfirmTo>) -> PhpResult<()> {
        let full = {
            let mut unwritten = self.lock();
            unwritten.push_back((written, confirm));
            unwritten.len() > WINDOW
        };
        if full {
            self.flush(None)?;
        }
        Ok(())
    }

    /// Waits until every queued publish is written, or until `deadline` (the end of a request, a
    /// destructor: what is not written by then is dropped); confirmed ones go on to their channel.
    ///
    /// Publishes leave the queue one at a time, in order, and the one being waited for goes back to
    /// the front while signal handlers run: a handler's publishes queue behind it, and a flush the
    /// handler makes takes over where this one stopped. No lock is held while PHP runs.
    pub fn flush(&self, deadline: Option<Instant>) -> PhpResult<()> {
        let mut failure = None;
        loop {
            let Some((mut written, confirm)) = self.lock().pop_front() else { break };
            // Most are written by the time the next ones are looked at: a poll costs less than a wait.
            let outcome = match runtime::poll_once(&mut written)? {
                std::task::Poll::Ready(outcome) => outcome,
                std::task::Poll::Pending => {
                    let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
                    match runtime::wait(&mut written, left)? {
                        Waited::Ready(outcome) => outcome,
                        Waited::TimedOut => continue,
                        Waited::Interrupted => {
                            self.lock().push_front((written, confirm));
                            runtime::dispatch_signals()?;
                            continue;
                        }
                    }
                }
            };
            match (outcome, confirm) {
                (outcome, Some(to)) => {
                    let _ = to.queue.send((to.tag, outcome));
                }
                (Err(e), None) => failure = failure.or(Some(e)),
                (Ok(_), None) => {}
            }
        }
        match failure {
            Some(e) => Err(channel_error(&e, BASIC_PUBLISH)),
            None => Ok(()),
        }
    }
}
