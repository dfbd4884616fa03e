--TEST--
Kafka: the offset commit callback gets every commit()/commitAsync() result inside the next consume(), errors included; with nothing to commit it gets _NO_OFFSET and an empty array (php-rdkafka 6.0.4 segfaults there: librdkafka passes no list)
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', fresh_name('mq-commit-cb'));
$conf->set('group.protocol', kafka_group_protocol());
$conf->set('enable.auto.commit', 'false');
$conf->set('log_level', '0');
$events = [];
$conf->setOffsetCommitCb(function ($kafka, $err, $parts) use (&$events) {
    $events[] = rd_kafka_err2name($err) . ' ' . json_encode(array_map(
        fn ($p) => [$p->getPartition(), $p->getOffset(), $p->getErr()], $parts));
});
$c = new RdKafka\KafkaConsumer($conf);
$topic = fresh_name('mq-commit-cb-topic');
foreach ([
    'commit()' => fn () => $c->commit(),
    'commitAsync()' => fn () => $c->commitAsync(),
    'commit(unknown topic)' => fn () => $c->commit([new RdKafka\TopicPartition($topic, 0, 5)]),
    'commitAsync(unknown topic)' => fn () => $c->commitAsync([new RdKafka\TopicPartition($topic, 0, 6)]),
] as $label => $call) {
    try {
        $call();
        echo "$label: ok\n";
    } catch (RdKafka\Exception $e) {
        echo "$label: ", $e->getCode(), ' ', $e->getMessage(), "\n";
    }
}
var_dump($events);
$deadline = microtime(true) + 10;
while (count($events) < 4 && microtime(true) < $deadline) {
    $c->consume(100);
}
// A sync commit's result is recorded when it returns, an async one's when consume() serves it: sorted.
sort($events);
echo implode("\n", $events), "\n";
$c->close();
?>
--EXPECT--
commit(): -168 Local: No offset stored
commitAsync(): ok
commit(unknown topic): 3 Broker: Unknown topic or partition
commitAsync(unknown topic): ok
array(0) {
}
UNKNOWN_TOPIC_OR_PART [[0,5,3]]
UNKNOWN_TOPIC_OR_PART [[0,6,3]]
_NO_OFFSET []
_NO_OFFSET []
