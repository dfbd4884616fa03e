<?php
// The low-level Consumer: ConsumerTopic consumeStart/consume/consumeBatch/consumeCallback/consumeStop,
// offsetStore, a Queue with consumeQueueStart, and their error paths.
require __DIR__ . '/_prelude.php';

$topic = name('low-level');
produce_all($topic, ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
$c = new RdKafka\Consumer(conf(['group.id' => name('group'), 'enable.partition.eof' => 'true']));
$tc = new RdKafka\TopicConf();
$tc->set('auto.commit.enable', 'false');
$t = $c->newTopic($topic, $tc);
show('class', get_class($t));
show('getName', $t->getName());
attempt('consumeStart(0, BEGINNING)', fn () => $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING));
$got = [];
$deadline = microtime(true) + 10;
while (count($got) < 2 && microtime(true) < $deadline) {
    $m = $t->consume(0, 500);
    if ($m !== null) {
        $got[] = $m;
    }
}
foreach ($got as $m) {
    out('  consume ' . repr($m));
}
$batch = $t->consumeBatch(0, 3000, 2);
show('consumeBatch count', count($batch));
foreach ($batch as $m) {
    out('  batch ' . repr($m));
}
$seen = [];
$n = $t->consumeCallback(0, 3000, function ($m) use (&$seen) {
    $seen[] = $m;
});
show('consumeCallback returned', $n);
foreach ($seen as $m) {
    out('  callback ' . repr($m));
}
attempt('offsetStore(0, 3)', fn () => $t->offsetStore(0, 3));
attempt('consumeStop(0)', fn () => $t->consumeStop(0));
attempt('consumeStop(0) again', fn () => $t->consumeStop(0));

// A queue fed by two partitions' worth of starts (the topic has one: partition 0, from offset 4).
$q = $c->newQueue();
show('queue class', get_class($q));
attempt('consumeQueueStart(0, 4, q)', fn () => $t->consumeQueueStart(0, 4, $q));
$got = [];
$deadline = microtime(true) + 10;
while (count($got) < 3 && microtime(true) < $deadline) {
    $m = $q->consume(500);
    if ($m !== null) {
        $got[] = $m;
    }
}
foreach ($got as $m) {
    out('  queue ' . repr($m));
}
show('queue consume on EOF-drained queue', $q->consume(200));
attempt('consumeStop(0)', fn () => $t->consumeStop(0));
show('poll', $c->poll(0));
show('getOutQLen', $c->getOutQLen());
show('flush', $c->flush(100));
show('purge', $c->purge(RD_KAFKA_PURGE_F_QUEUE));
