<?php
require __DIR__ . '/_prelude.php';

$c = kafka_consumer();
attempt('close', fn () => $c->close());
attempt('close again', fn () => $c->close());
attempt('consume after close', fn () => $c->consume(10));
attempt('subscribe after close', fn () => $c->subscribe([name('t')]));
attempt('getAssignment after close', fn () => $c->getAssignment());
attempt('getMetadata after close', fn () => $c->getMetadata(true, null, 1000));
