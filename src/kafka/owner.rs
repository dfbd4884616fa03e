//! Kafka handles belong to the process that created them: one inherited through pcntl_fork() is refused.

use ext_php_rs::exception::PhpResult;

use super::errors;
use crate::runtime::OwnerPid;

/// Refuses a client inherited through fork: librdkafka's threads stayed in the parent.
pub fn ensure_owner(owner: OwnerPid) -> PhpResult<()> {
    if owner.is_current() {
        Ok(())
    } else {
        Err(errors::exception(
            "This Kafka client was created before pcntl_fork() and belongs to the parent process \
             (librdkafka's threads do not survive fork); create a new client (reconnect) in the child",
            0,
        ))
    }
}
