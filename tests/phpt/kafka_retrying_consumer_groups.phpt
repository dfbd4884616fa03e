--TEST--
Mq\KafkaRetryingConsumer: two groups on one topic share its retry topics; each handles its own retry copies and passes over (finishes unhandled) the other group's
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$topic = fresh_name('kgroups');
$policy = new RetryPolicy(maxAttempts: 2, initialDelay: 0.2, retryOn: [RuntimeException::class]);
$seen = ['failing' => [], 'fine' => []];
$consumers = [];
foreach (['failing', 'fine'] as $name) {
    $group = fresh_name("kgroups-$name");
    $groups[$name] = $group;
    $consumers[$name] = new KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic,
        function (RdKafka\Message $m) use (&$seen, $name) {
            $seen[$name][] = "$m->payload attempts=" . ($m->headers['x-mq-attempts'] ?? '-');
            if ($name === 'failing' && !isset($m->headers['x-mq-attempts'])) {
                throw new RuntimeException('once');
            }
        }, $policy);
}
produce_records($topic, [['A', null, []]]);
// Until the failing group handled its retry and the other group read past that copy too.
$deadline = microtime(true) + 60;
do {
    foreach ($consumers as $c) {
        $c->consume(0.3);
    }
    $offsets = committed_offsets($groups['fine'], ["$topic.retry.200"]);
} while ((count($seen['failing']) < 2 || $offsets["$topic.retry.200"] < 1) && microtime(true) < $deadline);
var_dump($seen);
foreach ($consumers as $name => $c) {
    echo "$name: ", json_encode($c->getCounters()), "\n";
    $c->close();
}
var_dump($offsets);
?>
--EXPECTF--
array(2) {
  ["failing"]=>
  array(2) {
    [0]=>
    string(12) "A attempts=-"
    [1]=>
    string(12) "A attempts=2"
  }
  ["fine"]=>
  array(1) {
    [0]=>
    string(12) "A attempts=-"
  }
}
failing: {"handled":1,"retried":1,"exhausted":0,"skipped":0}
fine: {"handled":1,"retried":0,"exhausted":0,"skipped":0}
array(1) {
  ["%s.retry.200"]=>
  int(1)
}
