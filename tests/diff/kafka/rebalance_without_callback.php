<?php
// Without a rebalance_cb, librdkafka rebalances in its own threads: a consumer gets its partitions
// without calling consume(), and unsubscribe() leaves the group at once, so another member takes the
// partitions over while the first one never polls again.
// timeout: 90
require __DIR__ . '/_prelude.php';

$topic = name('topic');
produce_all($topic, ['m0', 'm1']);
$settings = ['group.id' => name('group'), 'auto.offset.reset' => 'earliest'];

$a = new RdKafka\KafkaConsumer(conf($settings));
$a->subscribe([$topic]);
$deadline = microtime(true) + 20;
while (!$a->getAssignment() && microtime(true) < $deadline) {
    usleep(100000);
}
show('a assigned without consume()', array_map(fn($tp) => $tp->getPartition(), $a->getAssignment()));
$a->unsubscribe();

$b = new RdKafka\KafkaConsumer(conf($settings));
$b->subscribe([$topic]);
show('b got', array_map(fn($m) => $m->payload, consume_n($b, 2, 25)));
$b->close();
$a->close();
