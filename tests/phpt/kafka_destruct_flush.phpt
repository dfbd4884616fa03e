--TEST--
Kafka: a producer destroyed without flush() still delivers for up to mq.kafka_destruct_flush_ms (php-rdkafka drops the messages), without calling PHP
--EXTENSIONS--
mq
--INI--
mq.kafka_destruct_flush_ms=10000
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$broker = escapeshellarg(kafka_bootstrap());

function produce_and_forget(string $name, array &$reports): void
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    // Messages wait in librdkafka's queue for 1 s: still there when the producer goes away.
    $conf->set('queue.buffering.max.ms', '1000');
    $conf->setDrMsgCb(function () use (&$reports) { $reports[] = 'called'; });
    $producer = new RdKafka\Producer($conf);
    $topic = $producer->newTopic($name);
    foreach (['one', 'two', 'three'] as $payload) {
        $topic->produce(0, 0, $payload);
    }
    // No flush(): both objects are destroyed on return.
}

$reports = [];
$name = fresh_name('destruct');
produce_and_forget($name, $reports);
var_dump($reports);
echo shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -c 3 -e -f '%s\\n' 2>&1");

// With the budget at 0, the behaviour is php-rdkafka's: the queued messages are dropped.
ini_set('mq.kafka_destruct_flush_ms', '0');
$name = fresh_name('destruct-zero');
$t = microtime(true);
produce_and_forget($name, $reports);
var_dump(microtime(true) - $t < 1.0);
$meta = (string) shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -e -f '%s\\n' 2>/dev/null");
var_dump($meta);
?>
--EXPECT--
array(0) {
}
one
two
three
bool(true)
string(0) ""
