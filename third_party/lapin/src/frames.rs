use crate::{
    Connection, Error, Promise, PromiseResolver,
    channel::Reply,
    connection_step::ConnectionStep,
    direct_write::{Direct, DirectWriter, Rest, Unsent},
    internal_rpc::InternalRPCHandle,
    promise::Cancelable,
    types::{ChannelId, FrameSize},
};
use amq_protocol::{
    frame::{AMQPFrame, ProtocolVersion},
    protocol::{AMQPClass, basic::AMQPMethod},
};
use std::{
    collections::{HashMap, VecDeque},
    fmt,
    ops::Deref,
    os::fd::RawFd,
    sync::{Arc, Mutex, MutexGuard},
};
use tracing::trace;

pub(crate) struct ExpectedReply(
    pub(crate) Reply,
    pub(crate) Box<dyn Cancelable + Send + Sync>,
);

impl fmt::Debug for ExpectedReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ExpectedReply").field(&self.0).finish()
    }
}

#[derive(Clone, Default)]
pub(crate) struct Frames(Arc<Mutex<Inner>>);

impl Frames {
    /// Queues the frame, or writes it at once in direct mode (`direct_write.rs`). True when the
    /// I/O thread has something new to write and must be woken.
    pub(crate) fn push(
        &self,
        channel_id: ChannelId,
        frame: AMQPFrame,
        canceler: Box<dyn Cancelable + Send + Sync>,
        expected_reply: Option<ExpectedReply>,
        resolver: Option<PromiseResolver<()>>,
    ) -> bool {
        self.lock_inner()
            .push(channel_id, frame, canceler, expected_reply, resolver)
    }

    /// As `push` for a frame something else already wrote: only its reply is expected.
    pub(crate) fn expect(&self, channel_id: ChannelId, expected_reply: ExpectedReply) {
        // A poisoned channel's error reaches the waiter through the cancelled reply.
        let _ = self.lock_inner().expect(channel_id, Some(expected_reply));
    }

    /// As `push`, for a publish's method, header and body frames.
    pub(crate) fn push_frames(
        &self,
        channel_id: ChannelId,
        frames: Vec<AMQPFrame>,
        resolver: PromiseResolver<()>,
    ) -> bool {
        self.lock_inner().push_frames(channel_id, frames, resolver)
    }

    /// Writes frames straight on the socket in direct mode, serialized by `serialize` (see
    /// `DirectWriter::send_serialized`; a publish, an ack). `register` runs under the frames lock once
    /// they go out this way. None: not in direct mode (or the channel failed, or they are too large),
    /// nothing was done. Some(None): every byte is on the socket. Some(Some(promise)): the I/O thread,
    /// which must be woken, writes the rest before anything queued after it, then resolves the promise.
    pub(crate) fn write_direct(
        &self,
        channel_id: ChannelId,
        serialize: impl FnOnce(Vec<u8>) -> Result<Vec<u8>, Vec<u8>>,
        register: impl FnOnce(),
    ) -> Option<Option<Promise<()>>> {
        let mut inner = self.lock_inner();
        if inner.check_poison(channel_id).is_some() {
            return None;
        }
        let Some(rest) = inner.direct.as_mut()?.send_serialized(serialize, register) else {
            // They go the I/O thread's way: the held settles before them.
            inner.flush_held();
            return None;
        };
        let Some(rest) = rest else { return Some(None) };
        let (promise, resolver) = Promise::new("direct write");
        let frames = vec![(rest.bytes.len() as FrameSize, FrameSending::new(None, Some(resolver)))];
        inner.leave_unsent(rest, frames);
        Some(Some(promise))
    }

    /// mq patch: holds a settle back in direct mode, serialized by `serialize`, to go out with the next
    /// write (`DirectWriter::hold`). None: not in direct mode (or the channel failed), nothing was done.
    /// Some((first, wake)): `first` when it is the first held since they last went out (someone must
    /// call `flush_held` soon), `wake` when the I/O thread must be woken to write what the socket did
    /// not take.
    pub(crate) fn hold_direct(
        &self,
        channel_id: ChannelId,
        serialize: impl FnOnce(Vec<u8>) -> Vec<u8>,
    ) -> Option<(bool, bool)> {
        let mut inner = self.lock_inner();
        if inner.check_poison(channel_id).is_some() {
            return None;
        }
        let (first, rest) = inner.direct.as_mut()?.hold(serialize);
        Some((first, inner.left_unsent(rest)))
    }

    /// mq patch: sends the held settles now. True when the I/O thread must be woken to write what the
    /// socket did not take.
    pub(crate) fn flush_held(&self) -> bool {
        self.lock_inner().flush_held()
    }

    /// Lends the socket to pushing threads, if nothing is waiting to be written before their frames.
    pub(crate) fn start_direct(&self, fd: RawFd) {
        let mut inner = self.lock_inner();
        if inner.direct.as_ref().is_some_and(|direct| direct.fd() == fd) || inner.has_pending() {
            return;
        }
        inner.direct = Some(DirectWriter::new(fd));
    }

    /// Takes the socket back: from now on frames are queued for the I/O thread, which writes the held
    /// settles first.
    pub(crate) fn stop_direct(&self) {
        let mut inner = self.lock_inner();
        let Some(mut direct) = inner.direct.take() else { return };
        let held = direct.take_held();
        if !held.is_empty() {
            // Direct mode never runs with anything unsent (`start_direct`).
            inner.unsent = Some(Unsent { bytes: held, frames: Vec::new(), error: None });
        }
    }

    /// The rest of a direct push the socket did not take, to be written before any queued frame.
    pub(crate) fn take_unsent(&self) -> Option<Unsent> {
        self.lock_inner().unsent.take()
    }

    pub(crate) fn retry(&self, frame: FrameEntry) {
        self.lock_inner().retry_frames.push_back(frame);
    }

    pub(crate) fn pop(&self, flow: bool) -> Option<FrameEntry> {
        self.lock_inner().pop(flow)
    }

    pub(crate) fn find_connection_step(&self, channel_id: ChannelId) -> Option<ConnectionStep> {
        match self.find_expected_reply(channel_id, |reply| {
            matches!(&reply.0, Reply::ConnectionStep(..))
        }) {
            Some(Reply::ConnectionStep(step)) => Some(step),
            _ => None,
        }
    }

    pub(crate) fn connection_resolver(
        &self,
        channel_id: ChannelId,
    ) -> Option<PromiseResolver<Connection>> {
        let resolver = self
            .find_connection_step(channel_id)
            .map(ConnectionStep::into_connection_resolver);
        // We carry the Connection here to drop the lock() above before dropping the Connection
        resolver.map(|(resolver, _connection)| resolver)
    }

    pub(crate) fn clear_connection_steps(&self, error: &Error) {
        // Each call to connection_resolver() removes one step from expected_replies[0],
        // so this loop always terminates.
        while let Some(resolver) = self.connection_resolver(0) {
            resolver.reject(error.clone());
        }
    }

    pub(crate) fn retry_connection_header(&self) -> bool {
        let mut inner = self.lock_inner();
        let resolver = inner.expected_replies.get(&0).and_then(|replies| {
            replies.iter().find_map(|reply| match &reply.0 {
                Reply::ConnectionStep(ConnectionStep::ProtocolHeader(resolver, _)) => {
                    Some(resolver.clone())
                }
                _ => None,
            })
        });
        let Some(resolver) = resolver else {
            return false;
        };

        // Keep the expected reply and its original connection promise. The old
        // header may still be queued or partially written on the previous socket.
        inner
            .frames
            .retain(|frame| !matches!(frame.frame, AMQPFrame::ProtocolHeader(_)));
        inner
            .retry_frames
            .retain(|frame| !matches!(frame.frame, AMQPFrame::ProtocolHeader(_)));
        inner.retry_frames.push_front(FrameEntry::new(
            AMQPFrame::ProtocolHeader(ProtocolVersion::amqp_0_9_1()),
            FrameSending::new(Some(Box::new(resolver)), None),
        ));
        true
    }

    pub(crate) fn find_expected_reply<P: FnMut(&ExpectedReply) -> bool>(
        &self,
        channel_id: ChannelId,
        finder: P,
    ) -> Option<Reply> {
        self.lock_inner()
            .expected_replies
            .get_mut(&channel_id)
            .and_then(|replies| {
                replies
                    .iter()
                    .position(finder)
                    .and_then(|idx| replies.remove(idx))
            })
            .map(|t| t.0)
    }

    pub(crate) fn next_expected_close_ok_reply(
        &self,
        channel_id: ChannelId,
        error: Error,
    ) -> Option<Reply> {
        self.lock_inner()
            .next_expected_close_ok_reply(channel_id, error)
    }

    pub(crate) fn has_pending(&self) -> bool {
        self.lock_inner().has_pending()
    }

    pub(crate) fn drop_pending(&self, error: Error, internal_rpc: &InternalRPCHandle) {
        self.lock_inner().drop_pending(error, internal_rpc);
    }

    pub(crate) fn take_expected_replies(
        &self,
        channel_id: ChannelId,
    ) -> Option<VecDeque<ExpectedReply>> {
        self.lock_inner().expected_replies.remove(&channel_id)
    }

    pub(crate) fn clear_expected_replies(&self, channel_id: ChannelId, error: Error) {
        if let Some(replies) = self.take_expected_replies(channel_id) {
            Self::cancel_expected_replies(replies, error)
        }
    }

    pub(crate) fn clear_all_expected_replies(&self, error: Error) {
        self.lock_inner().clear_all_expected_replies(error)
    }

    pub(crate) fn cancel_expected_replies(replies: VecDeque<ExpectedReply>, error: Error) {
        Inner::cancel_expected_replies(replies, error)
    }

    pub(crate) fn drop_frames_for_channel(&self, channel_id: ChannelId, error: Error) {
        self.lock_inner().drop_frames_for_channel(channel_id, error)
    }

    /// Drops the channel's publishes not started yet (mq patch): the broker closed the channel, and
    /// after its close-ok it would take them for frames on a closed channel and close the connection.
    /// A publish whose method frame is out keeps its header and body, sent before the close-ok.
    pub(crate) fn drop_queued_publishes(&self, channel_id: ChannelId, error: Error) {
        Inner::drop_pending_frames_for_channel(channel_id, &mut self.lock_inner().low_prio_frames, error);
    }

    pub(crate) fn poison_channel(&self, channel_id: ChannelId, error: Error) {
        self.lock_inner().channels_poison.insert(channel_id, error);
    }

    pub(crate) fn poison(&self) -> Option<Error> {
        self.lock_inner().poison.clone()
    }

    pub(crate) fn drop_poison(&self) {
        self.lock_inner().poison.take();
    }

    pub(crate) fn drop_channel_poison(&self, channel_id: ChannelId) {
        self.lock_inner().channels_poison.remove(&channel_id);
    }

    #[cfg(test)]
    pub(crate) fn channel_poison(&self, channel_id: ChannelId) -> Option<Error> {
        self.lock_inner().channels_poison.get(&channel_id).cloned()
    }

    fn lock_inner(&self) -> MutexGuard<'_, Inner> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub(crate) struct FrameEntry {
    frame: AMQPFrame,
    sending: FrameSending,
}

impl From<AMQPFrame> for FrameEntry {
    fn from(frame: AMQPFrame) -> Self {
        (frame, None).into()
    }
}

impl From<(AMQPFrame, Option<PromiseResolver<()>>)> for FrameEntry {
    fn from(entry: (AMQPFrame, Option<PromiseResolver<()>>)) -> Self {
        Self::new(entry.0, FrameSending::new(None, entry.1))
    }
}

impl Deref for FrameEntry {
    type Target = AMQPFrame;

    fn deref(&self) -> &Self::Target {
        &self.frame
    }
}

impl FrameEntry {
    fn new(frame: AMQPFrame, sending: FrameSending) -> Self {
        Self { frame, sending }
    }

    fn reject(&self, error: Error) {
        self.sending.reject(error)
    }

    pub(crate) fn resolve(&self) {
        self.sending.resolve()
    }

    pub(crate) fn into_serialized_frame(self, sz: FrameSize) -> (FrameSize, FrameSending) {
        (sz, self.sending)
    }
}

impl fmt::Display for FrameEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.frame.fmt(f)
    }
}

pub(crate) struct FrameSending {
    canceler: Option<Box<dyn Cancelable + Send + Sync>>,
    resolver: Option<PromiseResolver<()>>,
}

impl FrameSending {
    pub(crate) fn new(
        canceler: Option<Box<dyn Cancelable + Send + Sync>>,
        resolver: Option<PromiseResolver<()>>,
    ) -> Self {
        Self { canceler, resolver }
    }

    pub(crate) fn reject(&self, error: Error) {
        if let Some(resolver) = self.resolver.as_ref() {
            resolver.reject(error);
        } else if let Some(canceler) = self.canceler.as_ref() {
            canceler.cancel(error);
        }
    }

    pub(crate) fn resolve(&self) {
        if let Some(resolver) = self.resolver.as_ref() {
            resolver.resolve(());
        }
    }
}

#[derive(Default)]
struct Inner {
    /* Header frames must follow basic.publish frames directly, otherwise RabbitMQ-server send us an UNEXPECTED_FRAME */
    /* After sending the Header frame, we need to send the associated Body frames before anything else for the same reason */
    publish_frames: VecDeque<FrameEntry>,
    retry_frames: VecDeque<FrameEntry>,
    frames: VecDeque<FrameEntry>,
    low_prio_frames: VecDeque<FrameEntry>,
    expected_replies: HashMap<ChannelId, VecDeque<ExpectedReply>>,
    poison: Option<Error>,
    channels_poison: HashMap<ChannelId, Error>,
    /// Set while the I/O thread lends its socket; never while any frame above is queued.
    direct: Option<DirectWriter>,
    unsent: Option<Unsent>,
}

impl fmt::Debug for Frames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Frames");
        if let Ok(inner) = self.0.try_lock() {
            debug.field("expected_replies", &inner.expected_replies);
        }
        debug.finish()
    }
}

impl Inner {
    fn push(
        &mut self,
        channel_id: ChannelId,
        frame: AMQPFrame,
        canceler: Box<dyn Cancelable + Send + Sync>,
        expected_reply: Option<ExpectedReply>,
        resolver: Option<PromiseResolver<()>>,
    ) -> bool {
        let sending = FrameSending::new(Some(canceler), resolver);
        // Registered before the frame can reach the wire: the I/O thread may read the reply at once.
        if let Err(error) = self.expect(channel_id, expected_reply) {
            trace!(channel=%channel_id, frame=?frame, "Discarding frame because of poisoning");
            sending.reject(error);
            return false;
        }
        let entry = FrameEntry::new(frame, sending);
        if self.direct.is_none() {
            self.frames.push_back(entry);
        } else {
            let rest = self.send_direct(vec![entry]);
            self.frames.extend(rest);
        }
        self.has_pending()
    }

    /// Registers `expected_reply` for `channel_id`, unless the channel or the connection is poisoned:
    /// the reply is then cancelled with that error, which is returned (mq patch, shared by `push` and
    /// `Frames::expect`).
    fn expect(&mut self, channel_id: ChannelId, expected_reply: Option<ExpectedReply>) -> Result<(), Error> {
        if let Some(error) = self.check_poison(channel_id) {
            if let Some(reply) = expected_reply {
                Self::cancel_expected_reply(reply, error.clone());
            }
            return Err(error);
        }
        if let Some(reply) = expected_reply {
            trace!(
                channel=%channel_id,
                expected_reply=?reply,
                "state is now waiting"
            );
            self.expected_replies
                .entry(channel_id)
                .or_default()
                .push_back(reply);
        }
        Ok(())
    }

    fn push_frames(
        &mut self,
        channel_id: ChannelId,
        mut frames: Vec<AMQPFrame>,
        resolver: PromiseResolver<()>,
    ) -> bool {
        if let Some(error) = self.check_poison(channel_id) {
            trace!(channel=%channel_id, frames=?frames, "Discarding frames because of poisoning");
            resolver.reject(error);
            return false;
        }

        let Some(last_frame) = frames.pop() else {
            resolver.resolve(());
            return false;
        };
        let entries = frames
            .into_iter()
            .map(FrameEntry::from)
            .chain(std::iter::once((last_frame, Some(resolver)).into()));
        if self.direct.is_none() {
            self.low_prio_frames.extend(entries);
        } else {
            let rest = self.send_direct(entries.collect());
            self.low_prio_frames.extend(rest);
        }
        self.has_pending()
    }

    /// Writes `entries` on the socket (direct mode is on), after the held settles; returns those to
    /// queue instead. Direct mode ends when anything is left for the I/O thread.
    fn send_direct(&mut self, entries: Vec<FrameEntry>) -> Vec<FrameEntry> {
        let Some(direct) = self.direct.as_mut() else {
            return entries;
        };
        match direct.send(entries) {
            Direct::Sent => Vec::new(),
            Direct::Queue(entries) => {
                // The settles go ahead of the queued entries (what the socket leaves of them, first).
                self.flush_held();
                self.direct = None;
                entries
            }
            Direct::Unsent(unsent) => {
                self.direct = None;
                self.unsent = Some(unsent);
                Vec::new()
            }
        }
    }

    /// Sends the held settles (mq patch). True when the socket did not take them all: direct mode has
    /// ended and the I/O thread, to be woken, writes the rest.
    fn flush_held(&mut self) -> bool {
        let rest = self.direct.as_mut().and_then(DirectWriter::flush_held);
        self.left_unsent(rest)
    }

    /// What a write of held settles left: the I/O thread's to write first. True when there is some.
    fn left_unsent(&mut self, rest: Option<Rest>) -> bool {
        let Some(rest) = rest else { return false };
        self.leave_unsent(rest, Vec::new());
        true
    }

    /// Ends direct mode with what a direct write left, and `frames`' sendings among those bytes: the
    /// I/O thread writes them before anything queued.
    fn leave_unsent(&mut self, rest: Rest, frames: Vec<(FrameSize, FrameSending)>) {
        self.direct = None;
        self.unsent = Some(Unsent { bytes: rest.bytes, frames, error: rest.error });
    }

    fn check_poison(&self, channel_id: ChannelId) -> Option<Error> {
        self.channels_poison
            .get(&channel_id)
            .or(self.poison.as_ref())
            .cloned()
    }

    fn pop(&mut self, flow: bool) -> Option<FrameEntry> {
        if let Some(frame) = self
            .retry_frames
            .pop_front()
            .or_else(|| self.publish_frames.pop_front())
            .or_else(|| self.frames.pop_front())
        {
            return Some(frame);
        }
        if flow && let Some(frame) = self.low_prio_frames.pop_front() {
            // If the next frame is a header, that means we're a basic.publish
            // Header frame needs to follow directly the basic.publish frame, and Body frames
            // need to be sent just after those or the AMQP server will close the connection.
            // Push the header into publish_frames which is there to handle just that.
            if self
                .low_prio_frames
                .front()
                .map(|frame| frame.is_header())
                .unwrap_or(false)
            {
                while let Some(next_frame) = self.low_prio_frames.pop_front() {
                    match *next_frame {
                        AMQPFrame::Header(..) | AMQPFrame::Body(..) => {
                            self.publish_frames.push_back(next_frame);
                        }
                        _ => {
                            // We've exhausted Body frames for this publish, push back the next one and exit
                            self.low_prio_frames.push_front(next_frame);
                            break;
                        }
                    }
                }
            }
            return Some(frame);
        }
        None
    }

    fn has_pending(&self) -> bool {
        !(self.unsent.is_none()
            && self.retry_frames.is_empty()
            && self.publish_frames.is_empty()
            && self.frames.is_empty()
            && self.low_prio_frames.is_empty())
    }

    fn drop_pending(&mut self, error: Error, internal_rpc: &InternalRPCHandle) {
        self.direct = None;
        if let Some(unsent) = self.unsent.take() {
            for (_, sending) in unsent.frames {
                sending.reject(error.clone());
            }
        }
        Self::drop_pending_frames(&mut self.retry_frames, error.clone(), internal_rpc);
        Self::drop_pending_frames(&mut self.publish_frames, error.clone(), internal_rpc);
        Self::drop_pending_frames(&mut self.frames, error.clone(), internal_rpc);
        Self::drop_pending_frames(&mut self.low_prio_frames, error.clone(), internal_rpc);
        self.clear_all_expected_replies(error.clone());
        self.poison = Some(error);
    }

    fn drop_pending_frames(
        frames: &mut VecDeque<FrameEntry>,
        error: Error,
        internal_rpc: &InternalRPCHandle,
    ) {
        for frame in std::mem::take(frames) {
            match frame.frame {
                AMQPFrame::Method(channel_id, AMQPClass::Basic(AMQPMethod::Cancel(cancel))) => {
                    internal_rpc.deregister_consumer(channel_id, cancel.consumer_tag);
                    frame.sending.resolve();
                }
                _ => frame.reject(error.clone()),
            }
        }
    }

    fn drop_frames_for_channel(&mut self, channel_id: ChannelId, error: Error) {
        Self::drop_pending_frames_for_channel(channel_id, &mut self.retry_frames, error.clone());
        Self::drop_pending_frames_for_channel(channel_id, &mut self.publish_frames, error.clone());
        Self::drop_pending_frames_for_channel(channel_id, &mut self.frames, error.clone());
        Self::drop_pending_frames_for_channel(channel_id, &mut self.low_prio_frames, error.clone());
    }

    fn drop_pending_frames_for_channel(
        channel_id: ChannelId,
        frames: &mut VecDeque<FrameEntry>,
        error: Error,
    ) {
        frames.retain(|frame| {
            if frame.channel_id() == channel_id {
                frame.reject(error.clone());
                false
            } else {
                true
            }
        })
    }

    fn next_expected_close_ok_reply(
        &mut self,
        channel_id: ChannelId,
        error: Error,
    ) -> Option<Reply> {
        let expected_replies = self.expected_replies.get_mut(&channel_id)?;
        while let Some(reply) = expected_replies.pop_front() {
            match &reply.0 {
                Reply::ChannelCloseOk(_) => return Some(reply.0),
                Reply::BasicCancelOk(resolver) => resolver.resolve(()), // Channel close means consumer is canceled automatically
                _ => reply.1.cancel(error.clone()),
            }
        }
        None
    }

    fn clear_all_expected_replies(&mut self, error: Error) {
        for (_, replies) in self.expected_replies.drain() {
            Self::cancel_expected_replies(replies, error.clone());
        }
    }

    fn cancel_expected_replies(replies: VecDeque<ExpectedReply>, error: Error) {
        for reply in replies {
            Self::cancel_expected_reply(reply, error.clone());
        }
    }

    fn cancel_expected_reply(reply: ExpectedReply, error: Error) {
        let ExpectedReply(reply, cancel) = reply;
        match reply {
            Reply::BasicCancelOk(resolver) => resolver.resolve(()),
            _ => cancel.cancel(error.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ExpectedReply, Frames};
    use crate::{ErrorKind, channel::Reply, promise::Promise};
    use amq_protocol::frame::AMQPFrame;

    #[test]
    fn a_closed_channels_queued_publishes_are_dropped_and_others_kept() {
        let frames = Frames::default();
        let publish = |channel_id| {
            let (promise, resolver) = Promise::new("publish");
            let frames_of = vec![AMQPFrame::Body(channel_id, vec![1]), AMQPFrame::Body(channel_id, vec![2])];
            frames.push_frames(channel_id, frames_of, resolver);
            promise
        };
        let (closed, open) = (publish(1), publish(2));
        frames.drop_queued_publishes(1, ErrorKind::ChannelsLimitReached.into());
        assert!(closed.try_wait().is_some_and(|r| r.is_err()), "the closed channel's publish failed");
        assert!(open.try_wait().is_none(), "the other channel's publish still waits to be written");
        let left: Vec<_> = std::iter::from_fn(|| frames.pop(true)).map(|entry| entry.channel_id()).collect();
        assert_eq!(left, vec![2, 2]);
    }

    #[test]
    fn an_expected_reply_without_a_frame_queues_nothing_and_is_cancelled_with_its_channel() {
        let frames = Frames::default();
        let expect = |channel_id| {
            let (promise, resolver) = Promise::new("qos");
            frames.expect(channel_id, ExpectedReply(Reply::BasicQosOk(resolver.clone(), 1, false), Box::new(resolver)));
            promise
        };
        let waiting = expect(1);
        assert!(frames.pop(true).is_none(), "no frame to write");
        assert!(!frames.has_pending());
        assert_eq!(frames.take_expected_replies(1).map(|replies| replies.len()), Some(1));
        let waiting_again = expect(1);
        frames.clear_expected_replies(1, ErrorKind::ChannelsLimitReached.into());
        assert!(waiting_again.try_wait().is_some_and(|r| r.is_err()), "cancelled with the channel's replies");
        frames.poison_channel(2, ErrorKind::ChannelsLimitReached.into());
        assert!(expect(2).try_wait().is_some_and(|r| r.is_err()), "a poisoned channel expects nothing");
        assert!(waiting.try_wait().is_none(), "a reply taken out is not cancelled here");
    }
}
