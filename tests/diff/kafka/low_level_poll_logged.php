<?php
// The low-level Consumer's poll(0) serves every event already queued, whatever comes first: mq's returned
// 0 when a log line (not counted without a log callback) was queued before the errors, serving them at
// a later call (php-rdkafka: 2, then 0).
require __DIR__ . '/_prelude.php';

// No log_level 0 here: the log line must be queued. php-rdkafka's librdkafka prints it to stderr and
// mq's does not (log_stderr), so stderr is closed.
fclose(STDERR);
$errors = [];
$conf = conf(['bootstrap.servers' => '127.0.0.1:1']);
$conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) {
    $errors[] = $err;
});
$c = new RdKafka\Consumer($conf);
// The first failure logs FAIL and queues __TRANSPORT and __ALL_BROKERS_DOWN at once; librdkafka's
// one-second timer queues more at every full second.
usleep(500000);
show('first poll(0)', $c->poll(0));
show('error callbacks', array_map('rd_kafka_err2name', $errors));
show('next poll(0)', $c->poll(0));
