//! The deliveries of a channel's consumers, read by the PHP thread itself.
//!
//! Each consumer is a lapin stream; they are merged and polled directly by the PHP thread's wait (or with
//! a no-op waker when it only looks), so a delivery reaches PHP with one wakeup instead of passing
//! through a forwarding task on a runtime worker.

use std::sync::Arc;

use ext_php_rs::exception::PhpResult;
use futures_util::{
    stream::{self, BoxStream, SelectAll},
    StreamExt,
};

use crate::runtime;

/// A consumer as its deliveries name it: its tag (bytes, as the broker holds it) and whether it acks.
pub struct Subscription {
    pub tag: Vec<u8>,
    pub no_ack: bool,
}

/// What a consumer hands to the PHP thread. A delivery is boxed: some 600 bytes, moved through the
/// stream, the wait's select and the event loop (memmove was 7 % of consuming).
pub enum Incoming {
    Delivery(Arc<Subscription>, Box<lapin::message::Delivery>),
    /// The consumer's stream ended: cancelled by us, or by the server (queue deleted...).
    Ended(Arc<Subscription>),
    Failed(lapin::Error),
}

#[derive(Default)]
pub struct Deliveries {
    streams: SelectAll<BoxStream<'static, Incoming>>,
    /// Taken out of the streams by a look (`has_ready`) and not handed over yet.
    ready: Option<Incoming>,
}

impl Deliveries {
    /// Reads a consumer from now on: its deliveries, then its end (or its failure).
    pub fn add(&mut self, subscription: Subscription, consumer: lapin::Consumer) {
        let events = stream::unfold(Some((Arc::new(subscription), consumer)), |state| async move {
            let (tag, mut consumer) = state?;
            Some(match consumer.next().await {
                Some(Ok(delivery)) => (Incoming::Delivery(tag.clone(), Box::new(delivery)), Some((tag, consumer))),
                Some(Err(e)) => (Incoming::Failed(e), None),
                None => (Incoming::Ended(tag), None),
            })
        });
        self.streams.push(events.boxed());
    }

    /// The next one that has already arrived, without waiting.
    pub fn try_next(&mut self) -> PhpResult<Option<Incoming>> {
        if let Some(incoming) = self.ready.take() {
            return Ok(Some(incoming));
        }
        Ok(match runtime::poll_once(&mut self.streams.next())? {
            std::task::Poll::Ready(incoming) => incoming,
            std::task::Poll::Pending => None,
        })
    }

    /// Whether one has arrived (kept for the next `try_next`/`next`).
    pub fn has_ready(&mut self) -> PhpResult<bool> {
        if self.ready.is_none() {
            self.ready = self.try_next()?;
        }
        Ok(self.ready.is_some())
    }

    /// Resolves once one has arrived (kept for the next `try_next`/`next`); never when no consumer is left.
    pub async fn ready(&mut self) {
        if self.ready.is_none() {
            match self.streams.next().await {
                Some(incoming) => self.ready = Some(incoming),
                None => std::future::pending().await,
            }
        }
    }

    /// Waits for the next one; None at once when no consumer is left.
    pub async fn next(&mut self) -> Option<Incoming> {
        match self.ready.take() {
            Some(incoming) => Some(incoming),
            None => self.streams.next().await,
        }
    }
}
