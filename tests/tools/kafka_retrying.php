<?php
// Shared by the Mq\KafkaRetryingConsumer tests (tests/phpt/kafka_retrying_consumer_*.phpt).
require_once __DIR__ . '/brokers.php';

/** A consumer configuration for $group under $protocol (the tests pass kafka_group_protocol()). */
function retrying_conf(string $group, string $protocol): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', $group);
    $conf->set('group.protocol', $protocol);
    $conf->set('auto.offset.reset', 'earliest');
    if ($protocol === 'classic') {
        // The broker's shortest: a killed member's partitions move on within seconds (the consumer
        // protocol takes it from the broker, scripts/kafka.sh).
        $conf->set('session.timeout.ms', '6000');
    }
    return $conf;
}

/** Produces [payload, key, headers] records to partition 0 of $topic and waits for their delivery. */
function produce_records(string $topic, array $records): void
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $producer = new RdKafka\Producer($conf);
    $handle = $producer->newTopic($topic);
    foreach ($records as [$payload, $key, $headers]) {
        $handle->producev(0, 0, $payload, $key, $headers);
    }
    if ($producer->flush(10000) !== RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw new RuntimeException("records to $topic not delivered");
    }
}

/** The records of partition 0 of $topic from its beginning, until $count came or 20 s passed. */
function read_records(string $topic, int $count): array
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', fresh_name('reader'));
    $consumer = new RdKafka\KafkaConsumer($conf);
    $consumer->assign([new RdKafka\TopicPartition($topic, 0, RD_KAFKA_OFFSET_BEGINNING)]);
    $records = [];
    $deadline = microtime(true) + 20;
    while (count($records) < $count && microtime(true) < $deadline) {
        $m = $consumer->consume(200);
        if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            $records[] = $m;
        }
    }
    $consumer->close();
    return $records;
}

/** The offsets $group committed on partition 0 of each of $topics (negative: none). */
function committed_offsets(string $group, array $topics): array
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', $group);
    $consumer = new RdKafka\KafkaConsumer($conf);
    $tps = array_map(fn ($t) => new RdKafka\TopicPartition($t, 0), $topics);
    $out = [];
    foreach ($consumer->getCommittedOffsets($tps, 10000) as $tp) {
        $out[$tp->getTopic()] = $tp->getOffset();
    }
    $consumer->close();
    return $out;
}
