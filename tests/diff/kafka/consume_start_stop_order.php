<?php
// Starting, stopping and reading a low-level partition in every order, with a group.id (where librdkafka
// asserts on a partition started twice): php-rdkafka refuses a second start of a partition (also through
// consumeQueueStart() or another ConsumerTopic of the same topic) and the process lives.
require __DIR__ . '/_prelude.php';

$topic = name('start-stop');
produce_all($topic, ['m0']);
$c = new RdKafka\Consumer(conf(['group.id' => name('group')]));
$t = $c->newTopic($topic);
$q = $c->newQueue();
$message = fn ($m) => $m === null ? null : $m->payload;
attempt('consumeStop before start', fn () => $t->consumeStop(0));
attempt('consumeStart', fn () => $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING));
attempt('consumeQueueStart after consumeStart', fn () => $t->consumeQueueStart(0, RD_KAFKA_OFFSET_BEGINNING, $q));
attempt('consume', fn () => $message($t->consume(0, 10000)));
attempt('consumeStop', fn () => $t->consumeStop(0));
attempt('consumeStop again', fn () => $t->consumeStop(0));
attempt('consume after stop', fn () => $t->consume(0, 100));
attempt('consumeBatch after stop', fn () => $t->consumeBatch(0, 100, 5));
attempt('consumeCallback after stop', fn () => $t->consumeCallback(0, 100, fn () => null));
attempt('consumeQueueStart', fn () => $t->consumeQueueStart(0, RD_KAFKA_OFFSET_BEGINNING, $q));
attempt('consumeStart after consumeQueueStart', fn () => $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING));
attempt('Queue::consume', fn () => $message($q->consume(10000)));
attempt('consumeStop', fn () => $t->consumeStop(0));
attempt('consumeStart after stop', fn () => $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING));
attempt('consume', fn () => $message($t->consume(0, 10000)));
$other = $c->newTopic($topic);
attempt('consumeStart through another ConsumerTopic', fn () => $other->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING));
attempt('consumeStop through another ConsumerTopic', fn () => $other->consumeStop(0));
attempt('consumeStart(UA)', fn () => $t->consumeStart(RD_KAFKA_PARTITION_UA, RD_KAFKA_OFFSET_BEGINNING));
out('alive');
