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

/// Where a confirmed publish's answer goes once written.
pub struct ConfirmTo {
    pub tag: u64,
    pub channel: UnboundedSender<Confirmed>,
}

/// How many publishes may wait to be written before basic_publish waits (bounds memory, not latency).
const WINDOW: usize = 1024;

#[derive(Default)]
pub struct Pipeline {
    unwritten: Mutex<VecDeque<(Written, Option<ConfirmTo>)>>,
}

impl Pipeline {
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

    /// Waits until every queued publish is written; confirmed ones then wait for the broker on the
    /// runtime, their answers going to their channel.
    pub fn flush(&self) -> PhpResult<()> {
        let pending = std::mem::take(&mut *self.unwritten.lock().unwrap_or_else(|e| e.into_inner()));
        let mut failure = None;
        for (written, confirm) in pending {
            let outcome = match runtime::wait(written, None, OnSignal::Dispatch)? {
                Waited::Ready(outcome) => outcome,
                Waited::TimedOut | Waited::Interrupted => continue,
            };
            match (outcome, confirm) {
                (Ok(publisher_confirm), Some(to)) => {
                    runtime::runtime()?.spawn(async move {
                        let _ = to.channel.send(Confirmed { tag: to.tag, outcome: publisher_confirm.await });
                    });
                }
                (Err(e), Some(to)) => {
                    let _ = to.channel.send(Confirmed { tag: to.tag, outcome: Err(e) });
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
