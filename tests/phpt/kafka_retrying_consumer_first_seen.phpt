--TEST--
Mq\KafkaRetryingConsumer: the firstSeen hook is asked once per record, with "topic:partition:offset", before its first attempt only; a false return skips the record (finished, not handled); a hook that throws leaves the record unfinished at the head of its partition, and the next consume() asks again
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$topic = fresh_name('kseen');
$group = fresh_name('kseen-group');
// Already processed: the record at offset 1.
$ids = ["$topic:0:1" => true];
$asked = [];
$hookFails = 1;
$firstSeen = function (string $id, RdKafka\Message $m) use (&$ids, &$asked, &$hookFails, $topic) {
    $asked[] = str_replace($topic, 'T', $id) . " ($m->payload)";
    if ($m->payload === 'C' && $hookFails-- > 0) {
        throw new DomainException('store down');
    }
    if (isset($ids[$id])) {
        return false;
    }
    $ids[$id] = true;
    return true;
};
$handled = [];
$handler = function (RdKafka\Message $m) use (&$handled, &$consumer) {
    $handled[] = $m->payload . ' attempts=' . ($m->headers['x-mq-attempts'] ?? '-');
    if ($m->payload === 'A' && !isset($m->headers['x-mq-attempts'])) {
        throw new RuntimeException('once');
    }
    if ($m->payload === 'D') {
        $consumer->stop();
    }
};
$consumer = new KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic, $handler,
    new RetryPolicy(maxAttempts: 2, initialDelay: 0.1, retryOn: [RuntimeException::class]), firstSeen: $firstSeen);

produce_records($topic, [['A', null, []], ['B', null, []], ['C', null, []], ['D', null, []]]);
try {
    $consumer->consume(60.0);
} catch (DomainException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
echo json_encode($handled), "\n";
$consumer->consume(60.0);
// A's retry (due 0.1 s after its failure) may come before, between or after C and D: waited for, apart.
$deadline = microtime(true) + 20;
while (!in_array('A attempts=2', $handled, true) && microtime(true) < $deadline) {
    $consumer->consume(0.5);
}
echo json_encode(array_values(array_diff($handled, ['A attempts=2']))), " and A attempts=2: ",
    count(array_keys($handled, 'A attempts=2', true)), "\n";
sort($asked);
var_dump($asked);
echo json_encode($consumer->getCounters()), "\n";
$consumer->close();
var_dump(committed_offsets($group, [$topic])[$topic]);
?>
--EXPECT--
DomainException: store down
["A attempts=-"]
["A attempts=-","C attempts=-","D attempts=-"] and A attempts=2: 1
array(5) {
  [0]=>
  string(9) "T:0:0 (A)"
  [1]=>
  string(9) "T:0:1 (B)"
  [2]=>
  string(9) "T:0:2 (C)"
  [3]=>
  string(9) "T:0:2 (C)"
  [4]=>
  string(9) "T:0:3 (D)"
}
{"handled":3,"retried":1,"exhausted":0,"skipped":1}
int(4)
