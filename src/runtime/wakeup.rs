//! How the PHP thread sleeps in `runtime::wait`: on an eventfd that the future's waker writes to, in
//! `ppoll`, which also returns when a signal arrives. One per runtime (so per process); never closed,
//! since a waker may be kept and called by a runtime thread long after the wait it was made for.

use std::{
    io,
    os::fd::{AsRawFd, FromRawFd, OwnedFd},
    sync::Arc,
    task::Wake,
    time::Duration,
};

use super::signals::Blocked;

pub struct Wakeup {
    fd: OwnedFd,
}

#[derive(PartialEq, Eq)]
pub enum Woken {
    /// The waker was called, or the time is up: poll again.
    ByWaker,
    /// A signal interrupted the sleep (its C-level handler has run).
    BySignal,
}

impl Wakeup {
    pub fn new() -> io::Result<Self> {
        // SAFETY: eventfd returns a new descriptor or -1.
        let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` is ours and open.
        Ok(Self { fd: unsafe { OwnedFd::from_raw_fd(fd) } })
    }

    /// The eventfd, for a C library to write 8-byte wake-ups to (see `runtime::Doorbell`).
    pub fn raw_fd(&self) -> std::os::fd::RawFd {
        self.fd.as_raw_fd()
    }

    /// Forgets wake-ups so far (called before each poll: what wakes after it is seen by `sleep`).
    pub fn reset(&self) {
        let mut count = 0u64;
        // SAFETY: reads 8 bytes into `count`; EAGAIN (nothing to read) is fine.
        unsafe { libc::read(self.fd.as_raw_fd(), std::ptr::from_mut(&mut count).cast(), 8) };
    }

    /// Sleeps until woken, `left` passes (None: no limit), `readable` has something to read or a signal
    /// arrives; `signals` are let in for the sleep only, atomically.
    pub fn sleep(&self, left: Option<Duration>, signals: &Blocked, readable: Option<std::os::fd::RawFd>) -> Woken {
        let mut poll = [
            libc::pollfd { fd: self.fd.as_raw_fd(), events: libc::POLLIN, revents: 0 },
            // A negative fd is ignored by ppoll.
            libc::pollfd { fd: readable.unwrap_or(-1), events: libc::POLLIN, revents: 0 },
        ];
        let limit = left.map(|left| libc::timespec {
            tv_sec: left.as_secs().min(i32::MAX as u64) as libc::time_t,
            tv_nsec: libc::c_long::from(left.subsec_nanos() as i32),
        });
        let limit_ptr = limit.as_ref().map_or(std::ptr::null(), std::ptr::from_ref);
        // SAFETY: two valid pollfds; the timespec and sigset outlive the call.
        let result = unsafe { libc::ppoll(poll.as_mut_ptr(), 2, limit_ptr, signals.original()) };
        if result < 0 && io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
            Woken::BySignal
        } else {
            Woken::ByWaker
        }
    }
}

impl Wake for Wakeup {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let one = 1u64;
        // SAFETY: writes 8 bytes to our eventfd, which is never closed.
        unsafe { libc::write(self.fd.as_raw_fd(), std::ptr::from_ref(&one).cast(), 8) };
    }
}
