--TEST--
Kafka: setConsumeCb() sees every message KafkaConsumer::consume() returns ($message, $kafka); the low-level consumer's flush()/purge() and deprecated aliases; setLogger()
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';

$topicName = fresh_name('consume-cb');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($topicName);
foreach (['one', 'two', 'three'] as $payload) {
    $topic->produce(0, 0, $payload);
}
var_dump($producer->flush(10000));

// The consume callback gets php-rdkafka's reversed arguments and the very message consume() returns.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', fresh_name('consume-cb'));
$conf->set('group.protocol', kafka_group_protocol());
$conf->set('auto.offset.reset', 'earliest');
$seen = [];
$conf->setConsumeCb(function ($message, $kafka) use (&$seen) {
    $seen[] = [$message->payload, $kafka instanceof RdKafka\KafkaConsumer];
    $message->payload = strtoupper($message->payload);
});
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->subscribe([$topicName]);
$returned = [];
$deadline = microtime(true) + 30;
while (count($returned) < 3 && microtime(true) < $deadline) {
    $message = $consumer->consume(500);
    if ($message->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        $returned[] = $message->payload;
    }
}
var_dump($seen, $returned);
$consumer->close();

// The low-level consumer: flush() and purge() answer as librdkafka does for consumers, the deprecated
// aliases work.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$low = new RdKafka\Consumer($conf);
var_dump($low->flush(100) === RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED);
var_dump($low->purge(RD_KAFKA_PURGE_F_QUEUE) === RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED);
var_dump($low->outqLen(), count($low->metadata(false, $low->newTopic($topicName), 10000)->getTopics()));
$low->setLogLevel(LOG_DEBUG);

try {
    $low->setLogger(42);
} catch (RdKafka\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

// setLogger(RD_KAFKA_LOG_PRINT) prints librdkafka's lines to stderr in its own format, instead of the
// log callback (checked in a child process, whose stderr is read here).
$script = <<<'PHP'
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
$callbackLines = 0;
$conf->setLogCb(function () use (&$callbackLines) { $callbackLines++; });
$producer = new RdKafka\Producer($conf);
$producer->setLogger(RD_KAFKA_LOG_PRINT);
$deadline = microtime(true) + 5;
while (microtime(true) < $deadline) {
    $producer->poll(100);
}
echo "callback lines: $callbackLines\n";
PHP;
$process = proc_open(mq_child_php('-r ' . escapeshellarg($script)), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$stdout = stream_get_contents($pipes[1]);
$stderr = stream_get_contents($pipes[2]);
proc_close($process);
echo $stdout;
var_dump((bool) preg_match('/^%\d\|\d+\.\d{3}\|[A-Z]+\|rdkafka#producer-\d+\| .*127\.0\.0\.1:1/m', $stderr));
?>
--EXPECTF--
int(0)
array(3) {
  [0]=>
  array(2) {
    [0]=>
    string(3) "one"
    [1]=>
    bool(true)
  }
  [1]=>
  array(2) {
    [0]=>
    string(3) "two"
    [1]=>
    bool(true)
  }
  [2]=>
  array(2) {
    [0]=>
    string(5) "three"
    [1]=>
    bool(true)
  }
}
array(3) {
  [0]=>
  string(3) "ONE"
  [1]=>
  string(3) "TWO"
  [2]=>
  string(5) "THREE"
}
bool(true)
bool(true)

Deprecated: Method RdKafka::outqLen() is deprecated in %s on line 46

Deprecated: Method RdKafka::metadata() is deprecated in %s on line 46
int(0)
int(1)

Deprecated: Method RdKafka::setLogLevel() is deprecated in %s on line 47

Deprecated: Method RdKafka::setLogger() is deprecated in %s on line 50
RdKafka\Exception: Invalid logger

Deprecated: Method RdKafka::setLogger() is deprecated in Command line code on line 6
callback lines: 0
bool(true)
