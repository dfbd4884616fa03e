//! Closing a consumer: leaving its group, serving the events that brings, until done or within a bound.

use std::time::{Duration, Instant};

use rdkafka::consumer::BaseConsumer;

use super::{consumer_queue, context::Context, waits};
use crate::runtime::slices::Slices;

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
    }
    true
}
