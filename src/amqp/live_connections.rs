//! The connections this process has open: flushed and closed at the end of the request, and those no
//! PHP code can reach any more collected before new ones are opened.
//!
//! End of a request: every connection still open is flushed and closed there, for as long as its link
//! moves (giving up after `mq.amqp_destruct_flush_ms` without progress, see `close_all`).
//! basic_publish only queues frames for lapin's I/O thread (see `pipeline`), so a process that ends
//! first loses them; php-amqplib, which writes before returning, loses none. Destructors alone do not
//! cover it: after a fatal error, or for a connection and its channels held in a reference cycle, PHP
//! frees the objects only after the request is over, and channels before their connection. RSHUTDOWN
//! runs on every path (end of script, `exit()`, fatal errors, uncaught exceptions) while the objects
//! still exist, so the connections are closed there, cleanly: the broker reads everything first.

use std::sync::{Arc, Mutex, Weak};

use super::link::Link;
use crate::ini;

/// Connections opened by this process (a fork child inherits its parent's entries and skips them).
static LIVE: Mutex<Vec<Weak<Link>>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<Weak<Link>>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// How many connections may be open before opening another first runs PHP's cycle collector.
const COLLECT_ABOVE: usize = 16;

extern "C" {
    fn zend_gc_collect_cycles() -> std::ffi::c_int;
}

/// Before a new connection: a connection and its channels reference each other (`$channels`, the
/// channel's connection), as in php-amqplib, so a connection dropped without close() lives on until
/// PHP's cycle collector runs, holding its broker connection and about half a megabyte of buffers.
/// A script opening connections in a loop would pile them up; past `COLLECT_ABOVE` open ones, the
/// collector runs first, and the unreachable ones close (their destructor flushes and closes them).
pub fn collect_unreachable() {
    let open = live().iter().filter(|l| l.strong_count() > 0).count();
    if open >= COLLECT_ABOVE {
        // SAFETY: called on the PHP thread, inside a request, outside any GC run.
        unsafe { zend_gc_collect_cycles() };
    }
}

/// Remembers a new connection for the end of the request; forgets those already gone.
pub fn track(link: &Arc<Link>) {
    let mut live = live();
    live.retain(|l| l.strong_count() > 0);
    live.push(Arc::downgrade(link));
}

/// At request shutdown: flushes and closes every connection still open, one after another, each until
/// it is closed or its link has stopped moving for `mq.amqp_destruct_flush_ms` (`Link::close`). N
/// frozen links take N budgets: a shorter budget for the connections after one would drop the confirm-
/// mode publishes of a healthy link that moves in bursts (closing them side by side would avoid both).
pub fn close_all() {
    let links: Vec<Arc<Link>> = std::mem::take(&mut *live()).iter().filter_map(Weak::upgrade).collect();
    for link in links.iter().filter(|l| l.is_connected()) {
        let _ = link.close(Some(ini::amqp_destruct_flush()));
    }
}
