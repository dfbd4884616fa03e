//! How the PHP thread sleeps in `runtime::wait`: on an eventfd that the future's waker writes to, in
//! `ppoll`, which also returns when a signal arrives. One per runtime (so per process); never closed,
//! since a waker may be kept and called by a runtime thread long after the wait it was made for.
//!
//! A waker writes to the eventfd only while the thread sleeps or is about to (`state`): one called
//! while the thread polls, or from the thread itself (frames it read completed a future), only marks
//! it woken, and no sleep blocks until the next `reset`, which comes just before a poll. An RPC
//! answered on a socket the PHP thread reads cost four system calls more per wait (the write, a poll
//! and two reads of the eventfd).

use std::{
    io,
    os::fd::{AsRawFd, FromRawFd, OwnedFd},
    sync::{
        atomic::{AtomicU8, Ordering},
        Arc,
    },
    task::Wake,
    time::Duration,
};

use super::signals::Blocked;

pub struct Wakeup {
    fd: OwnedFd,
    /// POLLING, SLEEPING or WOKEN.
    state: AtomicU8,
}

/// The thread is not asleep: a waker marks WOKEN and writes nothing.
const POLLING: u8 = 0;
/// The thread sleeps (or is about to): a waker writes to the eventfd.
const SLEEPING: u8 = 1;
/// A waker was called since the last `reset`.
const WOKEN: u8 = 2;

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
        Ok(Self { fd: unsafe { OwnedFd::from_raw_fd(fd) }, state: AtomicU8::new(POLLING) })
    }

    /// The eventfd, for a C library to write 8-byte wake-ups to (see `runtime::Doorbell`).
    pub fn raw_fd(&self) -> std::os::fd::RawFd {
        self.fd.as_raw_fd()
    }

    /// Forgets wake-ups so far (called before each poll: what wakes after it is seen by `sleep`).
    pub fn reset(&self) {
        // A swap, not a store: it synchronises with the waker whose mark it takes (the poll after it
        // sees what that waker's caller made ready).
        self.state.swap(POLLING, Ordering::SeqCst);
    }

    /// Forgets what was written to the eventfd itself (a C library's rings, see `runtime::Doorbell`).
    pub fn drain(&self) {
        let mut count = 0u64;
        // SAFETY: reads 8 bytes into `count`; EAGAIN (nothing to read) is fine.
        unsafe { libc::read(self.fd.as_raw_fd(), std::ptr::from_mut(&mut count).cast(), 8) };
    }

    /// Sleeps until woken, `left` passes (None: no limit), `readable` has something to read or a signal
    /// arrives; `signals` are let in for the sleep only, atomically. Woken since `reset`, it only lets
    /// signals in (a sleep of zero), so that wake-ups in a row hold them off no longer than sleeps do.
    pub fn sleep(&self, left: Option<Duration>, signals: &Blocked, readable: Option<std::os::fd::RawFd>) -> Woken {
        let woken = self.state.compare_exchange(POLLING, SLEEPING, Ordering::SeqCst, Ordering::SeqCst).is_err();
        let left = if woken { Some(Duration::ZERO) } else { left };
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
        // Awake again: a waker called from here on only marks. A mark made during the sleep stays until
        // the next `reset`, so a sleep that does not lead to a poll (the zero sleep that lets signals
        // in between reads) cannot lose it to the next sleep.
        let _ = self.state.compare_exchange(SLEEPING, POLLING, Ordering::SeqCst, Ordering::SeqCst);
        if result > 0 && poll[0].revents & libc::POLLIN != 0 {
            self.drain();
        }
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
        if self.state.swap(WOKEN, Ordering::SeqCst) != SLEEPING {
            return;
        }
        let one = 1u64;
        // SAFETY: writes 8 bytes to our eventfd, which is never closed.
        unsafe { libc::write(self.fd.as_raw_fd(), std::ptr::from_ref(&one).cast(), 8) };
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    /// Whether something was written to the eventfd since it was last read (and reads it).
    fn written(wakeup: &Wakeup) -> bool {
        let mut count = 0u64;
        // SAFETY: reads 8 bytes into `count`.
        unsafe { libc::read(wakeup.raw_fd(), std::ptr::from_mut(&mut count).cast(), 8) == 8 }
    }

    #[test]
    fn a_wake_while_polling_only_marks_and_the_sleep_after_it_does_not_block() {
        let wakeup = Arc::new(Wakeup::new().unwrap());
        wakeup.reset();
        wakeup.wake_by_ref();
        assert!(!written(&wakeup), "no write while the thread polls");
        let signals = Blocked::now();
        let began = Instant::now();
        assert!(wakeup.sleep(Some(Duration::from_secs(5)), &signals, None) == Woken::ByWaker);
        assert!(began.elapsed() < Duration::from_secs(1), "woken before it slept: no sleep");
        // The mark is spent: a sleep now lasts its time.
        wakeup.reset();
        let began = Instant::now();
        wakeup.sleep(Some(Duration::from_millis(50)), &signals, None);
        assert!(began.elapsed() >= Duration::from_millis(50));
    }

    #[test]
    fn a_mark_outlives_a_sleep_until_the_next_reset() {
        let wakeup = Arc::new(Wakeup::new().unwrap());
        wakeup.reset();
        wakeup.wake_by_ref();
        let signals = Blocked::now();
        // The zero sleep between two reads, then the sleep for more: woken before both, neither blocks.
        wakeup.sleep(Some(Duration::ZERO), &signals, None);
        let began = Instant::now();
        wakeup.sleep(Some(Duration::from_secs(5)), &signals, None);
        assert!(began.elapsed() < Duration::from_secs(1), "the mark made before the zero sleep still counts");
    }

    #[test]
    fn a_wake_from_another_thread_ends_the_sleep_and_the_sleep_reads_it() {
        let wakeup = Arc::new(Wakeup::new().unwrap());
        wakeup.reset();
        let waker = wakeup.clone();
        let other = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            waker.wake_by_ref();
        });
        let signals = Blocked::now();
        let began = Instant::now();
        wakeup.sleep(Some(Duration::from_secs(5)), &signals, None);
        assert!(began.elapsed() < Duration::from_secs(2), "the wake ended the sleep");
        other.join().unwrap();
        assert!(!written(&wakeup), "the sleep read what the waker wrote");
    }
}
