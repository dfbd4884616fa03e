<?php
require __DIR__ . '/_prelude.php';

$c = new RdKafka\Consumer(conf());
$t = $c->newTopic(name('not-started'));
attempt('consume before start', fn () => $t->consume(0, 100));
attempt('consumeBatch before start', fn () => $t->consumeBatch(0, 100, 10));
attempt('consumeCallback before start', fn () => $t->consumeCallback(0, 100, fn () => null));
