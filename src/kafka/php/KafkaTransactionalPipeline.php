<?php

namespace Mq;

use RdKafka\KafkaConsumer;
use RdKafka\KafkaErrorException;
use RdKafka\Message;
use RdKafka\Producer;
use RdKafka\TopicPartition;

/**
 * Consume–transform–produce, exactly once: each batch of consumed messages, the messages produced from
 * them and the batch's input offsets are one Kafka transaction (RdKafka\Producer::sendOffsetsToTransaction()).
 * Readers of the outputs with `isolation.level=read_committed` see each output once.
 *
 * - The consumer is subscribed (or assigned) by the caller, with `enable.auto.commit=false` (its offsets
 *   are committed by the transactions only) and, to read its own inputs exactly once when they are a
 *   pipeline's outputs, `isolation.level=read_committed`. The producer has a `transactional.id`; the
 *   constructor calls its initTransactions().
 * - processBatch($transform) consumes up to $batchSize messages (waiting at most $batchWait seconds for
 *   them), calls `$transform(RdKafka\Message $message)` for each, produces what it returns (a list of
 *   `[string $topic, ?string $payload, ?string $key = null, ?array $headers = null]`), then commits the
 *   transaction with the offsets after the batch.
 * - When the transform or Kafka throws, the transaction is aborted (its outputs are never seen by
 *   read_committed readers, its offsets not committed), the consumer is moved back to the batch's first
 *   messages, and the exception is rethrown: the next processBatch() processes them again. A fatal
 *   producer error (KafkaErrorException::isFatal(), e.g. a fenced producer) is rethrown without abort:
 *   the producer is unusable.
 */
final class KafkaTransactionalPipeline
{
    private KafkaConsumer $consumer;
    private Producer $producer;
    private int $batchSize;
    private float $batchWait;
    private int $timeoutMs;

    /**
     * @param int $timeoutMs how long each transaction call (init, offsets, commit, abort) may wait
     * @throws \InvalidArgumentException for $batchSize < 1, a $batchWait that is not a finite number >= 0,
     *   or a $timeoutMs outside 1..2147483647 (librdkafka's int milliseconds)
     * @throws KafkaErrorException from initTransactions() (no transactional.id: _NOT_CONFIGURED)
     */
    public function __construct(KafkaConsumer $consumer, Producer $producer, int $batchSize = 100, float $batchWait = 1.0, int $timeoutMs = 30000)
    {
        if ($batchSize < 1) {
            throw new \InvalidArgumentException(sprintf('Mq\KafkaTransactionalPipeline::__construct(): Argument #3 ($batchSize) must be at least 1, %d given', $batchSize));
        }
        if (!is_finite($batchWait) || $batchWait < 0) {
            throw new \InvalidArgumentException(sprintf('Mq\KafkaTransactionalPipeline::__construct(): Argument #4 ($batchWait) must be a finite number of seconds >= 0, %s given', var_export($batchWait, true)));
        }
        if ($timeoutMs < 1 || $timeoutMs > 2147483647) {
            throw new \InvalidArgumentException(sprintf('Mq\KafkaTransactionalPipeline::__construct(): Argument #5 ($timeoutMs) must be between 1 and 2147483647, %d given', $timeoutMs));
        }
        $this->consumer = $consumer;
        $this->producer = $producer;
        $this->batchSize = $batchSize;
        $this->batchWait = $batchWait;
        $this->timeoutMs = $timeoutMs;
        $producer->initTransactions($timeoutMs);
    }

    /**
     * Processes one batch in one transaction.
     *
     * @param callable(Message): iterable<array{0: string, 1: ?string, 2?: ?string, 3?: ?array}> $transform
     * @return int the number of input messages committed (0: none arrived within $batchWait)
     * @throws \Throwable what the transform or Kafka threw, after the abort and rewind
     */
    public function processBatch(callable $transform): int
    {
        $messages = $this->consumeBatch();
        if ($messages === []) {
            return 0;
        }
        $this->producer->beginTransaction();
        try {
            $next = [];
            foreach ($messages as $message) {
                $outputs = $transform($message);
                if (!is_iterable($outputs)) {
                    throw new \UnexpectedValueException('Mq\KafkaTransactionalPipeline: the transform must return a list of outputs, got ' . get_debug_type($outputs));
                }
                foreach ($outputs as $output) {
                    $this->produce($output);
                }
                $next[$message->topic_name . "\0" . $message->partition] = new TopicPartition($message->topic_name, $message->partition, $message->offset + 1);
            }
            $this->producer->sendOffsetsToTransaction(array_values($next), $this->consumer, $this->timeoutMs);
            $this->producer->commitTransaction($this->timeoutMs);
        } catch (\Throwable $e) {
            // Whatever happens next, the batch was not committed: the consumer goes back to its start, so
            // the next batch (on this producer or, after a fatal error, on a new one) processes it again.
            try {
                if (!($e instanceof KafkaErrorException && $e->isFatal())) {
                    $this->producer->abortTransaction($this->timeoutMs);
                }
            } catch (\Throwable $abort) {
                $this->rewind($messages);
                throw new \RuntimeException('Mq\KafkaTransactionalPipeline: the batch failed and its transaction could not be aborted: ' . $abort->getMessage(), 0, $e);
            }
            $this->rewind($messages);
            throw $e;
        }
        return count($messages);
    }

    /** @return list<Message> */
    private function consumeBatch(): array
    {
        $messages = [];
        $until = hrtime(true) + (int) ($this->batchWait * 1e9);
        do {
            $left = max(0, intdiv($until - hrtime(true), 1000000));
            $message = $this->consumer->consume($messages === [] ? $left : min($left, 100));
            if ($message->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
                $messages[] = $message;
            } elseif ($message->err !== RD_KAFKA_RESP_ERR__TIMED_OUT && $message->err !== RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                // Consumed messages come back with the next batch: nothing was committed.
                $this->rewind($messages);
                throw new \RdKafka\Exception($message->errstr(), $message->err);
            }
        } while (count($messages) < $this->batchSize && hrtime(true) < $until);
        return $messages;
    }

    private function produce($output): void
    {
        if (!is_array($output) || !is_string($output[0] ?? null)) {
            throw new \UnexpectedValueException('Mq\KafkaTransactionalPipeline: the transform must return a list of [string $topic, ?string $payload, ?string $key, ?array $headers], got ' . get_debug_type($output));
        }
        $this->producer->newTopic($output[0])->producev(RD_KAFKA_PARTITION_UA, 0, $output[1] ?? null, $output[2] ?? null, $output[3] ?? null);
    }

    /** Moves the consumer back to the first of $messages in each of their partitions. */
    private function rewind(array $messages): void
    {
        $first = [];
        foreach ($messages as $message) {
            $first[$message->topic_name . "\0" . $message->partition] ??= new TopicPartition($message->topic_name, $message->partition, $message->offset);
        }
        if ($first === []) {
            return;
        }
        try {
            // Eager protocols: the whole assignment again, at the current positions but for the rewound ones.
            $positions = [];
            foreach ($this->consumer->getOffsetPositions($this->consumer->getAssignment()) as $tp) {
                $positions[] = $first[$tp->getTopic() . "\0" . $tp->getPartition()] ?? $tp;
            }
            $this->consumer->assign($positions);
        } catch (\RdKafka\Exception $e) {
            if ($e->getCode() !== RD_KAFKA_RESP_ERR__STATE) {
                throw $e;
            }
            // Incremental protocols (cooperative-sticky, group.protocol=consumer) refuse assign().
            $this->consumer->incrementalUnassign(array_values($first));
            $this->consumer->incrementalAssign(array_values($first));
        }
    }
}
