use crate::{
    Error, Promise, PromiseResolver, Result,
    id_sequence::IdSequence,
    message::BasicReturnMessage,
    protocol::{AMQPError, AMQPSoftError},
    publisher_confirm::{Confirmation, PublisherConfirm},
    returned_messages::ReturnedMessages,
    shared::SharedMutex,
    tag_ranges::TagRanges,
    types::DeliveryTag,
};
use std::{
    collections::{BTreeMap, VecDeque},
    fmt,
    sync::MutexGuard,
    task::{Context, Poll, Waker},
};
use tracing::trace;

#[derive(Clone)]
pub(crate) struct Acknowledgements(SharedMutex<Inner>);

type AMQPResult = std::result::Result<(), AMQPError>;

impl Acknowledgements {
    pub(crate) fn new(channel_id: u16, returned_messages: ReturnedMessages) -> Self {
        Self(SharedMutex::new(Inner::new(channel_id, returned_messages)))
    }

    /// None in confirm-event mode: the outcome goes to the channel's `ConfirmEvents` instead.
    pub(crate) fn register_pending(&self) -> Option<PublisherConfirm> {
        self.lock_inner().register_pending()
    }

    /// Whether `events` was called: a publish's outcome has no future of its own.
    pub(crate) fn in_event_mode(&self) -> bool {
        self.lock_inner().events.is_some()
    }

    pub(crate) fn events(&self) -> ConfirmEvents {
        self.lock_inner().events.get_or_insert_default();
        ConfirmEvents(self.clone())
    }

    pub(crate) fn get_last_pending(&self) -> Option<Promise<()>> {
        self.lock_inner().last.take()
    }

    pub(crate) fn ack(&self, delivery_tag: DeliveryTag) -> AMQPResult {
        self.lock_inner().drop_pending(delivery_tag, true)
    }

    pub(crate) fn nack(&self, delivery_tag: DeliveryTag) -> AMQPResult {
        self.lock_inner().drop_pending(delivery_tag, false)
    }

    pub(crate) fn ack_all_pending(&self) {
        self.lock_inner().drop_all(true);
    }

    pub(crate) fn nack_all_pending(&self) {
        self.lock_inner().drop_all(false);
    }

    pub(crate) fn ack_all_before(&self, delivery_tag: DeliveryTag) -> AMQPResult {
        self.lock_inner()
            .complete_pending_before(delivery_tag, true)
    }

    pub(crate) fn nack_all_before(&self, delivery_tag: DeliveryTag) -> AMQPResult {
        self.lock_inner()
            .complete_pending_before(delivery_tag, false)
    }

    pub(crate) fn on_channel_error(&self, error: Error) {
        self.lock_inner().on_channel_error(error);
    }

    pub(crate) fn reset(&self, error: Error) {
        self.lock_inner().reset(error);
    }

    fn lock_inner(&self) -> MutexGuard<'_, Inner> {
        self.0.lock()
    }
}

impl fmt::Debug for Acknowledgements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Acknowledgements");
        if let Some(inner) = self.0.try_lock() {
            debug
                .field("delivery_tag", &inner.delivery_tag)
                .field("returned_messages", &inner.returned_messages)
                .field("pending", &inner.pending.keys())
                .field("pending_events", &inner.pending_events);
        }
        debug.finish()
    }
}

/// mq patch: a channel's publisher confirms as one queue of settled delivery tags, instead of a
/// `PublisherConfirm` future per publish (see `Channel::confirm_events`). A pending publish then costs
/// its tag in the ordered map, and a settled one a small queue entry until it is taken.
#[derive(Clone, Debug)]
pub struct ConfirmEvents(Acknowledgements);

impl ConfirmEvents {
    /// The oldest settled publish not taken yet: its delivery tag and the broker's answer (with the
    /// message the broker returned before it, if any), or the error that ended the channel first.
    /// Settled in the order the broker answered: single acks may come out of tag order.
    pub fn poll_next(&self, cx: &mut Context<'_>) -> Poll<(DeliveryTag, Settled)> {
        let mut inner = self.0.lock_inner();
        let events = inner.events.get_or_insert_default();
        if let Some(run) = events.settled.front_mut()
            && run.first < run.last
            && let Some(outcome) = run.outcome.plain()
        {
            let tag = run.first;
            run.first += 1;
            return Poll::Ready((tag, outcome));
        }
        // A run of one tag (only plain outcomes make longer runs, see `push_run`).
        if let Some(run) = events.settled.pop_front() {
            if events.settled.is_empty() && events.settled.capacity() > 4096 {
                events.settled.shrink_to(4096); // a burst of confirms taken: don't keep its peak
            }
            return Poll::Ready((run.first, run.outcome));
        }
        if !events.waker.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
            events.waker = Some(cx.waker().clone());
        }
        Poll::Pending
    }

    /// The delivery tag of the channel's latest publish in confirm mode (0 before the first). Read
    /// after a `basic_publish`, it tells which tag that publish got: it is unchanged when the publish
    /// got none (confirm mode not on yet, the channel not connected).
    pub fn last_tag(&self) -> DeliveryTag {
        self.0.lock_inner().delivery_tag.current().unwrap_or(0)
    }
}

#[derive(Default)]
struct Events {
    settled: VecDeque<Run>,
    waker: Option<Waker>,
}

/// Consecutive tags settled alike, in the order the broker settled them: a `multiple` ack, or single
/// acks in tag order, take one entry instead of one per publish (200 000 acks that PHP had not taken
/// yet kept 6 MB).
struct Run {
    first: DeliveryTag,
    last: DeliveryTag,
    outcome: Settled,
}

/// A settled publish's outcome as `ConfirmEvents` hands it over. It is moved whole through every
/// hand-off on its way to the caller's handler, so it is two words: a plain ack or nack carries nothing,
/// and a returned message (hundreds of bytes) or an error is boxed.
#[derive(Debug)]
pub enum Settled {
    /// The broker acked the publish.
    Ack,
    /// The broker nacked the publish.
    Nack,
    /// Published before confirm mode was on: the broker answers nothing.
    NotRequested,
    /// The broker returned the message, then acked or nacked it.
    Returned {
        /// Acked (true) or nacked after the return.
        ack: bool,
        /// The message as the broker returned it.
        message: Box<BasicReturnMessage>,
    },
    /// The channel or connection ended before the broker answered.
    Failed(Box<Error>),
}

impl Settled {
    /// Whether the broker answered (acked, nacked or returned), rather than the channel ending first.
    pub fn is_ok(&self) -> bool {
        !matches!(self, Settled::Failed(_))
    }

    /// A copy of an outcome that carries nothing (an ack, a nack, no confirm asked); None for the others.
    fn plain(&self) -> Option<Settled> {
        match self {
            Settled::Ack => Some(Settled::Ack),
            Settled::Nack => Some(Settled::Nack),
            Settled::NotRequested => Some(Settled::NotRequested),
            Settled::Returned { .. } | Settled::Failed(_) => None,
        }
    }
}

impl From<Result<Confirmation>> for Settled {
    fn from(outcome: Result<Confirmation>) -> Self {
        match outcome {
            Ok(Confirmation::Ack(None)) => Settled::Ack,
            Ok(Confirmation::Nack(None)) => Settled::Nack,
            Ok(Confirmation::NotRequested) => Settled::NotRequested,
            Ok(Confirmation::Ack(Some(message))) => Settled::Returned { ack: true, message: Box::new(message) },
            Ok(Confirmation::Nack(Some(message))) => Settled::Returned { ack: false, message: Box::new(message) },
            Err(error) => Settled::Failed(Box::new(error)),
        }
    }
}

/// A pending publish's promises (made before confirm-event mode).
type Resolvers = (PromiseResolver<Confirmation>, PromiseResolver<()>);

struct Inner {
    channel_id: u16,
    delivery_tag: IdSequence<DeliveryTag>,
    last: Option<Promise<()>>,
    pending: BTreeMap<DeliveryTag, Resolvers>,
    /// The pending publishes made in confirm-event mode, which have no promises (mq patch): ranges of
    /// tags, all above `pending`'s.
    pending_events: TagRanges,
    returned_messages: ReturnedMessages,
    /// Set by `Channel::confirm_events`: outcomes of publishes made since are queued here.
    events: Option<Events>,
}

impl Inner {
    fn new(channel_id: u16, returned_messages: ReturnedMessages) -> Self {
        Self {
            channel_id,
            delivery_tag: IdSequence::new(false),
            last: None,
            pending: BTreeMap::default(),
            pending_events: TagRanges::default(),
            returned_messages,
            events: None,
        }
    }

    fn register_pending(&mut self) -> Option<PublisherConfirm> {
        let delivery_tag = self.delivery_tag.next();
        trace!("Publishing with delivery_tag {}", delivery_tag);
        if self.events.is_some() {
            self.pending_events.push(delivery_tag);
            return None;
        }
        let (promise, resolver) = Promise::new("acknowledgement");
        let (err_promise, err_resolver) = Promise::new("acknowledgement-error");
        let promise = PublisherConfirm::new(promise, self.returned_messages.clone());
        self.last = Some(err_promise);
        self.pending.insert(delivery_tag, (resolver, err_resolver));
        Some(promise)
    }

    fn complete_pending(&mut self, success: bool, delivery_tag: DeliveryTag, resolvers: Resolvers) {
        let returned_message = self.returned_messages.get_waiting_message();
        let confirmation = if success {
            Confirmation::Ack(returned_message)
        } else {
            Confirmation::Nack(returned_message)
        };
        resolvers.0.resolve(confirmation);
        if Some(delivery_tag) == self.delivery_tag.current() {
            resolvers.1.resolve(());
        }
    }

    /// Settles the event-mode publishes `first..=last` alike. Each takes a message returned before the
    /// answer, in tag order, as `complete_pending` does; those without one are settled as a run.
    fn settle_events(&mut self, success: bool, first: DeliveryTag, last: DeliveryTag) {
        let mut next = first;
        while let Some(message) = self.returned_messages.get_waiting_message() {
            let returned = Settled::Returned { ack: success, message: Box::new(message) };
            self.push_run(next, next, returned);
            if next == last {
                return;
            }
            next += 1;
        }
        self.push_run(next, last, if success { Settled::Ack } else { Settled::Nack });
    }

    /// Queues the outcome of `first..=last`: a plain outcome if they are more than one.
    fn push_run(&mut self, first: DeliveryTag, last: DeliveryTag, outcome: Settled) {
        let events = self.events.get_or_insert_default();
        match events.settled.back_mut() {
            Some(run)
                if run.last.checked_add(1) == Some(first)
                    && outcome.plain().is_some()
                    && std::mem::discriminant(&run.outcome) == std::mem::discriminant(&outcome) =>
            {
                run.last = last;
            }
            _ => events.settled.push_back(Run {
                first,
                last,
                outcome,
            }),
        }
        if let Some(waker) = events.waker.take() {
            waker.wake();
        }
    }

    fn drop_all(&mut self, success: bool) {
        for (delivery_tag, resolvers) in std::mem::take(&mut self.pending) {
            self.complete_pending(success, delivery_tag, resolvers);
        }
        for (first, last) in self.pending_events.take_all() {
            self.settle_events(success, first, last);
        }
    }

    fn drop_pending(&mut self, delivery_tag: DeliveryTag, success: bool) -> AMQPResult {
        if let Some(resolvers) = self.pending.remove(&delivery_tag) {
            self.complete_pending(success, delivery_tag, resolvers);
            Ok(())
        } else if self.pending_events.remove(delivery_tag) {
            self.settle_events(success, delivery_tag, delivery_tag);
            Ok(())
        } else {
            Err(AMQPError::new(
                AMQPSoftError::PRECONDITIONFAILED.into(),
                format!(
                    "invalid {} received for inexistant delivery_tag {} on channel {}, current is {:?}, was expecting one of {:?}",
                    if success { "ack" } else { "nack" },
                    delivery_tag,
                    self.channel_id,
                    self.delivery_tag.current(),
                    self.pending.keys().copied().chain(self.pending_events.tags()).collect::<Vec<_>>()
                )
                .into(),
            ))
        }
    }

    fn complete_pending_before(&mut self, delivery_tag: DeliveryTag, success: bool) -> AMQPResult {
        // mq patch: the pending tags are ordered, so the settled ones are split off in O(log n)
        // instead of scanning every pending tag for each `multiple` ack (O(n²) for n outstanding).
        let rest = self.pending.split_off(&(delivery_tag + 1));
        for (tag, resolvers) in std::mem::replace(&mut self.pending, rest) {
            self.complete_pending(success, tag, resolvers);
        }
        for (first, last) in self.pending_events.take_through(delivery_tag) {
            self.settle_events(success, first, last);
        }
        Ok(())
    }

    fn on_channel_error(&mut self, error: Error) {
        for (delivery_tag, resolvers) in std::mem::take(&mut self.pending) {
            resolvers.0.reject(error.clone());
            if Some(delivery_tag) == self.delivery_tag.current() {
                resolvers.1.reject(error.clone());
            }
        }
        for (first, last) in self.pending_events.take_all() {
            for tag in first..=last {
                self.push_run(tag, tag, Settled::Failed(Box::new(error.clone())));
            }
        }
        self.returned_messages.clear_dropped_confirms();
    }

    fn reset(&mut self, error: Error) {
        self.delivery_tag = IdSequence::new(false);
        self.on_channel_error(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn next(events: &ConfirmEvents) -> Option<(DeliveryTag, Settled)> {
        match events.poll_next(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(settled) => Some(settled),
            Poll::Pending => None,
        }
    }

    #[test]
    fn confirm_events_settle_tags_without_promises() {
        let acks = Acknowledgements::new(1, ReturnedMessages::default());
        let events = acks.events();
        assert_eq!(events.last_tag(), 0);
        for _ in 0..4 {
            assert!(acks.register_pending().is_none(), "no future per publish");
        }
        assert_eq!(events.last_tag(), 4);
        assert!(next(&events).is_none());

        acks.nack(2).unwrap();
        acks.ack_all_before(3).unwrap(); // multiple: 1 and 3, 2 being settled already
        assert!(matches!(next(&events), Some((2, Settled::Nack))));
        assert!(matches!(next(&events), Some((1, Settled::Ack))));
        assert!(matches!(next(&events), Some((3, Settled::Ack))));
        assert!(next(&events).is_none());
        assert!(acks.ack(3).is_err(), "an ack for a settled tag is a protocol error");

        acks.on_channel_error(ErrorKind::InvalidChannelState(crate::ChannelState::Closed, "test").into());
        assert!(matches!(next(&events), Some((4, Settled::Failed(_)))));
        assert!(next(&events).is_none());
    }

    #[test]
    fn promises_before_confirm_events_still_resolve() {
        let acks = Acknowledgements::new(1, ReturnedMessages::default());
        let confirm = acks.register_pending().expect("a future outside confirm-event mode");
        let events = acks.events();
        assert!(acks.register_pending().is_none());
        acks.ack_all_before(2).unwrap();
        assert!(matches!(next(&events), Some((2, Settled::Ack))));
        let mut confirm = std::pin::pin!(confirm);
        let polled = Future::poll(confirm.as_mut(), &mut Context::from_waker(Waker::noop()));
        assert!(matches!(polled, Poll::Ready(Ok(Confirmation::Ack(None)))));
    }

    #[test]
    fn consecutive_tags_settled_alike_take_one_entry_and_come_out_one_by_one() {
        let acks = Acknowledgements::new(1, ReturnedMessages::default());
        let events = acks.events();
        for _ in 0..10 {
            acks.register_pending();
        }
        acks.ack(1).unwrap();
        acks.ack(2).unwrap();
        acks.ack_all_before(5).unwrap(); // 3 to 5
        acks.nack_all_before(7).unwrap(); // 6 and 7
        acks.ack(9).unwrap(); // not after 7: a run of its own
        acks.ack(8).unwrap();
        acks.on_channel_error(ErrorKind::InvalidChannelState(crate::ChannelState::Closed, "test").into());
        let runs: Vec<_> = acks.lock_inner().events.as_ref().unwrap().settled.iter().map(|r| (r.first, r.last)).collect();
        assert_eq!(runs, [(1, 5), (6, 7), (9, 9), (8, 8), (10, 10)]);
        let mut seen = Vec::new();
        while let Some((tag, settled)) = next(&events) {
            seen.push((tag, match settled {
                Settled::Ack => 'a',
                Settled::Nack => 'n',
                Settled::Failed(_) => 'f',
                _ => '?',
            }));
        }
        assert_eq!(seen, [(1, 'a'), (2, 'a'), (3, 'a'), (4, 'a'), (5, 'a'), (6, 'n'), (7, 'n'), (9, 'a'), (8, 'a'), (10, 'f')]);
    }

    #[test]
    fn pending_event_tags_are_ranges_and_returned_messages_go_to_the_first_tags() {
        let returned = ReturnedMessages::default();
        let acks = Acknowledgements::new(1, returned.clone());
        let events = acks.events();
        for _ in 0..6 {
            acks.register_pending();
        }
        assert_eq!(acks.lock_inner().pending_events.tags().collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
        for key in ["a", "b"] {
            let message = BasicReturnMessage::new("".into(), key.into(), 312, "NO_ROUTE".into(), Default::default());
            returned.start_new_delivery(message);
            returned.handle_content_header_frame(0, Default::default(), true);
        }
        acks.ack(2).unwrap();
        acks.ack_all_before(5).unwrap(); // 1, 3, 4, 5
        assert!(acks.ack(5).is_err());
        acks.nack_all_pending(); // 6
        let mut seen = Vec::new();
        while let Some((tag, settled)) = next(&events) {
            seen.push(match settled {
                Settled::Returned { ack, message } => format!("{tag} returned {} {ack}", message.delivery.routing_key),
                Settled::Ack => format!("{tag} ack"),
                Settled::Nack => format!("{tag} nack"),
                _ => format!("{tag} ?"),
            });
        }
        assert_eq!(seen, ["2 returned a true", "1 returned b true", "3 ack", "4 ack", "5 ack", "6 nack"]);
        assert_eq!(acks.lock_inner().pending_events.tags().count(), 0);
    }

    #[test]
    fn a_settled_outcome_moves_as_two_words() {
        assert!(size_of::<Settled>() <= 16, "{} bytes", size_of::<Settled>());
    }
}
