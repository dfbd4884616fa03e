<?php
// KafkaConsumer error paths: no group.id, timeouts, commits with nothing to commit, bad arguments (use after
// close: kafka_consumer_closed.php).
require __DIR__ . '/_prelude.php';

attempt('no group.id', fn () => new RdKafka\KafkaConsumer(conf()));
$topic = name('kc-errors');
produce_all($topic, ['x']);
$c = kafka_consumer(['enable.auto.commit' => 'false', 'log_level' => '0']);
$m = $c->consume(100);
show('consume without subscription', $m);
show('errstr', $m->errstr());
attempt('commit() without offsets', fn () => $c->commit());
attempt('commitAsync() without offsets', fn () => $c->commitAsync());
attempt('commit([])', fn () => $c->commit([]));
attempt('commit(unknown partition)', fn () => $c->commit([new RdKafka\TopicPartition($topic, 9, 1)]));
attempt('subscribe([])', fn () => $c->subscribe([]));
attempt('subscribe([42])', fn () => $c->subscribe([42]));
attempt('assign([])', fn () => $c->assign([]));
attempt('getAssignment', fn () => $c->getAssignment());
attempt('assign(unknown partition)', fn () => $c->assign([new RdKafka\TopicPartition($topic, 9)]));
attempt('getAssignment', fn () => $c->getAssignment());
attempt('assign(null)', fn () => $c->assign(null));
attempt('assign()', fn () => $c->assign());
attempt('getCommittedOffsets([], 1000)', fn () => $c->getCommittedOffsets([], 1000));
attempt('getCommittedOffsets(unknown topic)', fn () => $c->getCommittedOffsets([new RdKafka\TopicPartition(name('missing'), 0)], 5000));
attempt('getOffsetPositions([])', fn () => $c->getOffsetPositions([]));
attempt('close', fn () => $c->close());
