<?php
require __DIR__ . '/_prelude.php';

$c = new RdKafka\Consumer(conf());
$t = $c->newTopic(name('range'));
$q = $c->newQueue();
attempt('consumeStart(-2, 0)', fn () => $t->consumeStart(-2, 0));
attempt('consumeStart(1 << 31, 0)', fn () => $t->consumeStart(1 << 31, 0));
attempt('consume(-2, 10)', fn () => $t->consume(-2, 10));
attempt('consumeBatch(-5, 10, 1)', fn () => $t->consumeBatch(-5, 10, 1));
attempt('consumeCallback(-5, 10, cb)', fn () => $t->consumeCallback(-5, 10, fn () => null));
attempt('offsetStore(-5, 1)', fn () => $t->offsetStore(-5, 1));
attempt('consumeQueueStart(-3, 0, q)', fn () => $t->consumeQueueStart(-3, 0, $q));
attempt('consumeBatch(0, 10, 0)', fn () => $t->consumeBatch(0, 10, 0));
attempt('consumeBatch(0, 10, -1)', fn () => $t->consumeBatch(0, 10, -1));
$kc = kafka_consumer();
$kt = $kc->newTopic(name('range'));
attempt('KafkaConsumerTopic offsetStore(-5, 1)', fn () => $kt->offsetStore(-5, 1));
