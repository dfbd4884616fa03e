<?php

/** @generate-class-entries */

namespace Mq;

/**
 * Creates and deletes Kafka topics and deletes records (php-rdkafka has no admin API): for code and
 * deployments that must not rely on the broker's `auto.create.topics.enable`, and for the Laravel driver's
 * topic commands and `queue:clear`.
 * Uses the settings of the `RdKafka\Conf` it is given (brokers, security), not its callbacks.
 *
 * Every wait is bounded by `$timeout` (seconds, > 0 and <= 3600, librdkafka's limit; the broker is given the same bound)
 * and goes on through signals, whose handlers run. The broker's refusals are `\RdKafka\Exception` with
 * its error code (17 invalid topic name, 38 invalid replication factor, 40 invalid configuration, -185
 * no answer in time); refused arguments are `\InvalidArgumentException`. A forked child cannot use its
 * parent's admin client (`\RdKafka\Exception`) but can make its own.
 *
 * Final; not serializable.
 */
final class KafkaAdmin
{
    public function __construct(\RdKafka\Conf $conf) {}

    /**
     * Creates topic `$name`. Returns false, changing nothing, when it exists already.
     *
     * @param int $partitions -1: the broker's `num.partitions`
     * @param int $replicationFactor -1: the broker's `default.replication.factor`
     * @param array<string, string|int|float|bool> $config topic settings (`retention.ms`, `cleanup.policy`...)
     * @throws \RdKafka\Exception the broker's refusal, or -185 when it did not answer within `$timeout`
     * @throws \InvalidArgumentException an empty name, one with NUL bytes or not UTF-8, a `$partitions` or
     *   `$replicationFactor` other than -1 below 1, a non-scalar setting, a setting name or value
     *   not in UTF-8 or with NUL bytes, or a timeout out of range
     */
    public function createTopic(string $name, int $partitions = 1, int $replicationFactor = -1, ?array $config = null, float $timeout = 30.0): bool {}

    /**
     * Deletes topic `$name` and its records. Returns false when there was no such topic. Kafka's internal
     * topics (names starting with `__`, such as `__consumer_offsets`) are refused.
     *
     * @throws \RdKafka\Exception the broker's refusal, or -185 when it did not answer within `$timeout`
     * @throws \InvalidArgumentException as `createTopic()`
     */
    public function deleteTopic(string $name, float $timeout = 30.0): bool {}

    /**
     * Deletes the records of each partition before its offset (`RD_KAFKA_OFFSET_END`: all of them), for
     * every consumer group (Kafka's DeleteRecords). Returns the partitions with their new low watermark as
     * offset, or the broker's error code for that partition in `getErr()`.
     *
     * @param list<\RdKafka\TopicPartition> $offsets
     * @return list<\RdKafka\TopicPartition>
     * @throws \RdKafka\Exception the broker's refusal of the whole request (-156 for a partition that does
     *   not exist), or -185 when it did not answer within `$timeout`
     * @throws \InvalidArgumentException an element that is not a TopicPartition, or a timeout out of range
     */
    public function deleteRecords(array $offsets, float $timeout = 30.0): array {}
}
