<?php
// The error, stats and log callbacks: arguments and when they run.
require __DIR__ . '/_prelude.php';

// Errors: nothing listens on port 1. The "after Nms" of librdkafka's reason is timing.
$errors = [];
$conf = conf(['bootstrap.servers' => '127.0.0.1:1', 'log_level' => '0']);
$conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) {
    $errors[get_class($kafka) . ' ' . rd_kafka_err2name($err) . ' ' . preg_replace('/after \d+ms/', 'after Nms', $reason)] = true;
});
$p = new RdKafka\Producer($conf);
$deadline = microtime(true) + 3;
while (count($errors) < 2 && microtime(true) < $deadline) {
    $p->poll(100);
}
ksort($errors);
foreach (array_keys($errors) as $e) {
    // How many brokers librdkafka counts as down at that moment is timing.
    out('  error_cb ' . preg_replace(['/, \d+ identical error\(s\) suppressed/', '/\d+\/1 brokers are down/'], ['', 'N/1 brokers are down'], $e));
}

// Stats every 100 ms, served by poll().
$stats = [];
$conf = conf(['statistics.interval.ms' => '100']);
$conf->setStatsCb(function ($kafka, $json, $len) use (&$stats) {
    $d = json_decode($json, true);
    $stats[] = [get_class($kafka), is_string($json), $len === strlen($json), $d['type'] ?? null, isset($d['brokers'])];
});
$p = new RdKafka\Producer($conf);
$deadline = microtime(true) + 3;
while (!$stats && microtime(true) < $deadline) {
    $p->poll(100);
}
show('stats_cb', $stats[0] ?? null);

// Logs: debug lines of the "conf" context arrive through poll().
$logs = [];
$conf = conf(['debug' => 'conf']);
$conf->setLogCb(function ($kafka, $level, $facility, $message) use (&$logs) {
    $logs[] = [get_class($kafka), is_int($level), $facility];
});
$p = new RdKafka\Producer($conf);
$deadline = microtime(true) + 3;
while (!$logs && microtime(true) < $deadline) {
    $p->poll(100);
}
show('log_cb', $logs[0] ?? null);
