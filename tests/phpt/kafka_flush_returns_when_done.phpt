--TEST--
Kafka: flush() returns as soon as its messages are delivered, with or without a delivery callback, and does not wait out linger.ms (as php-rdkafka's flush, which makes linger immediate); poll($timeout) returns at the delivery report it waits for
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
?>
--EXPECT--
without a delivery callback: [0,0,0,0,0], out queue 0, reports 0, within 10 s: true
with a delivery callback: [0,0,0,0,0], out queue 0, reports 6, within 10 s: true
poll: served 1, counted 1, within 10 s: true
