//! The process-wide tokio runtime: built lazily on first use, rebuilt in a forked child.
//!
//! php-fpm forks its workers after MINIT and users call `pcntl_fork`, so the runtime is never built at
//! module startup, and it remembers the pid that built it. A child sees a different pid, leaks the
//! inherited runtime (its worker threads did not survive the fork; dropping it would hang or panic) and
//! builds its own.

use std::sync::{
    atomic::{AtomicU32, Ordering},
    Mutex,
};

use ext_php_rs::{boxed::ZBox, prelude::*, types::ZendHashTable};
use tokio::runtime::Runtime;

use crate::ini;

struct Owned {
    pid: u32,
    runtime: &'static Runtime,
}

static RUNTIME: Mutex<Option<Owned>> = Mutex::new(None);
/// How many runtimes this process (and the parents it was forked from) have built.
static BUILDS: AtomicU32 = AtomicU32::new(0);

/// The runtime of the current process, built on first use with `mq.worker_threads` workers.
pub fn runtime() -> PhpResult<&'static Runtime> {
    runtime_with(ini::worker_threads)
        .map_err(|e| PhpException::from_message(format!("mq: cannot start the I/O runtime: {e}")))
}

fn runtime_with(workers: impl FnOnce() -> usize) -> std::io::Result<&'static Runtime> {
    let pid = std::process::id();
    // Only the PHP thread takes this lock, so a fork never inherits it held; a poisoned lock still
    // holds a valid Option.
    let mut slot = RUNTIME.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(owned) = slot.as_ref().filter(|o| o.pid == pid) {
        return Ok(owned.runtime);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers())
        .thread_name("mq-runtime")
        .enable_all()
        .build()?;
    // Leaked on purpose: a runtime is never dropped, neither the parent's in a child nor our own at exit.
    let runtime: &'static Runtime = Box::leak(Box::new(runtime));
    *slot = Some(Owned { pid, runtime });
    BUILDS.fetch_add(1, Ordering::Relaxed);
    Ok(runtime)
}

/// The pid of the process that created a connection or client handle. Used to refuse a handle
/// inherited through fork: its threads and sockets belong to the parent.
#[derive(Clone, Copy, Debug)]
pub struct OwnerPid(u32);

impl OwnerPid {
    pub fn current() -> Self {
        Self(std::process::id())
    }

    /// True in the process that created the handle, false in a forked child.
    pub fn is_current(self) -> bool {
        self.0 == std::process::id()
    }
}

/// True when PHP wants control back: a signal handler of `pcntl_async_signals(true)`, a time limit or
/// another VM interrupt is pending. Blocking waits check it between slices so pcntl handlers run.
pub fn php_interrupt_pending() -> bool {
    let globals = ext_php_rs::zend::ExecutorGlobals::get();
    // SAFETY: a flag of the executor globals, written by signal handlers; read as the engine does.
    unsafe { std::ptr::read_volatile(&globals.vm_interrupt.value) }
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
