--TEST--
Mq\KafkaRetryingConsumer: a retry copy that is not delivered throws RuntimeException and leaves the record unfinished at the head of its partition: each next consume() handles it again first, the record behind it waits, nothing is committed
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
use Mq\KafkaRetryingConsumer;

$topic = fresh_name('kundelivered');
$group = fresh_name('kundelivered-group');
// The copies' producer refuses records above 1000 bytes: the copy of a 2000-byte record never goes out.
$producerConf = new RdKafka\Conf();
$producerConf->set('bootstrap.servers', kafka_bootstrap());
$producerConf->set('message.max.bytes', '1000');
$handled = [];
$consumer = new KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic, function (RdKafka\Message $m) use (&$handled) {
    $handled[] = strlen($m->payload) . ' bytes';
    throw new RuntimeException('fails');
}, producerConf: $producerConf, confirmTimeout: 5.0);

produce_records($topic, [[str_repeat('x', 2000), null, []], ['behind', null, []]]);
for ($i = 0; $i < 2; $i++) {
    try {
        $consumer->consume(60.0);
        echo "no exception\n";
    } catch (RuntimeException $e) {
        echo get_class($e), ': ', str_replace($topic, 'T', $e->getMessage()), "\n";
        echo '  previous: ', get_class($e->getPrevious()), "\n";
    }
}
// The record behind waits for the first: it never reached the handler.
var_dump($handled);
echo json_encode($consumer->getCounters()), "\n";
$consumer->close();
var_dump(committed_offsets($group, [$topic])[$topic] < 0);
?>
--EXPECT--
RuntimeException: Mq\KafkaRetryingConsumer: the copy produced to topic "T.retry.100" was not delivered (Broker: Message size too large); the record (T:0:0) will be handled again
  previous: RdKafka\Exception
RuntimeException: Mq\KafkaRetryingConsumer: the copy produced to topic "T.retry.100" was not delivered (Broker: Message size too large); the record (T:0:0) will be handled again
  previous: RdKafka\Exception
array(2) {
  [0]=>
  string(10) "2000 bytes"
  [1]=>
  string(10) "2000 bytes"
}
{"handled":0,"retried":0,"exhausted":0,"skipped":0}
bool(true)
