--TEST--
Mq\KafkaRetryingConsumer: a record that always fails lands in the dead-letter topic after the policy's attempts, an error the policy does not retry at once, each with the failure headers (the message cut at 4096 bytes), payload, key and headers kept; the default dead-letter topic is "{topic}.dlt"
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$topic = fresh_name('kdead');
$dlt = fresh_name('kdead-letters');
$group = fresh_name('kdead-group');
$attempts = [];
$handler = function (RdKafka\Message $m) use (&$attempts) {
    $attempts[$m->payload][] = $m->headers['x-mq-attempts'] ?? '-';
    if ($m->payload === 'never') {
        throw new RuntimeException(str_repeat('x', 5000));
    }
    throw new LogicException('not retried');
};
$consumer = new KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic, $handler,
    new RetryPolicy(maxAttempts: 3, initialDelay: 0.2, multiplier: 1.0, retryOn: [RuntimeException::class]),
    deadLetterTopic: $dlt);
// The delays repeat: one retry topic.
var_dump(str_replace($topic, 'T', $consumer->getRetryTopics()), $consumer->getDeadLetterTopic() === $dlt);
$default = new KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic, $handler);
var_dump(str_replace($topic, 'T', $default->getDeadLetterTopic()));

produce_records($topic, [['never', 'key-n', ['custom' => 'kept']], ['refused', null, []]]);
$deadline = microtime(true) + 60;
while ($consumer->getCounters()['exhausted'] < 2 && microtime(true) < $deadline) {
    $consumer->consume(0.5);
}
var_dump($attempts);
echo json_encode($consumer->getCounters()), "\n";
$consumer->close();

foreach (read_records($dlt, 2) as $m) {
    $h = $m->headers;
    printf("%s: key=%s custom=%s attempts=%s class=%s message=%d bytes original=%s/%s/%s group=%s due=%s\n",
        $m->payload, var_export($m->key, true), $h['custom'] ?? '-', $h['x-mq-attempts'], $h['x-mq-error-class'],
        strlen($h['x-mq-error-message']), str_replace($topic, 'T', $h['x-mq-original-topic']),
        $h['x-mq-original-partition'], $h['x-mq-original-offset'], $h['x-mq-group'] === $group ? 'ours' : 'other',
        $h['x-mq-due-ms'] ?? '-');
}
var_dump(committed_offsets($group, [$topic, "$topic.retry.200"]) === [$topic => 2, "$topic.retry.200" => 2]);
?>
--EXPECT--
array(1) {
  [0]=>
  string(11) "T.retry.200"
}
bool(true)
string(5) "T.dlt"
array(2) {
  ["never"]=>
  array(3) {
    [0]=>
    string(1) "-"
    [1]=>
    string(1) "2"
    [2]=>
    string(1) "3"
  }
  ["refused"]=>
  array(1) {
    [0]=>
    string(1) "-"
  }
}
{"handled":0,"retried":2,"exhausted":2,"skipped":0}
refused: key=NULL custom=- attempts=1 class=LogicException message=11 bytes original=T/0/1 group=ours due=-
never: key='key-n' custom=kept attempts=3 class=RuntimeException message=4096 bytes original=T/0/0 group=ours due=-
bool(true)
