--TEST--
Kafka: header names that are not UTF-8 (sent by another client) reach $message->headers as bytes on every consume path and in delivery reports, as in php-rdkafka (no panic, no skipped message)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

// kcat (librdkafka) sends header names that are not UTF-8, a numeric name and a binary value.
$name = fresh_name('bad-headers');
$kcat = proc_open(['kcat', '-P', '-b', kafka_bootstrap(), '-t', $name, '-p', '0', '-H', "k\xff=v", '-H', '123=num', '-H', "bin=\xfe\x01"],
    [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
fwrite($pipes[0], "payload\n");
fclose($pipes[0]);
var_dump(proc_close($kcat));

// Keys as php-rdkafka's add_assoc_stringl makes them: the raw bytes, "123" as the integer 123.
function show(string $path, $message): void
{
    $headers = [];
    foreach ($message->headers as $k => $v) {
        $headers[] = (is_int($k) ? "int $k" : bin2hex($k)) . ' => ' . bin2hex($v);
    }
    echo $path, ': ', $message->err, ' ', $message->payload, ' [', implode(', ', $headers), "]\n";
}

function conf(): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', fresh_name('bad-headers'));
    return $conf;
}

$consumer = new RdKafka\KafkaConsumer(conf());
$consumer->assign([new RdKafka\TopicPartition($name, 0, RD_KAFKA_OFFSET_BEGINNING)]);
$deadline = microtime(true) + 30;
do {
    $m = $consumer->consume(1000);
} while ($m->err !== RD_KAFKA_RESP_ERR_NO_ERROR && microtime(true) < $deadline);
show('KafkaConsumer::consume', $m);

// The low-level consumer: one client per path, each reading the partition from the start.
function legacy(string $name): array
{
    $consumer = new RdKafka\Consumer(conf());
    return [$consumer, $consumer->newTopic($name)];
}
[$c1, $topic] = legacy($name);
$topic->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
show('ConsumerTopic::consume', $topic->consume(0, 20000));
$topic->consumeStop(0);

[$c2, $topic] = legacy($name);
$topic->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
$batch = [];
for ($i = 0; $i < 40 && !$batch; $i++) {
    $batch = $topic->consumeBatch(0, 500, 10);
}
show('ConsumerTopic::consumeBatch', $batch[0]);
$topic->consumeStop(0);

[$c3, $topic] = legacy($name);
$topic->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
$seen = null;
for ($i = 0; $i < 40 && !$seen; $i++) {
    $topic->consumeCallback(0, 500, function ($m) use (&$seen) { $seen ??= $m; });
}
show('ConsumerTopic::consumeCallback', $seen);
$topic->consumeStop(0);

[$c4, $topic] = legacy($name);
$queue = $c4->newQueue();
$topic->consumeQueueStart(0, RD_KAFKA_OFFSET_BEGINNING, $queue);
show('Queue::consume', $queue->consume(20000));
$topic->consumeStop(0);

// Delivery reports carry the produced headers the same way.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->setDrMsgCb(function ($kafka, $m) { show('dr_msg_cb', $m); });
$producer = new RdKafka\Producer($conf);
$producer->newTopic($name)->producev(0, 0, 'reported', null, ["k\xff" => 'v', '7' => 'seven']);
var_dump($producer->flush(10000));
?>
--EXPECT--
int(0)
KafkaConsumer::consume: 0 payload [6bff => 76, int 123 => 6e756d, 62696e => fe01]
ConsumerTopic::consume: 0 payload [6bff => 76, int 123 => 6e756d, 62696e => fe01]
ConsumerTopic::consumeBatch: 0 payload [6bff => 76, int 123 => 6e756d, 62696e => fe01]
ConsumerTopic::consumeCallback: 0 payload [6bff => 76, int 123 => 6e756d, 62696e => fe01]
Queue::consume: 0 payload [6bff => 76, int 123 => 6e756d, 62696e => fe01]
dr_msg_cb: 0 reported [6bff => 76]
int(0)
