//! The broker's connection.blocked / connection.unblocked notices (a memory or disk alarm).
//!
//! lapin reports them on its event stream, on a runtime thread; a task records the state and queues
//! the notices for the PHP thread, which passes them to the connection's block and unblock handlers
//! the next time a channel of that connection is used or waits.

use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc, Mutex,
};

use ext_php_rs::exception::PhpResult;
use futures_util::StreamExt;
use lapin::{Connection, Event};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

use crate::runtime;

/// A notice for PHP: `Some(reason)` when blocked, `None` when unblocked.
pub type Notice = Option<String>;

pub struct Flow {
    blocked: Arc<AtomicBool>,
    notices: Mutex<UnboundedReceiver<Notice>>,
}

impl Flow {
    pub fn watch(connection: &Connection) -> PhpResult<Self> {
        let blocked = Arc::new(AtomicBool::new(false));
        let (sender, notices) = unbounded_channel();
        let mut events = Box::pin(connection.events_listener());
        let state = blocked.clone();
        runtime::runtime()?.spawn(async move {
            while let Some(event) = events.next().await {
                let notice = match event {
                    Event::ConnectionBlocked(reason) => Some(reason),
                    Event::ConnectionUnblocked => None,
                    _ => continue,
                };
                state.store(notice.is_some(), Ordering::Release);
                if sender.send(notice).is_err() {
                    return;
                }
            }
        });
        Ok(Self { blocked, notices: Mutex::new(notices) })
    }

    pub fn is_blocked(&self) -> bool {
        self.blocked.load(Ordering::Acquire)
    }

    /// Notices that arrived since the last call.
    pub fn take(&self) -> Vec<Notice> {
        let mut notices = self.notices.lock().unwrap_or_else(|e| e.into_inner());
        std::iter::from_fn(|| notices.try_recv().ok()).collect()
    }

    /// The next notice, for a wait that should wake on one. Only the PHP thread takes the lock, and
    /// runs nothing else while it waits here, so holding it across the await cannot deadlock.
    #[allow(clippy::await_holding_lock)]
    pub async fn next(&self) -> Notice {
        let mut notices = self.notices.lock().unwrap_or_else(|e| e.into_inner());
        match notices.recv().await {
            Some(notice) => notice,
            None => std::future::pending().await,
        }
    }
}
