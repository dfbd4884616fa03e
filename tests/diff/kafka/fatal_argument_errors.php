<?php
// mq-deliberate: a catchable InvalidArgumentException where php-rdkafka ends the script with a fatal error (README, "Where mq deliberately differs")
// reference-exit: 255
// php-rdkafka raises a fatal error (E_ERROR, not an exception) for a commit() argument that is neither a
// Message nor an array of TopicPartitions; the script ends there.
require __DIR__ . '/_prelude.php';

$c = kafka_consumer();
out('before');
try {
    $c->commit('x');
} catch (Throwable $e) {
    out('caught ' . exc($e));
}
out('after');
