//! The process-wide tokio runtime: built lazily on first use, rebuilt in a forked child.
//!
//! php-fpm forks its workers after MINIT and users call `pcntl_fork`, so the runtime is never built at
//! module startup, and it remembers the pid that built it. A child sees a different pid, leaks the
//! inherited runtime (its worker threads did not survive the fork; dropping it would hang or panic) and
//! builds its own.
//!
//! How the PHP thread waits, and why there are several ways (one page for all of them):
//! - `wait`: blocks on a future, polled on the PHP thread, until it completes, a timeout or a signal;
//!   runs no PHP code, so the future may borrow what PHP could reach. The sleep is a `ppoll` on the
//!   eventfd the future's waker rings (`wakeup.rs`), which a signal interrupts.
//! - `wait_on_socket`: the same, and the PHP thread also reads a connection's socket while it sleeps
//!   (lapin's `SocketReader`): the frames for the future are handled on this thread, without waking an
//!   I/O thread first. Every RabbitMQ wait that a frame from the broker ends passes its socket, and
//!   says whether to read it before the first sleep (`First`: deliveries are often there already, an
//!   answer to what was just written is not).
//! - `wait_dispatching` / `wait_dispatching_on_socket`: for futures that must complete whatever
//!   signals arrive (RPCs, closes): PHP's signal handlers run at each signal and the wait goes on.
//! - `Doorbell`: the eventfd sleep alone, for a C library's thread to ring (librdkafka's queues).
//! - `slices`: a wait cut into short blocking C calls (librdkafka calls that cannot ring a doorbell).
//! - `poll_once`: no wait at all, for methods the broker does not answer (publish, ack).

use std::{
    future::Future,
    sync::{
        atomic::{AtomicPtr, AtomicU32, Ordering},
        Mutex,
    },
    time::{Duration, Instant},
};

use ext_php_rs::{boxed::ZBox, prelude::*, types::ZendHashTable};
use tokio::runtime::Runtime;

use crate::ini;

mod signals;
pub mod slices;
mod wakeup;

/// A runtime and the pid that built it, leaked together: a runtime is never dropped, neither the parent's
/// in a child (its threads are gone; dropping it would hang) nor our own at exit.
struct Owned {
    pid: u32,
    runtime: Runtime,
    /// What the PHP thread sleeps on in `wait`.
    wakeup: std::sync::Arc<wakeup::Wakeup>,
}

/// The last runtime built: the lock-free path of every call after the first.
static CURRENT: AtomicPtr<Owned> = AtomicPtr::new(std::ptr::null_mut());
/// Serialises building. Only the PHP thread builds, so a fork never inherits it held.
static BUILDING: Mutex<()> = Mutex::new(());
/// How many runtimes this process (and the parents it was forked from) have built.
static BUILDS: AtomicU32 = AtomicU32::new(0);

/// The runtime of the current process, built on first use with `mq.worker_threads` workers.
pub fn runtime() -> PhpResult<&'static Runtime> {
    owned().map(|o| &o.runtime)
}

fn owned() -> PhpResult<&'static Owned> {
    owned_with(ini::worker_threads)
        .map_err(|e| PhpException::from_message(format!("mq: cannot start the I/O runtime: {e}")))
}

fn current(pid: u32) -> Option<&'static Owned> {
    // SAFETY: CURRENT only ever holds a leaked, never freed Owned.
    unsafe { CURRENT.load(Ordering::Acquire).as_ref() }.filter(|o| o.pid == pid)
}

#[cfg(test)]
fn runtime_with(workers: impl FnOnce() -> usize) -> std::io::Result<&'static Runtime> {
    owned_with(workers).map(|o| &o.runtime)
}

fn owned_with(workers: impl FnOnce() -> usize) -> std::io::Result<&'static Owned> {
    let pid = current_pid();
    if let Some(owned) = current(pid) {
        return Ok(owned);
    }
    // A poisoned lock still serialises.
    let _building = BUILDING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(owned) = current(pid) {
        return Ok(owned);
    }
    keep_large_allocations_mapped();
    let runtime = {
        // Threads start with the mask of the thread that spawns them: blocked from their first
        // instruction on, before their start hook blocks them again for good.
        let _blocked = signals::Blocked::now();
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(workers())
            .thread_name("mq-runtime")
            .on_thread_start(signals::block_in_this_thread)
            .enable_all()
            .build()?
    };
    let wakeup = std::sync::Arc::new(wakeup::Wakeup::new()?);
    let owned: &'static Owned = Box::leak(Box::new(Owned { pid, runtime, wakeup }));
    CURRENT.store(std::ptr::from_ref(owned).cast_mut(), Ordering::Release);
    BUILDS.fetch_add(1, Ordering::Relaxed);
    Ok(owned)
}

/// Allocations of 1 MiB and more (lapin's 4 MiB frame buffers, large bodies) always get their own
/// mapping and give it back when freed. glibc's default raises that threshold to the size of the last
/// such block freed, so after the first connection closed the next connections' buffers came from the
/// heap, zero-filled by hand and kept after their free: a script opening and dropping connections grew
/// by most of a megabyte per connection. Fixing the threshold turns that adjustment off.
fn keep_large_allocations_mapped() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // SAFETY: mallopt only changes glibc's allocation policy; any value is valid.
    ONCE.call_once(|| unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    });
}

/// How a blocking wait ended.
pub enum Waited<T> {
    Ready(T),
    TimedOut,
    /// A signal arrived (its C-level handler ran: pcntl queued it) or PHP has a pending interrupt: the
    /// caller lets go of what it borrowed, then runs the PHP handlers (`dispatch_signals`).
    Interrupted,
}

extern "C" {
    fn zend_atomic_bool_load(obj: *const ext_php_rs::ffi::zend_atomic_bool) -> bool;
    // ZEND_FASTCALL is the C convention on x86-64.
    fn zend_fetch_function_str(name: *const std::ffi::c_char, len: usize) -> *mut ext_php_rs::ffi::zend_function;
}

/// `pcntl_signal_dispatch`, if pcntl is loaded: once found, kept for the thread, not looked up by name
/// at every wait (3 % of consuming); an internal function lives as long as the process.
fn signal_dispatch() -> Option<std::ptr::NonNull<ext_php_rs::ffi::zend_function>> {
    thread_local! {
        static FOUND: std::cell::Cell<Option<std::ptr::NonNull<ext_php_rs::ffi::zend_function>>> =
            const { std::cell::Cell::new(None) };
    }
    if let Some(found) = FOUND.get() {
        return Some(found);
    }
    let name = c"pcntl_signal_dispatch";
    // SAFETY: a NUL-terminated name with its length; the engine's function table, on the PHP thread.
    let found = std::ptr::NonNull::new(unsafe { zend_fetch_function_str(name.as_ptr(), name.count_bytes()) });
    FOUND.set(found);
    found
}

/// Zend's `EG_FLAGS_IN_SHUTDOWN`: the request is ending (shutdown functions, destructors, RSHUTDOWN).
const EG_FLAGS_IN_SHUTDOWN: u8 = 1 << 0;

thread_local! {
    /// Set while `closing_at_end` runs.
    static CLOSING_AT_END: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `close`, a connection's flush and close, with no signal handler run by its waits if the
/// request is ending: PHP drops a signal still queued then, and a handler's exception or exit() would
/// cut the close short and lose what it was delivering. (A consumer loop in a shutdown function still
/// runs them.)
pub fn closing_at_end<T>(close: impl FnOnce() -> T) -> T {
    let outer = CLOSING_AT_END.replace(true);
    let result = close();
    CLOSING_AT_END.set(outer);
    result
}

/// Whether a wait may run PHP's signal handlers: not in `closing_at_end` once the request is ending,
/// and never after the executor has stopped (objects freed then: calling PHP is a fatal error that
/// unwinds through Rust).
fn handlers_may_run() -> bool {
    let globals = crate::executor::globals();
    globals.active && !(globals.flags & EG_FLAGS_IN_SHUTDOWN != 0 && CLOSING_AT_END.get())
}

/// Whether PHP has asked the running code to stop (signal, timeout); read on the PHP thread.
pub fn php_interrupted() -> bool {
    let globals = crate::executor::globals();
    // SAFETY: executor globals live for the request; the flag is an atomic the engine also reads.
    unsafe { zend_atomic_bool_load(&globals.vm_interrupt) }
}

/// Whether php-amqplib's `AMQP_WITHOUT_SIGNALS` is defined true and PHP dispatches signals only when
/// asked: php-amqplib's select then runs no handler, which wait for the user's `pcntl_signal_dispatch()`
/// (RabbitMqBundle's `--without-signals`). With `pcntl_async_signals(true)` PHP runs them itself.
fn without_signals() -> bool {
    extern "C" {
        fn zend_get_constant_str(name: *const std::ffi::c_char, len: usize) -> *mut ext_php_rs::types::Zval;
    }
    let name = c"AMQP_WITHOUT_SIGNALS";
    // SAFETY: a NUL-terminated name with its length, on the PHP thread; the constant outlives this call.
    let defined = unsafe { zend_get_constant_str(name.as_ptr(), name.count_bytes()).as_ref() };
    if !defined.is_some_and(|v| v.coerce_to_bool()) {
        return false;
    }
    let asynchronous = c"pcntl_async_signals";
    // SAFETY: as in `signal_dispatch`; the function called without arguments reports the setting.
    let function = unsafe { zend_fetch_function_str(asynchronous.as_ptr(), asynchronous.count_bytes()) };
    let Some(function) = std::ptr::NonNull::new(function) else { return true };
    !call_without_arguments(function).coerce_to_bool()
}

/// Calls `function`, an internal function of pcntl's whose parameters are all optional, with none, on the
/// PHP thread; its return value (a bool for those called here, so nothing to release).
fn call_without_arguments(function: std::ptr::NonNull<ext_php_rs::ffi::zend_function>) -> ext_php_rs::types::Zval {
    let mut retval = ext_php_rs::types::Zval::new();
    // SAFETY: a live internal function, called with no argument on the PHP thread.
    unsafe {
        ext_php_rs::ffi::zend_call_known_function(
            function.as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &raw mut retval,
            0,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        );
    }
    retval
}

/// Runs pending PHP signal handlers now (`pcntl_signal_dispatch`, as php-amqplib's select does after
/// each wait; not with `AMQP_WITHOUT_SIGNALS`, see `without_signals`) and clears the interrupt request
/// they were raised through (unless it is PHP's time limit, which must still fire). A handler's
/// exception is returned. Only RabbitMQ's waits call it.
///
/// Handlers run any PHP code, including this channel's or connection's methods: callers hold no
/// borrow of their state and no lock here.
pub fn dispatch_signals() -> PhpResult<()> {
    if let Some(dispatch) = signal_dispatch().filter(|_| handlers_may_run() && !without_signals()) {
        call_without_arguments(dispatch);
    }
    let timed_out = crate::executor::change(|globals| {
        // SAFETY: as in php_interrupted.
        let timed_out = unsafe { zend_atomic_bool_load(&globals.timed_out) };
        if !timed_out {
            globals.cancel_interrupt();
        }
        timed_out
    });
    if timed_out {
        // Back to PHP, whose pending interrupt then ends the script with its time-limit error.
        return Err(PhpException::from_message("Maximum execution time exceeded".into()));
    }
    if crate::executor::has_exception() {
        return Err(PhpException::from_message("signal handler failed".into()));
    }
    Ok(())
}

/// Blocks the PHP thread on `future` until it completes, `timeout` passes (None: forever) or a signal
/// arrives. Runs no PHP code, so the future may borrow what PHP code could also reach.
///
/// The future is polled on the PHP thread; its waker writes to an eventfd the thread sleeps on in
/// `ppoll`. Process signals are blocked on this thread while it polls and let in only by `ppoll`,
/// which a signal interrupts: a signal always ends the sleep (the runtime's threads block signals,
/// so they reach this thread), whether or not `pcntl_async_signals` is on, and none slips in between
/// a poll and the sleep.
pub fn wait<F: Future>(future: F, timeout: Option<Duration>) -> PhpResult<Waited<F::Output>> {
    wait_on_socket(future, timeout, None, First::Read)
}

/// A socket the PHP thread reads itself while it waits for what comes through it (lapin's
/// `SocketReader`: frames are then handled on this thread, without waking an I/O thread first).
pub trait WaitSocket {
    /// The thread starts waiting (until `leave`).
    fn enter(&self);
    /// The descriptor to sleep on for reading; None while another thread reads it.
    fn fd(&self) -> Option<std::os::fd::RawFd>;
    /// Reads and handles what it has; true when that may have woken the future.
    fn read(&self) -> bool;
    /// Called before the thread sleeps for the socket: what was held back to write goes out now.
    fn flush(&self);
    fn leave(&self);
}

/// Whether `wait_on_socket` reads the socket before its first sleep.
#[derive(Clone, Copy, PartialEq)]
pub enum First {
    /// For what the broker sends unasked (deliveries): often there already, one `recv` takes it.
    Read,
    /// For the answer to something just written (an RPC, a publish's confirm), which cannot be there
    /// yet: a `recv` before the sleep would find nothing, and the sleep's `ppoll` sees the socket
    /// readable at once when something is.
    Sleep,
}

/// `wait`, also reading `socket` whenever it is readable (see `WaitSocket`); `first` as there.
pub fn wait_on_socket<F: Future>(
    future: F,
    timeout: Option<Duration>,
    socket: Option<&dyn WaitSocket>,
    first: First,
) -> PhpResult<Waited<F::Output>> {
    struct Leave<'a>(Option<&'a dyn WaitSocket>);
    impl Drop for Leave<'_> {
        fn drop(&mut self) {
            if let Some(socket) = self.0 {
                socket.leave();
            }
        }
    }
    let owned = owned()?;
    let _context = owned.runtime.enter();
    let deadline = deadline(timeout);
    let signals = signals::Blocked::now();
    let waker = std::task::Waker::from(owned.wakeup.clone());
    let mut cx = std::task::Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    let mut frames_read = false;
    let mut slept = false;
    // The socket is taken from lapin's I/O thread only once the future has to wait: a wait ready at
    // once (a loop of them, say, over what is already buffered) leaves it reading the socket.
    let mut leave = None;
    loop {
        owned.wakeup.reset();
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return Ok(Waited::Ready(output));
        }
        if leave.is_none() {
            if let Some(socket) = socket {
                socket.enter();
            }
            leave = Some(Leave(socket));
        }
        // Frames read here may have completed the future: it is polled again at once, and when they
        // did not, signals are let in (a sleep of zero does) before more are read, so a peer sending
        // faster than this thread reads holds off neither them nor the deadline.
        if frames_read && (php_interrupted() || owned.wakeup.sleep(Some(Duration::ZERO), &signals, None) == wakeup::Woken::BySignal) {
            return Ok(Waited::Interrupted);
        }
        let expired = deadline.is_some_and(|deadline| Instant::now() >= deadline);
        let read = slept || first == First::Read;
        frames_read = read && !expired && socket.is_some_and(|socket| socket.read());
        if frames_read {
            continue;
        }
        let left = match deadline {
            Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => Some(left),
                _ => return Ok(Waited::TimedOut),
            },
            None => None,
        };
        if let Some(socket) = socket {
            socket.flush();
        }
        let readable = socket.and_then(|socket| socket.fd());
        if php_interrupted() || owned.wakeup.sleep(left, &signals, readable) == wakeup::Woken::BySignal {
            return Ok(Waited::Interrupted);
        }
        slept = true;
    }
}

/// An eventfd that a C library's thread writes to when it has something for the PHP thread, and a sleep
/// on it that signals end as in `wait`. librdkafka writes one to it when its event queue stops being
/// empty (`rd_kafka_queue_io_event_enable`), so a producer's `flush()` returns as soon as the last
/// delivery report arrives, where polling in slices made every wait last at least a slice.
pub struct Doorbell(wakeup::Wakeup);

/// What a C library writes to a `Doorbell`: an eventfd takes 8-byte counter increments.
pub const DOORBELL_RING: [u8; 8] = 1u64.to_ne_bytes();

impl Doorbell {
    pub fn new() -> std::io::Result<Self> {
        wakeup::Wakeup::new().map(Doorbell)
    }

    /// The descriptor to hand the C library; it must stop writing before this Doorbell is dropped.
    pub fn fd(&self) -> std::os::fd::RawFd {
        self.0.raw_fd()
    }

    /// Forgets rings so far: call before looking at what the library has, then `sleep` if nothing.
    pub fn reset(&self) {
        self.0.drain();
    }

    /// Sleeps until rung, `left` passes (None: no limit) or a signal arrives (not at all when PHP has an
    /// interrupt pending); the caller looks at `php_interrupted()` next. Signals are blocked until the
    /// sleep lets them in atomically, so one arriving just before it still ends it.
    pub fn sleep(&self, left: Option<Duration>) {
        let signals = signals::Blocked::now();
        if !php_interrupted() {
            self.0.sleep(left, &signals, None);
        }
    }
}

/// When `timeout` from now ends; None for no timeout, or one too far away to represent.
fn deadline(timeout: Option<Duration>) -> Option<Instant> {
    timeout.and_then(|t| Instant::now().checked_add(t))
}

/// `wait` for a future that must complete whatever signals arrive (an RPC, a close): the PHP signal
/// handlers run at each signal and the wait goes on, within the same `timeout` (None on time out).
///
/// `F: Send` is what makes re-entry safe: a `RefCell` borrow or a lock guard is not `Send`, so the
/// future cannot hold one of mq's while the handlers run PHP code that may use the same objects.
pub fn wait_dispatching<F: Future + Send>(future: F, timeout: Option<Duration>) -> PhpResult<Option<F::Output>> {
    wait_dispatching_on_socket(future, timeout, None)
}

/// `wait_dispatching`, also reading `socket` (see `wait_on_socket`; these waits are for answers:
/// `First::Sleep`).
pub fn wait_dispatching_on_socket<F: Future + Send>(
    future: F,
    timeout: Option<Duration>,
    socket: Option<&dyn WaitSocket>,
) -> PhpResult<Option<F::Output>> {
    // Signals that came while PHP ran (without async signals pcntl only queued them) would not end
    // the sleep below: their handlers run first.
    dispatch_signals()?;
    let deadline = deadline(timeout);
    let mut future = std::pin::pin!(future);
    loop {
        let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        match wait_on_socket(future.as_mut(), left, socket, First::Sleep)? {
            Waited::Ready(output) => return Ok(Some(output)),
            Waited::TimedOut => return Ok(None),
            Waited::Interrupted => dispatch_signals()?,
        }
    }
}

/// Polls `future` once on the PHP thread, inside the runtime's context.
///
/// lapin queues a method's frames for its I/O thread synchronously, on the first poll, and only then
/// waits for them to be written. Methods the broker does not answer (publish, ack) need no more than
/// that first poll to be on their way, in call order, without a round trip between threads.
pub fn poll_once<F: Future + Unpin>(future: &mut F) -> PhpResult<std::task::Poll<F::Output>> {
    let _context = runtime()?.enter();
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    Ok(std::pin::Pin::new(future).poll(&mut cx))
}

/// The pid of the process that created a connection or client handle. Used to refuse a handle
/// inherited through fork: its threads and sockets belong to the parent.
#[derive(Clone, Copy, Debug)]
pub struct OwnerPid(u32);

impl OwnerPid {
    pub fn current() -> Self {
        Self(current_pid())
    }

    /// True in the process that created the handle, false in a forked child.
    pub fn is_current(self) -> bool {
        self.0 == current_pid()
    }
}

/// This process' pid, 0 until first asked and again in a fresh fork child.
static PID: AtomicU32 = AtomicU32::new(0);

/// The current pid without a syscall per call (glibc no longer caches getpid, and every method of a
/// connection or client asks): cached, and forgotten in the child of every fork().
pub fn current_pid() -> u32 {
    static FORGET_IN_CHILD: std::sync::Once = std::sync::Once::new();
    extern "C" fn forget() {
        PID.store(0, Ordering::Relaxed);
    }
    match PID.load(Ordering::Relaxed) {
        0 => {
            // SAFETY: registers a handler that only stores to an atomic, safe in a fork child.
            FORGET_IN_CHILD.call_once(|| unsafe {
                libc::pthread_atfork(None, None, Some(forget));
            });
            let pid = std::process::id();
            PID.store(pid, Ordering::Relaxed);
            pid
        }
        pid => pid,
    }
}

/// Diagnostics of the runtime: runs a task on a worker thread and reports who ran it.
/// `['pid' => int, 'worker_threads' => int, 'builds' => int, 'thread' => string]`.
#[php_function]
pub fn mq_runtime_info() -> PhpResult<ZBox<ZendHashTable>> {
    let runtime = runtime()?;
    let thread = runtime
        .block_on(runtime.spawn(async { std::thread::current().name().unwrap_or("").to_string() }))
        .map_err(|e| PhpException::from_message(format!("mq: runtime task failed: {e}")))?;
    let mut info = ZendHashTable::new();
    info.insert("pid", i64::from(std::process::id()))?;
    info.insert("worker_threads", runtime.metrics().num_workers() as i64)?;
    info.insert("builds", i64::from(BUILDS.load(Ordering::Relaxed)))?;
    info.insert("thread", thread)?;
    Ok(info)
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module.function(wrap_function!(mq_runtime_info))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on_worker(runtime: &Runtime) -> String {
        runtime
            .block_on(runtime.spawn(async { std::thread::current().name().unwrap_or("").to_string() }))
            .unwrap()
    }

    /// One process, one runtime; a forked child builds its own and can run tasks on it.
    /// (One test, because the fork must happen after the parent's runtime exists.)
    #[test]
    fn reused_in_process_and_rebuilt_after_fork() {
        let first = runtime_with(|| 1).unwrap();
        let again = runtime_with(|| panic!("must not build a second runtime")).unwrap();
        assert!(std::ptr::eq(first, again));
        assert_eq!(run_on_worker(first), "mq-runtime");
        let builds = BUILDS.load(Ordering::Relaxed);
        let owner = OwnerPid::current();
        assert!(owner.is_current());

        // SAFETY: the child only runs this test's code and leaves with _exit.
        let pid = unsafe { libc::fork() };
        assert!(pid >= 0, "fork failed");
        if pid == 0 {
            let ok = (|| {
                let child = runtime_with(|| 1).ok()?;
                let worked = !std::ptr::eq(child, first)
                    && run_on_worker(child) == "mq-runtime"
                    && BUILDS.load(Ordering::Relaxed) == builds + 1
                    && !owner.is_current();
                Some(worked)
            })();
            unsafe { libc::_exit(if ok == Some(true) { 0 } else { 1 }) };
        }
        let mut status = 0;
        // A hang here is the bug this guards against; the test runner's timeout reports it.
        assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
        assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "child failed: {status}");
        assert_eq!(run_on_worker(first), "mq-runtime", "the parent's runtime still works");
    }
}
