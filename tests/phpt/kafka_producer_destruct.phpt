--TEST--
Mq\KafkaProducer: messages enqueued and never waited for reach the broker when the script ends (its producer delivers for up to mq.kafka_destruct_flush_ms); unset() destroys it at once (no reference cycle through its callback): with the budget at 0 the queued messages are dropped then, as php-rdkafka would
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';

$broker = escapeshellarg(kafka_bootstrap());
$count = fn (string $name) => count(array_filter(explode("\n", (string) shell_exec(
    "timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -e -f '%s\\n' 2>/dev/null"))));

// A child script that enqueues three messages (held 1 s by librdkafka) and ends without waiting.
$name = fresh_name('kproducer-exit');
$child = <<<'PHP'
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', $argv[1]);
$conf->set('queue.buffering.max.ms', '1000');
$producer = new Mq\KafkaProducer($conf);
foreach (['one', 'two', 'three'] as $payload) {
    $producer->enqueue($argv[2], $payload);
}
echo json_encode($producer->getCounters()), "\n";
PHP;
echo shell_exec(mq_child_php('-d mq.kafka_destruct_flush_ms=10000 -r ' . escapeshellarg($child) . ' '
    . escapeshellarg(kafka_bootstrap()) . ' ' . escapeshellarg($name)));
echo shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -c 3 -e -f '%s\\n' 2>&1");

// unset() with the budget at 0: destroyed at once, so its queued messages are dropped.
ini_set('mq.kafka_destruct_flush_ms', '0');
$name = fresh_name('kproducer-unset');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('queue.buffering.max.ms', '1000');
$producer = new Mq\KafkaProducer($conf);
$producer->send($name, 'delivered first', timeout: 20.0);
$producer->enqueue($name, 'dropped');
unset($producer);
sleep(2);
var_dump($count($name));
?>
--EXPECT--
{"pending":3,"delivered":0,"failed":0,"timed_out":0,"retried":0}
one
two
three
int(1)
