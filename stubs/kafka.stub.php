<?php

// php-rdkafka 6's API as mq registers it (RdKafka\...). Signatures follow php-rdkafka's *.stub.php.

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
    }
}

namespace RdKafka {
    class Exception extends \Exception
    {
    }

    class KafkaErrorException extends Exception
    {
        public function __construct(string $message, int $code, string $error_string, bool $isFatal, bool $isRetriable, bool $transactionRequiresAbort) {}

        public function getErrorString(): string {}

        public function isFatal(): bool {}

        public function isRetriable(): bool {}

        public function transactionRequiresAbort(): bool {}
    }

    class Conf
    {
        public function __construct() {}

        /** @return array<string, string> every property with its value, librdkafka's defaults included */
        public function dump(): array {}

        /** @throws Exception librdkafka's message; code RD_KAFKA_CONF_UNKNOWN or RD_KAFKA_CONF_INVALID */
        public function set(string $name, string $value): void {}

        /** @deprecated set topic properties on the Conf */
        public function setDefaultTopicConf(TopicConf $topic_conf): void {}

        /** @param callable(\RdKafka $kafka, int $err, string $reason): void $callback */
        public function setErrorCb(callable $callback): void {}

        /** @param callable(\RdKafka $kafka, Message $message): void $callback */
        public function setDrMsgCb(callable $callback): void {}

        /** @param callable(\RdKafka|KafkaConsumer $kafka, string $json, int $json_len): void $callback */
        public function setStatsCb(callable $callback): void {}

        /** @param callable(KafkaConsumer $kafka, int $err, array<TopicPartition> $partitions): void $callback */
        public function setRebalanceCb(callable $callback): void {}

        /** @param callable(KafkaConsumer $kafka, int $err, array<TopicPartition> $partitions): void $callback */
        public function setOffsetCommitCb(callable $callback): void {}

        /** @param callable(\RdKafka|KafkaConsumer $kafka, int $level, string $facility, string $message): void $callback */
        public function setLogCb(callable $callback): void {}

        /**
         * Called with every message KafkaConsumer::consume() returns, before it returns it (php-rdkafka
         * never calls it). Note the argument order.
         * @param callable(Message $message, KafkaConsumer $kafka): void $callback
         */
        public function setConsumeCb(callable $callback): void {}

        /**
         * Called inside poll(), flush() or consume() when librdkafka needs a SASL/OAUTHBEARER token; it must
         * call $kafka->oauthbearerSetToken() or oauthbearerSetTokenFailure().
         * @param callable(\RdKafka|KafkaConsumer $kafka, string $oauthbearer_config): void $callback
         */
        public function setOauthbearerTokenRefreshCb(callable $callback): void {}
    }

    class TopicConf
    {
        public function __construct() {}

        /** @return array<string, string> */
        public function dump(): array {}

        public function set(string $name, string $value): void {}

        /** @param int $partitioner one of RD_KAFKA_MSG_PARTITIONER_* */
        public function setPartitioner(int $partitioner): void {}
    }

    class Producer extends \RdKafka
    {
        public function __construct(?Conf $conf = null) {}

        public function newTopic(string $topic_name, ?TopicConf $topic_conf = null): ProducerTopic {}

        /** Serves delivery reports and errors (callbacks run here); returns as soon as some were served. */
        public function poll(int $timeout_ms): int {}

        /** @return int RD_KAFKA_RESP_ERR_NO_ERROR, or RD_KAFKA_RESP_ERR__TIMED_OUT; never throws */
        public function flush(int $timeout_ms): int {}

        public function getMetadata(bool $all_topics, ?Topic $only_topic, int $timeout_ms): Metadata {}

        /** @deprecated use getMetadata() */
        public function metadata(bool $all_topics, ?Topic $only_topic, int $timeout_ms): Metadata {}

        /** @return int the controller broker's id, -1 when unknown within the timeout */
        public function getControllerId(int $timeout_ms): int {}

        /** Writes the partition's low and high watermarks into $low and $high (ext-php-rs declares them mixed). */
        public function queryWatermarkOffsets(string $topic, int $partition, mixed &$low, mixed &$high, int $timeout_ms): void {}

        /**
         * @param array<TopicPartition> $topic_partitions offsets are timestamps (ms)
         * @return array<TopicPartition> the earliest offsets at or after them
         */
        public function offsetsForTimes(array $topic_partitions, int $timeout_ms): array {}

        public function purge(int $purge_flags): int {}

        public function getOutQLen(): int {}

        /** @deprecated use getOutQLen() */
        public function outqLen(): int {}

        /** @deprecated set the log_level property */
        public function setLogLevel(int $level): void {}

        /**
         * @deprecated
         * @param int $logger RD_KAFKA_LOG_PRINT (stderr), RD_KAFKA_LOG_SYSLOG or RD_KAFKA_LOG_SYSLOG_PRINT
         */
        public function setLogger(int $logger): void {}

        /**
         * Sets the SASL/OAUTHBEARER token now (errors throw at once); called from the token refresh callback,
         * it also answers that refresh.
         * @param int $lifetime_ms when the token expires, in ms since the epoch
         * @param array<string, string>|null $extensions
         */
        public function oauthbearerSetToken(string $token_value, int $lifetime_ms, string $principal_name, ?array $extensions = null): void {}

        public function oauthbearerSetTokenFailure(string $error): void {}

        public function addBrokers(string $broker_list): int {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition> with getErr() set per partition
         */
        public function pausePartitions(array $topic_partitions): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition>
         */
        public function resumePartitions(array $topic_partitions): array {}

        /** @throws KafkaErrorException */
        public function initTransactions(int $timeout_ms): void {}

        /** @throws KafkaErrorException */
        public function beginTransaction(): void {}

        /** @throws KafkaErrorException */
        public function commitTransaction(int $timeout_ms): void {}

        /** @throws KafkaErrorException */
        public function abortTransaction(int $timeout_ms): void {}
    }

    abstract class Topic
    {
        private function __construct() {}
    }

    class ProducerTopic extends Topic
    {
        private function __construct() {}

        public function getName(): string {}

        /** @param int $msgflags 0 or RD_KAFKA_MSG_F_BLOCK */
        public function produce(int $partition, int $msgflags, ?string $payload = null, ?string $key = null, ?string $msg_opaque = null): void {}

        /** @param array<string, string>|null $headers */
        public function producev(int $partition, int $msgflags, ?string $payload = null, ?string $key = null, ?array $headers = null, ?int $timestamp_ms = null, ?string $msg_opaque = null): void {}
    }

    /** The low-level consumer: partitions are started and read one by one, without a group. */
    class Consumer extends \RdKafka
    {
        public function __construct(?Conf $conf = null) {}

        public function newTopic(string $topic_name, ?TopicConf $topic_conf = null): ConsumerTopic {}

        public function newQueue(): Queue {}

        /** Serves error, log and stats callbacks; returns how many events were served. */
        public function poll(int $timeout_ms): int {}

        public function addBrokers(string $broker_list): int {}

        public function getControllerId(int $timeout_ms): int {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition> with getErr() set per partition
         */
        public function pausePartitions(array $topic_partitions): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition>
         */
        public function resumePartitions(array $topic_partitions): array {}

        public function getOutQLen(): int {}

        /** @deprecated use getOutQLen() */
        public function outqLen(): int {}

        public function getMetadata(bool $all_topics, ?Topic $only_topic, int $timeout_ms): Metadata {}

        /** @deprecated use getMetadata() */
        public function metadata(bool $all_topics, ?Topic $only_topic, int $timeout_ms): Metadata {}

        public function queryWatermarkOffsets(string $topic, int $partition, mixed &$low, mixed &$high, int $timeout_ms): void {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition>
         */
        public function offsetsForTimes(array $topic_partitions, int $timeout_ms): array {}

        /** @return int RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED: only producers flush (as in php-rdkafka) */
        public function flush(int $timeout_ms): int {}

        /** @return int RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED: only producers purge (as in php-rdkafka) */
        public function purge(int $purge_flags): int {}

        /** @deprecated set the log_level property */
        public function setLogLevel(int $level): void {}

        /**
         * @deprecated
         * @param int $logger RD_KAFKA_LOG_PRINT (stderr), RD_KAFKA_LOG_SYSLOG or RD_KAFKA_LOG_SYSLOG_PRINT
         */
        public function setLogger(int $logger): void {}

        /**
         * Sets the SASL/OAUTHBEARER token now (errors throw at once); called from the token refresh callback,
         * it also answers that refresh.
         * @param int $lifetime_ms when the token expires, in ms since the epoch
         * @param array<string, string>|null $extensions
         */
        public function oauthbearerSetToken(string $token_value, int $lifetime_ms, string $principal_name, ?array $extensions = null): void {}

        public function oauthbearerSetTokenFailure(string $error): void {}
    }

    class ConsumerTopic extends Topic
    {
        private function __construct() {}

        public function getName(): string {}

        /** @param int $offset an offset, RD_KAFKA_OFFSET_BEGINNING/END/STORED or rd_kafka_offset_tail() */
        public function consumeStart(int $partition, int $offset): void {}

        public function consumeQueueStart(int $partition, int $offset, Queue $queue): void {}

        public function consumeStop(int $partition): void {}

        /** @return Message|null null on timeout; a Message with err set for errors and partition EOF */
        public function consume(int $partition, int $timeout_ms): ?Message {}

        /** @return array<Message> */
        public function consumeBatch(int $partition, int $timeout_ms, int $batch_size): array {}

        /**
         * Calls $callback for each message: waits up to the timeout for the first, then serves those ready.
         * @param callable(Message $message): void $callback
         * @return int how many messages were handed over
         */
        public function consumeCallback(int $partition, int $timeout_ms, callable $callback): int {}

        public function offsetStore(int $partition, int $offset): void {}
    }

    class Queue
    {
        private function __construct() {}

        public function consume(int $timeout_ms): ?Message {}
    }

    class KafkaConsumerTopic extends Topic
    {
        private function __construct() {}

        public function getName(): string {}

        /** Stores $offset for the next commit (librdkafka commits $offset + 1); needs enable.auto.offset.store=false. */
        public function offsetStore(int $partition, int $offset): void {}
    }

    class KafkaConsumer
    {
        /** @throws Exception without "group.id" */
        public function __construct(Conf $conf) {}

        /** @param array<TopicPartition>|null $topic_partitions null removes the assignment */
        public function assign(?array $topic_partitions = null): void {}

        /**
         * Cooperative rebalancing (partition.assignment.strategy=cooperative-sticky): adds partitions.
         * @param array<TopicPartition> $topic_partitions
         * @throws Exception librdkafka's message, code 0
         */
        public function incrementalAssign(array $topic_partitions): void {}

        /** @param array<TopicPartition> $topic_partitions */
        public function incrementalUnassign(array $topic_partitions): void {}

        /** @return array<TopicPartition> */
        public function getAssignment(): array {}

        /** @param array<string> $topics names, or regular expressions starting with "^" */
        public function subscribe(array $topics): void {}

        /** @return array<string> */
        public function getSubscription(): array {}

        public function unsubscribe(): void {}

        /**
         * The next message, or a Message whose err is RD_KAFKA_RESP_ERR__TIMED_OUT (or __PARTITION_EOF
         * with enable.partition.eof). Callbacks, the rebalance callback first of all, run here.
         */
        public function consume(int $timeout_ms): Message {}

        /** @param Message|array<TopicPartition>|null $message_or_offsets (php-rdkafka declares that union) */
        public function commit(mixed $message_or_offsets = null): void {}

        /** @param Message|array<TopicPartition>|null $message_or_offsets */
        public function commitAsync(mixed $message_or_offsets = null): void {}

        /** Leaves the group (without calling the rebalance callback); later calls throw. */
        public function close(): void {}

        public function newTopic(string $topic_name, ?TopicConf $topic_conf = null): KafkaConsumerTopic {}

        public function getMetadata(bool $all_topics, ?Topic $only_topic, int $timeout_ms): Metadata {}

        public function getControllerId(int $timeout_ms): int {}

        public function queryWatermarkOffsets(string $topic, int $partition, mixed &$low, mixed &$high, int $timeout_ms): void {}

        /**
         * @param array<TopicPartition> $topic_partitions offsets are timestamps (ms)
         * @return array<TopicPartition>
         */
        public function offsetsForTimes(array $topic_partitions, int $timeout_ms): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition> the consumer's current positions
         */
        public function getOffsetPositions(array $topic_partitions): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition>
         */
        public function getCommittedOffsets(array $topic_partitions, int $timeout_ms): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition> with getErr() set per partition
         */
        public function pausePartitions(array $topic_partitions): array {}

        /**
         * @param array<TopicPartition> $topic_partitions
         * @return array<TopicPartition>
         */
        public function resumePartitions(array $topic_partitions): array {}

        /** Not in php-rdkafka, whose KafkaConsumer gives its token refresh callback no way to answer. */
        public function oauthbearerSetToken(string $token_value, int $lifetime_ms, string $principal_name, ?array $extensions = null): void {}

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

        public function errstr(): ?string {}
    }

    class TopicPartition
    {
        public function __construct(string $topic, int $partition, ?int $offset = 0) {}

        public function getTopic(): ?string {}

        public function setTopic(string $topic_name): TopicPartition {}

        public function getPartition(): int {}

        public function setPartition(int $partition): TopicPartition {}

        public function getOffset(): int {}

        public function setOffset(int $offset): TopicPartition {}

        public function getErr(): ?int {}
    }
}

namespace RdKafka {
    class Metadata
    {
        private function __construct() {}

        public function getOrigBrokerId(): int {}

        public function getOrigBrokerName(): string {}

        /** @return Metadata\Collection<Metadata\Broker> */
        public function getBrokers(): Metadata\Collection {}

        /** @return Metadata\Collection<Metadata\Topic> */
        public function getTopics(): Metadata\Collection {}
    }
}

namespace RdKafka\Metadata {
    class Collection implements \Countable, \Iterator
    {
        private function __construct() {}

        public function count(): int {}

        public function current(): mixed {}

        public function key(): int {}

        public function next(): void {}

        public function rewind(): void {}

        public function valid(): bool {}
    }

    class Broker
    {
        private function __construct() {}

        public function getId(): int {}

        public function getHost(): string {}

        public function getPort(): int {}
    }

    class Topic
    {
        private function __construct() {}

        public function getTopic(): string {}

        public function getErr(): int {}

        /** @return Collection<Partition> */
        public function getPartitions(): Collection {}
    }

    class Partition
    {
        private function __construct() {}

        public function getId(): int {}

        public function getErr(): int {}

        public function getLeader(): int {}

        /** @return Collection<int> */
        public function getReplicas(): Collection {}

        /** @return Collection<int> */
        public function getIsrs(): Collection {}
    }
}
