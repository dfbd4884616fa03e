//! Delivery tags across reconnects.
//!
//! The broker numbers a channel's deliveries from 1, and a reopened channel starts again at 1. So PHP
//! sees tags that keep growing across reconnects (the broker's tag plus the highest tag PHP had seen
//! before the reconnect), and an ack, nack or reject of a tag from before the reconnect is dropped, not
//! sent: on the new channel that number would settle a different message. The broker redelivers the
//! messages that were unsettled when the connection was lost.

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryTags {
    /// Added to the broker's tags of the current channel: every tag PHP saw before it is at most this.
    offset: u64,
    /// The highest tag handed to PHP so far.
    highest: u64,
}

impl DeliveryTags {
    /// The tag PHP sees for a delivery the broker tagged `broker`.
    pub fn received(&mut self, broker: u64) -> u64 {
        let tag = broker.saturating_add(self.offset);
        self.highest = self.highest.max(tag);
        tag
    }

    /// The broker's tag for a tag PHP settles; None for a delivery of an earlier connection.
    /// 0 (with `multiple`: everything unsettled) stays 0, meaning the current channel's deliveries.
    pub fn to_broker(&self, tag: u64) -> Option<u64> {
        match tag {
            0 => Some(0),
            _ => tag.checked_sub(self.offset).filter(|&t| t > 0),
        }
    }

    /// The channel was reopened: the broker numbers from 1 again.
    pub fn reopened(&mut self) {
        self.offset = self.highest;
    }
}

#[cfg(test)]
mod tests {
    use super::DeliveryTags;

    #[test]
    fn without_a_reconnect_tags_are_the_brokers() {
        let mut tags = DeliveryTags::default();
        assert_eq!(tags.received(1), 1);
        assert_eq!(tags.received(2), 2);
        assert_eq!(tags.to_broker(2), Some(2));
        // 0 is "every delivery" with multiple; a tag the broker never gave is its business (PRECONDITION_FAILED).
        assert_eq!(tags.to_broker(7), Some(7));
    }

    #[test]
    fn after_a_reconnect_tags_go_on_growing_and_old_ones_are_dropped() {
        let mut tags = DeliveryTags::default();
        tags.received(1);
        tags.received(5);
        tags.reopened();
        assert_eq!(tags.received(1), 6);
        assert_eq!(tags.received(2), 7);
        assert_eq!(tags.to_broker(7), Some(2));
        assert_eq!(tags.to_broker(5), None);
        assert_eq!(tags.to_broker(3), None);
        tags.reopened();
        assert_eq!(tags.received(1), 8);
        assert_eq!(tags.to_broker(7), None);
        assert_eq!(tags.to_broker(8), Some(1));
        assert_eq!(tags.to_broker(0), Some(0));
    }

    #[test]
    fn a_reconnect_before_any_delivery_changes_nothing() {
        let mut tags = DeliveryTags::default();
        tags.reopened();
        assert_eq!(tags.received(1), 1);
        assert_eq!(tags.to_broker(1), Some(1));
    }
}
