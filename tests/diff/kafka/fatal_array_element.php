<?php
// mq-deliberate: a catchable InvalidArgumentException where php-rdkafka ends the script with a fatal error (README, "Where mq deliberately differs")
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
