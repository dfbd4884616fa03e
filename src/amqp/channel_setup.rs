//! What a channel was set up with (QoS, confirm or transaction mode, consumers), recorded so that
//! recovery can set a reopened channel up the same way, in that order.

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

#[derive(Clone, Debug, Default)]
pub struct ChannelSetup {
    /// The last basic_qos per scope: (prefetch count, global).
    pub qos: Vec<(u16, bool)>,
    pub confirm: bool,
    pub transactional: bool,
    pub consumers: Vec<Consumer>,
}

impl ChannelSetup {
    pub fn qos(&mut self, count: u16, global: bool) {
        self.qos.retain(|&(_, g)| g != global);
        self.qos.push((count, global));
    }

    pub fn consuming(&mut self, consumer: Consumer) {
        self.consumers.retain(|c| c.tag != consumer.tag);
        self.consumers.push(consumer);
    }

    /// Cancelled by the program or by the broker (its queue deleted...): not started again.
    pub fn cancelled(&mut self, tag: &[u8]) {
        self.consumers.retain(|c| c.tag.as_bytes() != tag);
    }

    /// Consumers of a server-named queue that got a new name follow it.
    pub fn queue_renamed(&mut self, old: &ShortString, new: &ShortString) {
        for consumer in self.consumers.iter_mut().filter(|c| &c.queue == old) {
            consumer.queue = new.clone();
        }
    }
}

/// Sets a reopened `channel` up as recorded, up to its consumers, which the caller starts (it reads
/// their deliveries).
pub async fn replay_modes(setup: &ChannelSetup, channel: &Channel) -> lapin::Result<()> {
    for &(count, global) in &setup.qos {
        channel.basic_qos(count, BasicQosOptions { global }).await?;
    }
    if setup.confirm {
        channel.confirm_select(ConfirmSelectOptions::default()).await?;
    }
    if setup.transactional {
        channel.tx_select().await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consumer(tag: &str, queue: &str) -> Consumer {
        Consumer { queue: queue.into(), tag: tag.into(), options: Default::default(), arguments: Default::default() }
    }

    #[test]
    fn the_last_qos_of_each_scope_is_kept() {
        let mut setup = ChannelSetup::default();
        setup.qos(10, false);
        setup.qos(5, true);
        setup.qos(20, false);
        assert_eq!(setup.qos, vec![(5, true), (20, false)]);
    }

    #[test]
    fn cancelled_consumers_are_forgotten_and_renames_followed() {
        let mut setup = ChannelSetup::default();
        setup.consuming(consumer("a", "q1"));
        setup.consuming(consumer("b", "amq.gen-1"));
        setup.consuming(consumer("a", "q2"));
        assert_eq!(setup.consumers, vec![consumer("b", "amq.gen-1"), consumer("a", "q2")]);
        setup.cancelled(b"a");
        setup.queue_renamed(&"amq.gen-1".into(), &"amq.gen-2".into());
        assert_eq!(setup.consumers, vec![consumer("b", "amq.gen-2")]);
    }
}
