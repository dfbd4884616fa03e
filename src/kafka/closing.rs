//! Closing a client: a consumer leaving its group, serving the events that brings, until done or within
//! a bound; destroying a client within a bound.

use std::time::{Duration, Instant};

use rdkafka::{
    bindings as rd,
    consumer::{BaseConsumer, Consumer as _},
};

use super::{consumer_queue, context::Context, waits};
use crate::runtime::slices::Slices;

/// How long destroying a client (librdkafka's destroy, which joins its threads; for a producer,
/// rdkafka's purge first) may take before it is abandoned.
const DESTROY_BOUND: Duration = Duration::from_secs(5);

/// Drops `client` (the last reference destroys the librdkafka client) on a runtime thread, waiting up
/// to `DESTROY_BOUND`; false when that did not finish, and the client is abandoned to the thread.
/// librdkafka's destroy waits for its threads without end, and in a `pcntl_fork` child one of them can
/// be stuck for good: a child forked while a thread of the parent held a lock of glibc's resolver
/// (`getaddrinfo`, even for an IP literal) finds it held forever, and so does every client it creates.
pub fn destroyed_within<T: Send + 'static>(client: T) -> bool {
    let Ok(runtime) = crate::runtime::runtime() else {
        drop(client);
        return true;
    };
    let (done, destroyed) = std::sync::mpsc::channel();
    runtime.spawn_blocking(move || {
        drop(client);
        let _ = done.send(());
    });
    destroyed.recv_timeout(DESTROY_BOUND).is_ok()
}

/// The least time a destroyed consumer gets to leave its group, whatever `mq.kafka_destruct_flush_ms` says.
const MIN_LEAVE: Duration = Duration::from_secs(1);

/// Leaves the consumer group of a consumer being destroyed, serving its events (PHP is not called: the
/// context is muted) for up to `mq.kafka_destruct_flush_ms` (at least `MIN_LEAVE`); whether it closed.
/// rdkafka's own drop waits for this without end: a consumer that did not close in time is leaked.
pub fn leave_group_within_bound(consumer: &BaseConsumer<Context>) -> bool {
    let deadline = Instant::now() + crate::ini::kafka_destruct_flush_ms().max(MIN_LEAVE);
    leave_group(consumer, Some(deadline))
}

/// Leaves the consumer group (until `deadline`, None: until done), serving the events that brings;
/// messages fetched ahead are dropped without storing their offsets (`consumer_queue::serve_closing`),
/// so the commit made on leaving covers only what PHP received. Whether it closed.
pub fn leave_group(consumer: &BaseConsumer<Context>, deadline: Option<Instant>) -> bool {
    leave(consumer, deadline, |_| {})
}

/// Leaves the consumer group without a bound, as `leave_group`, running `after_each` after each event
/// served: close() hands the revoke to PHP's rebalance callback there.
pub fn leave_group_serving(consumer: &BaseConsumer<Context>, after_each: impl FnMut(&BaseConsumer<Context>)) {
    leave(consumer, None, after_each);
}

fn leave(consumer: &BaseConsumer<Context>, deadline: Option<Instant>, mut after_each: impl FnMut(&BaseConsumer<Context>)) -> bool {
    let Some(queue) = consumer_queue::ConsumerQueue::of(consumer) else { return consumer.closed() };
    if consumer.close_queue().is_err() {
        return consumer.closed();
    }
    // Not `Slices::run`: PHP signals do not end it (a consumer being closed or destroyed leaves its group
    // whatever arrives; a destructor has its own bound), and it stops before a slice once time is up.
    let wait = Slices::until(deadline, waits::CLOSE_SLICE);
    while !consumer.closed() {
        let slice = wait.next();
        if slice.is_zero() {
            return false;
        }
        consumer_queue::serve_closing(consumer, &queue, slice);
        after_each(consumer);
    }
    true
}

/// Revokes whatever is still assigned, as librdkafka's own rebalance handler revokes on leaving.
pub fn unassign_all(consumer: &BaseConsumer<Context>) {
    let rk = consumer.client().native_ptr();
    let mut list = std::ptr::null_mut();
    // SAFETY: a live consumer handle; the list librdkafka returns is ours to destroy.
    unsafe {
        if rd::rd_kafka_assignment(rk, &mut list) != rd::rd_kafka_resp_err_t::RD_KAFKA_RESP_ERR_NO_ERROR || list.is_null() {
            return;
        }
        if (*list).cnt > 0 {
            let cooperative = std::ffi::CStr::from_ptr(rd::rd_kafka_rebalance_protocol(rk)).to_bytes() == b"COOPERATIVE";
            if cooperative {
                let error = rd::rd_kafka_incremental_unassign(rk, list);
                if !error.is_null() {
                    rd::rd_kafka_error_destroy(error);
                }
            } else {
                rd::rd_kafka_assign(rk, std::ptr::null());
            }
        }
        rd::rd_kafka_topic_partition_list_destroy(list);
    }
}
