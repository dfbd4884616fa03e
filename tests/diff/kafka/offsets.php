<?php
// queryWatermarkOffsets, offsetsForTimes, pausePartitions and resumePartitions on each client type, with
// unknown topics and partitions and unreachable brokers.
require __DIR__ . '/_prelude.php';

$topic = name('offsets');
$p = new RdKafka\Producer(conf());
$t = $p->newTopic($topic);
foreach ([1000, 2000, 3000] as $i => $ts) {
    $t->producev(0, 0, "m$i", null, null, 1700000000000 + $ts);
}
// Delivered before the queries (the topic is auto-created on first use: slow on a loaded machine).
for ($i = 0; $i < 3 && $p->flush(10000) !== RD_KAFKA_RESP_ERR_NO_ERROR; $i++);
$kc = kafka_consumer();
$c = new RdKafka\Consumer(conf());
foreach (['Producer' => $p, 'Consumer' => $c, 'KafkaConsumer' => $kc] as $label => $k) {
    out("== $label");
    $low = $high = 'unset';
    attempt('queryWatermarkOffsets', function () use ($k, $topic, &$low, &$high) {
        $k->queryWatermarkOffsets($topic, 0, $low, $high, 10000);
        return [$low, $high];
    });
    $low = $high = 'unset';
    attempt('queryWatermarkOffsets unknown partition', function () use ($k, $topic, &$low, &$high) {
        $k->queryWatermarkOffsets($topic, 5, $low, $high, 10000);
        return [$low, $high];
    });
    attempt('queryWatermarkOffsets unknown topic', function () use ($k, &$low, &$high) {
        $k->queryWatermarkOffsets(name('missing'), 0, $low, $high, 3000);
        return [$low, $high];
    });
    attempt('offsetsForTimes', fn () => $k->offsetsForTimes([
        new RdKafka\TopicPartition($topic, 0, 1700000000000 + 1500),
        new RdKafka\TopicPartition($topic, 0, 1700000000000 + 3000),
    ], 10000));
    attempt('offsetsForTimes after the last', fn () => $k->offsetsForTimes([new RdKafka\TopicPartition($topic, 0, 1700000000000 + 9000)], 10000));
    attempt('offsetsForTimes unknown partition', fn () => $k->offsetsForTimes([new RdKafka\TopicPartition($topic, 5, 0)], 10000));
    attempt('offsetsForTimes([])', fn () => $k->offsetsForTimes([], 1000));
    attempt('pausePartitions', fn () => $k->pausePartitions([new RdKafka\TopicPartition($topic, 0)]));
    attempt('resumePartitions', fn () => $k->resumePartitions([new RdKafka\TopicPartition($topic, 0)]));
    attempt('pausePartitions([])', fn () => $k->pausePartitions([]));
}
$dead = new RdKafka\Producer(conf(['bootstrap.servers' => '127.0.0.1:1', 'log_level' => '0']));
attempt('queryWatermarkOffsets timeout', function () use ($dead, $topic, &$low, &$high) {
    $dead->queryWatermarkOffsets($topic, 0, $low, $high, 300);
    return [$low, $high];
});
attempt('offsetsForTimes timeout', fn () => $dead->offsetsForTimes([new RdKafka\TopicPartition($topic, 0, 0)], 300));
$kc->close();
