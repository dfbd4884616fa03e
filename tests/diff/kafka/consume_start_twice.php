<?php
require __DIR__ . '/_prelude.php';

$topic = name('twice');
produce_all($topic, ['x']);
echo in_child('
    $c = new RdKafka\Consumer(conf(["group.id" => name("group")]));
    $t = $c->newTopic(' . var_export($topic, true) . ');
    $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
    // Printed only when it throws: the abort comes from a librdkafka thread, at no fixed point of the script.
    try {
        $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
    } catch (Throwable $e) {
        out("consumeStart again: threw " . exc($e));
    }
    usleep(1000000);
    $t->consumeStop(0);
    out("alive");
');
