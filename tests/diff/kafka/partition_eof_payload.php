<?php
require __DIR__ . '/_prelude.php';

$topic = name('eof');
produce_all($topic, ['x']);
$c = kafka_consumer();
$c->subscribe([$topic]);
consume_n($c, 1);
do {
    $eof = $c->consume(1000);
} while ($eof->err === RD_KAFKA_RESP_ERR__TIMED_OUT);
dumped('partition end', fn () => var_dump($eof));
$c->close();
