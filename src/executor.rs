//! The engine's executor globals, read without ext-php-rs's lock.
//!
//! `ExecutorGlobals::get()` takes a process-wide lock on every call (ext-php-rs guards the globals for
//! thread-safe PHP builds), and the paths that run per message ask several times: whether an exception
//! is pending, whether PHP was interrupted, whether signal handlers may run. mq supports non-thread-safe
//! PHP only (`ext/composer.json`: `support-zts: false`), where the globals belong to the one PHP thread
//! and only that thread reads or writes them: these functions are for that thread alone.

use ext_php_rs::zend::ExecutorGlobals;

/// The executor globals, on the PHP thread.
pub fn globals() -> &'static ExecutorGlobals {
    // SAFETY: the engine's static executor globals (NTS), live for the process; read on the PHP thread,
    // which is the only one writing them.
    unsafe { &*ext_php_rs::ffi::ext_php_rs_executor_globals() }
}

/// The executor globals to change, on the PHP thread; the borrow ends with `change`.
pub fn change<T>(change: impl FnOnce(&mut ExecutorGlobals) -> T) -> T {
    // SAFETY: as in `globals`; the exclusive borrow does not outlive the closure, and no reference from
    // `globals()` is held across a call to this.
    change(unsafe { &mut *ext_php_rs::ffi::ext_php_rs_executor_globals() })
}

/// Whether an exception is pending (thrown by PHP code mq called, or by mq for PHP to see).
pub fn has_exception() -> bool {
    !globals().exception.is_null()
}
