use crate::Result;
use flume::{Receiver, Sender};
use std::{
    os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    task::{Poll, Wake, Waker},
};
use tracing::{error, trace};

pub(crate) struct SocketState {
    readable: bool,
    writable: bool,
    events: Receiver<SocketEvent>,
    handle: SocketStateHandle,
}

impl Default for SocketState {
    fn default() -> Self {
        let (sender, receiver) = flume::unbounded();
        Self {
            readable: true,
            writable: true,
            events: receiver,
            handle: SocketStateHandle {
                sender,
                bell: Bell::new().ok().map(Arc::new),
            },
        }
    }
}

#[derive(Clone)]
pub(crate) struct SocketStateHandle {
    sender: Sender<SocketEvent>,
    /// Rung with every event while the I/O loop waits on its socket with poll(2) (`plain_socket.rs`,
    /// mq patch); None if no eventfd could be made (the loop then keeps the reactor).
    bell: Option<Arc<Bell>>,
}

/// An eventfd: `ring` makes it readable until `drain`, while armed (a loop that waits on the reactor
/// never reads it, and its reactor wakes it for every batch of bytes: no write for nothing then).
pub(crate) struct Bell(OwnedFd, AtomicBool);

#[allow(unsafe_code)]
impl Bell {
    fn new() -> std::io::Result<Self> {
        // SAFETY: eventfd returns a new descriptor we own, or -1.
        let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: fd is a fresh descriptor nothing else owns.
        Ok(Self(unsafe { OwnedFd::from_raw_fd(fd) }, AtomicBool::new(false)))
    }

    fn ring(&self) {
        if !self.1.load(Ordering::Acquire) {
            return;
        }
        let one = 1u64.to_ne_bytes();
        // SAFETY: writes 8 bytes from a live array to our open eventfd; a full counter only fails.
        unsafe { libc::write(self.0.as_raw_fd(), one.as_ptr().cast(), one.len()) };
    }

    fn drain(&self) {
        let mut count = [0u8; 8];
        // SAFETY: reads 8 bytes into a live array from our open, non-blocking eventfd.
        unsafe { libc::read(self.0.as_raw_fd(), count.as_mut_ptr().cast(), count.len()) };
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum SocketEvent {
    Readable,
    Writable,
    Wake,
}

pub(crate) struct SocketStateWaker {
    handle: SocketStateHandle,
    event: SocketEvent,
}

impl SocketState {
    pub(crate) fn readable(&mut self) -> bool {
        self.readable
    }

    pub(crate) fn writable(&mut self) -> bool {
        self.writable
    }

    pub(crate) fn wait(&mut self) {
        match self.events.recv() {
            Ok(event) => self.handle_event(event),
            Err(err) => error!(?err, "waiting for socket event failed"),
        }
    }

    /// Whether `wait_on` can be used (the loop may take its socket out of the reactor).
    pub(crate) fn can_wait_on_socket(&self) -> bool {
        self.handle.bell.is_some()
    }

    /// Events ring the bell from now on when the loop waits with `wait_on`, not otherwise.
    pub(crate) fn arm_bell(&self, armed: bool) {
        if let Some(bell) = &self.handle.bell {
            bell.1.store(armed, Ordering::Release);
        }
    }

    /// Waits on the socket itself (mq patch, `plain_socket.rs`): until it is readable (when `read`),
    /// writable (when `write`) or an event is sent. Errors and hang-ups make it both, so the next read
    /// or write meets them.
    #[allow(unsafe_code)]
    pub(crate) fn wait_on(&mut self, fd: RawFd, read: bool, write: bool, timeout: Option<std::time::Duration>) {
        let Some(bell) = self.handle.bell.clone() else {
            return self.wait();
        };
        let mut events = 0;
        if read {
            events |= libc::POLLIN;
        }
        if write {
            events |= libc::POLLOUT;
        }
        let mut fds = [
            libc::pollfd { fd, events, revents: 0 },
            libc::pollfd { fd: bell.0.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        // Without a timeout: the heartbeat and every frame queued ring the bell.
        let timeout = timeout.map_or(-1, |t| t.as_millis().clamp(1, i32::MAX as u128) as i32);
        // SAFETY: two live pollfd structs.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
        if ready > 0 {
            let revents = fds[0].revents;
            if revents & (libc::POLLIN | libc::POLLERR | libc::POLLHUP) != 0 {
                self.readable = true;
            }
            if revents & (libc::POLLOUT | libc::POLLERR | libc::POLLHUP) != 0 {
                self.writable = true;
            }
            if fds[1].revents != 0 {
                bell.drain();
            }
        }
        self.poll_events();
    }

    /// The socket may have become readable unseen (another thread watched it): try reading it.
    pub(crate) fn assume_readable(&mut self) {
        self.readable = true;
    }

    pub(crate) fn reset(&mut self) {
        self.readable = true;
        self.writable = true;
    }

    pub(crate) fn handle(&self) -> SocketStateHandle {
        self.handle.clone()
    }

    pub(crate) fn handle_read_poll(&mut self, poll: Poll<usize>) -> Option<usize> {
        match poll {
            Poll::Ready(sz) => Some(sz),
            Poll::Pending => {
                self.readable = false;
                None
            }
        }
    }

    pub(crate) fn handle_write_poll<T>(&mut self, poll: Poll<T>) -> Option<T> {
        match poll {
            Poll::Ready(sz) => Some(sz),
            Poll::Pending => {
                self.writable = false;
                None
            }
        }
    }

    pub(crate) fn handle_io_result(&mut self, result: Result<()>) -> Result<()> {
        if let Err(err) = result {
            if err.interrupted() {
                self.handle.wake();
            } else if err.wouldblock() {
                // ignore, let the reactor handle that
            } else {
                if err.is_io_error() {
                    self.readable = false;
                    self.writable = false;
                }
                return Err(err);
            }
        }
        Ok(())
    }

    pub(crate) fn poll_events(&mut self) {
        while let Ok(event) = self.events.try_recv() {
            self.handle_event(event);
        }
    }

    fn handle_event(&mut self, event: SocketEvent) {
        trace!(?event, "Got event for socket");
        match event {
            SocketEvent::Readable => self.readable = true,
            SocketEvent::Writable => self.writable = true,
            SocketEvent::Wake => {}
        }
    }

    pub(crate) fn readable_waker(&self) -> Waker {
        self.waker(SocketEvent::Readable)
    }

    pub(crate) fn writable_waker(&self) -> Waker {
        self.waker(SocketEvent::Writable)
    }

    fn waker(&self, event: SocketEvent) -> Waker {
        let handle = self.handle();
        let waker = SocketStateWaker { handle, event };
        Waker::from(Arc::new(waker))
    }
}

impl SocketStateHandle {
    pub(crate) fn send(&self, event: SocketEvent) {
        let _ = self.sender.send(event);
        if let Some(bell) = &self.bell {
            bell.ring();
        }
    }

    pub(crate) fn wake(&self) {
        self.send(SocketEvent::Wake);
    }

    /// The eventfd, not kept open by the caller (tests: whether anything still holds it).
    #[cfg(test)]
    pub(crate) fn bell(&self) -> Option<std::sync::Weak<Bell>> {
        self.bell.as_ref().map(Arc::downgrade)
    }
}

impl Wake for SocketStateWaker {
    fn wake(self: Arc<Self>) {
        self.handle.send(self.event)
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.handle.send(self.event)
    }
}
