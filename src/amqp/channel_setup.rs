//! What a channel was set up with (confirm or transaction mode, then QoS and consumers in the order they
//! were made), recorded so that recovery can set a reopened channel up the same way.
//!
//! QoS and consumers stay in one ordered list: a `basic_qos` applies to the consumers started after it
//! (per-consumer prefetch), so a consumer started under prefetch 1 must be started again under prefetch 1.

use lapin::{
    options::{BasicConsumeOptions, BasicQosOptions, ConfirmSelectOptions},
    types::{FieldTable, ShortString},
    Channel,
};

#[derive(Clone, Debug, PartialEq)]
pub struct Consumer {
    pub queue: ShortString,
    pub tag: ShortString,
    pub options: BasicConsumeOptions,
    pub arguments: FieldTable,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// basic_qos: (prefetch count, global).
    Qos(u16, bool),
    Consume(Consumer),
}

#[derive(Clone, Debug, Default)]
pub struct ChannelSetup {
    pub confirm: bool,
    pub transactional: bool,
    steps: Vec<Step>,
}

impl ChannelSetup {
    pub fn qos(&mut self, count: u16, global: bool) {
        self.steps.push(Step::Qos(count, global));
        self.compact();
    }

    pub fn consuming(&mut self, consumer: Consumer) {
        self.steps.retain(|s| !matches!(s, Step::Consume(c) if c.tag == consumer.tag));
        self.steps.push(Step::Consume(consumer));
    }

    /// Cancelled by the program or by the broker (its queue deleted...): not started again. The
    /// consumer, if there was one by that tag.
    pub fn cancelled(&mut self, tag: &[u8]) -> Option<Consumer> {
        let at = self.steps.iter().position(|s| matches!(s, Step::Consume(c) if c.tag.as_bytes() == tag))?;
        let Step::Consume(consumer) = self.steps.remove(at) else { return None };
        self.compact();
        Some(consumer)
    }

    /// The consumers, in the order they were started.
    pub fn consumers(&self) -> impl Iterator<Item = &Consumer> {
        self.steps.iter().filter_map(|s| match s {
            Step::Consume(c) => Some(c),
            Step::Qos(..) => None,
        })
    }

    /// Consumers of a server-named queue that got a new name follow it.
    pub fn queue_renamed(&mut self, old: &ShortString, new: &ShortString) {
        for step in &mut self.steps {
            if let Step::Consume(c) = step {
                if &c.queue == old {
                    c.queue = new.clone();
                }
            }
        }
    }

    /// Drops a QoS that a later one of the same scope replaced before any consumer was started under it,
    /// so a program calling basic_qos in a loop does not grow the list.
    fn compact(&mut self) {
        let mut kept: Vec<Step> = Vec::with_capacity(self.steps.len());
        for step in self.steps.drain(..) {
            if let Step::Qos(_, global) = step {
                let replaced = kept.iter().rposition(|s| matches!(s, Step::Qos(_, g) if *g == global));
                let consumer_since = replaced.is_some_and(|at| kept[at..].iter().any(|s| matches!(s, Step::Consume(_))));
                if let (Some(at), false) = (replaced, consumer_since) {
                    kept.remove(at);
                }
            }
            kept.push(step);
        }
        self.steps = kept;
    }
}

/// Sets a reopened `channel` up as recorded: its modes, then its QoS and consumers in their order.
/// Returns the consumers started, for the caller to read their deliveries.
pub async fn replay(setup: &ChannelSetup, channel: &Channel) -> lapin::Result<Vec<(Consumer, lapin::Consumer)>> {
    if setup.confirm {
        channel.confirm_select(ConfirmSelectOptions::default()).await?;
    }
    if setup.transactional {
        channel.tx_select().await?;
    }
    let mut started = Vec::new();
    for step in &setup.steps {
        match step {
            Step::Qos(count, global) => channel.basic_qos(*count, BasicQosOptions { global: *global, ..Default::default() }).await?,
            Step::Consume(c) => {
                let consumer = channel.basic_consume(c.queue.clone(), c.tag.clone(), c.options, c.arguments.clone()).await?;
                started.push((c.clone(), consumer));
            }
        }
    }
    Ok(started)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consumer(tag: &str, queue: &str) -> Consumer {
        Consumer { queue: queue.into(), tag: tag.into(), options: Default::default(), arguments: Default::default() }
    }

    #[test]
    fn qos_and_consumers_keep_their_order_and_a_replaced_qos_goes() {
        let mut setup = ChannelSetup::default();
        setup.qos(10, false);
        setup.qos(1, false); // replaces 10: no consumer was started under it
        setup.qos(5, true);
        setup.consuming(consumer("a", "q"));
        setup.qos(50, false); // applies to b only
        setup.consuming(consumer("b", "q"));
        assert_eq!(
            setup.steps,
            vec![Step::Qos(1, false), Step::Qos(5, true), Step::Consume(consumer("a", "q")), Step::Qos(50, false), Step::Consume(consumer("b", "q"))]
        );
    }

    #[test]
    fn cancelled_consumers_are_forgotten_and_renames_followed() {
        let mut setup = ChannelSetup::default();
        setup.consuming(consumer("a", "q1"));
        setup.consuming(consumer("b", "amq.gen-1"));
        setup.consuming(consumer("a", "q2"));
        assert_eq!(setup.consumers().cloned().collect::<Vec<_>>(), vec![consumer("b", "amq.gen-1"), consumer("a", "q2")]);
        assert_eq!(setup.cancelled(b"a"), Some(consumer("a", "q2")));
        assert_eq!(setup.cancelled(b"a"), None);
        setup.queue_renamed(&"amq.gen-1".into(), &"amq.gen-2".into());
        assert_eq!(setup.consumers().cloned().collect::<Vec<_>>(), vec![consumer("b", "amq.gen-2")]);
    }

    #[test]
    fn a_qos_loop_around_cancelled_consumers_does_not_grow() {
        let mut setup = ChannelSetup::default();
        for i in 0..100 {
            setup.qos(i, false);
            setup.consuming(consumer("c", "q"));
            setup.cancelled(b"c");
        }
        assert_eq!(setup.steps, vec![Step::Qos(99, false)]);
    }
}
