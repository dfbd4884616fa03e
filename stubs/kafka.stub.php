<?php

// php-rdkafka 6's API as mq registers it (RdKafka\...). Signatures follow php-rdkafka's *.stub.php,
// whose return types are tentative (@tentative-return-type): a subclass may override without one.

namespace {
    function rd_kafka_err2str(int $err): ?string {}

    function rd_kafka_err2name(int $err): ?string {}

    /** @return array<int, array{code: int, name: ?string, desc: ?string}> */
    function rd_kafka_get_err_descs(): array {}

    /** @deprecated */
    function rd_kafka_errno2err(int $errnox): int {}

    /** @deprecated */
    function rd_kafka_errno(): int {}

    function rd_kafka_offset_tail(int $cnt): int {}

    function rd_kafka_thread_cnt(): int {}

    abstract class RdKafka
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function addBrokers(string $broker_list): int {}

        /** @tentative-return-type */
        public function getMetadata(bool $all_topics, ?RdKafka\Topic $only_topic, int $timeout_ms): RdKafka\Metadata {}

        /**
         * @return int the controller broker's id, -1 when unknown within the timeout
         * @tentative-return-type
         */
        public function getControllerId(int $timeout_ms): int {}

        /** @tentative-return-type */
        public function getOutQLen(): int {}

        /**
         * @deprecated use getMetadata()
         * @tentative-return-type
         */
        public function metadata(bool $all_topics, ?RdKafka\Topic $only_topic, int $timeout_ms): RdKafka\Metadata {}

        /**
         * @deprecated set the log_level property
         * @tentative-return-type
         */
        public function setLogLevel(int $level): void {}

        /**
         * @return RdKafka\ProducerTopic|RdKafka\ConsumerTopic a ProducerTopic on a Producer, a ConsumerTopic on a Consumer
         * @tentative-return-type
         */
        public function newTopic(string $topic_name, ?RdKafka\TopicConf $topic_conf = null): RdKafka\Topic {}

        /**
         * @deprecated use getOutQLen()
         * @tentative-return-type
         */
        public function outqLen(): int {}

        /**
         * Serves events (delivery reports, errors, logs, stats: the callbacks run here); a producer returns as
         * soon as some were served. Returns how many (a delivery report, one per batch of messages, counts
         * once). A producer's delivery reports wait, counted by getOutQLen(), until served here or by flush().
         * @tentative-return-type
         */
        public function poll(int $timeout_ms): int {}

        /**
         * @return int a producer: RD_KAFKA_RESP_ERR_NO_ERROR, or RD_KAFKA_RESP_ERR__TIMED_OUT (never throws); a
         *             consumer: RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED (as in php-rdkafka)
         * @tentative-return-type
         */
        public function flush(int $timeout_ms): int {}

        /**
         * @return int RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED for a consumer: only producers purge (as in php-rdkafka)
         * @tentative-return-type
         */
        public function purge(int $purge_flags): int {}

        /**
         * @deprecated
         * @param int $logger RD_KAFKA_LOG_PRINT (stderr), RD_KAFKA_LOG_SYSLOG or RD_KAFKA_LOG_SYSLOG_PRINT
         * @tentative-return-type
         */
        public function setLogger(int $logger): void {}

        /**
         * Writes the partition's low and high watermarks into $low and $high.
         * @tentative-return-type
         */
        public function queryWatermarkOffsets(string $topic, int $partition, int &$low, int &$high, int $timeout_ms): void {}

        /**
         * @param array<RdKafka\TopicPartition> $topic_partitions offsets are timestamps (ms)
         * @return array<RdKafka\TopicPartition> the earliest offsets at or after them
         * @tentative-return-type
         */
        public function offsetsForTimes(array $topic_partitions, int $timeout_ms): array {}

        /**
         * @param array<RdKafka\TopicPartition> $topic_partitions
         * @return array<RdKafka\TopicPartition> with getErr() set per partition
         * @tentative-return-type
         */
        public function pausePartitions(array $topic_partitions): array {}

        /**
         * @param array<RdKafka\TopicPartition> $topic_partitions
         * @return array<RdKafka\TopicPartition>
         * @tentative-return-type
         */
        public function resumePartitions(array $topic_partitions): array {}

        /**
         * Sets the SASL/OAUTHBEARER token now (errors throw at once); called from the token refresh callback,
         * it also answers that refresh.
         * @param int $lifetime_ms when the token expires, in ms since the epoch
         * @param array<string, string> $extensions
         * @tentative-return-type
         */
        public function oauthbearerSetToken(string $token_value, int $lifetime_ms, string $principal_name, array $extensions = []): void {}

        /** @tentative-return-type */
        public function oauthbearerSetTokenFailure(string $error): void {}
    }
}

namespace RdKafka {
    class Exception extends \Exception
    {
    }

    class KafkaErrorException extends Exception
    {
        private string $error_string;

        private bool $isFatal;

        private bool $isRetriable;

        private bool $transactionRequiresAbort;

        public function __construct(string $message, int $code, string $error_string, bool $isFatal, bool $isRetriable, bool $transactionRequiresAbort) {}

        /** @tentative-return-type */
        public function getErrorString(): string {}

        /** @tentative-return-type */
        public function isFatal(): bool {}

        /** @tentative-return-type */
        public function isRetriable(): bool {}

        /** @tentative-return-type */
        public function transactionRequiresAbort(): bool {}
    }

    class Conf
    {
        public function __construct() {}

        /**
         * @return array<string, string> every property with its value, librdkafka's defaults included
         * @tentative-return-type
         */
        public function dump(): array {}

        /**
         * @throws Exception librdkafka's message; code RD_KAFKA_CONF_UNKNOWN or RD_KAFKA_CONF_INVALID
         * @tentative-return-type
         */
        public function set(string $name, string $value): void {}

        /**
         * @deprecated set topic properties on the Conf
         * @tentative-return-type
         */
        public function setDefaultTopicConf(TopicConf $topic_conf): void {}

        /**
         * @param callable(\RdKafka $kafka, int $err, string $reason): void $callback
         * @tentative-return-type
         */
        public function setErrorCb(callable $callback): void {}

        /**
         * @param callable(\RdKafka $kafka, Message $message): void $callback
         * @tentative-return-type
         */
        public function setDrMsgCb(callable $callback): void {}

        /**
         * @param callable(\RdKafka|KafkaConsumer $kafka, string $json, int $json_len): void $callback
         * @tentative-return-type
         */
        public function setStatsCb(callable $callback): void {}

        /**
         * @param callable(KafkaConsumer $kafka, int $err, array<TopicPartition> $partitions): void $callback
         * @tentative-return-type
         */
        public function setRebalanceCb(callable $callback): void {}

        /**
         * @param callable(KafkaConsumer $kafka, int $err, array<TopicPartition> $partitions): void $callback
         * @tentative-return-type
         */
        public function setOffsetCommitCb(callable $callback): void {}

        /**
         * @param callable(\RdKafka|KafkaConsumer $kafka, int $level, string $facility, string $message): void $callback
         * @tentative-return-type
         */
        public function setLogCb(callable $callback): void {}

        /**
         * Called with every message KafkaConsumer::consume() returns, before it returns it (php-rdkafka
         * never calls it). Note the argument order.
         * @param callable(Message $message, KafkaConsumer $kafka): void $callback
         * @tentative-return-type
         */
        public function setConsumeCb(callable $callback): void {}

        /**
         * Called inside poll(), flush() or consume() when librdkafka needs a SASL/OAUTHBEARER token; it must
         * call $kafka->oauthbearerSetToken() or oauthbearerSetTokenFailure().
         * @param callable(\RdKafka|KafkaConsumer $kafka, string $oauthbearer_config): void $callback
         * @tentative-return-type
         */
        public function setOauthbearerTokenRefreshCb(callable $callback): void {}
    }

    class TopicConf
    {
        public function __construct() {}

        /**
         * @return array<string, string>
         * @tentative-return-type
         */
        public function dump(): array {}

        /** @tentative-return-type */
        public function set(string $name, string $value): void {}

        /**
         * @param int $partitioner one of RD_KAFKA_MSG_PARTITIONER_*
         * @tentative-return-type
         */
        public function setPartitioner(int $partitioner): void {}
    }

    class Producer extends \RdKafka
    {
        public function __construct(?Conf $conf = null) {}

        /**
         * @throws KafkaErrorException
         * @tentative-return-type
         */
        public function initTransactions(int $timeout_ms): void {}

        /**
         * @throws KafkaErrorException
         * @tentative-return-type
         */
        public function beginTransaction(): void {}

        /**
         * @throws KafkaErrorException
         * @tentative-return-type
         */
        public function commitTransaction(int $timeout_ms): void {}

        /**
         * @throws KafkaErrorException
         * @tentative-return-type
         */
        public function abortTransaction(int $timeout_ms): void {}

        /**
         * mq addition (php-rdkafka 6 has no such method): adds the offsets `$consumer` read to the current
         * transaction, committed for its group by commitTransaction() (discarded by abortTransaction()).
         * `$offsets` are the next offsets to read (last consumed + 1), as commit() takes them. Waits up to
         * `$timeout_ms` (-1: up to the transaction timeout) in one call, which runs no PHP callbacks.
         *
         * @param TopicPartition[] $offsets
         * @throws KafkaErrorException librdkafka's error (e.g. no transaction begun, a fenced producer)
         * @throws \InvalidArgumentException an element that is not a TopicPartition, `$timeout_ms` < -1
         * @throws Exception a closed consumer, or a producer or consumer created before pcntl_fork()
         * @tentative-return-type
         */
        public function sendOffsetsToTransaction(array $offsets, KafkaConsumer $consumer, int $timeout_ms): void {}
    }

    abstract class Topic
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function getName(): string {}
    }

    class ProducerTopic extends Topic
    {
        private function __construct() {}

        /**
         * @param int $msgflags 0 or RD_KAFKA_MSG_F_BLOCK
         * @tentative-return-type
         */
        public function produce(int $partition, int $msgflags, ?string $payload = null, ?string $key = null, ?string $msg_opaque = null): void {}

        /**
         * @param array<string, string>|null $headers
         * @tentative-return-type
         */
        public function producev(int $partition, int $msgflags, ?string $payload = null, ?string $key = null, ?array $headers = null, ?int $timestamp_ms = null, ?string $msg_opaque = null): void {}
    }

    /** The low-level consumer: partitions are started and read one by one, without a group. */
    class Consumer extends \RdKafka
    {
        public function __construct(?Conf $conf = null) {}

        /** @tentative-return-type */
        public function newQueue(): Queue {}
    }

    class ConsumerTopic extends Topic
    {
        private function __construct() {}

        /**
         * @param int $offset an offset, RD_KAFKA_OFFSET_BEGINNING/END/STORED or rd_kafka_offset_tail()
         * @tentative-return-type
         */
        public function consumeStart(int $partition, int $offset): void {}

        /** @tentative-return-type */
        public function consumeQueueStart(int $partition, int $offset, Queue $queue): void {}

        /** @tentative-return-type */
        public function consumeStop(int $partition): void {}

        /**
         * @return Message|null null on timeout; a Message with err set for errors and partition EOF
         * @tentative-return-type
         */
        public function consume(int $partition, int $timeout_ms): ?Message {}

        /**
         * @return array<Message>
         * @tentative-return-type
         */
        public function consumeBatch(int $partition, int $timeout_ms, int $batch_size): array {}

        /**
         * Calls $callback for each message: waits up to the timeout for the first, then serves those ready.
         * @param callable(Message $message): void $callback
         * @return int how many messages were handed over
         * @tentative-return-type
         */
        public function consumeCallback(int $partition, int $timeout_ms, callable $callback): int {}

        /** @tentative-return-type */
        public function offsetStore(int $partition, int $offset): void {}
    }

    class Queue
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function consume(int $timeout_ms): ?Message {}
    }

    class KafkaConsumerTopic extends Topic
    {
        private function __construct() {}

        /**
         * Stores $offset for the next commit (librdkafka commits $offset + 1); needs enable.auto.offset.store=false.
         * @tentative-return-type
         */
        public function offsetStore(int $partition, int $offset): void {}
    }

    class KafkaConsumer
    {
        /** @throws Exception without "group.id" */
        public function __construct(Conf $conf) {}

        /**
         * @param array<TopicPartition>|null $topic_partitions null removes the assignment
         * @tentative-return-type
         */
        public function assign(?array $topic_partitions = null): void {}

        /**
         * Cooperative rebalancing (partition.assignment.strategy=cooperative-sticky): adds partitions.
         * @param array<TopicPartition> $topic_partitions
         * @throws Exception librdkafka's message, code 0
         * @tentative-return-type
         */
        public function incrementalAssign(array $topic_partitions): void {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @tentative-return-type
         */
        public function incrementalUnassign(array $topic_partitions): void {}

        /**
         * @return array<TopicPartition>
         * @tentative-return-type
         */
        public function getAssignment(): array {}

        /**
         * @param array<string> $topics names, or regular expressions starting with "^"
         * @tentative-return-type
         */
        public function subscribe(array $topics): void {}

        /**
         * @return array<string>
         * @tentative-return-type
         */
        public function getSubscription(): array {}

        /** @tentative-return-type */
        public function unsubscribe(): void {}

        /**
         * The next message, or a Message whose err is RD_KAFKA_RESP_ERR__TIMED_OUT (or __PARTITION_EOF
         * with enable.partition.eof). Callbacks, the rebalance callback first of all, run here.
         * @tentative-return-type
         */
        public function consume(int $timeout_ms): Message {}

        /**
         * @param Message|array<TopicPartition>|null $message_or_offsets (php-rdkafka declares that union)
         * @tentative-return-type
         */
        public function commit(mixed $message_or_offsets = null): void {}

        /**
         * @param Message|array<TopicPartition>|null $message_or_offsets
         * @tentative-return-type
         */
        public function commitAsync(mixed $message_or_offsets = null): void {}

        /**
         * Leaves the group (without calling the rebalance callback); later calls throw.
         * @tentative-return-type
         */
        public function close(): void {}

        /** @tentative-return-type */
        public function newTopic(string $topic_name, ?TopicConf $topic_conf = null): KafkaConsumerTopic {}

        /** @tentative-return-type */
        public function getMetadata(bool $all_topics, ?Topic $only_topic, int $timeout_ms): Metadata {}

        /** @tentative-return-type */
        public function getControllerId(int $timeout_ms): int {}

        /** @tentative-return-type */
        public function queryWatermarkOffsets(string $topic, int $partition, int &$low, int &$high, int $timeout_ms): void {}

        /**
         * @param array<TopicPartition> $topic_partitions offsets are timestamps (ms)
         * @return array<TopicPartition>
         * @tentative-return-type
         */
        public function offsetsForTimes(array $topic_partitions, int $timeout_ms): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition> the consumer's current positions
         * @tentative-return-type
         */
        public function getOffsetPositions(array $topic_partitions): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition>
         * @tentative-return-type
         */
        public function getCommittedOffsets(array $topic_partitions, int $timeout_ms): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition> with getErr() set per partition
         * @tentative-return-type
         */
        public function pausePartitions(array $topic_partitions): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition>
         * @tentative-return-type
         */
        public function resumePartitions(array $topic_partitions): array {}

        /**
         * Not in php-rdkafka, whose KafkaConsumer gives its token refresh callback no way to answer.
         * @tentative-return-type
         */
        public function oauthbearerSetToken(string $token_value, int $lifetime_ms, string $principal_name, ?array $extensions = null): void {}

        /** @tentative-return-type */
        public function oauthbearerSetTokenFailure(string $error): void {}
    }

    class Message
    {
        public int $err;
        public ?string $topic_name = null;
        public ?int $timestamp = null;
        public int $partition;
        public ?string $payload = null;
        public ?int $len = null;
        public ?string $key = null;
        public int $offset;
        public array $headers;
        public ?string $opaque = null;

        /** @tentative-return-type */
        public function errstr(): ?string {}
    }

    class TopicPartition
    {
        public function __construct(string $topic, int $partition, int $offset = 0) {}

        /** @tentative-return-type */
        public function getTopic(): ?string {}

        /** @tentative-return-type */
        public function setTopic(string $topic_name): TopicPartition {}

        /** @tentative-return-type */
        public function getPartition(): int {}

        /** @tentative-return-type */
        public function setPartition(int $partition): TopicPartition {}

        /** @tentative-return-type */
        public function getOffset(): int {}

        /** @tentative-return-type */
        public function setOffset(int $offset): TopicPartition {}

        /** @tentative-return-type */
        public function getErr(): ?int {}

        /**
         * mq addition: the metadata committed with the offset (commit() sends it, getCommittedOffsets() reads it back).
         * @tentative-return-type
         */
        public function getMetadata(): ?string {}

        /**
         * mq addition: see getMetadata(); null clears it.
         * @tentative-return-type
         */
        public function setMetadata(?string $metadata = null): TopicPartition {}
    }
}

namespace RdKafka {
    class Metadata
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function getOrigBrokerId(): int {}

        /** @tentative-return-type */
        public function getOrigBrokerName(): string {}

        /**
         * @return Metadata\Collection<Metadata\Broker>
         * @tentative-return-type
         */
        public function getBrokers(): Metadata\Collection {}

        /**
         * @return Metadata\Collection<Metadata\Topic>
         * @tentative-return-type
         */
        public function getTopics(): Metadata\Collection {}
    }
}

namespace RdKafka\Metadata {
    class Collection implements \Countable, \Iterator
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function count(): int {}

        /** @tentative-return-type */
        public function current(): mixed {}

        /** @tentative-return-type */
        public function key(): int {}

        /** @tentative-return-type */
        public function next(): void {}

        /** @tentative-return-type */
        public function rewind(): void {}

        /** @tentative-return-type */
        public function valid(): bool {}
    }

    class Broker
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function getId(): int {}

        /** @tentative-return-type */
        public function getHost(): string {}

        /** @tentative-return-type */
        public function getPort(): int {}
    }

    class Topic
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function getTopic(): string {}

        /** @tentative-return-type */
        public function getErr(): int {}

        /**
         * @return Collection<Partition>
         * @tentative-return-type
         */
        public function getPartitions(): Collection {}
    }

    class Partition
    {
        private function __construct() {}

        /** @tentative-return-type */
        public function getId(): int {}

        /** @tentative-return-type */
        public function getErr(): int {}

        /** @tentative-return-type */
        public function getLeader(): int {}

        /**
         * @return Collection<int>
         * @tentative-return-type
         */
        public function getReplicas(): Collection {}

        /**
         * @return Collection<int>
         * @tentative-return-type
         */
        public function getIsrs(): Collection {}
    }
}
