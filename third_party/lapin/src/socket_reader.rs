//! Reading the socket on the thread that waits for what it brings (mq patch, see PATCHED.md).
//!
//! The I/O loop's receive buffer lives here, behind a lock that is also held while its frames are
//! handled, so whichever thread reads, frames are handled once and in order. An embedder whose
//! thread blocks waiting for the connection (a delivery, a confirm, a reply) calls `enter`, polls
//! `fd()` for reading next to its own wake-up, calls `read` when it is readable, and `leave` when
//! it stops waiting: the frames are then read, parsed and handed to their channels on that thread,
//! without a wake-up of the I/O thread and another of the waiting one per batch of bytes.
//!
//! Who watches the socket is a lease: once the waiting thread has taken `fd()` to sleep on, the I/O
//! thread stops waiting for it to be readable. After `leave` it takes the socket back once the lease has gone unused for `LEASE`, so
//! heartbeats and frames keep being read while the embedder runs other code; a wait that follows
//! within `LEASE` (the next `wait()` of a consume loop) keeps it. Both threads may read at any time
//! (the lock orders them): the lease only decides who is woken. Anything unusual (end of stream, a
//! socket error, a frame that does not parse or is too large, a channel refusing a frame) is handed
//! back to the I/O thread, which meets it again through its own error handling; until it lends the
//! socket again, `fd()` is None and `read` reads nothing.

use crate::{
    Error, buffer::Buffer, channels::Channels, configuration::NegotiatedConfig,
    internal_rpc::InternalRPCHandle, plain_socket::{self, FdReader}, socket_state::SocketStateHandle,
};
use amq_protocol::frame::parse_frame;
use std::{
    fmt,
    os::fd::RawFd,
    pin::Pin,
    sync::{
        Arc, Mutex, MutexGuard,
        atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering},
    },
    task::{Context, Poll, Waker},
    time::{Duration, Instant},
};

/// How long the I/O thread leaves the socket to a thread that stopped waiting.
const LEASE: Duration = Duration::from_millis(10);

/// A connection's socket, for the thread that waits on it (see the module's doc).
#[derive(Clone)]
pub struct SocketReader(Arc<Shared>);

struct Shared {
    buffer: Mutex<Buffer>,
    /// The socket while a waiting thread may read it; -1 while only the I/O thread does.
    fd: AtomicI32,
    held: AtomicBool,
    waiting: AtomicBool,
    /// When the last wait ended, in nanoseconds since `epoch`.
    left_at: AtomicU64,
    epoch: Instant,
    failure: Mutex<Option<Error>>,
    /// Bytes the I/O thread has written to the socket (mq patch: see `written`).
    written: AtomicU64,
    /// The socket while the I/O loop has it, whoever reads it; -1 otherwise (mq patch: see `unsent`).
    socket: AtomicI32,
    channels: Channels,
    configuration: NegotiatedConfig,
    internal_rpc: InternalRPCHandle,
    io_thread: SocketStateHandle,
    on_read: Box<dyn Fn() + Send + Sync>,
}

impl fmt::Debug for SocketReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SocketReader").field("fd", &self.0.fd.load(Ordering::Relaxed)).finish()
    }
}

impl SocketReader {
    pub(crate) fn new(
        capacity: usize,
        channels: Channels,
        configuration: NegotiatedConfig,
        internal_rpc: InternalRPCHandle,
        io_thread: SocketStateHandle,
        on_read: Box<dyn Fn() + Send + Sync>,
    ) -> Self {
        Self(Arc::new(Shared {
            buffer: Mutex::new(Buffer::with_capacity(capacity)),
            fd: AtomicI32::new(-1),
            held: AtomicBool::new(false),
            waiting: AtomicBool::new(false),
            left_at: AtomicU64::new(0),
            epoch: Instant::now(),
            failure: Mutex::new(None),
            written: AtomicU64::new(0),
            socket: AtomicI32::new(-1),
            channels,
            configuration,
            internal_rpc,
            io_thread,
            on_read,
        }))
    }

    /// The socket to sleep on for reading, while this thread may read it (None: the I/O thread reads
    /// it). Asked right before each sleep: from then on this thread watches the socket (holds the
    /// lease), and the I/O thread stops waiting for it to be readable.
    pub fn fd(&self) -> Option<RawFd> {
        let fd = self.lent()?;
        self.0.held.store(true, Ordering::SeqCst);
        Some(fd)
    }

    /// mq patch: how many bytes the I/O thread has written to the socket so far. A thread waiting for
    /// queued frames to be written tells a stalled link (no change for a while) from a slow one.
    pub fn written(&self) -> u64 {
        self.0.written.load(Ordering::Relaxed)
    }

    pub(crate) fn add_written(&self, bytes: usize) {
        self.0.written.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    /// mq patch: how many bytes written to the socket the peer has not acknowledged yet (the kernel's
    /// send queue, TIOCOUTQ); None without a plain TCP socket. A thread waiting for the broker's
    /// answer tells a link still delivering what was written before (the queue shrinks) from one that
    /// has stopped. The socket may close meanwhile (its number then names another file, or none): a
    /// caller takes the answer as a hint only.
    pub fn unsent(&self) -> Option<usize> {
        let fd = self.0.socket.load(Ordering::Acquire);
        (fd >= 0).then(|| plain_socket::unsent(fd)).flatten()
    }

    pub(crate) fn set_socket(&self, fd: Option<RawFd>) {
        self.0.socket.store(fd.unwrap_or(-1), Ordering::Release);
    }

    /// This thread starts waiting for the connection (until `leave`).
    pub fn enter(&self) {
        self.0.waiting.store(true, Ordering::SeqCst);
    }

    /// This thread stopped waiting; the I/O thread takes the socket back if no wait follows soon.
    pub fn leave(&self) {
        self.0.left_at.store(self.now(), Ordering::Relaxed);
        self.0.waiting.store(false, Ordering::SeqCst);
    }

    /// mq patch: reads what the socket has now, for a thread busy with other work on the connection
    /// (a burst of confirmed publishes, whose acks come meanwhile): their frames are handled here
    /// instead of waking the I/O thread for every batch, and the lease is kept as if a wait had just
    /// ended, so the I/O thread stops watching the socket until it lapses. Nothing while a wait is in
    /// progress (it reads) or while the I/O thread keeps the socket to itself. True when a frame was
    /// handled.
    pub fn read_now(&self) -> bool {
        if self.0.waiting.load(Ordering::SeqCst) {
            return false;
        }
        // While the I/O thread reads or handles frames it keeps the socket: no lease is taken that
        // would leave the socket unread by both until it lapsed.
        let Ok(mut buffer) = self.0.buffer.try_lock() else {
            return false;
        };
        // The lease's start before taking it: the I/O thread never sees it held with a stale start.
        self.0.left_at.store(self.now(), Ordering::Relaxed);
        if self.fd().is_none() {
            return false;
        }
        self.read_into(&mut buffer)
    }

    /// Reads what the socket has and hands every complete frame to its channel, on this thread.
    /// True when a frame was handled. Does nothing while the I/O thread reads (or holds the buffer).
    pub fn read(&self) -> bool {
        let Ok(mut buffer) = self.0.buffer.try_lock() else {
            return false;
        };
        self.read_into(&mut buffer)
    }

    /// `read`, with the buffer's lock held.
    fn read_into(&self, buffer: &mut MutexGuard<'_, Buffer>) -> bool {
        // Looked at under the lock: the I/O loop takes the lock once after taking the socket back and
        // before closing it, so the fd read here is still the connection's.
        let Some(fd) = self.lent() else {
            return false;
        };
        let mut cx = Context::from_waker(Waker::noop());
        let mut socket = FdReader(fd);
        while buffer.available_space() > 0 {
            let room = buffer.contiguous_space();
            match buffer.poll_read_from(&mut cx, Pin::new(&mut socket)) {
                Poll::Ready(Ok(n)) if n > 0 => {
                    buffer.fill(n);
                    (self.0.on_read)();
                    // Less than asked for: the socket had no more. What comes later wakes the thread's
                    // sleep (a level-triggered poll) or the next read: no second recv to hear EAGAIN.
                    if n < room {
                        break;
                    }
                }
                Poll::Ready(Err(err)) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Poll::Pending => break,
                // The socket reports an error once (a reset): the I/O thread ends the connection with it.
                Poll::Ready(Err(err)) => {
                    self.hand_back(Some(err.into()));
                    break;
                }
                // End of stream: the I/O thread reads it again and ends the connection its own way.
                Poll::Ready(Ok(_)) => {
                    self.hand_back(None);
                    break;
                }
            }
        }
        self.handle_frames(buffer)
    }

    fn handle_frames(&self, buffer: &mut MutexGuard<'_, Buffer>) -> bool {
        let mut handled = false;
        let frame_max = self.0.configuration.frame_max() as usize;
        while buffer.available_data() > 0 {
            let (frame, consumed) = match parse_frame(buffer.parsing_context()) {
                Ok((rest, frame)) => (frame, buffer.offset(rest)),
                Err(err) if err.is_incomplete() => {
                    // A frame announcing more than frame_max: the I/O thread refuses it (`IoLoop::parse`).
                    if buffer.front_frame_over(frame_max).is_some() {
                        self.hand_back(None);
                    }
                    break;
                }
                Err(_) => {
                    self.hand_back(None);
                    break;
                }
            };
            if frame_max > 0 && consumed > frame_max {
                self.hand_back(None);
                break;
            }
            buffer.consume(consumed);
            handled = true;
            if let Err(err) = self.0.channels.handle_frame(frame) {
                // As the I/O loop does with a frame a channel refuses, before it ends the connection.
                self.0.internal_rpc.set_connection_error(err.clone());
                self.hand_back(Some(err));
                break;
            }
        }
        handled
    }

    /// Leaves the socket to the I/O thread and wakes it; `failure` is for it to end the connection with
    /// (or recover from), as if it had met it itself.
    fn hand_back(&self, failure: Option<Error>) {
        self.0.fd.store(-1, Ordering::Release);
        self.0.held.store(false, Ordering::SeqCst);
        if let Some(err) = failure {
            *self.0.failure.lock().unwrap_or_else(|e| e.into_inner()) = Some(err);
        }
        self.0.io_thread.wake();
    }

    fn lent(&self) -> Option<RawFd> {
        let fd = self.0.fd.load(Ordering::Acquire);
        (fd >= 0).then_some(fd)
    }

    fn now(&self) -> u64 {
        self.0.epoch.elapsed().as_nanos() as u64
    }

    // The I/O thread's side.

    pub(crate) fn lock_buffer(&self) -> MutexGuard<'_, Buffer> {
        self.0.buffer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Lends the socket to waiting threads (Some) or takes it back (None).
    pub(crate) fn lend(&self, fd: Option<RawFd>) {
        self.0.fd.store(fd.unwrap_or(-1), Ordering::Release);
        if fd.is_none() {
            self.0.held.store(false, Ordering::SeqCst);
        }
    }

    /// Takes the socket back before it is closed: once this returns, no waiting thread reads it.
    pub(crate) fn take_back(&self) {
        self.lend(None);
        // A read that looked at the fd before is still under the lock: wait for it to end.
        drop(self.lock_buffer());
    }

    /// How long the I/O thread may leave the socket unwatched: None when it must watch it itself (no
    /// thread holds the lease, or it lapsed and is taken back now).
    pub(crate) fn lease_left(&self) -> Option<Duration> {
        if self.lent().is_none() || !self.0.held.load(Ordering::SeqCst) {
            return None;
        }
        if self.0.waiting.load(Ordering::SeqCst) {
            return Some(LEASE);
        }
        let idle = Duration::from_nanos(self.now().saturating_sub(self.0.left_at.load(Ordering::Relaxed)));
        match LEASE.checked_sub(idle) {
            Some(left) if !left.is_zero() => Some(left),
            _ => {
                self.0.held.store(false, Ordering::SeqCst);
                // A wait may have started in between: it keeps reading, and the lock orders both.
                None
            }
        }
    }

    /// Whether a waiting thread handed back a failure the I/O loop has not taken yet (the socket is
    /// not lent again before it has).
    pub(crate) fn failed(&self) -> bool {
        self.0.failure.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    /// A failure met on a waiting thread (a socket error, a channel's refusal of a frame), for the
    /// I/O loop to end the connection with.
    pub(crate) fn take_failure(&self) -> Option<Error> {
        self.0.failure.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        ConnectionProperties, ConnectionStatus, configuration::Configuration, events::Events,
        frames::Frames, heartbeat::Heartbeat, internal_rpc::InternalRPC, runtime,
        secret_update::SecretUpdate, socket_state::SocketState, uri::AMQPUri,
    };
    use std::{io::Write, os::fd::AsRawFd, os::unix::net::UnixStream};

    /// A reader over one end of a socket pair, as `Connection::connector` builds it (mq patch tests).
    fn reader() -> (SocketReader, UnixStream, UnixStream, InternalRPCHandle) {
        let uri = AMQPUri::default();
        let runtime = runtime::default_runtime().unwrap();
        let configuration = Configuration::new(&uri, ConnectionProperties::default());
        let status = ConnectionStatus::new(&uri);
        let frames = Frames::default();
        let socket_state = SocketState::default();
        let heartbeat = Heartbeat::new(status.clone(), runtime.clone());
        let secret_update = SecretUpdate::new(status.clone(), runtime.clone(), configuration.auth_provider.clone());
        let internal_rpc = InternalRPC::new(runtime, heartbeat, secret_update, frames.clone(), socket_state.handle());
        let channels = Channels::new(
            configuration.clone(),
            status,
            socket_state.handle(),
            internal_rpc.handle(),
            frames,
            Events::new(),
        );
        let reader = SocketReader::new(
            4096,
            channels,
            configuration.negotiated_config.clone(),
            internal_rpc.handle(),
            socket_state.handle(),
            Box::new(|| {}),
        );
        let (ours, peer) = UnixStream::pair().unwrap();
        ours.set_nonblocking(true).unwrap();
        (reader, ours, peer, internal_rpc.handle())
    }

    const HEARTBEAT: [u8; 8] = [8, 0, 0, 0, 0, 0, 0, 0xCE];

    #[test]
    fn read_now_reads_while_the_socket_is_lent_and_keeps_the_lease() {
        let (reader, ours, mut peer, _rpc) = reader();
        peer.write_all(&HEARTBEAT).unwrap();
        // Not lent: the I/O thread reads; nothing is read and no lease is taken.
        assert!(!reader.read_now());
        assert_eq!(reader.lease_left(), None);
        reader.lend(Some(ours.as_raw_fd()));
        assert!(reader.read_now(), "the heartbeat frame is handled on this thread");
        let left = reader.lease_left().expect("the lease is held after read_now");
        assert!(left <= LEASE && !left.is_zero());
        // Nothing more came: nothing handled, the lease still held.
        assert!(!reader.read_now());
        assert!(reader.lease_left().is_some());
    }

    #[test]
    fn read_now_takes_no_lease_while_the_io_thread_holds_the_buffer() {
        let (reader, ours, mut peer, _rpc) = reader();
        reader.lend(Some(ours.as_raw_fd()));
        peer.write_all(&HEARTBEAT).unwrap();
        let io_thread = reader.lock_buffer();
        assert!(!reader.read_now());
        assert_eq!(reader.lease_left(), None, "the I/O thread keeps watching the socket");
        drop(io_thread);
        assert!(reader.read_now());
    }

    #[test]
    fn read_now_leaves_the_socket_to_a_wait_in_progress() {
        let (reader, ours, mut peer, _rpc) = reader();
        reader.lend(Some(ours.as_raw_fd()));
        reader.enter();
        peer.write_all(&HEARTBEAT).unwrap();
        assert!(!reader.read_now(), "a wait in progress reads for itself");
        assert!(reader.read(), "and its frame is still there for it");
        reader.leave();
    }
}
