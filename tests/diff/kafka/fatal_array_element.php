<?php
// mq-known: fatal error (E_ERROR) in php-rdkafka; mq throws InvalidArgumentException and the script goes on
// reference-exit: 255
// php-rdkafka raises a fatal error (E_ERROR) for an array element that is not a TopicPartition.
require __DIR__ . '/_prelude.php';

$c = kafka_consumer();
out('before');
try {
    $c->assign([new RdKafka\TopicPartition(name('t'), 0), 'not a TopicPartition']);
} catch (Throwable $e) {
    out('caught ' . exc($e));
}
out('after');
