<?php
// The low-level Consumer's poll() serves every event already queued and returns how many, as
// rd_kafka_poll() does, whatever comes first: mq served one per call (1, then 1), and returned 0 when a
// log line (not counted without a log callback) was queued before the errors, serving them at a later
// call (php-rdkafka: 2, then 0).
require __DIR__ . '/_prelude.php';

// Without log_level 0 the log line is queued too. php-rdkafka's librdkafka prints it to stderr and mq's
// does not (log_stderr), so stderr is closed for that one, the last.
foreach (['log_level 0' => ['log_level' => '0'], 'a log line first' => []] as $label => $settings) {
    if ($settings === []) {
        fclose(STDERR);
    }
    out($label);
    $errors = [];
    $conf = conf(['bootstrap.servers' => '127.0.0.1:1'] + $settings);
    $conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) {
        $errors[] = $err;
    });
    $c = new RdKafka\Consumer($conf);
    // The first failure logs FAIL and queues __TRANSPORT and __ALL_BROKERS_DOWN at once; librdkafka's
    // one-second timer queues more errors at every full second.
    usleep(500000);
    show('  first poll(0)', $c->poll(0));
    show('  error callbacks', array_map('rd_kafka_err2name', $errors));
    show('  next poll(0)', $c->poll(0));
}
