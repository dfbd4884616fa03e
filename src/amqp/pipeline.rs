//! Publishes on their way to the socket, per connection, and the ordering they need.
//!
//! basic_publish only queues its frames for lapin's I/O thread (see `runtime::poll_once`). lapin writes
//! publishes from a lower-priority queue than every other method, so any other method (an RPC, an ack,
//! a commit, a close) could overtake publishes made before it: a consumer that publishes a result and
//! then acks its input could lose the result. So before anything else goes out on a connection, the
//! publishes queued on it are waited for (`flush`); the cost is one round trip to the I/O thread, paid
//! only when publishes are pending.

use std::{
    collections::{BTreeMap, VecDeque},
    future::Future,
    pin::Pin,
    sync::Mutex,
    time::Duration,
};

use ext_php_rs::exception::PhpResult;
use lapin::{message::BasicReturnMessage, ConfirmEvents, Settled};

use super::{
    errors::{channel_error, BASIC_PUBLISH},
    motion::Motion,
};
use crate::runtime::{self, Waited};

/// Resolves when the publish's frames are written (its confirm, if any, comes through `Confirms`).
pub type Written = Pin<Box<dyn Future<Output = lapin::Result<()>> + Send>>;

/// The broker's answer to one confirmed publish, for the channel that made it.
pub struct Confirmed {
    pub tag: u64,
    pub outcome: Settled,
}

/// A channel's publisher confirms, settled on the PHP thread in delivery-tag order: lapin queues the
/// broker's answers per channel (`ConfirmEvents`, a vendored-lapin patch) and a pending publish is
/// only its two tags here, so 200 000 unconfirmed publishes cost no future each. An answer that
/// overtakes an older publish's waits for it, so ack and nack handlers run in tag order, as
/// php-amqplib calls them. Awaited by the PHP thread's own waits, without a forwarding task.
#[derive(Default)]
pub struct Confirms {
    /// The answers of the lapin channel in use, once in confirm mode.
    events: Option<ConfirmEvents>,
    /// Publishes not handed over yet, oldest first: lapin's delivery tag (0: the channel gave none,
    /// its confirm mode not being on yet) and the one PHP was given (they differ after a reconnect).
    pending: PendingTags,
    /// lapin's latest delivery tag seen (see `published`).
    last_lapin_tag: u64,
    /// Answers that overtook an older publish's, by lapin tag.
    early: BTreeMap<u64, Answer>,
    /// The messages the broker returned, in the order it returned them (see `Answer`).
    returned: VecDeque<Box<BasicReturnMessage>>,
    /// Taken by a look (`has_ready`) and not handed over yet.
    ready: Option<Confirmed>,
    /// Answered on a channel since replaced (see `carry_over`), handed over first.
    carried: VecDeque<Confirmed>,
}

impl Confirms {
    /// From now on the confirms of publishes on this lapin channel are awaited.
    pub fn listen(&mut self, events: ConfirmEvents) {
        self.last_lapin_tag = events.last_tag();
        self.events = Some(events);
    }

    /// Records the publish basic_publish just queued under PHP's delivery `tag`.
    pub fn published(&mut self, tag: u64) {
        let lapin_tag = self.events.as_ref().map_or(0, ConfirmEvents::last_tag);
        if lapin_tag == self.last_lapin_tag {
            self.pending.push_back(0, tag);
        } else {
            self.last_lapin_tag = lapin_tag;
            self.pending.push_back(lapin_tag, tag);
        }
    }

    /// Waits for the broker's answer to the oldest publish not settled yet (forever when none is pending).
    pub async fn next(&mut self) -> Confirmed {
        if let Some(confirmed) = self.ready.take().or_else(|| self.carried.pop_front()) {
            return confirmed;
        }
        loop {
            if let Some((oldest, tag)) = self.pending.front() {
                let answer = if oldest == 0 { Some(Answer::Settled(Settled::NotRequested)) } else { self.early.remove(&oldest) };
                if let Some(answer) = answer {
                    self.pending.pop_front();
                    return Confirmed { tag, outcome: self.hand_over(answer) };
                }
            }
            let Some(events) = &self.events else { return std::future::pending().await };
            // Nothing awaited after the answer is taken: a wait cut short (select!) loses none.
            let (lapin_tag, outcome) = std::future::poll_fn(|cx| events.poll_next(cx)).await;
            let answer = match outcome {
                Settled::Returned { ack, message } => {
                    self.returned.push_back(message);
                    Answer::Returned { ack }
                }
                outcome => Answer::Settled(outcome),
            };
            match self.pending.front() {
                Some((oldest, tag)) if oldest == lapin_tag => {
                    self.pending.pop_front();
                    return Confirmed { tag, outcome: self.hand_over(answer) };
                }
                _ => {
                    self.early.insert(lapin_tag, answer);
                }
            }
        }
    }

    /// An answer as handed to PHP: a returned publish gets the oldest returned message not handed over.
    fn hand_over(&mut self, answer: Answer) -> Settled {
        match answer {
            Answer::Settled(outcome) => outcome,
            Answer::Returned { ack } => match self.returned.pop_front() {
                Some(message) => Settled::Returned { ack, message },
                // Not reached: each Returned answer brought its message.
                None if ack => Settled::Ack,
                None => Settled::Nack,
            },
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

    /// Hands `confirmed` over again, before any other (its returned message was handed over alone).
    pub fn put_back(&mut self, confirmed: Confirmed) {
        if let Some(looked_at) = self.ready.replace(confirmed) {
            self.carried.push_front(looked_at);
        }
    }

    /// Whether `tag` was answered (see `carry_over`): it is not published again.
    pub fn carries(&self, tag: u64) -> bool {
        // Carried over in tag order.
        self.carried.binary_search_by_key(&tag, |c| c.tag).is_ok()
    }

    /// One already answered, without waiting.
    pub fn try_next(&mut self) -> PhpResult<Option<Confirmed>> {
        // Nothing published unanswered, nothing kept: no answer to look for (a consumer's every look).
        if self.pending.is_empty() && self.ready.is_none() && self.carried.is_empty() {
            return Ok(None);
        }
        let mut next = std::pin::pin!(self.next());
        Ok(match runtime::poll_once(&mut next)? {
            std::task::Poll::Ready(confirmed) => Some(confirmed),
            std::task::Poll::Pending => None,
        })
    }

    /// One the broker acked or nacked (not one failed with its channel), without waiting: what the
    /// broker answered before a channel or connection ended still reaches the handlers.
    pub fn try_next_answer(&mut self) -> PhpResult<Option<Confirmed>> {
        let answered = self.has_ready()? && self.ready.as_ref().is_some_and(|c| c.outcome.is_ok());
        Ok(if answered { self.ready.take() } else { None })
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

/// How many publishes, and how many bytes of their bodies and headers, may wait to be written before
/// basic_publish waits for the oldest. Bounds memory, and how long a script's end takes over a slow
/// link: php-amqplib's blocking writes hold the script back while it publishes, not at its end.
const WINDOW: usize = 1024;
const WINDOW_BYTES: usize = 1 << 16;

/// One publish not written yet: what resolves once it is, whether it is confirmed (then a failure to
/// write it is its confirm's, see `flush`) and its weight in the window (body and headers).
struct Unwritten {
    written: Written,
    confirmed: bool,
    bytes: usize,
}

#[derive(Default)]
struct Queue {
    publishes: VecDeque<Unwritten>,
    bytes: usize,
}

impl Queue {
    fn push_back(&mut self, u: Unwritten) {
        self.bytes += u.bytes;
        self.publishes.push_back(u);
    }

    fn push_front(&mut self, u: Unwritten) {
        self.bytes += u.bytes;
        self.publishes.push_front(u);
    }

    /// The oldest, unless the queue is already within `limit` (publishes, bytes).
    fn pop_over(&mut self, limit: (usize, usize)) -> Option<Unwritten> {
        if self.publishes.len() <= limit.0 && self.bytes <= limit.1 {
            return None;
        }
        let u = self.publishes.pop_front()?;
        self.bytes -= u.bytes;
        Some(u)
    }
}

pub struct Pipeline {
    unwritten: Mutex<Queue>,
    /// How long a wait for writes may see no byte written before it fails, as php-amqplib's writes fail
    /// after its write timeout (`Settings::write_timeout`; None: never).
    write_timeout: Option<Duration>,
    /// The connection's socket, to tell a slow link, which goes on, from a stalled one (`Motion`).
    progress: Option<lapin::SocketReader>,
}

/// When a wait for writes gives up: once the link has stopped for a while (a slow link goes on).
#[derive(Clone, Copy)]
enum Until {
    /// The end of a request or a destructor: once the link has carried nothing for this long
    /// (`Motion`), what is not written is dropped.
    Ending(Duration),
    /// Once no byte has been written for the write timeout, the call fails (what is queued stays queued).
    Stalled,
}

impl Pipeline {
    pub fn new(write_timeout: Option<Duration>, progress: Option<lapin::SocketReader>) -> Self {
        Pipeline { unwritten: Mutex::default(), write_timeout, progress }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.unwritten.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_empty(&self) -> bool {
        self.lock().publishes.is_empty()
    }

    /// Adds a publish whose first poll already queued its frames; past the window, waits until half of
    /// it is written (the socket keeps busy while the rest is).
    pub fn push(&self, written: Written, confirmed: bool, bytes: usize) -> PhpResult<()> {
        let full = {
            let mut queue = self.lock();
            queue.push_back(Unwritten { written, confirmed, bytes });
            queue.publishes.len() > WINDOW || queue.bytes > WINDOW_BYTES
        };
        if full {
            self.drain(Until::Stalled, (WINDOW / 2, WINDOW_BYTES / 2))?.map_err(|e| channel_error(&e, BASIC_PUBLISH))?;
        }
        Ok(())
    }

    /// Waits until every queued publish is written. A link that takes no byte for the write timeout
    /// fails the call (as php-amqplib's write does) instead of waiting for ever; at the end of a request
    /// or in a destructor (`ending`), a link that carries nothing for that long (`Motion`) has what is
    /// left dropped instead. A confirmed publish's failure is not raised here: lapin fails its confirm
    /// with the channel (then `Confirms` hands it over, or a recovery publishes it again).
    pub fn flush(&self, ending: Option<Duration>) -> PhpResult<()> {
        self.written(ending)?.map_err(|e| channel_error(&e, BASIC_PUBLISH))
    }

    /// `flush`, with the failure of a publish's write as lapin's error (a channel tells a lost
    /// connection it recovers from by it).
    pub fn written(&self, ending: Option<Duration>) -> PhpResult<lapin::Result<()>> {
        if self.is_empty() {
            return Ok(Ok(())); // the common case, before every wait: nothing to set up
        }
        self.drain(ending.map_or(Until::Stalled, Until::Ending), (0, 0))
    }

    /// Waits for the oldest publishes until the queue is within `limit` (publishes, bytes), or `until`
    /// says to stop.
    ///
    /// Publishes leave the queue one at a time, in order, and the one being waited for goes back to
    /// the front while signal handlers run: a handler's publishes queue behind it, and a flush the
    /// handler makes takes over where this one stopped. No lock is held while PHP runs.
    fn drain(&self, until: Until, limit: (usize, usize)) -> PhpResult<lapin::Result<()>> {
        let mut failure = None;
        let (idle, mut motion) = match until {
            Until::Ending(idle) => (Some(idle), Motion::carried(self.progress.as_ref())),
            Until::Stalled => (self.write_timeout, Motion::written(self.progress.as_ref())),
        };
        loop {
            let Some(mut u) = self.lock().pop_over(limit) else { break };
            // Most are written by the time the next ones are looked at: a poll costs less than a wait.
            let outcome = match runtime::poll_once(&mut u.written)? {
                std::task::Poll::Ready(outcome) => outcome,
                std::task::Poll::Pending => {
                    match runtime::wait(&mut u.written, idle)? {
                        Waited::Ready(outcome) => outcome,
                        Waited::TimedOut => {
                            self.lock().push_front(u);
                            if motion.moved() {
                                continue;
                            }
                            match until {
                                Until::Stalled => return Err(write_timed_out(self.write_timeout)),
                                // Dropped with the connection.
                                Until::Ending(_) => break,
                            }
                        }
                        Waited::Interrupted => {
                            self.lock().push_front(u);
                            runtime::dispatch_signals()?;
                            continue;
                        }
                    }
                }
            };
            if let (Err(e), false) = (outcome, u.confirmed) {
                if !channel_ended(&e) {
                    failure = failure.or(Some(e));
                }
            }
        }
        Ok(failure.map_or(Ok(()), Err))
    }
}

/// php-amqplib's `AMQPTimeoutException::writeTimeout()`.
fn write_timed_out(timeout: Option<Duration>) -> ext_php_rs::exception::PhpException {
    let seconds = timeout.map_or(0.0, |t| t.as_secs_f64());
    crate::exceptions::construct(super::exceptions::TIMEOUT, vec![&"Error sending data. Connection timed out.", &seconds])
}

/// A publish failed with its channel (the broker closed it; lapin dropped what it still held of the
/// channel's). The pipeline is the connection's: the channel's own next call reports it
/// (`ChannelState::closed_by_peer`), as php-amqplib's would; another channel's call must not.
fn channel_ended(e: &lapin::Error) -> bool {
    e.is_amqp_soft_error() || matches!(e.kind(), lapin::ErrorKind::InvalidChannelState(..))
}

/// An answer taken from lapin and not handed over yet. A basic.return names no publish: lapin attaches the
/// message to the next publish it settles, which for a `multiple` ack or an ack of a later publish that
/// overtook (an unroutable one is acked at once) is not the returned one, and answers are handed over
/// in tag order. Handing the returned messages over in the order the broker returned them (publish
/// order, as php-amqplib's return listener sees them) keeps the listener's order; only which ack follows
/// which return may differ.
enum Answer {
    Settled(Settled),
    Returned { ack: bool },
}

/// The (lapin tag, PHP tag) pairs of `Confirms::pending` as runs where both go up by one from publish
/// to publish (lapin's stays 0 outside confirm mode): one entry for a whole burst, where a pair each
/// took 16 bytes a publish (and the queue's growth) while its confirm was awaited.
#[derive(Default)]
struct PendingTags(VecDeque<TagRun>);

struct TagRun {
    lapin: u64,
    php: u64,
    count: u64,
}

impl PendingTags {
    fn push_back(&mut self, lapin: u64, php: u64) {
        if let Some(run) = self.0.back_mut() {
            let next_lapin = if run.lapin == 0 { 0 } else { run.lapin + run.count };
            if lapin == next_lapin && php == run.php + run.count {
                run.count += 1;
                return;
            }
        }
        self.0.push_back(TagRun { lapin, php, count: 1 });
    }

    fn front(&self) -> Option<(u64, u64)> {
        self.0.front().map(|run| (run.lapin, run.php))
    }

    fn pop_front(&mut self) {
        let Some(run) = self.0.front_mut() else { return };
        if run.count > 1 {
            run.count -= 1;
            run.php += 1;
            if run.lapin != 0 {
                run.lapin += 1;
            }
        } else {
            self.0.pop_front();
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_tags_keep_bursts_as_runs_and_hand_out_every_pair() {
        let mut p = PendingTags::default();
        let pairs = [(0, 1), (0, 2), (5, 3), (6, 4), (7, 5), (1, 6), (2, 7), (4, 8), (0, 9)];
        for (lapin, php) in pairs {
            p.push_back(lapin, php);
        }
        assert_eq!(p.0.len(), 5); // 0s, 5-7, 1-2, 4, 0
        let mut out = Vec::new();
        while let Some(pair) = p.front() {
            out.push(pair);
            p.pop_front();
        }
        assert_eq!(out, pairs);
        assert!(p.is_empty());
        p.pop_front(); // nothing to pop: no-op
        assert!(p.front().is_none());
    }

    fn unwritten(bytes: usize) -> Unwritten {
        Unwritten { written: Box::pin(async { Ok(()) }), confirmed: false, bytes }
    }

    #[test]
    fn pops_oldest_until_within_both_limits() {
        let mut q = Queue::default();
        for bytes in [40_000, 30_000, 10, 10] {
            q.push_back(unwritten(bytes));
        }
        // Within the count, over the bytes: the oldest go until the bytes fit.
        assert_eq!(q.pop_over((10, 32_768)).map(|u| u.bytes), Some(40_000));
        assert!(q.pop_over((10, 32_768)).is_none());
        assert_eq!(q.bytes, 30_020);
        // Over the count.
        assert_eq!(q.pop_over((2, usize::MAX)).map(|u| u.bytes), Some(30_000));
        assert!(q.pop_over((2, usize::MAX)).is_none());
        // Put back in front (a wait interrupted by a signal) and counted again.
        let u = q.pop_over((0, 0)).unwrap();
        q.push_front(u);
        assert_eq!((q.publishes.len(), q.bytes), (2, 20));
        while q.pop_over((0, 0)).is_some() {}
        assert_eq!((q.publishes.len(), q.bytes), (0, 0));
    }
}
