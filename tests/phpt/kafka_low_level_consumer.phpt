--TEST--
Kafka: the low-level RdKafka\Consumer: consumeStart/consume/consumeBatch/consumeStop, queues, EOF message, null on timeout, callbacks in poll(), fork guard
--EXTENSIONS--
mq
pcntl
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('low-level');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
for ($i = 0; $i < 5; $i++) {
    $topic->producev(0, 0, "rec$i\0", "k$i", ['i' => (string) $i]);
}
var_dump($producer->flush(10000));

$conf->set('enable.partition.eof', 'true');
$consumer = new RdKafka\Consumer($conf);
var_dump($consumer instanceof RdKafka);
$consumerTopic = $consumer->newTopic($name);
$consumerTopic->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
$m = $consumerTopic->consume(0, 10000);
var_dump($m->payload === "rec0\0", $m->key, $m->headers, $m->offset, $m->topic_name === $name, $m->timestamp > 0);
$batch = $consumerTopic->consumeBatch(0, 5000, 2);
var_dump(array_map(fn ($m) => $m->offset, $batch));
$seen = [];
$count = $consumerTopic->consumeCallback(0, 5000, function (RdKafka\Message $m) use (&$seen) { $seen[] = $m->offset; });
var_dump($count === count($seen), $seen[0]);
$consumerTopic->consumeStop(0);

$queue = $consumer->newQueue();
$consumerTopic->consumeQueueStart(0, rd_kafka_offset_tail(2), $queue);
var_dump($queue->consume(10000)->offset, $queue->consume(10000)->offset);
$eof = $queue->consume(10000);
var_dump($eof->err === RD_KAFKA_RESP_ERR__PARTITION_EOF);
var_dump($queue->consume(100));
$consumerTopic->consumeStop(0);
var_dump(count($consumer->getMetadata(false, $consumerTopic, 5000)->getTopics()));
var_dump($consumer->getControllerId(5000), $consumer->addBrokers(kafka_bootstrap()));
// Pausing a partition that is not being fetched is reported per partition.
$paused = $consumer->pausePartitions([new RdKafka\TopicPartition($name, 0)]);
var_dump(count($paused), is_int($paused[0]->getErr()));

// Nothing listens on port 1: the error callback runs in poll().
$bad = new RdKafka\Conf();
$bad->set('bootstrap.servers', '127.0.0.1:1');
$errors = 0;
$bad->setErrorCb(function ($kafka, $err, $reason) use (&$errors) { $errors++; });
$lonely = new RdKafka\Consumer($bad);
$deadline = microtime(true) + 10;
while ($errors === 0 && microtime(true) < $deadline) {
    $lonely->poll(100);
}
var_dump($errors > 0);

$pid = pcntl_fork();
if ($pid === 0) {
    try {
        $consumerTopic->consume(0, 100);
    } catch (RdKafka\Exception $e) {
        echo "child: ", $e->getMessage() === '' ? 'no message' : 'refused', "\n";
    }
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
?>
--EXPECT--
int(0)
bool(true)
bool(true)
string(2) "k0"
array(1) {
  ["i"]=>
  string(1) "0"
}
int(0)
bool(true)
bool(true)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
bool(true)
int(3)
int(3)
int(4)
bool(true)
NULL
int(1)
int(1)
int(1)
int(1)
bool(true)
bool(true)
child: refused
int(0)
