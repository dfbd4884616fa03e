//! `Link`: a live lapin connection, the process that opened it, and what rides on it (publish
//! pipeline, flow notices); `rpc`, a lapin call bounded by its RPC timeout (and `while_connected`, a
//! wait of recovery's that also ends when the connection is lost).

use std::time::{Duration, Instant};

use ext_php_rs::exception::PhpResult;
use lapin::Connection;

use super::{
    errors::{self, Method},
    exceptions as ex,
    flow::Flow,
    motion::Motion,
    pipeline::Pipeline,
    settings::Endpoint,
    settles,
};
use crate::{
    exceptions::exception,
    runtime::{self, slices::slice, OwnerPid},
};

/// A live lapin connection and the process that opened it.
pub struct Link {
    /// Dropped only in the process that opened it (see `Drop`).
    pub connection: std::mem::ManuallyDrop<Connection>,
    pub owner: OwnerPid,
    /// How long channel RPCs wait (`Settings::rpc_timeout`).
    pub rpc_timeout: Option<Duration>,
    /// Publishes queued on this connection's channels, not yet written.
    pub pipeline: Pipeline,
    /// Whether the broker blocked the connection, and its notices for PHP.
    pub flow: Flow,
    /// lapin handles of channels whose PHP objects were freed while still open (see `park`).
    pub(super) parked: std::sync::Mutex<Vec<lapin::Channel>>,
    /// Whether a channel has reported why the connection ended (see `ChannelState::closed_by_peer`).
    pub end_reported: std::sync::atomic::AtomicBool,
    /// The broker of `Settings::hosts` this connection reached.
    pub endpoint: Endpoint,
}

impl Link {
    /// Refuses use from a forked child: the connection's socket and threads belong to the parent.
    pub fn check_owner(&self) -> PhpResult<()> {
        if self.owner.is_current() {
            Ok(())
        } else {
            Err(exception(
                ex::CONNECTION_CLOSED,
                "This connection was opened by a parent process before fork(): open a new connection in the child.",
                0,
            ))
        }
    }

    /// Why the connection ended (the broker's `connection.close`, a lost socket), for the first call
    /// to report it when lapin answered it only with a state error: a channel closing, or the connection
    /// no longer open, because of that end. None for other errors, or once a call reported the end.
    pub fn end_behind(&self, error: &lapin::Error) -> Option<lapin::Error> {
        use lapin::ErrorKind::{InvalidChannelState, InvalidConnectionState};
        if !matches!(error.kind(), InvalidChannelState(..) | InvalidConnectionState(..)) {
            return None;
        }
        self.unreported_end()
    }

    /// Why the connection ended, for the first call to report it; None while it is up, or once a call
    /// reported the end.
    pub fn unreported_end(&self) -> Option<lapin::Error> {
        let reason = self.connection.status().end_reason()?;
        (!self.end_reported.swap(true, std::sync::atomic::Ordering::Relaxed)).then_some(reason)
    }

    /// The exception for a call that failed with `error`. A failure that is the connection's end (a lost
    /// socket, a missed heartbeat, the broker's connection.close) reports that end: the next use of the
    /// connection connects anew rather than report it again.
    pub fn failure(&self, error: &lapin::Error, method: Method) -> ext_php_rs::exception::PhpException {
        if Self::is_end(error) {
            self.end_reported.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        errors::channel_error(error, method)
    }

    /// Whether a call's `error` is the connection's end: its socket failed, the heartbeats stopped, or
    /// the broker closed the connection.
    pub fn is_end(error: &lapin::Error) -> bool {
        use lapin::ErrorKind::{IOError, MissingHeartbeatError, ProtocolError};
        !error.is_amqp_soft_error() && matches!(error.kind(), IOError(_) | MissingHeartbeatError | ProtocolError(_))
    }

    /// What a call that outlasted the RPC timeout throws.
    pub fn rpc_timed_out(&self) -> ext_php_rs::exception::PhpException {
        errors::timed_out(self.rpc_timeout.map_or(0.0, |t| t.as_secs_f64()))
    }

    pub fn is_connected(&self) -> bool {
        self.owner.is_current() && self.connection.status().connected()
    }

    /// Whether a call that failed with `error` leaves this connection lost. A socket failure the PHP
    /// thread met itself (its own read or write: a reset it read first) reaches lapin's state a moment
    /// later, from the I/O thread: waited for here, up to a second and running no PHP, so that recovery
    /// takes the connection up at once instead of a later call.
    pub fn lost_under(&self, error: &lapin::Error) -> bool {
        if matches!(error.kind(), lapin::ErrorKind::IOError(_)) && self.owner.is_current() {
            let give_up = Instant::now() + Duration::from_secs(1);
            while self.connection.status().connected() && Instant::now() < give_up {
                // A signal ends the pause early, and is dispatched by the caller's next wait.
                let _ = runtime::wait(std::future::pending::<()>(), Some(Duration::from_millis(2)));
            }
        }
        !self.is_connected()
    }

    /// The socket the PHP thread reads itself while it waits on this connection (plain TCP only: see
    /// lapin's `SocketReader`); None in a forked child, whose socket is the parent's.
    pub fn socket(&self) -> Option<&dyn runtime::WaitSocket> {
        Some(self.reader()? as &dyn runtime::WaitSocket)
    }

    /// Reads and handles the frames that came on the socket meanwhile, on the PHP thread, without
    /// waiting (lapin's `SocketReader::read_now`); nothing over TLS or in a forked child.
    pub fn read_arrived(&self) {
        if let Some(reader) = self.reader() {
            reader.read_now();
        }
    }

    /// lapin's reader of the socket, for the process that owns the connection (see `socket`).
    fn reader(&self) -> Option<&lapin::SocketReader> {
        self.connection.socket_reader().filter(|_| self.owner.is_current())
    }

    /// Waits until the publishes queued on this connection are written (see `pipeline`). Refused in a
    /// forked child: the writes belong to the parent's threads, which the child does not have.
    pub fn flush(&self) -> PhpResult<()> {
        self.check_owner()?;
        self.pipeline.flush(None)
    }

    /// Keeps the lapin handle of an open channel whose PHP object is being freed until the connection
    /// closes. Dropping the last handle makes lapin close the channel on its own, asynchronously; a
    /// connection close racing that channel close failed, and the process then ended with publishes
    /// still unread by the broker (objects are freed channel first at the end of a request).
    pub fn park(&self, channel: &lapin::Channel) {
        if self.is_connected() && channel.status().connected() {
            self.parked.lock().unwrap_or_else(|e| e.into_inner()).push(channel.clone());
        }
    }

    /// Writes the queued publishes, then closes the connection (which closes its channels). Each step
    /// gives up once the link has stopped moving for a while: the publishes after the write timeout
    /// with no byte written (an exception), the close-ok after 3 s without the link carrying what was
    /// written (`Motion`), as php-amqplib's close waits on its socket. At the end of a request or in a
    /// destructor (`ending`), both go on while the link carries what was written, and give up after
    /// that long without, silently. Waiting for the close-ok matters even once everything is written:
    /// the broker answers what came before the close (confirms), and a socket closed with answers
    /// unread is reset, which drops what the kernel still had to send. Does nothing on a connection
    /// already closed or from a fork child.
    pub fn close(&self, ending: Option<Duration>) -> PhpResult<()> {
        if !self.is_connected() {
            return Ok(());
        }
        runtime::closing_at_end(|| self.flush_and_close(ending))
    }

    /// Writes the publishes still queued of a connection left open at its end (a destructor with
    /// `set_close_on_destruct(false)`), as `close` writes them first: running no signal handler once the
    /// request is ending, and giving up after `ending` without the link carrying them.
    pub fn flush_at_end(&self, ending: Duration) -> PhpResult<()> {
        if !self.is_connected() {
            return Ok(());
        }
        runtime::closing_at_end(|| self.pipeline.flush(Some(ending)))
    }

    /// `close`'s steps.
    fn flush_and_close(&self, ending: Option<Duration>) -> PhpResult<()> {
        // A close overtakes publishes still queued (see `pipeline`): write them first.
        let flushed = self.pipeline.flush(ending);
        match self.while_carrying(self.connection.close(200, "".into()), ending.unwrap_or(CLOSE_OK_IDLE))? {
            Some(Err(e)) if !matches!(e.kind(), lapin::ErrorKind::InvalidConnectionState(_)) => {
                Err(errors::connection_error(&e, Method(10, 50)))
            }
            _ => flushed,
        }
    }

    /// Waits for `future` for `idle`, and again for as long as the link carried what was written to it
    /// over the last wait (`Motion`); None once it did not. On the socket, as any RPC: while the PHP
    /// thread holds the socket after a wait, lapin's I/O thread does not read it until 10 ms after that
    /// wait.
    fn while_carrying<T>(
        &self,
        future: impl std::future::Future<Output = lapin::Result<T>> + Send,
        idle: Duration,
    ) -> PhpResult<Option<lapin::Result<T>>> {
        let mut future = std::pin::pin!(future);
        let mut motion = Motion::carried(self.connection.socket_reader());
        loop {
            if let Some(done) = runtime::wait_dispatching_on_socket(future.as_mut(), Some(idle), self.socket())? {
                return Ok(Some(done));
            }
            if !motion.moved() {
                return Ok(None);
            }
        }
    }
}

/// How long `Link::close` waits for the close-ok without the link carrying what was written
/// (php-amqplib waits its connection timeout, 3 s by default).
const CLOSE_OK_IDLE: Duration = Duration::from_secs(3);

impl Drop for Link {
    fn drop(&mut self) {
        // In a forked child the parent still uses this socket, and the connection's threads are gone:
        // leak it rather than close it for the parent or wait on dead threads.
        if self.owner.is_current() {
            // SAFETY: dropped exactly once, here.
            unsafe { std::mem::ManuallyDrop::drop(&mut self.connection) };
        }
    }
}

/// A lapin call on the PHP thread, bounded by the connection's RPC timeout (AMQPTimeoutException).
pub fn rpc<T>(link: &Link, future: impl std::future::Future<Output = lapin::Result<T>> + Send) -> PhpResult<lapin::Result<T>> {
    runtime::wait_dispatching_on_socket(future, link.rpc_timeout, link.socket())?.ok_or_else(|| link.rpc_timed_out())
}

/// How often `while_connected` looks at the connection.
const LOST_CHECK: Duration = Duration::from_millis(50);

/// A wait for recovery's steps on a new connection, bounded by `timeout` (None: the steps bound
/// themselves): over, with a connection-state error, as soon as the connection is lost. lapin leaves a
/// `channel.open` pending when its connection fails under it, which would wait out the whole RPC
/// timeout (forever without one) instead of recovering again. None when the time is up.
pub fn while_connected<T>(
    link: &Link,
    future: impl std::future::Future<Output = lapin::Result<T>> + Send,
    timeout: Option<Duration>,
) -> PhpResult<Option<lapin::Result<T>>> {
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    let mut future = std::pin::pin!(future);
    loop {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if let Some(done) = runtime::wait_dispatching_on_socket(future.as_mut(), Some(slice(left, LOST_CHECK)), link.socket())? {
            return Ok(Some(done));
        }
        if !link.is_connected() {
            return Ok(Some(Err(lapin::ErrorKind::InvalidConnectionState(lapin::ConnectionState::Error).into())));
        }
        if left.is_some_and(|left| left.is_zero()) {
            return Ok(None);
        }
    }
}

/// lapin's reader of a connection's socket, for `runtime::wait_on_socket`.
impl runtime::WaitSocket for lapin::SocketReader {
    fn enter(&self) {
        lapin::SocketReader::enter(self);
    }

    fn fd(&self) -> Option<std::os::fd::RawFd> {
        lapin::SocketReader::fd(self)
    }

    fn read(&self) -> bool {
        lapin::SocketReader::read(self)
    }

    fn flush(&self) {
        settles::flush_all();
    }

    fn leave(&self) {
        lapin::SocketReader::leave(self);
    }
}
