//! Which Kafka errors a retry policy retries: librdkafka's word where an error object carries it
//! (`RdKafka\KafkaErrorException::isRetriable()`, `isFatal()`), else the error code, read as librdkafka
//! and Kafka's protocol classify it. Pure Rust, unit-tested in `retry`.

use rdkafka::types::RDKafkaErrorCode as E;

use super::Failure;
use crate::kafka::errors::EXCEPTION;

/// What an error object (`RdKafka\KafkaErrorException`) says of itself.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flags {
    pub fatal: bool,
    pub retriable: bool,
}

/// Codes a later attempt may succeed with: librdkafka's local transient errors (a broker unreachable or
/// slow, a full queue, a message that timed out in the queue) and the broker errors Kafka's protocol
/// marks retriable (leadership moving, replicas short, a coordinator loading).
const RETRIABLE: [E; 33] = [
    E::BrokerTransportFailure,
    E::Resolve,
    E::MessageTimedOut,
    E::AllBrokersDown,
    E::OperationTimedOut,
    E::QueueFull,
    E::WaitingForCoordinator,
    E::TimedOutQueue,
    E::Retry,
    E::InvalidMessage,
    E::UnknownTopicOrPartition,
    E::LeaderNotAvailable,
    E::NotLeaderForPartition,
    E::RequestTimedOut,
    E::ReplicaNotAvailable,
    E::NetworkException,
    E::CoordinatorLoadInProgress,
    E::CoordinatorNotAvailable,
    E::NotCoordinator,
    E::NotEnoughReplicas,
    E::NotEnoughReplicasAfterAppend,
    E::ConcurrentTransactions,
    E::KafkaStorageError,
    E::FetchSessionIdNotFound,
    E::InvalidFetchSessionEpoch,
    E::ListenerNotFound,
    E::FencedLeaderEpoch,
    E::UnknownLeaderEpoch,
    E::OffsetNotAvailable,
    E::PreferredLeaderNotAvailable,
    E::EligibleLeadersNotAvailable,
    E::UnstableOffsetCommit,
    E::ThrottlingQuotaExceeded,
];

/// Codes no retry can fix: a fatal producer error, a fenced producer, a refused authentication or
/// authorization, an invalid argument or configuration.
const NEVER: [E; 13] = [
    E::Fatal,
    E::Fenced,
    E::ProducerFenced,
    E::Authentication,
    E::SaslAuthenticationFailed,
    E::TopicAuthorizationFailed,
    E::GroupAuthorizationFailed,
    E::ClusterAuthorizationFailed,
    E::TransactionalIdAuthorizationFailed,
    E::DelegationTokenAuthorizationFailed,
    E::InvalidArgument,
    E::InvalidConfig,
    E::Unknown,
];

/// `RdKafka\Conf::set()`'s codes for a refused property (`RD_KAFKA_CONF_UNKNOWN`, `RD_KAFKA_CONF_INVALID`;
/// -1 is also `RD_KAFKA_RESP_ERR_UNKNOWN`, listed in NEVER).
const CONF_REFUSED: [i64; 2] = [-2, -1];

fn has(codes: &[E], code: i64) -> bool {
    codes.iter().any(|&c| c as i64 == code)
}

/// A Kafka error no retry can fix, whatever `retryOn` says.
pub fn never(error: &impl Failure) -> bool {
    error.is_a(EXCEPTION)
        && (error.kafka_flags().is_some_and(|f| f.fatal) || has(&NEVER, error.code()) || CONF_REFUSED.contains(&error.code()))
}

/// A Kafka error retried by default: an error object librdkafka calls retriable, or a plain
/// `RdKafka\Exception` whose code is transient.
pub fn transient(error: &impl Failure) -> bool {
    error.is_a(EXCEPTION)
        && match error.kafka_flags() {
            Some(flags) => flags.retriable,
            None => has(&RETRIABLE, error.code()),
        }
}
