--TEST--
Mq\KafkaRetryingConsumer: a handler that fails twice then succeeds is handled on the third attempt, each no earlier than its delay, through one retry topic per delay; the copies keep payload, key and headers and carry the attempt and the failure; a record produced while a retry waits is handled before it; offsets are committed past finished records only
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$topic = fresh_name('kretry');
$group = fresh_name('kretry-group');
$seen = [];
$handler = function (RdKafka\Message $m) use (&$seen, &$consumer, $topic) {
    $seen[] = ['at' => microtime(true), 'm' => $m];
    $a = array_values(array_filter($seen, fn ($s) => $s['m']->payload === 'A'));
    if ($m->payload === 'A' && count($a) <= 2) {
        if (count($a) === 1) {
            // Produced while A's first retry waits (2 s): handled before it.
            produce_records($topic, [['C', null, []]]);
        }
        throw new RuntimeException('fail ' . count($a));
    }
    if (count($a) === 3 && count($seen) === 5) {
        $consumer->stop();
    }
};
$consumer = new KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic, $handler,
    new RetryPolicy(maxAttempts: 3, initialDelay: 2.0, multiplier: 1.5, retryOn: [RuntimeException::class]));
var_dump(str_replace($topic, 'T', $consumer->getRetryTopics()));

produce_records($topic, [['A', 'key-a', ['custom' => 'kept']], ['B', null, []]]);
$consumer->consume(60.0);

foreach ($seen as $s) {
    $m = $s['m'];
    $h = $m->headers ?? [];
    printf("%s from %s: key=%s custom=%s attempts=%s error=%s: %s original=%s/%s/%s group=%s\n", $m->payload,
        str_replace($topic, 'T', $m->topic_name), var_export($m->key, true), $h['custom'] ?? '-',
        $h['x-mq-attempts'] ?? '-', $h['x-mq-error-class'] ?? '-', $h['x-mq-error-message'] ?? '-',
        str_replace($topic, 'T', $h['x-mq-original-topic'] ?? '-'), $h['x-mq-original-partition'] ?? '-',
        $h['x-mq-original-offset'] ?? '-', isset($h['x-mq-group']) ? ($h['x-mq-group'] === $group ? 'ours' : 'other') : '-');
}
$at = fn (string $payload, int $n) => array_values(array_filter($seen, fn ($s) => $s['m']->payload === $payload))[$n]['at'];
// The policy's delays after attempts 1 and 2: 2 s and 3 s.
printf("gap 1 >= 2000 ms: %s\n", $at('A', 1) - $at('A', 0) >= 2.0 ? 'yes' : 'no');
printf("gap 2 >= 3000 ms: %s\n", $at('A', 2) - $at('A', 1) >= 3.0 ? 'yes' : 'no');
printf("C before A's first retry: %s\n", $at('C', 0) < $at('A', 1) ? 'yes' : 'no');
echo json_encode($consumer->getCounters()), "\n";
$consumer->close();

// Committed past every finished record: the topic's three, one in each retry topic.
var_dump(committed_offsets($group, [$topic, "$topic.retry.2000", "$topic.retry.3000"]) === [$topic => 3, "$topic.retry.2000" => 1, "$topic.retry.3000" => 1]);
?>
--EXPECT--
array(2) {
  [0]=>
  string(12) "T.retry.2000"
  [1]=>
  string(12) "T.retry.3000"
}
A from T: key='key-a' custom=kept attempts=- error=-: - original=-/-/- group=-
B from T: key=NULL custom=- attempts=- error=-: - original=-/-/- group=-
C from T: key=NULL custom=- attempts=- error=-: - original=-/-/- group=-
A from T.retry.2000: key='key-a' custom=kept attempts=2 error=RuntimeException: fail 1 original=T/0/0 group=ours
A from T.retry.3000: key='key-a' custom=kept attempts=3 error=RuntimeException: fail 2 original=T/0/0 group=ours
gap 1 >= 2000 ms: yes
gap 2 >= 3000 ms: yes
C before A's first retry: yes
{"handled":3,"retried":2,"exhausted":0,"skipped":0}
bool(true)
