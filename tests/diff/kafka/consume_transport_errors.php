<?php
// A consumer whose broker is unreachable, without an error callback: consume() only times out.
require __DIR__ . '/_prelude.php';

$c = kafka_consumer(['bootstrap.servers' => '127.0.0.1:1', 'log_level' => '0']);
$c->subscribe([name('t')]);
$errs = [];
$deadline = microtime(true) + 2;
while (microtime(true) < $deadline) {
    $m = $c->consume(200);
    $errs[rd_kafka_err2name($m->err)] = true;
}
ksort($errs);
show('errors seen', array_keys($errs));
