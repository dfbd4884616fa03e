<?php
// The offset commit callback for auto-commits (enable.auto.commit, every 100 ms), called inside consume():
// how many calls there are depends on timing, so only the last one is printed, once it covers every
// consumed message.
require __DIR__ . '/_prelude.php';

$topic = name('auto-commit');
produce_all($topic, ['a', 'b', 'c']);
$last = null;
$conf = conf(['group.id' => name('group'), 'auto.offset.reset' => 'earliest', 'auto.commit.interval.ms' => '100']);
$conf->setOffsetCommitCb(function ($kc, $err, $parts) use (&$last) {
    $last = [$kc instanceof RdKafka\KafkaConsumer, rd_kafka_err2name($err), repr($parts)];
});
$c = new RdKafka\KafkaConsumer($conf);
$c->subscribe([$topic]);
foreach (consume_n($c, 3) as $m) {
    out('  consumed ' . repr($m->payload));
}
$deadline = microtime(true) + 10;
while (($last === null || !str_contains($last[2], ', 3,')) && microtime(true) < $deadline) {
    $c->consume(100);
}
show('last auto-commit report', $last);
show('committed', $c->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 5000));
$c->close();
