<?php
// mq-known: a second consumeStart() of the same partition aborts the process in librdkafka (assert !rktp->rktp_cgrp); php-rdkafka throws RdKafka\Exception
require __DIR__ . '/_prelude.php';

$topic = name('twice');
produce_all($topic, ['x']);
echo in_child('
    $c = new RdKafka\Consumer(conf(["group.id" => name("group")]));
    $t = $c->newTopic(' . var_export($topic, true) . ');
    $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
    attempt("consumeStart again", fn () => $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING));
    $t->consumeStop(0);
    out("stopped");
');
