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
    future::Future,
    pin::Pin,
    sync::Mutex,
};

use ext_php_rs::exception::PhpResult;
use lapin::{Confirmation, PublisherConfirm};
use tokio::sync::mpsc::UnboundedSender;

use super::errors::{channel_error, BASIC_PUBLISH};
use crate::runtime::{self, OnSignal, Waited};

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

/// Starts a channel's confirm collector: it waits for each confirm in delivery-tag order and passes the
/// broker's answers on, so ack and nack handlers run in tag order, as php-amqplib calls them.
pub fn confirm_collector(answers: UnboundedSender<Confirmed>) -> PhpResult<UnboundedSender<Settling>> {
    let (queue, mut settling) = tokio::sync::mpsc::unbounded_channel::<Settling>();
    runtime::runtime()?.spawn(async move {
        while let Some((tag, written)) = settling.recv().await {
            let outcome = match written {
                Ok(confirm) => confirm.await,
                Err(e) => Err(e),
            };
            if answers.send(Confirmed { tag, outcome }).is_err() {
                return;
            }
        }
    });
    Ok(queue)
}

/// How many publishes may wait to be written before basic_publish waits (bounds memory, not latency).
const WINDOW: usize = 1024;

#[derive(Default)]
pub struct Pipeline {
    unwritten: Mutex<VecDeque<(Written, Option<ConfirmTo>)>>,
}

impl Pipeline {
    pub fn is_empty(&self) -> bool {
        self.unwritten.lock().unwrap_or_else(|e| e.into_inner()).is_empty()
    }

    /// Adds a publish whose first poll already queued its frames.
    pub fn push(&self, written: Written, confirm: Option<ConfirmTo>) -> PhpResult<()> {
        let full = {
            let mut unwritten = self.unwritten.lock().unwrap_or_else(|e| e.into_inner());
            unwritten.push_back((written, confirm));
            unwritten.len() > WINDOW
        };
        if full {
            self.flush()?;
        }
        Ok(())
    }

    /// Waits until every queued publish is written; confirmed ones go on to their channel's collector.
    pub fn flush(&self) -> PhpResult<()> {
        let pending = std::mem::take(&mut *self.unwritten.lock().unwrap_or_else(|e| e.into_inner()));
        let mut failure = None;
        for (mut written, confirm) in pending {
            // Most are written by the time the next ones are looked at: a poll costs less than a wait.
            let outcome = match runtime::poll_once(&mut written)? {
                std::task::Poll::Ready(outcome) => outcome,
                std::task::Poll::Pending => match runtime::wait(written, None, OnSignal::Dispatch)? {
                    Waited::Ready(outcome) => outcome,
                    Waited::TimedOut | Waited::Interrupted => continue,
                },
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
