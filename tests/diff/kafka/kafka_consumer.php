<?php
// KafkaConsumer: subscribe, consume with a rebalance callback, commits (sync, async, of a message, of
// offsets) with the offset commit callback, committed offsets, positions, assignment, unsubscribe, close.
require __DIR__ . '/_prelude.php';

$topic = name('group-topic');
produce_all($topic, ['a', 'b', 'c', 'd']);
$events = [];
$conf = conf(['group.id' => name('group'), 'auto.offset.reset' => 'earliest', 'enable.auto.commit' => 'false', 'enable.partition.eof' => 'true']);
$conf->setRebalanceCb(function (RdKafka\KafkaConsumer $kc, $err, $parts) use (&$events) {
    $events[] = 'rebalance ' . rd_kafka_err2name($err) . ' ' . repr($parts);
    if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        $kc->assign($parts);
    } else {
        $kc->assign(null);
    }
});
$conf->setOffsetCommitCb(function ($kc, $err, $parts) use (&$events) {
    $events[] = 'offset_commit ' . rd_kafka_err2name($err) . ' ' . repr($parts);
});
$c = new RdKafka\KafkaConsumer($conf);
show('subscription before', $c->getSubscription());
show('assignment before', $c->getAssignment());
show('subscribe', $c->subscribe([$topic]));
show('subscription', $c->getSubscription());
$msgs = consume_n($c, 4);
foreach ($msgs as $m) {
    out('  ' . repr($m));
}
$m = $c->consume(3000);
show('after the last message', rd_kafka_err2name($m->err));
show('errstr', $m->errstr());
show('assignment', $c->getAssignment());
show('commit(message)', $c->commit($msgs[1]));
show('committed', $c->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 5000));
show('commit(offsets)', $c->commit([new RdKafka\TopicPartition($topic, 0, 3)]));
show('committed', $c->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 5000));
show('commit()', $c->commit());
show('commitAsync()', $c->commitAsync());
show('commitAsync(message)', $c->commitAsync($msgs[0]));
$c->consume(500);
$c->consume(500);
show('committed', $c->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 5000));
show('positions', $c->getOffsetPositions([new RdKafka\TopicPartition($topic, 0)]));
show('positions of an unassigned partition', $c->getOffsetPositions([new RdKafka\TopicPartition($topic, 3)]));
show('unsubscribe', $c->unsubscribe());
$c->consume(500);
show('subscription after', $c->getSubscription());
foreach ($events as $e) {
    out('  ' . $e);
}
show('close', $c->close());
