//! The deliveries of a channel's consumers, read by the PHP thread itself.
//!
//! The PHP thread takes them straight from lapin's consumers: a look (`try_next`) pops what has
//! arrived without registering for a wake-up, and only a wait (`next`, `ready`) polls the consumers
//! as streams, registering the waiting thread's waker. No forwarding task, no merged stream: a
//! delivery reaches PHP with one wakeup at most, and a look costs a lock and a pop per consumer.

use std::{
    pin::Pin,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    task::{Context, Poll},
};

use futures_util::Stream;
use lapin::message::BoxedDeliveryResult;

/// A consumer as its deliveries name it: its tag (bytes, as the broker holds it) and whether it acks.
pub struct Subscription {
    pub tag: Vec<u8>,
    pub no_ack: bool,
    /// basic_cancel'ed by the program: its end is no news, and its tag may already name a new consumer.
    cancelled: AtomicBool,
}

impl Subscription {
    pub fn new(tag: Vec<u8>, no_ack: bool) -> Self {
        Subscription { tag, no_ack, cancelled: AtomicBool::new(false) }
    }

    pub fn cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// What a consumer hands to the PHP thread. A delivery stays in the box lapin's consumer queued it in:
/// some 600 bytes, moved through the wait's select and the event loop (memmove was 7 % of consuming).
pub enum Incoming {
    Delivery(Arc<Subscription>, Box<lapin::message::Delivery>),
    /// A `no_ack` delivery of a channel lost and reopened since (`carry_over`), its tag already PHP's.
    Carried(Arc<Subscription>, Box<lapin::message::Delivery>),
    /// The consumer's stream ended: cancelled by us, or by the server (queue deleted...).
    Ended(Arc<Subscription>),
    Failed(lapin::Error),
}

/// A consumer being read, with what was taken out of it and not handed over yet (see `take_first`).
struct Source {
    subscription: Arc<Subscription>,
    consumer: lapin::Consumer,
    head: Option<BoxedDeliveryResult>,
    /// For a head that is the consumer's end or failure (no tag): the highest tag among the others'
    /// heads when it was found, which it follows.
    follows: u64,
}

#[derive(Default)]
pub struct Deliveries {
    consumers: Vec<Source>,
    /// Taken out of the consumers by a look (`has_ready`) and not handed over yet.
    ready: Option<Incoming>,
    /// Handed over before anything the consumers hold (`carry_over`).
    carried: std::collections::VecDeque<Incoming>,
}

impl Deliveries {
    /// Reads a consumer from now on: its deliveries, then its end (or its failure).
    pub fn add(&mut self, subscription: Subscription, consumer: lapin::Consumer) {
        self.consumers.push(Source { subscription: Arc::new(subscription), consumer, head: None, follows: 0 });
    }

    /// The program cancels the consumers of `tag` (one, unless a cancel is under way for it already).
    pub fn cancel(&mut self, tag: &[u8]) {
        for source in self.consumers.iter().filter(|s| s.subscription.tag == tag) {
            source.subscription.cancelled.store(true, Ordering::Relaxed);
        }
    }

    /// The next one that has already arrived, without waiting.
    pub fn try_next(&mut self) -> Option<Incoming> {
        self.ready.take().or_else(|| self.take_first(lapin::Consumer::take_delivery))
    }

    /// What a lost channel's consumers received and PHP has not seen, for the channel that replaces it:
    /// the deliveries of `no_ack` consumers, which the broker counts as delivered and nobody would
    /// deliver again, with their tags made PHP's by `tag` (before the tags start over). The others'
    /// messages the broker requeues; their tags mean nothing on the new channel.
    pub fn carry_over(&mut self, mut tag: impl FnMut(u64) -> u64) -> std::collections::VecDeque<Incoming> {
        let mut carried = std::collections::VecDeque::new();
        while let Some(incoming) = self.try_next() {
            match incoming {
                Incoming::Delivery(subscription, mut delivery) if subscription.no_ack => {
                    delivery.delivery_tag = tag(delivery.delivery_tag);
                    carried.push_back(Incoming::Carried(subscription, delivery));
                }
                Incoming::Carried(..) => carried.push_back(incoming),
                _ => {}
            }
        }
        carried
    }

    /// Hands `carried` (from `carry_over`) over before anything the consumers receive.
    pub fn carry(&mut self, carried: std::collections::VecDeque<Incoming>) {
        self.carried = carried;
    }

    /// Whether one has arrived (kept for the next `try_next`/`next`).
    pub fn has_ready(&mut self) -> bool {
        if self.ready.is_none() {
            self.ready = self.try_next();
        }
        self.ready.is_some()
    }

    /// Whether a message has arrived (not a consumer's end or failure), kept for the next `try_next`.
    pub fn has_delivery(&mut self) -> bool {
        self.has_ready() && matches!(self.ready, Some(Incoming::Delivery(..) | Incoming::Carried(..)))
    }

    /// Resolves once one has arrived (kept for the next `try_next`/`next`); never when no consumer is left.
    pub async fn ready(&mut self) {
        if self.ready.is_none() {
            match self.next().await {
                Some(incoming) => self.ready = Some(incoming),
                None => std::future::pending().await,
            }
        }
    }

    /// Waits for the next one; None at once when no consumer is left.
    pub async fn next(&mut self) -> Option<Incoming> {
        if let Some(incoming) = self.ready.take() {
            return Some(incoming);
        }
        std::future::poll_fn(|cx| self.poll_next(cx)).await
    }

    fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Incoming>> {
        if self.consumers.is_empty() && self.carried.is_empty() {
            return Poll::Ready(None);
        }
        // Every consumer polled Pending has the waker registered: any delivery wakes the wait.
        let polled = |consumer: &mut lapin::Consumer| match Pin::new(consumer).poll_next(cx) {
            Poll::Ready(Some(result)) => Some(result.map(|delivery| Some(Box::new(delivery)))),
            Poll::Ready(None) => Some(Ok(None)),
            Poll::Pending => None,
        };
        self.take_first(polled).map_or(Poll::Pending, |incoming| Poll::Ready(Some(incoming)))
    }

    /// The next one in the order the broker sent them: the delivery with the lowest tag among what
    /// `look` finds at the head of each consumer, as php-amqplib hands them over frame by frame (a
    /// `multiple` ack of one consumer's tag settles every lower tag of the channel: those must have been
    /// handed over, whichever consumer they are for). A consumer's end or failure has no tag: it comes
    /// after the deliveries at the others' heads when it was found, before those found later, so a
    /// busy consumer does not hold it back. An ended or failed consumer is read no more. What a lost
    /// channel left (`carry`) goes before all of it.
    fn take_first(&mut self, mut look: impl FnMut(&mut lapin::Consumer) -> Option<BoxedDeliveryResult>) -> Option<Incoming> {
        if let Some(carried) = self.carried.pop_front() {
            return Some(carried);
        }
        // Until a look at the empty ones finds nothing new: lapin queues deliveries in the order they
        // came off the socket, so once a delivery is seen in one consumer, every lower tag is in the
        // others' queues for the next look (a look that found one may have passed a consumer that
        // got a lower tag meanwhile).
        loop {
            let mut found = false;
            for source in self.consumers.iter_mut().filter(|s| s.head.is_none()) {
                source.head = look(&mut source.consumer);
                found |= source.head.is_some();
            }
            if !found || self.consumers.len() == 1 {
                break;
            }
        }
        let tag_of = |s: &Source| match &s.head {
            Some(Ok(Some(delivery))) => Some(delivery.delivery_tag),
            _ => None,
        };
        let highest = self.consumers.iter().filter_map(tag_of).max().unwrap_or(0);
        for source in self.consumers.iter_mut().filter(|s| s.follows == 0 && matches!(s.head, Some(Ok(None) | Err(_)))) {
            source.follows = highest.max(1); // found now (the source goes with its head)
        }
        let key = |s: &Source| match (&s.head, tag_of(s)) {
            (_, Some(tag)) => Some((tag, 0)),
            (Some(_), None) => Some((s.follows, 1)),
            (None, None) => None,
        };
        let at = (self.consumers.iter().enumerate()).filter_map(|(at, s)| key(s).map(|k| (k, at))).min()?.1;
        Some(match self.consumers[at].head.take()? {
            Ok(Some(delivery)) => Incoming::Delivery(self.consumers[at].subscription.clone(), delivery),
            Ok(None) => Incoming::Ended(self.consumers.remove(at).subscription),
            Err(e) => {
                self.consumers.remove(at);
                Incoming::Failed(e)
            }
        })
    }
}
