<?php
// The low-level Consumer's poll() serves every event already queued and returns how many, as
// rd_kafka_poll() does (mq served one per call: 1, then 1, where php-rdkafka returns 2, then 0).
require __DIR__ . '/_prelude.php';

$errors = [];
$conf = conf(['bootstrap.servers' => '127.0.0.1:1', 'log_level' => '0']);
$conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) {
    $errors[] = $err;
});
$c = new RdKafka\Consumer($conf);
// The first failure queues __TRANSPORT and __ALL_BROKERS_DOWN at once; librdkafka's one-second timer
// queues more errors at every full second.
usleep(500000);
show('first poll(0)', $c->poll(0));
show('error callbacks', array_map('rd_kafka_err2name', $errors));
show('next poll(0)', $c->poll(0));
