<?php
// `debug` makes librdkafka log at LOG_DEBUG for the client's whole life, as rd_kafka_new() sets it: mq's
// clients went back to level 6 once created, so the debug lines of a metadata request never came.
// Counts vary from run to run: only whether there are many is printed.
require __DIR__ . '/_prelude.php';

foreach (['no log_level' => [], 'log_level 3' => ['log_level' => '3']] as $label => $settings) {
    $lines = 0;
    $conf = conf(['debug' => 'broker,metadata,protocol'] + $settings);
    $conf->setLogCb(function ($kafka, $level, $facility, $message) use (&$lines) {
        $lines++;
    });
    $p = new RdKafka\Producer($conf);
    $p->getMetadata(true, null, 10000);
    $lines = 0;
    $p->poll(100);
    show("$label: debug lines of a metadata request > 50", $lines > 50);
}

// Without `debug`, log_level still decides (debug lines of level 7 stay out at 6).
$lines = 0;
$conf = conf(['log_level' => '6']);
$conf->setLogCb(function ($kafka, $level, $facility, $message) use (&$lines) {
    if ($level === 7) {
        $lines++;
    }
});
$p = new RdKafka\Producer($conf);
$p->getMetadata(true, null, 10000);
$p->poll(100);
show('without debug: level 7 lines', $lines);
