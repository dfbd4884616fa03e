<?php

namespace Mq;

use RdKafka\Conf;
use RdKafka\KafkaConsumer;
use RdKafka\Message;
use RdKafka\Producer;
use RdKafka\TopicPartition;

/**
 * Runs a handler per record of a Kafka topic and retries the ones whose handler throws, by the delays of a
 * RetryPolicy, through one retry topic per delay: "{topic}.retry.{ms}". The consumer reads the topic and its
 * retry topics together. A retry copy carries when it is due; a retry partition whose head record is not due
 * yet is paused until it is, while every other partition keeps flowing. Within one retry topic every record
 * waits the same delay, so a partition's head is always its first due record. Records that used up their
 * attempts, or whose error the policy's retries() refuses, go to the dead-letter topic ("{topic}.dlt").
 *
 * Offsets: the consumer runs with enable.auto.commit=true and enable.auto.offset.store=false, and a record's
 * offset is stored only once it is finished (handled, skipped, or its retry or dead-letter copy delivered);
 * librdkafka commits stored offsets in the background (auto.commit.interval.ms), on revocation and on close.
 * Stored, not committed, per record: no round trip per record, and nothing unfinished is ever committed. A
 * crash replays what finished since the last commit: delivery is at least once, duplicates are possible.
 *
 * Retries reorder the records of one key: a failed record is handled after the ones behind it.
 *
 * Every copy keeps payload, key and headers and carries x-mq-attempts, x-mq-error-class, x-mq-error-message
 * (the last failure, cut at 4096 bytes), x-mq-original-topic, -partition and -offset (where the record was
 * first read, kept across retries) and x-mq-group (the group.id that made it: consumer groups share the
 * retry topics, and each skips the others' copies); retry copies also x-mq-due-ms (Unix ms). A copy is
 * produced and flushed until its delivery report comes back before the original's offset is stored: a
 * retry is never lost. A copy not delivered within $confirmTimeout throws \RuntimeException; the original
 * then waits, its partition paused, at the head of it for the next consume() to handle again.
 */
final class KafkaRetryingConsumer
{
    const ATTEMPTS_HEADER = 'x-mq-attempts';

    /** Longer exception messages are cut, as Mq\RetryingConsumer cuts them. */
    private const ERROR_MESSAGE_MAX = 4096;
    /** Kafka's longest topic name. */
    private const TOPIC_MAX = 249;
    /** The longest single wait of consume(): stop() from a signal handler and due retries are seen within it. */
    private const WAIT_MAX_MS = 1000;
    /** How long a record whose handling ended in an exception (a copy not delivered, a hook that threw) waits before it is tried again. */
    private const UNFINISHED_BACKOFF_MS = 1000;
    /** At most this many retry topics (distinct delays): each is a subscription and, on most brokers, partitions to create. */
    private const RETRY_TOPICS_MAX = 32;
    /** The longest delay or wait taken (about 24.8 days, as milliseconds in librdkafka's int); a retry topic's retention must be longer than its delay. */
    private const MS_MAX = 2147483647;

    private KafkaConsumer $consumer;
    private string $topic;
    private string $group;
    /** @var callable(Message): mixed */
    private $handler;
    private RetryPolicy $policy;
    private string $deadLetterTopic;
    /** @var null|callable(string, Message): mixed */
    private $firstSeen;
    private Conf $producerConf;
    private float $confirmTimeout;

    private ?Producer $producer = null;
    /** @var array<string, \RdKafka\ProducerTopic> */
    private array $producerTopics = [];
    /** @var array<string, \RdKafka\KafkaConsumerTopic> */
    private array $consumerTopics = [];
    /**
     * What the delivery report said about the last copy, set by the producer's dr_msg_cb; an object of its
     * own, so that the callback does not hold the consumer.
     */
    private \stdClass $delivery;
    /**
     * Records held back, by "topic:partition" (that partition paused), each a list of
     * ['message' => Message, 'due' => Unix ms, 'seen' => whether firstSeen already ran, 'foreign' => bool
     * (see arrived())]. Shared with the rebalance callback, which drops the entries of revoked partitions.
     */
    private \stdClass $held;
    private bool $subscribed = false;
    private bool $closed = false;
    /** Inside consume(): a handler calling consume() again would store offsets past its own unfinished record. */
    private bool $consuming = false;
    private bool $stopped = false;
    private array $counters = ['handled' => 0, 'retried' => 0, 'exhausted' => 0, 'skipped' => 0];

    /**
     * @param Conf $conf the consumer's configuration, with bootstrap.servers and group.id. It is changed:
     *   enable.auto.commit=true, enable.auto.offset.store=false and a rebalance callback of the consumer's
     *   own replace what it said.
     * @param string $topic the topic to consume.
     * @param callable $handler called with each RdKafka\Message; a return means done, any \Throwable failed.
     * @param RetryPolicy|null $policy null: the ini defaults, retrying every \Throwable.
     * @param string|null $deadLetterTopic where exhausted records go; null: "{topic}.dlt".
     * @param callable|null $firstSeen idempotence hook, called as $firstSeen(string $id, Message $message)
     *   before the first attempt of a record, with $id "{topic}:{partition}:{offset}" of the record; it must
     *   record the id and return true (truthy) when it had not seen it. A false return skips the record.
     *   Retries are not asked again. The id is recorded before the handler runs: a record whose handling
     *   did not finish (a crash, a rebalance) comes again and is skipped.
     * @param Conf|null $producerConf the configuration of the producer of the copies (its dr_msg_cb is
     *   replaced); null: the connection settings $conf changed (bootstrap.servers, metadata.broker.list,
     *   client.id, security.protocol, ssl.*, sasl.*, socket.*, broker.address.family) with
     *   enable.idempotence=true and linger.ms=0.
     * @param float $confirmTimeout seconds to wait for a copy's delivery report (and for each metadata
     *   request of declareRetryTopics()).
     */
    public function __construct(
        Conf $conf,
        string $topic,
        callable $handler,
        ?RetryPolicy $policy = null,
        ?string $deadLetterTopic = null,
        ?callable $firstSeen = null,
        ?Conf $producerConf = null,
        float $confirmTimeout = 30.0
    ) {
        self::checkTopic('topic', $topic);
        $this->topic = $topic;
        $this->policy = $policy ?? new RetryPolicy(retryOn: [\Throwable::class]);
        $this->deadLetterTopic = $deadLetterTopic ?? "$topic.dlt";
        self::checkTopic('deadLetterTopic', $this->deadLetterTopic);
        // Delays never shrink: the last one is the longest.
        $last = $this->policy->getMaxAttempts() - 1;
        if ($last >= 1 && $this->policy->delay($last) * 1000 > self::MS_MAX) {
            throw new \InvalidArgumentException(sprintf(
                'Mq\\KafkaRetryingConsumer: the policy\'s longest delay is over %d ms (about 24.8 days)', self::MS_MAX
            ));
        }
        if (count($this->getRetryTopics()) > self::RETRY_TOPICS_MAX) {
            throw new \InvalidArgumentException(sprintf(
                'Mq\\KafkaRetryingConsumer: the policy asks for more than %d distinct delays (retry topics); lower maxAttempts or raise the multiplier',
                self::RETRY_TOPICS_MAX
            ));
        }
        foreach ($this->getRetryTopics() as $retryTopic) {
            if (strlen($retryTopic) > self::TOPIC_MAX) {
                throw new \InvalidArgumentException(sprintf(
                    'Mq\\KafkaRetryingConsumer: topic is too long for its retry topics: "%s" has more than %d characters',
                    $retryTopic, self::TOPIC_MAX
                ));
            }
        }
        if ($this->deadLetterTopic === $topic || in_array($this->deadLetterTopic, $this->getRetryTopics(), true)) {
            throw new \InvalidArgumentException(sprintf(
                'Mq\\KafkaRetryingConsumer: deadLetterTopic must not be the topic or one of its retry topics, got "%s"',
                $this->deadLetterTopic
            ));
        }
        if (!is_finite($confirmTimeout) || $confirmTimeout <= 0 || $confirmTimeout > 86400) {
            throw new \InvalidArgumentException('Mq\\KafkaRetryingConsumer: confirmTimeout must be a positive number of seconds, at most 86400');
        }
        $settings = $conf->dump();
        $this->group = (string) ($settings['group.id'] ?? '');
        if ($this->group === '') {
            throw new \InvalidArgumentException('Mq\\KafkaRetryingConsumer: conf must set group.id');
        }
        $this->handler = $handler;
        $this->firstSeen = $firstSeen;
        $this->confirmTimeout = $confirmTimeout;
        $this->producerConf = $producerConf ?? self::connectionConf($settings);
        $this->delivery = new \stdClass();
        $this->held = new \stdClass();
        $this->held->partitions = [];

        // (RdKafka\Conf cannot be cloned; the consumer takes a copy of it as it is now.)
        $conf->set('enable.auto.commit', 'true');
        $conf->set('enable.auto.offset.store', 'false');
        $conf->setRebalanceCb(self::rebalancer($this->held, $topic, self::incremental($settings)));
        $this->consumer = new KafkaConsumer($conf);
    }

    /** "{topic}.retry.{ms}" for every distinct delay the policy can ask for, shortest first. */
    public function getRetryTopics(): array
    {
        $topics = [];
        $previous = null;
        for ($attempt = 1; $attempt < $this->policy->getMaxAttempts(); $attempt++) {
            $seconds = $this->policy->delay($attempt);
            // Delays grow until the cap (or not at all): once one repeats, the rest are the same.
            if ($seconds === $previous) {
                break;
            }
            $previous = $seconds;
            $topics[$this->retryTopic(self::millis($seconds))] = true;
        }
        return array_keys($topics);
    }

    public function getDeadLetterTopic(): string
    {
        return $this->deadLetterTopic;
    }

    /**
     * Makes sure the topic, its retry topics and the dead-letter topic exist, by asking the broker for their
     * metadata, which creates them where auto.create.topics.enable is on (with the broker's default
     * partition count); throws \RuntimeException naming a topic the broker neither has nor created. Done by
     * the first consume(): a subscription only sees topics that exist when it starts.
     */
    public function declareRetryTopics(): void
    {
        $producer = $this->producer();
        foreach (array_merge([$this->topic], $this->getRetryTopics(), [$this->deadLetterTopic]) as $topic) {
            $error = null;
            // A topic being created answers LEADER_NOT_AVAILABLE for a moment: it exists.
            for ($try = 0; $try < 20; $try++) {
                $metadata = $producer->getMetadata(false, $this->producerTopic($topic), self::millis($this->confirmTimeout));
                $error = $metadata->getTopics()->current()->getErr();
                if ($error === RD_KAFKA_RESP_ERR_NO_ERROR || $error === RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE) {
                    continue 2;
                }
                usleep(100000);
            }
            throw new \RuntimeException(sprintf(
                'Mq\\KafkaRetryingConsumer: topic "%s" does not exist and the broker did not create it (%s): create it',
                $topic, rd_kafka_err2str($error)
            ), $error);
        }
    }

    /**
     * Subscribes (the first time, after declareRetryTopics()) to the topic and its retry topics, and handles
     * records until stop() is called (from the handler or a signal handler) or $timeout seconds pass (null:
     * no limit). Records held back stay held for the next consume(). Throws \RuntimeException for a copy not
     * delivered and for consumer errors, and the firstSeen hook's exceptions; the record stays unfinished.
     */
    public function consume(?float $timeout = null): void
    {
        if ($timeout !== null && (!is_finite($timeout) || $timeout <= 0)) {
            throw new \InvalidArgumentException('Mq\\KafkaRetryingConsumer::consume(): timeout must be a positive number of seconds or null');
        }
        if ($this->closed) {
            throw new \LogicException('Mq\\KafkaRetryingConsumer::consume(): the consumer was closed');
        }
        if ($this->consuming) {
            throw new \LogicException('Mq\\KafkaRetryingConsumer::consume(): called from its own handler or hook (call stop() instead)');
        }
        $this->consuming = true;
        try {
            $this->consumeUntil($timeout);
        } finally {
            $this->consuming = false;
        }
    }

    private function consumeUntil(?float $timeout): void
    {
        $this->stopped = false;
        if (!$this->subscribed) {
            $this->declareRetryTopics();
            $this->consumer->subscribe(array_merge([$this->topic], $this->getRetryTopics()));
            $this->subscribed = true;
        }
        $deadline = $timeout === null ? null : microtime(true) + $timeout;
        while (true) {
            $next = $this->releaseDue();
            if ($this->stopped) {
                return;
            }
            $wait = self::WAIT_MAX_MS;
            if ($next !== null) {
                $wait = min($wait, max(0, $next - self::nowMs()));
            }
            if ($deadline !== null) {
                $left = $deadline - microtime(true);
                if ($left <= 0) {
                    return;
                }
                $wait = min($wait, (int) ceil(min($left, 86400.0) * 1000));
            }
            $message = $this->consumer->consume($wait);
            switch ($message->err) {
                case RD_KAFKA_RESP_ERR_NO_ERROR:
                    $this->arrived($message);
                    break;
                case RD_KAFKA_RESP_ERR__TIMED_OUT:
                case RD_KAFKA_RESP_ERR__PARTITION_EOF:
                    // (An unknown topic is one just created whose metadata is still spreading.)
                case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
                    break;
                default:
                    throw new \RuntimeException('Mq\\KafkaRetryingConsumer: ' . $message->errstr(), $message->err);
            }
            if ($this->stopped || $this->closed) {
                return;
            }
        }
    }

    /** Makes consume() return once the record being handled is done. */
    public function stop(): void
    {
        $this->stopped = true;
    }

    /**
     * Leaves the group, committing the stored offsets (held records are not finished: they come again),
     * and flushes the producer. consume() throws \LogicException afterwards.
     */
    public function close(): void
    {
        if ($this->closed) {
            return;
        }
        $this->closed = true;
        $this->stopped = true;
        $this->consumer->close();
        $this->producer?->flush(self::millis($this->confirmTimeout));
    }

    /** @return array{handled: int, retried: int, exhausted: int, skipped: int} */
    public function getCounters(): array
    {
        return $this->counters;
    }

    /** A record read from the consumer: handled now, or held back until due. */
    private function arrived(Message $message): void
    {
        // 'foreign': another group's retry copy (that group handles it), passed over.
        $entry = ['message' => $message, 'due' => 0, 'seen' => false, 'foreign' => false];
        if ($message->topic_name !== $this->topic) {
            $entry['foreign'] = ($message->headers['x-mq-group'] ?? null) !== $this->group;
            $entry['due'] = $entry['foreign'] ? 0 : self::dueOf($message);
        }
        // (A record from a partition just paused, which librdkafka drops: defence, it goes behind the head.)
        if (isset($this->held->partitions["$message->topic_name:$message->partition"]) || $entry['due'] > self::nowMs()) {
            $this->hold($entry);
            return;
        }
        try {
            $this->process($entry);
        } catch (\Throwable $e) {
            // Not finished, and the records behind it must not be stored past it: it waits at the head, a
            // while, so a caller that retries consume() at once does not spin on it.
            $entry['due'] = self::nowMs() + self::UNFINISHED_BACKOFF_MS;
            $this->hold($entry);
            throw $e;
        }
    }

    /** Handles the due heads of held partitions; returns when the next held record is due (null: none held). */
    private function releaseDue(): ?int
    {
        $next = null;
        foreach (array_keys($this->held->partitions) as $key) {
            while (isset($this->held->partitions[$key][0]) && !$this->stopped) {
                $entry = &$this->held->partitions[$key][0];
                if ($entry['due'] > self::nowMs()) {
                    $next = $next === null ? $entry['due'] : min($next, $entry['due']);
                    unset($entry);
                    break;
                }
                // A failure leaves the entry at the head (with 'seen' updated), for a while, and comes out of
                // consume().
                try {
                    $this->process($entry);
                } catch (\Throwable $e) {
                    $entry['due'] = self::nowMs() + self::UNFINISHED_BACKOFF_MS;
                    throw $e;
                }
                unset($entry);
                array_shift($this->held->partitions[$key]);
            }
            if (($this->held->partitions[$key] ?? null) === []) {
                unset($this->held->partitions[$key]);
                [$topic, $partition] = self::split($key);
                $this->consumer->resumePartitions([new TopicPartition($topic, $partition)]);
            }
        }
        return $next;
    }

    private function hold(array $entry): void
    {
        $message = $entry['message'];
        $key = "$message->topic_name:$message->partition";
        if (!isset($this->held->partitions[$key])) {
            // librdkafka resumes a paused partition after the last record read: the held one is kept here.
            $this->consumer->pausePartitions([new TopicPartition($message->topic_name, $message->partition)]);
        }
        $this->held->partitions[$key][] = $entry;
    }

    /** Runs the hook and the handler for one record and finishes it; throws when it stays unfinished. */
    private function process(array &$entry): void
    {
        $message = $entry['message'];
        if ($entry['foreign']) {
            $this->store($message);
            return;
        }
        $attempt = self::attemptOf($message);
        if (!$entry['seen'] && $this->firstSeen !== null && $attempt === 1) {
            $first = ($this->firstSeen)(implode(':', self::origin($message)), clone $message);
            $entry['seen'] = true;
            if (!$first) {
                $this->store($message);
                $this->counters['skipped']++;
                return;
            }
        }
        $entry['seen'] = true;
        try {
            // A copy: offsets stored and retry copies come from the record as read, whatever the handler
            // does to the object it is given.
            ($this->handler)(clone $message);
        } catch (\Throwable $error) {
            if ($this->closed) {
                return;
            }
            $this->failed($message, $attempt, $error);
            return;
        }
        if ($this->closed) {
            // close() from the handler: the record is not stored, so it comes again (at least once).
            return;
        }
        $this->store($message);
        $this->counters['handled']++;
    }

    private function failed(Message $message, int $attempt, \Throwable $error): void
    {
        if ($attempt < $this->policy->getMaxAttempts() && $this->policy->retries($error)) {
            $ms = self::millis($this->policy->delay($attempt));
            $headers = $this->copyHeaders($message, $attempt + 1, $error);
            // Due counted from now, rounded up: the copy is never handled before the delay has passed.
            $headers['x-mq-due-ms'] = (string) ((int) ceil(microtime(true) * 1000) + $ms);
            $this->produceCopy($this->retryTopic($ms), $message, $headers);
            $this->store($message);
            $this->counters['retried']++;
            return;
        }
        $this->produceCopy($this->deadLetterTopic, $message, $this->copyHeaders($message, $attempt, $error));
        $this->store($message);
        $this->counters['exhausted']++;
    }

    /** Produces a copy of $message and waits for its delivery report; see the class comment. */
    private function produceCopy(string $topic, Message $message, array $headers): void
    {
        $producer = $this->producer();
        $delivery = $this->delivery;
        $delivery->err = null;
        $failure = null;
        try {
            $this->producerTopic($topic)->producev(RD_KAFKA_PARTITION_UA, 0, $message->payload, $message->key, $headers);
            $producer->flush(self::millis($this->confirmTimeout));
        } catch (\Throwable $e) {
            $failure = $e;
        }
        if ($failure === null && $delivery->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            return;
        }
        // A late report of this copy must not be taken for the next one's: that producer is done.
        $this->producer = null;
        $this->producerTopics = [];
        $why = $failure !== null ? $failure->getMessage()
            : ($delivery->err === null ? 'no delivery report in time' : rd_kafka_err2str($delivery->err));
        throw new \RuntimeException(sprintf(
            'Mq\\KafkaRetryingConsumer: the copy produced to topic "%s" was not delivered (%s); the record (%s) will be handled again',
            $topic, $why, implode(':', [$message->topic_name, $message->partition, $message->offset])
        ), 0, $failure);
    }

    /** Marks $message finished: its offset + 1 is committed with the next commit. */
    private function store(Message $message): void
    {
        $topic = $this->consumerTopics[$message->topic_name] ??= $this->consumer->newTopic($message->topic_name);
        $topic->offsetStore($message->partition, $message->offset);
    }

    private function producer(): Producer
    {
        if ($this->producer === null) {
            $conf = $this->producerConf;
            $delivery = $this->delivery = new \stdClass();
            $delivery->err = null;
            $conf->setDrMsgCb(static function ($kafka, Message $message) use ($delivery): void {
                $delivery->err = $message->err;
            });
            $this->producer = new Producer($conf);
        }
        return $this->producer;
    }

    private function producerTopic(string $topic): \RdKafka\ProducerTopic
    {
        return $this->producerTopics[$topic] ??= $this->producer()->newTopic($topic);
    }

    /** The record's headers with the attempt, the failure, where it was first read and the group. */
    private function copyHeaders(Message $message, int $attempts, \Throwable $error): array
    {
        $headers = $message->headers ?? [];
        unset($headers['x-mq-due-ms']);
        [$topic, $partition, $offset] = self::origin($message);
        $headers[self::ATTEMPTS_HEADER] = (string) $attempts;
        $headers['x-mq-error-class'] = get_class($error);
        $headers['x-mq-error-message'] = substr($error->getMessage(), 0, self::ERROR_MESSAGE_MAX);
        $headers['x-mq-original-topic'] = $topic;
        $headers['x-mq-original-partition'] = (string) $partition;
        $headers['x-mq-original-offset'] = (string) $offset;
        $headers['x-mq-group'] = $this->group;
        return $headers;
    }

    private function retryTopic(int $ms): string
    {
        return "{$this->topic}.retry.$ms";
    }

    /** Assigns, or drops held records and commits what is finished before giving partitions up. */
    private static function rebalancer(\stdClass $held, string $topic, bool $incremental): \Closure
    {
        return static function (KafkaConsumer $consumer, int $err, ?array $partitions = null) use ($held, $topic, $incremental): void {
            $partitions ??= [];
            if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
                self::startRetriesAtBeginning($consumer, $partitions, $topic);
                $incremental ? $consumer->incrementalAssign($partitions) : $consumer->assign($partitions);
                return;
            }
            // Revoked (or lost): held records are not finished; their next owner reads them from the
            // committed offset. Resumed first: librdkafka keeps a partition's pause across assignments.
            $dropped = [];
            foreach ($partitions as $tp) {
                $key = $tp->getTopic() . ':' . $tp->getPartition();
                if (isset($held->partitions[$key])) {
                    unset($held->partitions[$key]);
                    $dropped[] = new TopicPartition($tp->getTopic(), $tp->getPartition());
                }
            }
            try {
                if ($dropped !== []) {
                    $consumer->resumePartitions($dropped);
                }
                $consumer->commit();
            } catch (\RdKafka\Exception $e) {
                // Nothing stored (_NO_OFFSET), or the assignment is already lost: nothing to commit.
            }
            $incremental ? $consumer->incrementalUnassign($partitions) : $consumer->assign(null);
        };
    }

    /**
     * Retry topics are read from their beginning by a group with no committed offset there, whatever
     * auto.offset.reset says: a copy produced while its partition had no owner must not be skipped.
     */
    private static function startRetriesAtBeginning(KafkaConsumer $consumer, array $partitions, string $topic): void
    {
        $retries = array_values(array_filter($partitions, fn (TopicPartition $tp) => $tp->getTopic() !== $topic));
        if ($retries === []) {
            return;
        }
        // Left to auto.offset.reset if the coordinator does not answer (the assignment must go on).
        try {
            $committed = $consumer->getCommittedOffsets($retries, 10000);
        } catch (\RdKafka\Exception $e) {
            return;
        }
        $uncommitted = [];
        foreach ($committed as $tp) {
            if ($tp->getOffset() < 0) {
                $uncommitted[$tp->getTopic() . ':' . $tp->getPartition()] = true;
            }
        }
        foreach ($retries as $tp) {
            if (isset($uncommitted[$tp->getTopic() . ':' . $tp->getPartition()])) {
                $tp->setOffset(RD_KAFKA_OFFSET_BEGINNING);
            }
        }
    }

    /** Whether the group rebalances incrementally: the consumer protocol (KIP-848), or cooperative-sticky. */
    private static function incremental(array $settings): bool
    {
        return ($settings['group.protocol'] ?? 'classic') === 'consumer'
            || str_contains($settings['partition.assignment.strategy'] ?? '', 'cooperative-sticky');
    }

    /** A producer configuration with the connection settings a consumer's configuration changed. */
    private static function connectionConf(array $settings): Conf
    {
        $conf = new Conf();
        // Only what differs from the defaults: some defaults cannot be set back (Windows-only ones...).
        $defaults = $conf->dump();
        foreach ($settings as $name => $value) {
            $connection = in_array($name, ['bootstrap.servers', 'metadata.broker.list', 'client.id', 'security.protocol', 'broker.address.family'], true)
                || preg_match('/^(ssl|sasl|socket)\./', $name);
            if ($connection && ($defaults[$name] ?? null) !== $value) {
                $conf->set($name, $value);
            }
        }
        $conf->set('enable.idempotence', 'true');
        $conf->set('linger.ms', '0');
        return $conf;
    }

    private static function checkTopic(string $argument, string $topic): void
    {
        // As the broker's own rule (Kafka's Topic.validate): "." and ".." are refused too.
        if (strlen($topic) > self::TOPIC_MAX || !preg_match('/^[A-Za-z0-9._-]+$/', $topic) || $topic === '.' || $topic === '..') {
            throw new \InvalidArgumentException(sprintf(
                'Mq\\KafkaRetryingConsumer: %s must be a Kafka topic name (1 to %d of a-z, A-Z, 0-9, ".", "_", "-"), got "%s"',
                $argument, self::TOPIC_MAX, addcslashes($topic, "\0..\37\177..\377")
            ));
        }
    }

    /**
     * The attempt this record is: its x-mq-attempts header when that is the decimal text of a positive
     * integer, else 1, whatever another client wrote there.
     */
    private static function attemptOf(Message $message): int
    {
        $value = filter_var($message->headers[self::ATTEMPTS_HEADER] ?? null, FILTER_VALIDATE_INT);
        return is_int($value) && $value >= 1 ? $value : 1;
    }

    /** When a retry copy is due: its x-mq-due-ms header, else its timestamp plus its topic's delay. */
    private static function dueOf(Message $message): int
    {
        $due = filter_var($message->headers['x-mq-due-ms'] ?? null, FILTER_VALIDATE_INT);
        if (is_int($due)) {
            return $due;
        }
        return (int) $message->timestamp + (int) substr($message->topic_name, strrpos($message->topic_name, '.') + 1);
    }

    /** [topic, partition, offset] where the record was first read: its x-mq-original-* headers, else its own. */
    private static function origin(Message $message): array
    {
        $headers = $message->headers ?? [];
        $partition = filter_var($headers['x-mq-original-partition'] ?? null, FILTER_VALIDATE_INT);
        $offset = filter_var($headers['x-mq-original-offset'] ?? null, FILTER_VALIDATE_INT);
        if (is_string($headers['x-mq-original-topic'] ?? null) && is_int($partition) && is_int($offset)) {
            return [$headers['x-mq-original-topic'], $partition, $offset];
        }
        return [$message->topic_name, $message->partition, $message->offset];
    }

    /** "topic:partition" back into [topic, partition] (topic names have no ":"). */
    private static function split(string $key): array
    {
        $at = strrpos($key, ':');
        return [substr($key, 0, $at), (int) substr($key, $at + 1)];
    }

    /** Seconds as whole milliseconds, rounded up: a copy never comes back before the policy's delay. */
    private static function millis(float $seconds): int
    {
        // Through whole microseconds first: 0.1 s * 3 is 0.30000000000000004 s, which is 300 ms, not 301.
        return (int) ceil(round($seconds * 1e6) / 1e3);
    }

    private static function nowMs(): int
    {
        return (int) floor(microtime(true) * 1000);
    }
}
