--TEST--
Mq\KafkaRetryingConsumer: giving partitions up (close(): the rebalance callback's revocation) commits the finished records and drops a retry held back before its due time; the group's next member handles that retry (a retry topic the group never committed on is read from its beginning, whatever auto.offset.reset says), not before it is due, and none of the finished records again
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$topic = fresh_name('krebalance');
$group = fresh_name('krebalance-group');
$policy = new RetryPolicy(maxAttempts: 2, initialDelay: 4.0, retryOn: [RuntimeException::class]);
$seen = [];
$failedAt = null;
$first = new KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic,
    function (RdKafka\Message $m) use (&$seen, &$failedAt) {
        $seen[] = "first: $m->payload";
        if ($m->payload === 'A') {
            $failedAt = microtime(true);
            throw new RuntimeException('later');
        }
    }, $policy);
produce_records($topic, [['A', null, []], ['B', null, []]]);
// Long enough to read A's retry copy (held: due 4 s after the failure), not to handle it.
$deadline = microtime(true) + 30;
while (count($seen) < 2 && microtime(true) < $deadline) {
    $first->consume(0.5);
}
$first->consume(1.0);
$first->close();
echo json_encode($first->getCounters()), "\n";
var_dump(committed_offsets($group, [$topic])[$topic]);

// The group committed nothing on the retry topic: it is read from its beginning even so, or the copy
// (produced before this member got the partition) would be skipped.
$conf = retrying_conf($group, kafka_group_protocol());
$conf->set('auto.offset.reset', 'latest');
$second = new KafkaRetryingConsumer($conf, $topic,
    function (RdKafka\Message $m) use (&$seen, &$second, &$handledAt) {
        $seen[] = "second: $m->payload attempts=" . ($m->headers['x-mq-attempts'] ?? '-');
        $handledAt = microtime(true);
        $second->stop();
    }, $policy);
$second->consume(60.0);
var_dump($seen);
printf("retry after its delay: %s\n", $handledAt - $failedAt >= 4.0 ? 'yes' : 'no');
$second->close();
var_dump(committed_offsets($group, [$topic, "$topic.retry.4000"]) === [$topic => 2, "$topic.retry.4000" => 1]);
?>
--EXPECT--
{"handled":1,"retried":1,"exhausted":0,"skipped":0}
int(2)
array(3) {
  [0]=>
  string(8) "first: A"
  [1]=>
  string(8) "first: B"
  [2]=>
  string(20) "second: A attempts=2"
}
retry after its delay: yes
bool(true)
