<?php

declare(strict_types=1);

namespace Mq\Laravel\Kafka;

use Illuminate\Contracts\Queue\ClearableQueue;
use Illuminate\Contracts\Queue\Queue as QueueContract;
use Illuminate\Queue\Queue;
use Mq\Laravel\EnqueuesRaw;
use Mq\Laravel\LostConnectionException;
use Mq\Laravel\PublishException;
use RdKafka\Conf;
use RdKafka\KafkaConsumer;
use RdKafka\Message;
use RdKafka\Producer;
use RdKafka\TopicPartition;

/**
 * Laravel's `kafka` queue on mq's php-rdkafka classes: a topic per queue, one consumer group per connection,
 * an idempotent producer with acks=all whose delivery reports dispatch() waits for, and offsets committed only
 * once a job is deleted, released or failed.
 *
 * Delays: a job waits in `{topic}.delay.{s}` topics, s a power of 4 seconds. Each such topic holds records of
 * one delay, so its oldest record is always the first due: a worker that reads one not yet due pauses that
 * partition until it is (other topics and partitions keep flowing), then hops it to the next smaller level or,
 * once due, to the queue's topic.
 */
class KafkaQueue extends Queue implements QueueContract, ClearableQueue
{
    use EnqueuesRaw;

    public const ATTEMPTS_HEADER = 'mq-attempts';
    /** The commit metadata that counts a job's runs: "mq-claim:{offset}:{runs}" (see claim()). */
    public const CLAIM = 'mq-claim';
    /** When the job may run, in Unix milliseconds. */
    public const DUE_HEADER = 'mq-due-ms';
    /** Delay levels in seconds: 1, 4, 16, ... 65536 (18 h); longer delays go round the top level again. */
    public const DELAY_LEVELS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536];

    private ?Producer $producer = null;
    private ?KafkaConsumer $consumer = null;
    /** A group member that never subscribes: reads and commits group offsets for size() and clear(). */
    private ?KafkaConsumer $offsets = null;
    private ?\Mq\KafkaAdmin $admin = null;
    /** @var list<string> the topics the worker's consumer is subscribed to */
    private array $subscription = [];
    /** @var array<string, true> the queues among them (the others are their delay topics) */
    private array $queues = [];
    /** @var array<string, true> topics that exist */
    private array $topics = [];
    /** @var array<string, Message> delay records not due yet, by "topic:partition" (that partition is paused) */
    private array $held = [];
    /** The current assignment ("topic:partition,..."), its size, and the partitions at their end since ("topic:partition" => true). */
    private string $assignment = '';
    private int $assigned = 0;
    private array $ends = [];
    /** @var array<string, TopicPartition> offsets past deleted jobs not committed yet, by "topic:partition" */
    private array $finished = [];
    /** @var array<string, true> partitions whose committed claim was read since the assignment changed */
    private array $claimsRead = [];
    /** @var list<string> delivery errors reported during the current flush */
    private array $undelivered = [];

    public function __construct(private array $config, $dispatchAfterCommit = null)
    {
        $this->dispatchAfterCommit = $dispatchAfterCommit;
    }

    public function size($queue = null)
    {
        return $this->pendingSize($queue);
    }

    /** The group's lag on the queue's topic: records produced and not yet committed. */
    public function pendingSize($queue = null)
    {
        return $this->lag([$this->getQueue($queue)]);
    }

    /** The group's lag on the queue's delay topics. */
    public function delayedSize($queue = null)
    {
        return $this->lag($this->delayTopics($this->getQueue($queue)));
    }

    /** Not tracked (a record being run is part of the lag until committed): always 0. */
    public function reservedSize($queue = null)
    {
        return 0;
    }

    public function creationTimeOfOldestPendingJob($queue = null)
    {
        return null;
    }

    /** Nothing of the job object goes beyond its payload: Kafka records have no priority. */
    private function rawOptions($job): array
    {
        return [];
    }

    /** @param array{attempts?: int} $options */
    public function pushRaw($payload, $queue = null, array $options = [])
    {
        $this->produce([[$this->getQueue($queue), $payload, $this->headers((int) ($options['attempts'] ?? 0), null)]]);
        return self::uuidOf($payload);
    }

    /** @param int|array{attempts?: int} $options the attempts made, or options */
    public function laterRaw($delay, string $payload, $queue = null, int|array $options = [])
    {
        $attempts = (int) (self::laterOptions($options)['attempts'] ?? 0);
        $queue = $this->getQueue($queue);
        $due = self::dueMs($delay);
        $remaining = $due - self::nowMs();
        if ($remaining <= 0 || (is_numeric($delay) && $delay <= 0)) {
            return $this->pushRaw($payload, $queue, ['attempts' => $attempts]);
        }
        $this->produce([[self::delayTopic($queue, $remaining), $payload, $this->headers($attempts, $due)]]);
        return self::uuidOf($payload);
    }

    /** All jobs produced, then one wait for every delivery report. */
    public function bulk($jobs, $data = '', $queue = null)
    {
        $jobs = (array) $jobs;
        foreach ($jobs as $job) {
            if ($this->shouldDispatchAfterCommit($job) && $this->container->bound('db.transactions')) {
                return parent::bulk($jobs, $data, $queue);
            }
        }
        $queue = $this->getQueue($queue);
        $records = $ids = [];
        foreach ($jobs as $job) {
            $payload = $this->createPayload($job, $queue, $data);
            $ids[] = self::uuidOf($payload);
            $records[] = [$queue, $payload, $this->headers(0, null)];
        }
        $this->produce($records);
        foreach ($jobs as $i => $job) {
            $this->raiseJobQueuedEvent($ids[$i], $job);
        }
    }

    public function pop($queue = null, $index = 0)
    {
        $queue = $this->getQueue($queue);
        $consumer = $this->consumer($queue);
        $this->releaseDueDelays();
        $timeout = (int) ($this->config['consume_timeout_ms'] ?? 1000);
        // A new member has no partitions until the group's rebalance ends, and nothing to read until its
        // fetches answer: the queue is empty once every assigned partition reported its end (or holds a delay
        // not due yet), or at this deadline.
        $deadline = microtime(true) + max(10.0, $timeout / 1000);
        while (true) {
            // With finished jobs to commit, only a record already fetched is taken before committing them.
            $message = $consumer->consume($this->finished === [] ? $timeout : 0);
            if ($message->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
                unset($this->ends["$message->topic_name:$message->partition"]);
                // A worker of several queues (`--queue=a,b`) has one consumer for all: a record of any of
                // them is a job, of its own queue.
                if (isset($this->queues[$message->topic_name])) {
                    return new KafkaJob($this->container, $this, $message, $this->claimOrRejoin($message), $this->connectionName, $message->topic_name);
                }
                try {
                    $this->delayed($message);
                } catch (\Throwable $e) {
                    $this->rejoin();
                    throw $e;
                }
                continue;
            }
            $this->commitFinished();
            if ($message->err === RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                $this->assignmentChanged($consumer);
                $this->ends["$message->topic_name:$message->partition"] = true;
            } elseif ($message->err === RD_KAFKA_RESP_ERR__FATAL) {
                // The consumer can do nothing more (fenced by another with its group.instance.id...): the
                // worker stops, and its supervisor starts one with a new consumer.
                throw new LostConnectionException('Lost connection to Kafka: ' . $message->payload, $message->err);
            } elseif ($message->err !== RD_KAFKA_RESP_ERR__TIMED_OUT && $message->err !== RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
                // (An unknown topic is one just created whose metadata is still spreading.)
                throw new \RuntimeException('Kafka consumer error: ' . $message->errstr(), $message->err);
            }
            if ($this->drained($consumer) || microtime(true) > $deadline) {
                $this->releaseDueDelays();
                return null;
            }
        }
    }

    private function drained(KafkaConsumer $consumer): bool
    {
        $this->assignmentChanged($consumer);
        // Both keyed "topic:partition": a partition that ended and holds a delay record counts once.
        return $this->assigned > 0 && count($this->ends + $this->held) >= $this->assigned;
    }

    private function assignmentChanged(KafkaConsumer $consumer): void
    {
        $key = implode(',', array_map(fn ($tp) => $tp->getTopic() . ':' . $tp->getPartition(), $consumer->getAssignment()));
        if ($key !== $this->assignment) {
            $this->assignment = $key;
            $this->assigned = $key === '' ? 0 : substr_count($key, ',') + 1;
            $this->ends = [];
        }
    }

    /**
     * The group's rebalances, as they happen (rebalanced() may run inside any consume()). A partition given up
     * has its finished jobs committed first, while this member still owns it, and its claim and held delay
     * record forgotten: when it comes back, even with the same assignment, it restarts from the committed
     * offset, where another worker may have left a claim.
     */
    private function rebalanced(KafkaConsumer $consumer, int $err, ?array $partitions, bool $incremental): void
    {
        $partitions ??= [];
        $keys = array_flip(array_map(fn (TopicPartition $tp) => $tp->getTopic() . ':' . $tp->getPartition(), $partitions));
        $this->claimsRead = array_diff_key($this->claimsRead, $keys);
        if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            $incremental ? $consumer->incrementalAssign($partitions) : $consumer->assign($partitions);
            return;
        }
        $giving = array_intersect_key($this->finished, $keys);
        $this->finished = array_diff_key($this->finished, $giving);
        // Resumed before they go: librdkafka keeps a partition's pause across assignments.
        $held = array_intersect_key($this->held, $keys);
        $this->held = array_diff_key($this->held, $held);
        try {
            if ($held !== []) {
                $consumer->resumePartitions(array_map(fn ($m) => new TopicPartition($m->topic_name, $m->partition), array_values($held)));
            }
            if ($giving !== []) {
                $consumer->commit(array_values($giving));
            }
        } catch (\RdKafka\Exception) {
            // The partitions are lost already (the member was dropped from the group): their finished jobs
            // run again, once more, wherever the partitions go.
        }
        $incremental ? $consumer->incrementalUnassign($partitions) : $consumer->assign(null);
    }

    /**
     * Skips every record of the queue's topic and its delay topics for the group (delayed jobs go too, as
     * with Laravel's redis and database queues); returns how many there were.
     */
    public function clear($queue)
    {
        $queue = $this->getQueue($queue);
        $offsets = [];
        $cleared = 0;
        foreach ($this->topicsOf($queue) as $topic) {
            foreach ($this->watermarks($topic) as $partition => [$committed, $high]) {
                $cleared += $high - $committed;
                $offsets[] = new TopicPartition($topic, $partition, $high);
            }
        }
        if ($cleared > 0) {
            try {
                $this->offsetsClient()->commit($offsets);
            } catch (\RdKafka\Exception $e) {
                // Kafka takes offsets from outside the group only while it has no members: with workers
                // running, the records themselves go (records a worker has fetched already still run).
                if (!in_array($e->getCode(), [RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID, RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION, RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS], true)) {
                    throw $e;
                }
                foreach ($this->admin()->deleteRecords($offsets, $this->flushTimeoutMs() / 1000) as $tp) {
                    if ($tp->getErr()) {
                        throw new \RuntimeException(sprintf('Kafka: the records of queue [%s] (topic %s, partition %d) could not be deleted: %s', $queue, $tp->getTopic(), $tp->getPartition(), rd_kafka_err2str($tp->getErr())), $tp->getErr());
                    }
                }
            }
        }
        return $cleared;
    }

    public function getQueue($queue = null): string
    {
        return (string) ($queue ?: ($this->config['queue'] ?? 'default'));
    }

    /** Commits past a released job's record (its copy is already produced). */
    public function commit(Message $message): void
    {
        unset($this->finished["$message->topic_name:$message->partition"]);
        $this->consumer->commit([new TopicPartition($message->topic_name, $message->partition, $message->offset + 1)]);
    }

    /**
     * A deleted (done or failed) job: its offset is committed with the next job's claim, or before pop() waits
     * for more, or at close(). A worker killed in between runs the job again; none is ever skipped.
     */
    public function finished(Message $message): void
    {
        $this->finished["$message->topic_name:$message->partition"] = new TopicPartition($message->topic_name, $message->partition, $message->offset + 1);
    }

    private function commitFinished(): void
    {
        if ($this->finished !== []) {
            // Dropped even when this throws (reported once; those jobs run again): a member the group no
            // longer knows (after a broker restart) fails every commit until librdkafka has rejoined, and
            // retrying here would keep pop() from waiting.
            $offsets = array_values($this->finished);
            $this->finished = [];
            $this->consumer->commit($offsets);
        }
    }

    /**
     * A worker that ends without Laravel's WorkerStopping (`queue:work --once`, which `queue:listen` runs per
     * job) still commits the job it finished, else the next worker would run it again.
     */
    public function __destruct()
    {
        $this->close();
    }

    /**
     * Leaves the group, so that a record this worker took and could not settle (its release or forward failed)
     * is handed out again from the committed offset (to this worker's next consumer or another worker):
     * the consumer's position is past it, and the next commit on its partition would skip it.
     */
    public function rejoin(): void
    {
        $this->close();
    }

    /** Closes the consumer (leaving the group at once) and flushes the producer. */
    public function close(): void
    {
        try {
            $this->commitFinished();
        } catch (\Throwable) {
        }
        try {
            $this->consumer?->close();
            $this->producer?->flush($this->flushTimeoutMs());
        } catch (\Throwable) {
        }
        $this->consumer = $this->producer = null;
        $this->subscription = $this->queues = $this->held = $this->finished = $this->claimsRead = [];
        $this->assignment = '';
        $this->assigned = 0;
        $this->ends = [];
    }

    /**
     * claim(), or, when the claim cannot be committed, a fresh consumer: the record is not run here, and the
     * group hands it out again from its committed offset (to this worker or another).
     */
    private function claimOrRejoin(Message $message): int
    {
        try {
            return $this->claim($message);
        } catch (\RdKafka\Exception $e) {
            $this->rejoin();
            throw new \RuntimeException('Kafka: a job\'s attempt could not be counted before it ran, so it was left queued: ' . $e->getMessage(), $e->getCode(), $e);
        }
    }

    /**
     * Counts this delivery before the job runs, in the metadata the group commits with the record's own offset
     * ("mq-claim:{offset}:{runs}"), so that an attempt whose worker dies counts too, whichever worker runs
     * the job next; returns the attempts including this one. The same synchronous commit moves the group past
     * the jobs finished since the last one (see finished()): one commit per job.
     */
    private function claim(Message $message): int
    {
        $key = "$message->topic_name:$message->partition";
        $started = 0;
        if (!isset($this->claimsRead[$key])) {
            // Only the first record of a partition since the assignment can have been started by another
            // worker: it is the one at the group's committed offset.
            $this->claimsRead[$key] = true;
            $committed = $this->consumer->getCommittedOffsets([new TopicPartition($message->topic_name, $message->partition)], $this->flushTimeoutMs());
            $started = self::runsClaimed($committed[0] ?? null, $message->offset);
        }
        unset($this->finished[$key]);
        $claim = (new TopicPartition($message->topic_name, $message->partition, $message->offset))
            ->setMetadata(sprintf('%s:%d:%d', self::CLAIM, $message->offset, $started + 1));
        $this->consumer->commit([...array_values($this->finished), $claim]);
        $this->finished = [];
        return (int) (($message->headers ?? [])[self::ATTEMPTS_HEADER] ?? 0) + $started + 1;
    }

    /** How many times the record at $offset was started, by the claim committed for its partition. */
    private static function runsClaimed(?TopicPartition $committed, int $offset): int
    {
        $parts = explode(':', (string) $committed?->getMetadata());
        return count($parts) === 3 && $parts[0] === self::CLAIM && (int) $parts[1] === $offset && $committed->getOffset() === $offset
            ? max(0, (int) $parts[2])
            : 0;
    }

    /** A delay record: hop it on when due, else hold it and pause its partition until it is. */
    private function delayed(Message $message): void
    {
        // Known before holding, so that a hold is only dropped by a later rebalance.
        $this->assignmentChanged($this->consumer);
        $level = (int) substr($message->topic_name, strrpos($message->topic_name, '.') + 1);
        if ($message->timestamp + $level * 1000 > self::nowMs()) {
            $this->held["$message->topic_name:$message->partition"] = $message;
            $this->consumer->pausePartitions([new TopicPartition($message->topic_name, $message->partition)]);
            return;
        }
        $this->forward($message);
    }

    private function releaseDueDelays(): void
    {
        foreach ($this->held as $key => $message) {
            $level = (int) substr($message->topic_name, strrpos($message->topic_name, '.') + 1);
            if ($message->timestamp + $level * 1000 <= self::nowMs()) {
                $this->forward($message);
                unset($this->held[$key]);
                $this->consumer->resumePartitions([new TopicPartition($message->topic_name, $message->partition)]);
            }
        }
    }

    /** Produces a delay record to the queue (when due) or the next level, then commits it. */
    private function forward(Message $message): void
    {
        $headers = $message->headers ?? [];
        $due = (int) ($headers[self::DUE_HEADER] ?? 0);
        $queue = substr($message->topic_name, 0, strrpos($message->topic_name, '.delay.'));
        $remaining = $due - self::nowMs();
        $topic = $remaining <= 0 ? $queue : self::delayTopic($queue, $remaining);
        $this->produce([[$topic, (string) $message->payload, $headers]]);
        $this->consumer->commit([new TopicPartition($message->topic_name, $message->partition, $message->offset + 1)]);
    }

    /**
     * Produces [topic, payload, headers] records, then waits for all delivery reports.
     *
     * @param list<array{string, string, array}> $records
     */
    private function produce(array $records): void
    {
        $producer = $this->producer();
        $this->undelivered = [];
        foreach ($records as $i => [$topic, $payload, $headers]) {
            $this->ensureTopics([$topic]);
            try {
                $producer->newTopic($topic)->producev(RD_KAFKA_PARTITION_UA, 0, $payload, self::uuidOf($payload), $headers);
            } catch (\RdKafka\Exception $e) {
                // Refused before it was queued (a record over message.max.bytes...): the jobs before it are
                // delivered first, then dispatch() fails as for any job not queued.
                $producer->flush($this->flushTimeoutMs());
                throw new PublishException(sprintf('Kafka refused job %d of %d: %s', $i + 1, count($records), $e->getMessage()), (int) $e->getCode(), $e);
            }
        }
        $timeout = $this->flushTimeoutMs();
        if ($producer->flush($timeout) !== RD_KAFKA_RESP_ERR_NO_ERROR) {
            throw new PublishException(sprintf('Kafka did not acknowledge %d job(s) within %d ms: they may not be queued.', count($records), $timeout));
        }
        if ($this->undelivered !== []) {
            throw PublishException::notQueued($this->undelivered, count($records));
        }
    }

    private function headers(int $attempts, ?int $due): array
    {
        $headers = [self::ATTEMPTS_HEADER => (string) $attempts];
        if ($due !== null) {
            $headers[self::DUE_HEADER] = (string) $due;
        }
        return $headers;
    }

    private function producer(): Producer
    {
        if ($this->producer === null) {
            // linger.ms 0: dispatch() flushes at once anyway, so waiting for more records only adds latency.
            $conf = $this->conf('producer', ['enable.idempotence' => 'true', 'acks' => 'all', 'linger.ms' => '0']);
            $conf->setDrMsgCb(function ($kafka, Message $message) {
                if ($message->err !== RD_KAFKA_RESP_ERR_NO_ERROR) {
                    $this->undelivered[] = rd_kafka_err2str($message->err);
                }
            });
            $this->producer = new Producer($conf);
        }
        return $this->producer;
    }

    private function consumer(string $queue): KafkaConsumer
    {
        $topics = array_merge([$queue], $this->delayTopics($queue));
        if ($this->consumer === null) {
            $this->consumer = new KafkaConsumer($this->groupConf());
        }
        if (array_diff($topics, $this->subscription) !== []) {
            // Topics are created first: a subscription only sees topics that exist when it starts.
            $this->ensureTopics($topics);
            $this->subscription = array_values(array_unique(array_merge($this->subscription, $topics)));
            $this->queues[$queue] = true;
            $this->consumer->subscribe($this->subscription);
        }
        return $this->consumer;
    }

    private function offsetsClient(): KafkaConsumer
    {
        return $this->offsets ??= new KafkaConsumer($this->groupConf());
    }

    private function groupConf(): Conf
    {
        $defaults = [
            'group.id' => $this->groupId(),
            'enable.auto.commit' => 'false',
            'enable.auto.offset.store' => 'false',
            'auto.offset.reset' => 'earliest',
            'enable.partition.eof' => 'true',
            // A worker creates the topics of a new queue just before subscribing; the brokers may not list them
            // yet, and librdkafka looks again only at this interval (5 minutes by default), while delayed jobs
            // wait in those topics.
            'topic.metadata.refresh.interval.ms' => '10000',
            // A worker runs one job at a time: a few records fetched ahead keep it busy, while librdkafka's
            // default (up to 100 000) would all still run after a queue:clear, and after a rebalance run again.
            'queued.min.messages' => '100',
            // A worker polls the group only between jobs. With librdkafka's default (5 minutes) a job running
            // longer lost its partition meanwhile and ran again on another worker; Laravel's --timeout still
            // ends a job stuck for good. The price: a rebalance waits for a member's job to end.
            'max.poll.interval.ms' => '3600000',
        ];
        $settings = array_merge((array) ($this->config['options'] ?? []), (array) ($this->config['consumer'] ?? []));
        if (($settings['group.protocol'] ?? 'classic') === 'classic' && !isset($settings['session.timeout.ms']) && !isset($settings['heartbeat.interval.ms'])) {
            // A killed worker's partitions go to the others after 10 s without its heartbeats, not
            // librdkafka's 45 s (the broker's group.min.session.timeout.ms is 6 s by default). Set as a pair:
            // one set by the user keeps librdkafka's other.
            $defaults += ['session.timeout.ms' => '10000', 'heartbeat.interval.ms' => '3000'];
        }
        if (($settings['group.protocol'] ?? 'classic') === 'consumer') {
            // The consumer group protocol (KIP-848) has the broker assign partitions, by default with its
            // uniform assignor, which balances their count over the queue's topic and its delay topics
            // together and can leave every partition of the queue to one worker; range shares out each
            // topic, as the classic protocol's default assignor does.
            $defaults['group.remote.assignor'] = 'range';
        }
        $conf = $this->conf('consumer', $defaults);
        $incremental = ($settings['group.protocol'] ?? 'classic') === 'consumer'
            || str_contains($settings['partition.assignment.strategy'] ?? '', 'cooperative-sticky');
        $conf->setRebalanceCb(fn (KafkaConsumer $consumer, int $err, ?array $partitions = null) => $this->rebalanced($consumer, $err, $partitions, $incremental));
        return $conf;
    }

    /**
     * Creates topics that do not exist yet: with `partitions` or `replication_factor` configured, explicitly;
     * otherwise the brokers auto-create a topic named in a producer's metadata request, with their defaults.
     */
    private function ensureTopics(array $topics): void
    {
        $explicit = ($this->config['partitions'] ?? null) !== null || ($this->config['replication_factor'] ?? null) !== null;
        foreach ($topics as $topic) {
            if (!isset($this->topics[$topic])) {
                if ($explicit) {
                    $this->createTopic($topic, null, null);
                } else {
                    $this->producer()->getMetadata(false, $this->producer()->newTopic($topic), 10000);
                }
                $this->topics[$topic] = true;
            }
        }
    }

    /** The queue's topic and its delay topics. */
    public function topicsOf(string $queue): array
    {
        return [$queue, ...$this->delayTopics($queue)];
    }

    /**
     * Creates $topic, by default with the connection's `partitions` and `replication_factor` (unset: the
     * broker's defaults); false when it existed.
     */
    public function createTopic(string $topic, ?int $partitions, ?int $replicationFactor): bool
    {
        return $this->admin()->createTopic(
            $topic,
            $partitions ?? (int) ($this->config['partitions'] ?? -1),
            $replicationFactor ?? (int) ($this->config['replication_factor'] ?? -1)
        );
    }

    /**
     * What differs between the brokers and what this connection expects of $queue's topics (the queue's and
     * its delay topics): a missing topic, and, where `partitions` or `replication_factor` is configured,
     * another count. Reads the cluster's metadata for all topics, which creates none.
     */
    public function checkTopology(string $queue): array
    {
        $client = $this->producer();
        $found = [];
        foreach ($client->getMetadata(true, null, $this->flushTimeoutMs())->getTopics() as $topic) {
            $partitions = iterator_to_array($topic->getPartitions(), false);
            $found[$topic->getTopic()] = [count($partitions), $partitions === [] ? 0 : count($partitions[0]->getReplicas())];
        }
        $expected = ['partitions' => $this->config['partitions'] ?? null, 'replicas' => $this->config['replication_factor'] ?? null];
        $problems = [];
        foreach ($this->topicsOf($queue) as $topic) {
            if (!isset($found[$topic])) {
                $problems[] = "topic \"$topic\" does not exist";
                continue;
            }
            foreach (array_combine(array_keys($expected), $found[$topic]) as $what => $count) {
                if ($expected[$what] !== null && (int) $expected[$what] !== $count) {
                    $problems[] = "topic \"$topic\" has $count $what, the config asks for {$expected[$what]}";
                }
            }
        }
        return $problems;
    }

    /** Deletes $topic and its records; false when there was none. */
    public function deleteTopic(string $topic): bool
    {
        unset($this->topics[$topic]);
        return $this->admin()->deleteTopic($topic);
    }

    private function admin(): \Mq\KafkaAdmin
    {
        return $this->admin ??= new \Mq\KafkaAdmin($this->conf('admin', []));
    }

    /** @return array<int, array{int, int}> partition => [the group's committed offset, high watermark] */
    private function watermarks(string $topic): array
    {
        // Jobs this worker finished are done: not part of the lag, and never committed over a clear().
        $this->commitFinished();
        // A topic that does not exist has no partitions here, so counts 0: asking creates nothing (the
        // consumer's metadata requests never auto-create topics).
        $client = $this->offsetsClient();
        $metadata = $client->getMetadata(false, $client->newTopic($topic), 10000);
        $partitions = [];
        foreach ($metadata->getTopics() as $t) {
            foreach ($t->getPartitions() as $p) {
                $partitions[] = new TopicPartition($topic, $p->getId());
            }
        }
        $result = [];
        foreach ($client->getCommittedOffsets($partitions, 10000) as $tp) {
            $low = $high = 0;
            $client->queryWatermarkOffsets($topic, $tp->getPartition(), $low, $high, 10000);
            // Below the low watermark there is nothing left to read (records deleted by clear()).
            $committed = max($tp->getOffset(), $low);
            $result[$tp->getPartition()] = [$committed, (int) $high];
        }
        return $result;
    }

    private function lag(array $topics): int
    {
        $lag = 0;
        foreach ($topics as $topic) {
            foreach ($this->watermarks($topic) as [$committed, $high]) {
                $lag += max(0, $high - $committed);
            }
        }
        return $lag;
    }

    private function conf(string $client, array $defaults): Conf
    {
        $conf = new Conf();
        $settings = array_merge(
            ['bootstrap.servers' => (string) ($this->config['brokers'] ?? '127.0.0.1:9092')],
            $defaults,
            (array) ($this->config['options'] ?? []),
            (array) ($this->config[$client] ?? [])
        );
        foreach ($settings as $name => $value) {
            $conf->set((string) $name, is_bool($value) ? ($value ? 'true' : 'false') : (string) $value);
        }
        return $conf;
    }

    private function flushTimeoutMs(): int
    {
        return (int) ($this->config['flush_timeout_ms'] ?? 10000);
    }

    private function groupId(): string
    {
        return (string) ($this->config['group_id'] ?? 'laravel');
    }

    private function delayTopics(string $queue): array
    {
        return array_map(fn ($s) => "$queue.delay.$s", self::DELAY_LEVELS);
    }

    /** The largest level not longer than $remainingMs (the smallest level for less than a second). */
    private static function delayTopic(string $queue, int $remainingMs): string
    {
        $level = self::DELAY_LEVELS[0];
        foreach (self::DELAY_LEVELS as $s) {
            if ($s * 1000 <= $remainingMs) {
                $level = $s;
            }
        }
        return "$queue.delay.$level";
    }

    /** When the job may run, in Unix ms, rounded up. */
    private static function dueMs($delay): int
    {
        if ($delay instanceof \DateInterval) {
            $delay = (new \DateTimeImmutable())->add($delay);
        }
        if ($delay instanceof \DateTimeInterface) {
            return (int) ceil((float) $delay->format('U.u') * 1000);
        }
        return (int) ceil(microtime(true) * 1000 + max(0, (float) $delay) * 1000);
    }

    private static function nowMs(): int
    {
        return (int) floor(microtime(true) * 1000);
    }
}
