<?php
// The child ends normally, then by an uncaught exception, each with a partition still started.
require __DIR__ . '/_prelude.php';

$topic = name('exit');
produce_all($topic, array_fill(0, 1000, str_repeat('x', 100)));
$start = '$c = new RdKafka\Consumer(conf(["group.id" => name("group")])); $t = $c->newTopic(' . var_export($topic, true) . ');
    $t->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING); $m = null;
    for ($i = 0; $i < 20 && $m === null; $i++) { $m = $t->consume(0, 500); }
    out("consumed", $m->offset);';
out('normal end: ' . in_child($start . ' out("end");', 6));
out('uncaught exception: ' . in_child($start . ' throw new RuntimeException("boom");', 6));
