<?php
// Child of kafka_exit_low_level.phpt: a low-level RdKafka\Consumer whose started partition is never
// stopped, ending the way argv[1] says (end, exit, exception, fatal); argv[2] "group" adds a group.id,
// "queue" reads through a Queue.
require __DIR__ . '/brokers.php';
[, $how, $variant] = $argv;
$topic = fresh_name('mq-exit-low');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$producer->newTopic($topic)->produce(0, 0, 'hello');
$producer->flush(10000);

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
if (str_contains($variant, 'group')) {
    $conf->set('group.id', $topic);
}
$consumer = new RdKafka\Consumer($conf);
$t = $consumer->newTopic($topic);
if (str_contains($variant, 'queue')) {
    $queue = $consumer->newQueue();
    $t->consumeQueueStart(0, RD_KAFKA_OFFSET_BEGINNING, $queue);
    $message = $queue->consume(10000);
} else {
    $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
    $message = $t->consume(0, 10000);
}
echo 'consumed ', $message?->payload, "\n";
switch ($how) {
    case 'exit':
        exit(3);
    case 'exception':
        throw new RuntimeException('boom');
    case 'fatal':
        undefined_function();
}
