--TEST--
Kafka: flush() returns as soon as its messages are delivered, with or without a delivery callback, and does not wait out linger.ms (as php-rdkafka's flush, which makes linger immediate); poll($timeout) returns at the delivery report it waits for; a loop of flush(0) empties the queue, as php-rdkafka's does, also with delivery.report.only.error
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

// linger.ms 20 s and flush timeouts of 60 s: a flush that waited for either would take far longer than
// the bound below (a generous one, for a loaded machine; delivery itself takes milliseconds).
foreach (['without a delivery callback' => false, 'with a delivery callback' => true] as $label => $withCallback) {
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('linger.ms', '20000');
    $reports = 0;
    if ($withCallback) {
        $conf->setDrMsgCb(function ($kafka, $message) use (&$reports) {
            $reports += $message->err === RD_KAFKA_RESP_ERR_NO_ERROR ? 1 : 0;
        });
    }
    $producer = new RdKafka\Producer($conf);
    $topic = $producer->newTopic(fresh_name('flush'));
    $topic->produce(RD_KAFKA_PARTITION_UA, 0, 'warm-up');
    $producer->flush(60000);
    $start = microtime(true);
    $results = [];
    for ($i = 0; $i < 5; $i++) {
        $topic->produce(RD_KAFKA_PARTITION_UA, 0, "m$i");
        $results[] = $producer->flush(60000);
    }
    $elapsed = microtime(true) - $start;
    echo "$label: ", json_encode($results), ', out queue ', $producer->getOutQLen(), ', reports ', $reports,
        ', within 10 s: ', var_export($elapsed < 10, true), "\n";
}

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$served = 0;
$conf->setDrMsgCb(function () use (&$served) { $served++; });
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic(fresh_name('flush'));
$topic->produce(RD_KAFKA_PARTITION_UA, 0, 'one');
$start = microtime(true);
$polled = 0;
while ($served === 0 && microtime(true) - $start < 60) {
    $polled += $producer->poll(30000);
}
echo 'poll: served ', $served, ', counted ', $polled, ', within 10 s: ', var_export(microtime(true) - $start < 10, true), "\n";

// flush(0) hurries linger.ms too, as php-rdkafka's does: a loop of them empties the queue long before
// linger.ms (20 s) would; also with delivery.report.only.error, whose successes bring no event.
foreach (['' => false, 'with a delivery callback ' => true, 'with a delivery callback and only errors reported ' => 'only-error'] as $label => $callback) {
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('linger.ms', '20000');
    if ($callback !== false) {
        $conf->setDrMsgCb(function () {});
    }
    if ($callback === 'only-error') {
        $conf->set('delivery.report.only.error', 'true');
    }
    $producer = new RdKafka\Producer($conf);
    $topic = $producer->newTopic(fresh_name('flush'));
    $topic->produce(RD_KAFKA_PARTITION_UA, 0, 'warm-up');
    $producer->flush(60000);
    $topic->produce(RD_KAFKA_PARTITION_UA, 0, 'one');
    $start = microtime(true);
    while ($producer->flush(0) !== RD_KAFKA_RESP_ERR_NO_ERROR && microtime(true) - $start < 15) {
        usleep(1000);
    }
    echo "flush(0) loop {$label}: out queue ", $producer->getOutQLen(), ', within 10 s: ', var_export(microtime(true) - $start < 10, true), "\n";
}
?>
--EXPECT--
without a delivery callback: [0,0,0,0,0], out queue 0, reports 0, within 10 s: true
with a delivery callback: [0,0,0,0,0], out queue 0, reports 6, within 10 s: true
poll: served 1, counted 1, within 10 s: true
flush(0) loop : out queue 0, within 10 s: true
flush(0) loop with a delivery callback : out queue 0, within 10 s: true
flush(0) loop with a delivery callback and only errors reported : out queue 0, within 10 s: true
