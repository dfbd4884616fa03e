//! A connection across reconnects: where it connects, its live lapin connection (`Link`), what was
//! declared on it, and, with recovery on, the reconnect that replaces a lost link.
//!
//! Shared by the PHP connection object and its channels, on the PHP thread only. Recovery is lazy and
//! per channel: the first use of a channel that finds its connection lost calls `recover`, which
//! reconnects (by the connection's retry policy, across its hosts) and declares the topology again once
//! per new link; each channel then reopens itself with its own QoS, modes, consumers and unconfirmed
//! publishes (`ChannelState::reopen`) when it is next used, so no PHP object is touched from elsewhere.

use std::{
    cell::{Cell, RefCell},
    sync::Arc,
    time::{Duration, Instant},
};

use ext_php_rs::exception::PhpResult;
use lapin::{types::ShortString, ErrorKind};

use super::{
    connect::{connect, connect_unless},
    link::{while_connected, Link},
    settings::Settings,
    errors,
    topology::{self, Topology},
};
use crate::{exceptions::exception, ini, retry::RetryPolicy, runtime};

/// A change of the connection's state for the handler set by `set_connection_recovery_handler`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The connection was lost and is being recovered; the reason.
    Lost(String),
    Recovered,
    /// Declarations the broker refused while recovery replayed the topology (it went on without them).
    Refused(String),
    /// Recovery gave up (the policy's attempts ran out, or an error it never retries); the reason the
    /// connection was lost, which is what the program's call throws then.
    Failed(String),
}

impl Notice {
    pub fn name(&self) -> &'static str {
        match self {
            Notice::Lost(_) => "lost",
            Notice::Recovered => "recovered",
            Notice::Refused(_) => "refused",
            Notice::Failed(_) => "failed",
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Notice::Lost(r) | Notice::Refused(r) | Notice::Failed(r) => Some(r),
            Notice::Recovered => None,
        }
    }
}

pub struct Session {
    pub settings: Settings,
    link: RefCell<Option<Arc<Link>>>,
    pub topology: RefCell<Topology>,
    /// Names the broker gave server-named queues on reconnects, in order: `(old, new)`.
    renames: RefCell<Vec<(ShortString, ShortString)>>,
    /// The link recovery gave up on: its channels fail without trying again.
    given_up: RefCell<Option<Arc<Link>>>,
    /// Set while reconnecting: a signal handler using the connection meanwhile gets an exception.
    recovering: Cell<bool>,
    /// How many times the program closed the connection (`take`): a reconnect that a close overtook is
    /// closed again rather than kept.
    closes: Cell<u64>,
    notices: RefCell<Vec<Notice>>,
}

/// Whether a connection that ended with `reason` is one recovery brings back: the socket failed, the
/// heartbeats stopped, or the broker closed the connection for a reason of its own (shut down,
/// `rabbitmqctl close_connection`, an internal error). Never a refused login, a protocol violation or
/// a close the program asked for.
pub fn recoverable(reason: &lapin::Error) -> bool {
    match reason.kind() {
        ErrorKind::IOError(_) | ErrorKind::MissingHeartbeatError => true,
        // CONNECTION_FORCED, INTERNAL_ERROR
        ErrorKind::ProtocolError(amqp) => matches!(amqp.get_id(), 320 | 541),
        _ => false,
    }
}

impl Session {
    pub fn new(settings: Settings, link: Option<Arc<Link>>) -> Self {
        Session {
            settings,
            link: RefCell::new(link),
            topology: RefCell::default(),
            renames: RefCell::default(),
            given_up: RefCell::default(),
            recovering: Cell::new(false),
            closes: Cell::new(0),
            notices: RefCell::default(),
        }
    }

    fn gave_up_on(&self, link: &Arc<Link>) -> bool {
        self.given_up.borrow().as_ref().is_some_and(|g| Arc::ptr_eq(g, link))
    }

    pub fn is_recovering(&self) -> bool {
        self.recovering.get()
    }

    pub fn recovery(&self) -> bool {
        self.settings.recovery
    }

    pub fn current(&self) -> Option<Arc<Link>> {
        self.link.borrow().clone()
    }

    /// Forgets the live link (a close by the program): nothing is recovered after it.
    pub fn take(&self) -> Option<Arc<Link>> {
        self.closes.set(self.closes.get() + 1);
        self.link.borrow_mut().take()
    }

    /// The live link: connects a lazy connection on first use and, as php-amqplib's channel() does,
    /// a closed one again (recovering what was declared when the connection was lost, with recovery on).
    pub fn link(&self) -> PhpResult<Arc<Link>> {
        let current = self.current();
        if let Some(link) = &current {
            link.check_owner()?;
            if link.connection.status().connected() {
                return Ok(link.clone());
            }
            // After recovery gave up, a new connection is made as without recovery.
            if self.recovery() && !self.gave_up_on(link) {
                return self.recover(link, "connection lost".into());
            }
            // The first use after an end no call reported reports it, as php-amqplib's channel() reads the
            // broker's close (or finds the socket dead) there; code that reconnects on that exception
            // relies on it. The use after connects anew.
            if let Some(reason) = link.unreported_end() {
                return Err(errors::connection_error(&reason, errors::NO_METHOD));
            }
        }
        let link = connect(&self.settings)?;
        *self.link.borrow_mut() = Some(link.clone());
        Ok(link)
    }

    /// A link to replace `lost`: the one another channel already recovered, or a new connection with
    /// the topology declared again. Its failure is recovery's last error; the caller reports the loss
    /// as php-amqplib would.
    pub fn recover(&self, lost: &Arc<Link>, reason: String) -> PhpResult<Arc<Link>> {
        if let Some(current) = self.current().filter(|c| !Arc::ptr_eq(c, lost) && c.is_connected()) {
            return Ok(current);
        }
        if self.gave_up_on(lost) {
            return Err(exception(super::exceptions::CONNECTION_CLOSED, "Connection recovery failed earlier", 0));
        }
        if self.recovering.replace(true) {
            return Err(exception(super::exceptions::CONNECTION_CLOSED, "The connection is being recovered", 0));
        }
        self.notices.borrow_mut().push(Notice::Lost(reason.clone()));
        let closes = self.closes.get();
        let recovered = self.reconnect(closes);
        self.recovering.set(false);
        match recovered {
            // The program closed the connection meanwhile (a signal handler): it stays closed.
            Ok(link) if self.closes.get() != closes => {
                let _ = link.close(Some(Duration::from_secs(1)));
                Err(closed_by_program())
            }
            Err(_) if self.closes.get() != closes => {
                Err(closed_by_program())
            }
            // A signal handler's exception ended the reconnect: it is the program's, not a failure to recover.
            Err(e) if crate::executor::has_exception() => Err(e),
            Ok(link) => {
                *self.link.borrow_mut() = Some(link.clone());
                self.notices.borrow_mut().push(Notice::Recovered);
                Ok(link)
            }
            Err(e) => {
                *self.given_up.borrow_mut() = Some(lost.clone());
                self.notices.borrow_mut().push(Notice::Failed(reason));
                Err(e)
            }
        }
    }

    /// A new link with the topology declared again. A link lost again during the replay (a network
    /// that keeps dropping connections) is replaced by another, until `mq.amqp_recovery_deadline_ms`:
    /// only connecting's own failures (by its policy) and the broker's refusals end recovery.
    fn reconnect(&self, closes: u64) -> PhpResult<Arc<Link>> {
        let deadline = recovery_deadline();
        // A close of the program's from a signal handler ends the attempts.
        let closed = || self.closes.get() != closes;
        loop {
            // As RabbitMQ's Java client (networkRecoveryInterval): a broker going down is not back at once,
            // and a cluster needs a moment to elect new queue leaders (RabbitMQ 3.10 nacks every publish on
            // a channel opened on another node within about 0.3 s of a quorum leader's death).
            let interval = ini::amqp_recovery_interval();
            if !interval.is_zero() {
                runtime::wait_dispatching(std::future::pending::<()>(), Some(interval))?;
            }
            if closed() {
                return Err(closed_by_program());
            }
            let link = connect_unless(&self.reconnecting(), &closed)?;
            let recorded = self.topology.borrow().clone();
            // Each declaration is bounded by the RPC timeout, not the whole replay.
            match while_connected(&link, topology::replay(recorded, &link.connection, link.rpc_timeout), None)? {
                Some(Ok(replayed)) => {
                    self.replayed(replayed);
                    return Ok(link);
                }
                Some(Err(e)) if lost_again(&link, &e, deadline) && !closed() => continue,
                Some(Err(e)) => return Err(errors::connection_error(&e, errors::NO_METHOD)),
                None => return Err(errors::timed_out(0.0)),
            }
        }
    }

    /// Records what a replay renamed and what the broker refused.
    fn replayed(&self, replayed: topology::Replayed) {
        let mut topology = self.topology.borrow_mut();
        for (old, new) in &replayed.renamed {
            topology.queue_renamed(old, new);
        }
        self.renames.borrow_mut().extend(replayed.renamed);
        if !replayed.refused.is_empty() {
            self.notices.borrow_mut().push(Notice::Refused(replayed.refused.join("; ")));
        }
    }

    /// How recovery connects: by the connection's retry policy, or else with php.ini's retry delays
    /// (`mq.retry_*`) for as long as `mq.amqp_recovery_deadline_ms` allows, whatever the attempts: a
    /// broker restart takes seconds to minutes, and nothing is gained by giving up before the deadline.
    fn reconnecting(&self) -> std::borrow::Cow<'_, Settings> {
        if self.settings.policy().is_some() {
            return std::borrow::Cow::Borrowed(&self.settings);
        }
        let d = ini::retry_defaults();
        let mut settings = self.settings.clone();
        settings.retry = RetryPolicy::new(i64::MAX, d.initial_delay, d.multiplier, d.max_delay, d.jitter, ini::amqp_recovery_deadline(), None).ok();
        std::borrow::Cow::Owned(settings)
    }

    /// Every rename so far, oldest first (see `ChannelSetup::queue_renamed`).
    pub fn renames(&self) -> Vec<(ShortString, ShortString)> {
        self.renames.borrow().clone()
    }

    /// The name `queue` goes by now: followed through every rename since.
    pub fn renamed(&self, queue: &ShortString) -> ShortString {
        self.renames.borrow().iter().fold(queue.clone(), |name, (old, new)| if &name == old { new.clone() } else { name })
    }

    /// How many renames there were so far (a recovery that renamed a queue adds one).
    pub fn rename_count(&self) -> usize {
        self.renames.borrow().len()
    }

    pub fn take_notices(&self) -> Vec<Notice> {
        std::mem::take(&mut *self.notices.borrow_mut())
    }
}

/// What the calls recovery served throw after the program closed the connection meanwhile (a signal
/// handler).
fn closed_by_program() -> ext_php_rs::exception::PhpException {
    exception(super::exceptions::CONNECTION_CLOSED, "Channel connection is closed.", 0)
}

/// When recovery stops replacing links that are lost as soon as they are made (None: never, as for a
/// deadline of 0).
pub fn recovery_deadline() -> Option<Instant> {
    recovery_deadline_from(Instant::now())
}

/// `recovery_deadline` for a recovery that began at `start`.
pub fn recovery_deadline_from(start: Instant) -> Option<Instant> {
    let seconds = ini::amqp_recovery_deadline();
    (seconds > 0.0).then(|| start.checked_add(Duration::from_secs_f64(seconds))).flatten()
}

/// Whether a step of recovery on `link` failed with `error` because `link` was lost too, with time left
/// to try a new one: not when the broker closed it for a reason recovery does not handle (it would close
/// the next one as well), nor when a signal handler's exception ended the step (that is the program's).
pub fn lost_again(link: &Link, error: &lapin::Error, deadline: Option<Instant>) -> bool {
    let refused = matches!(error.kind(), ErrorKind::ProtocolError(_)) && !recoverable(error);
    !refused && link.lost_under(error) && may_try_again(deadline)
}

/// Whether recovery may try a new link after one was lost again: time left before `deadline`, and no
/// exception of a signal handler's pending (that ended the step; it is the program's).
pub fn may_try_again(deadline: Option<Instant>) -> bool {
    deadline.is_none_or(|deadline| Instant::now() < deadline) && !crate::executor::has_exception()
}

#[cfg(test)]
mod tests {
    use super::recoverable;
    use lapin::protocol::{AMQPError, AMQPErrorKind, AMQPHardError, AMQPSoftError};

    fn protocol(kind: AMQPErrorKind) -> lapin::Error {
        lapin::ErrorKind::ProtocolError(AMQPError::new(kind, "x".into())).into()
    }

    #[test]
    fn lost_sockets_heartbeats_and_broker_closes_are_recovered() {
        let io: lapin::Error = lapin::ErrorKind::IOError(std::sync::Arc::new(std::io::Error::from(std::io::ErrorKind::ConnectionReset))).into();
        assert!(recoverable(&io));
        assert!(recoverable(&lapin::ErrorKind::MissingHeartbeatError.into()));
        assert!(recoverable(&protocol(AMQPErrorKind::Hard(AMQPHardError::CONNECTIONFORCED))));
        assert!(recoverable(&protocol(AMQPErrorKind::Hard(AMQPHardError::INTERNALERROR))));
    }

    #[test]
    fn refusals_violations_and_our_own_closes_are_not() {
        assert!(!recoverable(&protocol(AMQPErrorKind::Soft(AMQPSoftError::ACCESSREFUSED))));
        assert!(!recoverable(&protocol(AMQPErrorKind::Soft(AMQPSoftError::PRECONDITIONFAILED))));
        assert!(!recoverable(&protocol(AMQPErrorKind::Hard(AMQPHardError::NOTALLOWED))));
        assert!(!recoverable(&protocol(AMQPErrorKind::Hard(AMQPHardError::FRAMEERROR))));
        assert!(!recoverable(&lapin::ErrorKind::InvalidConnectionState(lapin::ConnectionState::Closed).into()));
    }
}
