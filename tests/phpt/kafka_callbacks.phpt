--TEST--
Kafka: error, log and stats callbacks fire inside poll() with php-rdkafka's arguments; an exception thrown by a callback reaches the caller
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

// Nothing listens on port 1: librdkafka reports transport errors and logs the failed connects.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
$conf->set('statistics.interval.ms', '100');
$seen = ['error' => [], 'log' => [], 'stats' => []];
$conf->setErrorCb(function ($kafka, $err, $reason) use (&$seen) {
    $seen['error'][] = [$kafka instanceof RdKafka\Producer, is_int($err), rd_kafka_err2name($err), is_string($reason)];
});
$conf->setLogCb(function ($kafka, $level, $facility, $message) use (&$seen) {
    $seen['log'][] = [$kafka instanceof RdKafka\Producer, is_int($level), is_string($facility), is_string($message)];
});
$conf->setStatsCb(function ($kafka, $json, $len) use (&$seen) {
    $stats = json_decode($json, true);
    $seen['stats'][] = [$kafka instanceof RdKafka\Producer, strlen($json) === $len, $stats['type'] ?? null];
});
$producer = new RdKafka\Producer($conf);
$deadline = microtime(true) + 10;
while ((!$seen['error'] || !$seen['log'] || !$seen['stats']) && microtime(true) < $deadline) {
    $producer->poll(100);
}
var_dump($seen['error'][0][0], $seen['error'][0][1], in_array($seen['error'][0][2], ['_TRANSPORT', '_ALL_BROKERS_DOWN', '_RESOLVE'], true));
var_dump($seen['log'][0]);
var_dump($seen['stats'][0]);

// A throwing delivery callback: flush() throws it, later reports wait for the next call.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$calls = 0;
$conf->setDrMsgCb(function ($kafka, $message) use (&$calls) {
    $calls++;
    throw new LogicException("report for {$message->payload}");
});
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic(fresh_name('throwing'));
$topic->produce(0, 0, 'a');
$topic->produce(0, 0, 'b');
try {
    $producer->flush(10000);
} catch (LogicException $e) {
    var_dump($e->getMessage(), $calls);
}
try {
    $producer->flush(10000);
} catch (LogicException $e) {
    var_dump($e->getMessage(), $calls);
}
var_dump($producer->flush(10000));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
array(4) {
  [0]=>
  bool(true)
  [1]=>
  bool(true)
  [2]=>
  bool(true)
  [3]=>
  bool(true)
}
array(3) {
  [0]=>
  bool(true)
  [1]=>
  bool(true)
  [2]=>
  string(8) "producer"
}
string(12) "report for a"
int(1)
string(12) "report for b"
int(2)
int(0)
