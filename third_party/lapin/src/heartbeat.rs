use crate::{ConnectionStatus, ErrorKind, internal_rpc::InternalRPCHandle, killswitch::KillSwitch};
use async_rs::{Runtime, traits::*};
use event_listener::Event;
use std::{
    fmt,
    future::Future,
    sync::{
        Arc, Mutex, MutexGuard,
        atomic::{AtomicBool, Ordering},
    },
    task::Poll,
    time::{Duration, Instant},
};
use tracing::error;

#[derive(Clone)]
pub(crate) struct Heartbeat<RK: RuntimeKit + Clone + Send + 'static> {
    connection_status: ConnectionStatus,
    killswitch: KillSwitch,
    runtime: Runtime<RK>,
    inner: Arc<Mutex<Inner>>,
    /// Set when the connection's I/O loop ends (mq patch, `stop`).
    stopped: Arc<(AtomicBool, Event)>,
}

impl<RK: RuntimeKit + Clone + Send + 'static> Heartbeat<RK> {
    pub(crate) fn new(connection_status: ConnectionStatus, runtime: Runtime<RK>) -> Self {
        let killswitch = Default::default();
        let inner = Default::default();
        Self {
            connection_status,
            killswitch,
            runtime,
            inner,
            stopped: Default::default(),
        }
    }

    pub(crate) fn set_timeout(&self, timeout: Duration) {
        self.lock_inner().timeout = Some(timeout);
    }

    pub(crate) fn killswitch(&self) -> KillSwitch {
        self.killswitch.clone()
    }

    pub(crate) fn start(&self, internal_rpc: InternalRPCHandle) {
        let heartbeat = self.clone();
        let poison = self.lock_inner().poison.clone();
        self.runtime.spawn(async move {
            while let Some(dur) = heartbeat.poll_timeout(&internal_rpc, &poison) {
                if stopped_during(&heartbeat.stopped, heartbeat.runtime.sleep(dur)).await {
                    return;
                }
            }
        });
    }

    /// Ends the heartbeat task now rather than at its next tick, up to half the heartbeat interval
    /// later: until it ends it holds the connection's handles, and with them the I/O loop's eventfd
    /// (a process opening connections in a loop ran out of descriptors). Called when the I/O loop
    /// ends. (mq patch)
    pub(crate) fn stop(&self) {
        self.stopped.0.store(true, Ordering::SeqCst);
        self.stopped.1.notify(usize::MAX);
    }

    fn poll_timeout(
        &self,
        internal_rpc: &InternalRPCHandle,
        poison: &KillSwitch,
    ) -> Option<Duration> {
        if poison.killed() {
            return None;
        }

        if !self.connection_status.connected() {
            self.cancel();
            return None;
        }

        self.lock_inner()
            .poll_timeout(internal_rpc, &self.killswitch)
    }

    pub(crate) fn update_last_write(&self) {
        self.lock_inner().update_last_write();
    }

    /// `update_last_read` for a thread that reads the socket while it waits (mq patch,
    /// `socket_reader.rs`), without the runtime handle, which is not `Sync`.
    pub(crate) fn last_read_updater(&self) -> Box<dyn Fn() + Send + Sync> {
        let inner = self.inner.clone();
        Box::new(move || inner.lock().unwrap_or_else(|e| e.into_inner()).update_last_read())
    }

    /// When the connection last read or wrote a frame, for `Connection::last_activity` (mq patch:
    /// php-amqplib's `getLastActivity()`).
    pub(crate) fn last_activity_reader(&self) -> Arc<dyn Fn() -> Instant + Send + Sync> {
        let inner = self.inner.clone();
        Arc::new(move || {
            let inner = inner.lock().unwrap_or_else(|e| e.into_inner());
            inner.last_read.max(inner.last_write)
        })
    }

    pub(crate) fn update_last_read(&self) {
        self.lock_inner().update_last_read();
    }

    pub(crate) fn cancel(&self) {
        self.lock_inner().cancel();
    }

    pub(crate) fn reset(&self) {
        self.killswitch.reset();
        self.lock_inner().reset();
    }

    fn lock_inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<RK: RuntimeKit + Clone + Send + 'static> fmt::Debug for Heartbeat<RK> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Heartbeat").finish()
    }
}

struct Inner {
    last_read: Instant,
    last_write: Instant,
    timeout: Option<Duration>,
    poison: KillSwitch,
}

impl Default for Inner {
    fn default() -> Self {
        Self {
            last_read: Instant::now(),
            last_write: Instant::now(),
            timeout: None,
            poison: KillSwitch::default(),
        }
    }
}

impl Inner {
    fn poll_timeout(
        &mut self,
        internal_rpc: &InternalRPCHandle,
        killswitch: &KillSwitch,
    ) -> Option<Duration> {
        let timeout = self.timeout?;

        // The value stored in timeout is half the configured heartbeat value as the spec recommends to send heartbeats at twice the configured pace.
        // The specs tells us to close the connection after twice the configured interval has passed.
        if Instant::now().duration_since(self.last_read) > timeout.saturating_mul(4) {
            error!(
                "We haven't received anything from the server for too long, closing connection."
            );
            self.timeout = None;
            killswitch.kill();
            internal_rpc.set_connection_error(ErrorKind::MissingHeartbeatError.into());
            return None;
        }

        timeout
            .checked_sub(self.last_write.elapsed())
            .map(|timeout| timeout.max(Duration::from_millis(1)))
            .or_else(|| {
                // Update last_write so that if we cannot write to the socket yet, we don't enqueue countless heartbeats
                self.update_last_write();
                internal_rpc.send_heartbeat();
                Some(timeout)
            })
    }

    fn update_last_write(&mut self) {
        self.last_write = Instant::now();
    }

    fn update_last_read(&mut self) {
        self.last_read = Instant::now();
    }

    fn cancel(&mut self) {
        self.timeout = None;
        self.poison.kill();
    }

    fn reset(&mut self) {
        self.cancel();
        self.update_last_read();
        self.update_last_write();
        self.poison = KillSwitch::default();
    }
}

/// Awaits `sleep`; true if `stopped` was set first (`Heartbeat::stop`).
async fn stopped_during(stopped: &(AtomicBool, Event), sleep: impl Future) -> bool {
    let stop = stopped.1.listen();
    if stopped.0.load(Ordering::SeqCst) {
        return true;
    }
    let (mut stop, mut sleep) = (std::pin::pin!(stop), std::pin::pin!(sleep));
    std::future::poll_fn(|cx| {
        if stop.as_mut().poll(cx).is_ready() {
            return Poll::Ready(true);
        }
        sleep.as_mut().poll(cx).map(|_| false)
    })
    .await
}
