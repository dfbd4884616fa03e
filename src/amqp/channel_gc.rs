//! What PHP's cycle collector sees of a channel besides its properties: the messages mq holds for it
//! natively (awaiting their confirm, or batched). A received message keeps its channel
//! (`delivery_info['channel']`); republished in confirm mode, the channel holds it back, and once the
//! program lets go of both before the confirm, that cycle was invisible to the collector and leaked the
//! channel, its connection and its socket. php-amqplib's, all in PHP arrays, is collected.

use ext_php_rs::types::Zval;

use super::channel::AmqpChannel;
use crate::held_values::{self, HeldValues};

impl HeldValues for AmqpChannel {
    fn each_held(&self, each: &mut dyn FnMut(&Zval)) {
        self.held_messages(each);
    }
}

/// At module startup.
pub(super) fn install() {
    held_values::install::<AmqpChannel>();
}
