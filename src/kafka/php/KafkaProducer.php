<?php

namespace Mq;

use RdKafka\Conf;
use RdKafka\Message;
use RdKafka\Producer;
use RdKafka\TopicConf;

/**
 * Delivery reports tracked per message: each message produced through it gets an outcome
 * (Mq\DeliveryOutcome: delivered with its partition and offset, failed with librdkafka's error, timed out).
 *
 * - Built on an RdKafka\Producer of its own, from a copy of the Conf (the Conf given is not changed):
 *   `enable.idempotence=true` unless the Conf sets `enable.idempotence` or an `acks` other than all, and
 *   `acks=all` unless the Conf sets `acks` (or `request.required.acks`). Idempotence keeps librdkafka's own
 *   retries from duplicating or reordering messages.
 * - Reports are matched to messages by the message opaque the KafkaProducer gives each produce, never by
 *   payload. A `dr_msg_cb` set on the Conf is still called, after the KafkaProducer's, for every report,
 *   with the KafkaProducer's opaque replaced by null; the Conf's other callbacks are kept as set. Their
 *   `$kafka` argument is the inner RdKafka\Producer (getProducer()).
 * - With a RetryPolicy, a failed message is produced again (same topic, payload, key, headers and
 *   partition) after the policy's delay, while `$policy->retries()` accepts its error (by default the
 *   errors librdkafka and Kafka call transient: _MSG_TIMED_OUT, _TRANSPORT, NOT_ENOUGH_REPLICAS,
 *   LEADER_NOT_AVAILABLE...) and attempts are left; then its final outcome is reported. A produce refused
 *   at once (e.g. MSG_SIZE_TOO_LARGE, or _QUEUE_FULL after QUEUE_FULL_WAIT seconds of serving reports)
 *   counts as a failed attempt. Retrying is at-least-once: an attempt reported failed may still have been
 *   written (e.g. _MSG_TIMED_OUT after the broker wrote it).
 * - Every wait is bounded by its $timeout (seconds; DEFAULT_TIMEOUT when null), retries included: a
 *   message without a report by then is TIMED_OUT (it stays in librdkafka's queue and may still be
 *   delivered: it is never produced again, and a late report is dropped); one waiting for a retry
 *   then is FAILED with its last error.
 * - Destroying the KafkaProducer destroys its producer, which keeps delivering what is queued for up to
 *   `mq.kafka_destruct_flush_ms` (without calling PHP).
 */
final class KafkaProducer
{
    /** Seconds one wait lasts when no timeout is given. */
    const DEFAULT_TIMEOUT = 30.0;
    /** Seconds a produce waits for room, serving reports, while librdkafka's queue is full. */
    const QUEUE_FULL_WAIT = 10.0;
    /** Starts the opaque of the KafkaProducer's messages (a NUL keeps it apart from any user's opaque). */
    private const TAG = "\0mq-kafka-producer:";
    /** The Conf's callbacks other than dr_msg_cb, by property, with their setters. */
    private const CALLBACKS = [
        'error_cb' => 'setErrorCb',
        'stats_cb' => 'setStatsCb',
        'log_cb' => 'setLogCb',
        'rebalance_cb' => 'setRebalanceCb',
        'offset_commit_cb' => 'setOffsetCommitCb',
        'consume_cb' => 'setConsumeCb',
        'oauthbearer_token_refresh_cb' => 'setOauthbearerTokenRefreshCb',
    ];

    private Producer $producer;
    private ?RetryPolicy $policy;
    /** @var array<string, \RdKafka\ProducerTopic> */
    private array $topics = [];
    /** Messages without a final outcome, by send number: [topic, payload, key, headers, partition, attempts, first produced at]. */
    private array $pending = [];
    /** Reports (or produce-time refusals) of pending messages not handled yet, by send number: [error code, partition, offset]. */
    private array $reports = [];
    /** The send numbers of the send() calls waiting for their outcome (as keys). */
    private array $sending = [];
    /** Failed messages waiting to be produced again, by send number: [due at, error code, partition]. */
    private array $retrying = [];
    /** Final outcomes not handed out yet, by send number. */
    private array $done = [];
    private int $sent = 0;
    private array $counters = ['delivered' => 0, 'failed' => 0, 'timed_out' => 0, 'retried' => 0];

    public function __construct(Conf $conf, ?RetryPolicy $policy = null)
    {
        $this->policy = $policy;
        $copy = new Conf();
        $set = [];
        foreach (\mq_kafka_conf_entries($conf) as [$name, $value]) {
            if (is_array($value)) {
                // A setDefaultTopicConf() (deprecated: the copy does not warn a second time).
                $topic = new TopicConf();
                foreach ($value as [$property, $setting]) {
                    $topic->set($property, $setting);
                    $set[$property] = $setting;
                }
                @$copy->setDefaultTopicConf($topic);
                continue;
            }
            $copy->set($name, $value);
            $set[$name] = $value;
        }
        $acks = $set['acks'] ?? $set['request.required.acks'] ?? null;
        if ($acks === null) {
            $copy->set('acks', 'all');
        }
        if (!isset($set['enable.idempotence']) && ($acks === null || in_array($acks, ['all', '-1'], true))) {
            $copy->set('enable.idempotence', 'true');
        }
        $callbacks = mq_kafka_conf_callbacks($conf);
        foreach (self::CALLBACKS as $name => $setter) {
            if (isset($callbacks[$name])) {
                $copy->$setter($callbacks[$name]);
            }
        }
        // Weak, so that the producer's callback does not keep the KafkaProducer alive (its destruction
        // flushes the producer at once, not when the cycle collector runs).
        $self = \WeakReference::create($this);
        $user = $callbacks['dr_msg_cb'] ?? null;
        $copy->setDrMsgCb(static function ($kafka, Message $message) use ($self, $user): void {
            if (is_string($message->opaque) && str_starts_with($message->opaque, self::TAG)) {
                $self->get()?->reported((int) substr($message->opaque, strlen(self::TAG)), $message);
                $message->opaque = null;
            }
            if ($user !== null) {
                $user($kafka, $message);
            }
        });
        $this->producer = new Producer($copy);
    }

    /**
     * Produces one message and waits for its outcome, producing it again as the policy allows.
     * Messages enqueue()d before are served by the same wait; their outcomes come from waitForAll().
     *
     * @param array<string, string>|null $headers
     * @param int $partition RD_KAFKA_PARTITION_UA (the partitioner's choice) or a partition number
     * @throws \InvalidArgumentException for an empty topic, a partition below -1, or a timeout that is not
     *   a positive finite number of seconds
     */
    public function send(string $topic, ?string $payload, ?string $key = null, ?array $headers = null, int $partition = RD_KAFKA_PARTITION_UA, ?float $timeout = null): DeliveryOutcome
    {
        $timeout = self::timeout($timeout, 'send(): Argument #6 ($timeout)');
        $seq = $this->produceNew('send', $topic, $payload, $key, $headers, $partition);
        $this->sending[$seq] = true;
        try {
            $this->settle($timeout, $seq);
        } finally {
            unset($this->sending[$seq]);
        }
        $outcome = $this->done[$seq];
        unset($this->done[$seq]);
        return $outcome;
    }

    /**
     * Produces one message without waiting: its outcome comes from the next waitForAll().
     *
     * @param array<string, string>|null $headers
     * @throws \InvalidArgumentException for an empty topic or a partition below -1
     */
    public function enqueue(string $topic, ?string $payload, ?string $key = null, ?array $headers = null, int $partition = RD_KAFKA_PARTITION_UA): void
    {
        $this->produceNew('enqueue', $topic, $payload, $key, $headers, $partition);
    }

    /**
     * Waits for the outcome of every message enqueued (and not settled by an earlier wait), producing
     * again as the policy allows.
     *
     * @return list<DeliveryOutcome> in enqueue order
     * @throws \InvalidArgumentException for a timeout that is not a positive finite number of seconds
     */
    public function waitForAll(?float $timeout = null): array
    {
        $this->settle(self::timeout($timeout, 'waitForAll(): Argument #1 ($timeout)'), null);
        ksort($this->done);
        // A send() waiting further up (waitForAll() from a delivery callback) keeps its own outcome.
        $outcomes = array_values(array_diff_key($this->done, $this->sending));
        $this->done = array_intersect_key($this->done, $this->sending);
        return $outcomes;
    }

    /**
     * Counts since construction: pending (produced, no final outcome yet), the final outcomes delivered,
     * failed, timed_out (each message counts once), and retried (produces beyond each first).
     *
     * @return array{pending: int, delivered: int, failed: int, timed_out: int, retried: int}
     */
    public function getCounters(): array
    {
        return ['pending' => count($this->pending)] + $this->counters;
    }

    /**
     * The RdKafka\Producer underneath (for transactions, metadata, flush()). Messages produced on it
     * directly get no outcome; their reports reach only the Conf's dr_msg_cb.
     */
    public function getProducer(): Producer
    {
        return $this->producer;
    }

    private function produceNew(string $method, string $topic, ?string $payload, ?string $key, ?array $headers, int $partition): int
    {
        if ($topic === '') {
            throw new \InvalidArgumentException(sprintf('Mq\KafkaProducer::%s(): Argument #1 ($topic) must not be empty', $method));
        }
        if ($partition < RD_KAFKA_PARTITION_UA || $partition > 0x7fffffff) {
            throw new \InvalidArgumentException(sprintf('Mq\KafkaProducer::%s(): Argument #5 ($partition) must be RD_KAFKA_PARTITION_UA (-1) or a partition number from 0 to 2147483647, %d given', $method, $partition));
        }
        $seq = $this->sent;
        $this->topics[$topic] ??= $this->producer->newTopic($topic);
        // Produced before it is recorded: an argument producev() refuses (headers) throws, leaving nothing behind.
        $error = $this->produce($seq, $topic, $payload, $key, $headers, $partition);
        $this->pending[$seq] = [$topic, $payload, $key, $headers, $partition, 1, self::now()];
        $this->sent++;
        if ($error !== null) {
            $this->reports[$seq] = [$error, $partition, null];
        }
        return $seq;
    }

    /** Produces an attempt of message $seq; librdkafka's code if it refused it at once, else null. */
    private function produce(int $seq, string $topic, ?string $payload, ?string $key, ?array $headers, int $partition): ?int
    {
        $until = self::now() + self::QUEUE_FULL_WAIT;
        while (true) {
            try {
                $this->topics[$topic]->producev($partition, 0, $payload, $key, $headers, null, self::TAG . $seq);
                return null;
            } catch (\RdKafka\Exception $e) {
                // Code 0: not librdkafka's word on the message (a producer used after pcntl_fork()).
                if ($e->getCode() === 0) {
                    throw $e;
                }
                if ($e->getCode() !== RD_KAFKA_RESP_ERR__QUEUE_FULL || self::now() >= $until) {
                    return $e->getCode();
                }
                $this->producer->poll(50);
            }
        }
    }

    /** The dr_msg_cb's share: records the report of a pending message (late ones, given up on, are dropped). */
    private function reported(int $seq, Message $message): void
    {
        if (isset($this->pending[$seq])) {
            $this->reports[$seq] = [$message->err, $message->partition, $message->offset];
        }
    }

    /** Serves reports until message $only (every pending message when null) has its final outcome in $this->done. */
    private function settle(float $timeout, ?int $only): void
    {
        $deadline = self::now() + $timeout;
        while (true) {
            $this->handleReports();
            $this->retryDue();
            if ($only !== null ? !isset($this->pending[$only]) : $this->pending === []) {
                return;
            }
            $now = self::now();
            if ($now >= $deadline) {
                break;
            }
            $wait = min([$deadline, ...array_column($this->retrying, 0)]) - $now;
            // flush(), not poll(): it has the brokers send at once instead of after linger.ms (5 ms by
            // default), since a caller waits for these reports; it returns once nothing is in flight.
            $this->producer->flush(max(1, min(100, (int) ceil($wait * 1000))));
        }
        foreach ($only !== null ? [$only] : array_keys($this->pending) as $seq) {
            if (isset($this->retrying[$seq])) {
                [, $error, $partition] = $this->retrying[$seq];
                $this->finish($seq, DeliveryOutcome::FAILED, $partition, null, $error);
            } else {
                $this->finish($seq, DeliveryOutcome::TIMED_OUT, $this->pending[$seq][4], null, 0);
            }
        }
    }

    private function handleReports(): void
    {
        foreach ($this->reports as $seq => [$error, $partition, $offset]) {
            unset($this->reports[$seq]);
            if (!isset($this->pending[$seq])) {
                continue; // settled meanwhile by a wait that a callback started (send() in a dr_msg_cb)
            }
            if ($error === RD_KAFKA_RESP_ERR_NO_ERROR) {
                $this->finish($seq, DeliveryOutcome::DELIVERED, $partition, $offset, 0);
            } elseif (($delay = $this->retryDelay($this->pending[$seq], $error)) !== null) {
                $this->retrying[$seq] = [self::now() + $delay, $error, $partition];
            } else {
                $this->finish($seq, DeliveryOutcome::FAILED, $partition, null, $error);
            }
        }
    }

    /** Seconds to wait before producing $record again after $error, or null when the policy says no more. */
    private function retryDelay(array $record, int $error): ?float
    {
        $attempts = $record[5];
        if ($this->policy === null || $attempts >= $this->policy->getMaxAttempts()
            || !$this->policy->retries(new \RdKafka\Exception(rd_kafka_err2str($error), $error))) {
            return null;
        }
        $jitter = $this->policy->getJitter() * (2 * mt_rand() / mt_getrandmax() - 1);
        $delay = min($this->policy->getMaxDelay(), $this->policy->delay($attempts) * (1 + $jitter));
        $limit = $this->policy->getDeadline();
        return $limit > 0 && self::now() + $delay - $record[6] >= $limit ? null : $delay;
    }

    /** Produces again the failed messages whose delay is over. */
    private function retryDue(): void
    {
        $now = self::now();
        foreach ($this->retrying as $seq => [$due]) {
            // Skipped too when a wait that a callback started (inside an earlier produce) settled it.
            if ($due > $now || !isset($this->retrying[$seq])) {
                continue;
            }
            unset($this->retrying[$seq]);
            [$topic, $payload, $key, $headers, $partition] = $this->pending[$seq];
            $this->pending[$seq][5]++;
            $this->counters['retried']++;
            $error = $this->produce($seq, $topic, $payload, $key, $headers, $partition);
            if ($error !== null) {
                $this->reports[$seq] = [$error, $partition, null];
            }
        }
    }

    private function finish(int $seq, string $status, int $partition, ?int $offset, int $error): void
    {
        [$topic, $payload, $key, $headers, , $attempts] = $this->pending[$seq];
        unset($this->pending[$seq], $this->retrying[$seq], $this->reports[$seq]);
        $this->counters[$status]++;
        $this->done[$seq] = new DeliveryOutcome($status, $topic, $payload, $key, $headers, $partition, $offset,
            $error, $error === 0 ? null : rd_kafka_err2str($error), $attempts);
    }

    private static function timeout(?float $timeout, string $what): float
    {
        if ($timeout === null) {
            return self::DEFAULT_TIMEOUT;
        }
        if (!is_finite($timeout) || $timeout <= 0) {
            throw new \InvalidArgumentException(sprintf('Mq\KafkaProducer::%s must be a positive finite number of seconds, %s given', $what, var_export($timeout, true)));
        }
        return $timeout;
    }

    private static function now(): float
    {
        return hrtime(true) / 1e9;
    }
}
