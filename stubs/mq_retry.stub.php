<?php

/** @generate-class-entries */

namespace Mq;

/**
 * How an operation retries: at most `maxAttempts` attempts, sleeping `delay(n)` (± `jitter`, never above
 * `maxDelay`) after the n-th failure, all within `deadline` seconds (0: none), and only for the errors
 * `retries()` accepts. Connecting follows it across the host list (`AMQPConnectionConfig::setRetryPolicy()`,
 * `create_connection($hosts, ['retry_policy' => $policy])`).
 *
 * Immutable; `clone` copies it; serializing it throws.
 */
final class RetryPolicy
{
    /**
     * Each argument left null is its php.ini default: `mq.retry_max_attempts` (5),
     * `mq.retry_initial_delay_ms` (100), `mq.retry_multiplier` (2.0), `mq.retry_max_delay_ms` (30000),
     * `mq.retry_jitter` (0.2), `mq.retry_deadline_ms` (0). Seconds here, milliseconds in php.ini.
     *
     * @param int|null $maxAttempts attempts in all, the first included; at least 1
     * @param float|null $initialDelay seconds slept after the first failure; finite, >= 0
     * @param float|null $multiplier growth of the delay after each failure; finite, >= 1
     * @param float|null $maxDelay cap of one sleep, in seconds; finite, >= 0
     * @param float|null $jitter 0..1: each sleep is spread uniformly over delay × (1 ± jitter)
     * @param float|null $deadline seconds across all attempts (0: none): no attempt begins after it
     * @param list<class-string<\Throwable>>|null $retryOn the errors retried (instanceof); null: the
     *   transient AMQP errors (AMQPIOException, AMQPTimeoutException, AMQPConnectionClosedException,
     *   AMQPChannelClosedException) and the transient Kafka errors (see retries())
     * @throws \InvalidArgumentException naming the argument whose value is out of range
     */
    public function __construct(
        ?int $maxAttempts = null,
        ?float $initialDelay = null,
        ?float $multiplier = null,
        ?float $maxDelay = null,
        ?float $jitter = null,
        ?float $deadline = null,
        ?array $retryOn = null
    ) {}

    /** A single attempt (the other settings are php.ini's). */
    public static function none(): RetryPolicy {}

    public function getMaxAttempts(): int {}

    public function getInitialDelay(): float {}

    public function getMultiplier(): float {}

    public function getMaxDelay(): float {}

    public function getJitter(): float {}

    public function getDeadline(): float {}

    /**
     * Seconds slept, before jitter, after the `$attempt`-th failed attempt:
     * `min(maxDelay, initialDelay * multiplier ** ($attempt - 1))`.
     *
     * @throws \InvalidArgumentException when `$attempt` < 1
     */
    public function delay(int $attempt): float {}

    /**
     * Whether `$error` is worth another attempt by its class and code (attempt counts aside). Never for
     * an AMQP error with code 403 (ACCESS_REFUSED: a refused login or permission), 406
     * (PRECONDITION_FAILED) or 530 (NOT_ALLOWED: no such vhost), whatever `$retryOn` says.
     *
     * Kafka: by default an `RdKafka\KafkaErrorException` is retried when its isRetriable() says so, any
     * other `RdKafka\Exception` when its code is transient (librdkafka's _MSG_TIMED_OUT, _TRANSPORT,
     * _TIMED_OUT, _QUEUE_FULL, _ALL_BROKERS_DOWN, _RESOLVE, _WAIT_COORD...; the broker errors Kafka marks
     * retriable: LEADER_NOT_AVAILABLE, NOT_LEADER_FOR_PARTITION, NOT_ENOUGH_REPLICAS, REQUEST_TIMED_OUT,
     * UNKNOWN_TOPIC_OR_PART...). Never, whatever `$retryOn` says: a KafkaErrorException whose isFatal()
     * is true, and the codes _FATAL, _FENCED, PRODUCER_FENCED, _AUTHENTICATION,
     * SASL_AUTHENTICATION_FAILED, the *_AUTHORIZATION_FAILED ones, _INVALID_ARG, INVALID_CONFIG, UNKNOWN,
     * RD_KAFKA_CONF_INVALID and RD_KAFKA_CONF_UNKNOWN.
     */
    public function retries(\Throwable $error): bool {}
}
