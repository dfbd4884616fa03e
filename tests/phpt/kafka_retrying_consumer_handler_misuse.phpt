--TEST--
Mq\KafkaRetryingConsumer: a handler calling consume() again gets a LogicException (nothing is stored past its own record); what a handler does to the Message it is given changes neither the stored offset nor the retry and dead-letter copies; close() from the handler ends consume() without storing the record
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';

use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$protocol = kafka_group_protocol();

// 1. Re-entry: refused, and the outer record is then handled (once the handler stops trying).
$topic = fresh_name('misuse-reentry');
produce_records($topic, [['r0', 'k', null], ['r1', 'k', null]]);
$group = fresh_name('misuse-group');
$seen = [];
$consumer = null;
$consumer = new KafkaRetryingConsumer(retrying_conf($group, $protocol), $topic, function (RdKafka\Message $m) use (&$consumer, &$seen) {
    if ($m->payload === 'r0') {
        try {
            $consumer->consume(1.0);
        } catch (LogicException $e) {
            $seen[] = get_class($e) . ': ' . $e->getMessage();
        }
    }
    $seen[] = $m->payload;
    if ($m->payload === 'r1') {
        $consumer->stop();
    }
}, RetryPolicy::none());
$consumer->consume(30.0);
$consumer->close();
echo implode("\n", $seen), "\n";
var_dump(committed_offsets($group, [$topic])[$topic]);

// 2. A handler that rewrites the Message: the copies and the offsets are the record as read.
$topic = fresh_name('misuse-mutate');
produce_records($topic, [['original', 'key', ['h' => 'v']], ['next', 'key', null]]);
$group = fresh_name('misuse-group');
$consumer = new KafkaRetryingConsumer(retrying_conf($group, $protocol), $topic, function (RdKafka\Message $m) use (&$consumer) {
    if ($m->payload === 'next') {
        $consumer->stop();
        return;
    }
    $m->payload = 'rewritten';
    $m->offset = 1000;
    $m->headers = ['h' => 'changed'];
    throw new RuntimeException('always');
}, RetryPolicy::none());
$consumer->consume(30.0);
$consumer->close();
$dead = read_records("$topic.dlt", 1);
echo $dead[0]->payload, ' h=', $dead[0]->headers['h'], ' origin offset=', $dead[0]->headers['x-mq-original-offset'], "\n";
var_dump(committed_offsets($group, [$topic])[$topic]);

// 3. close() from the handler: consume() returns, the record is not stored (it comes again).
$topic = fresh_name('misuse-close');
produce_records($topic, [['r0', 'k', null], ['r1', 'k', null]]);
$group = fresh_name('misuse-group');
$consumer = new KafkaRetryingConsumer(retrying_conf($group, $protocol), $topic, function (RdKafka\Message $m) use (&$consumer) {
    echo "handling $m->payload\n";
    if ($m->payload === 'r1') {
        $consumer->close();
    }
}, RetryPolicy::none());
$consumer->consume(30.0);
echo "consume returned\n";
var_dump(committed_offsets($group, [$topic])[$topic]);
?>
--EXPECT--
LogicException: Mq\KafkaRetryingConsumer::consume(): called from its own handler or hook (call stop() instead)
r0
r1
int(2)
original h=v origin offset=0
int(2)
handling r0
handling r1
consume returned
int(1)
