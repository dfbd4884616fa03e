//! Process signals belong to the PHP thread (where PHP's handlers are meant to run and where mq's waits
//! must notice them): the runtime's threads block them for good, and the PHP thread blocks them only
//! while it polls futures, letting them in when it sleeps (see `wakeup`).

/// Every signal but the ones the kernel raises for a fault of the thread itself, which must never
/// wait: blocking those would turn a crash into a hang.
fn asynchronous() -> libc::sigset_t {
    // SAFETY: sigset_t is plain data, initialised by sigfillset before use.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut set);
        for fault in [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE, libc::SIGILL, libc::SIGTRAP, libc::SIGSYS, libc::SIGABRT] {
            libc::sigdelset(&mut set, fault);
        }
        set
    }
}

/// For the runtime's threads, at their start (threads also inherit the mask of the thread that
/// spawns them, see `Blocked`).
pub fn block_in_this_thread() {
    let set = asynchronous();
    // SAFETY: changes this thread's mask only.
    unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) };
}

/// Signals blocked on this thread until dropped; `original` is the mask to sleep with.
pub struct Blocked {
    original: libc::sigset_t,
}

impl Blocked {
    pub fn now() -> Self {
        let set = asynchronous();
        // SAFETY: sigset_t is plain data; pthread_sigmask fills `original`.
        unsafe {
            let mut original: libc::sigset_t = std::mem::zeroed();
            libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut original);
            Self { original }
        }
    }

    /// The thread's mask before `now()`: what a sleep lets signals in with.
    pub fn original(&self) -> &libc::sigset_t {
        &self.original
    }
}

impl Drop for Blocked {
    fn drop(&mut self) {
        // SAFETY: restores this thread's own mask; a signal pending meanwhile is delivered now.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &self.original, std::ptr::null_mut()) };
    }
}
