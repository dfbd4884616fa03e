<?php
// close() of a KafkaConsumer that auto-commits: the final commit's report reaches the offset commit callback
// before close() returns, as under php-rdkafka (mq's close() called no callback).
require __DIR__ . '/_prelude.php';

$topic = name('close-commit');
produce_all($topic, ['m0', 'm1', 'm2', 'm3']);
$conf = conf(['group.id' => name('group'), 'auto.offset.reset' => 'earliest', 'auto.commit.interval.ms' => '60000']);
$conf->setOffsetCommitCb(function ($consumer, $err, $partitions) {
    out("offset commit callback: err $err, " . repr($partitions));
});
$c = new RdKafka\KafkaConsumer($conf);
$c->subscribe([$topic]);
show('consumed', array_map(fn($m) => $m->payload, consume_n($c, 3)));
out('closing');
$c->close();
out('closed');
