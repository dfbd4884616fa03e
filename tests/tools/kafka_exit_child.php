<?php
// Child of kafka_exit_consumers.phpt: a low-level RdKafka\Consumer whose started partition is never
// stopped, ending the way argv[1] says (end, exit, exception, fatal); argv[2] "group" adds a group.id,
// "queue" reads through a Queue, "kafka" uses a subscribed KafkaConsumer never closed instead.
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
if (str_contains($variant, 'group') || $variant === 'kafka') {
    $conf->set('group.id', $topic);
}
if ($variant === 'kafka') {
    $conf->set('group.protocol', kafka_group_protocol());
    $conf->set('auto.offset.reset', 'earliest');
    $consumer = new RdKafka\KafkaConsumer($conf);
    $consumer->subscribe([$topic]);
    $deadline = microtime(true) + 10;
    do {
        $message = $consumer->consume(100);
    } while ($message->err !== RD_KAFKA_RESP_ERR_NO_ERROR && microtime(true) < $deadline);
    $topicObject = $consumer->newTopic($topic); // holds the consumer too
} elseif (str_contains($variant, 'queue')) {
    $consumer = new RdKafka\Consumer($conf);
    $t = $consumer->newTopic($topic);
    $queue = $consumer->newQueue();
    $t->consumeQueueStart(0, RD_KAFKA_OFFSET_BEGINNING, $queue);
    $message = $queue->consume(10000);
} else {
    $consumer = new RdKafka\Consumer($conf);
    $t = $consumer->newTopic($topic);
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
