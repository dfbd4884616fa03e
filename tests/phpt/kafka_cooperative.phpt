--TEST--
Kafka: incremental rebalancing (cooperative-sticky under the classic group protocol; always under the consumer protocol) with incrementalAssign()/incrementalUnassign() from the rebalance callback, where assign() is refused; getControllerId(); deprecated Producer aliases
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('coop');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$producer->newTopic($name)->produce(0, 0, 'coop-record');
var_dump($producer->flush(10000), $producer->outqLen());
var_dump($producer->getControllerId(5000), count($producer->metadata(false, null, 5000)->getBrokers()));
$producer->setLogLevel(3);

$events = [];
$cconf = new RdKafka\Conf();
$cconf->set('bootstrap.servers', kafka_bootstrap());
$cconf->set('group.id', fresh_name('coop-group'));
$cconf->set('group.protocol', kafka_group_protocol());
$cconf->set('auto.offset.reset', 'earliest');
// The consumer group protocol (KIP-848) is always incremental, and librdkafka refuses this setting there.
if (kafka_group_protocol() === 'classic') {
    $cconf->set('partition.assignment.strategy', 'cooperative-sticky');
}
$cconf->setRebalanceCb(function (RdKafka\KafkaConsumer $kafka, int $err, array $partitions) use (&$events) {
    $events[] = [$err, count($partitions)];
    if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        // An incremental rebalance refuses assign() with php-rdkafka's exception for librdkafka's error.
        try {
            $kafka->assign($partitions);
        } catch (RdKafka\Exception $e) {
            $events[] = [$e->getCode(), $e->getMessage()];
        }
        $kafka->incrementalAssign($partitions);
    } else {
        $kafka->incrementalUnassign($partitions);
    }
});
$consumer = new RdKafka\KafkaConsumer($cconf);
$consumer->subscribe([$name]);
$deadline = microtime(true) + 30;
do {
    $m = $consumer->consume(500);
} while ($m->err !== RD_KAFKA_RESP_ERR_NO_ERROR && microtime(true) < $deadline);
var_dump($m->payload, array_slice($events, 0, 2), count($consumer->getAssignment()));
var_dump($consumer->getControllerId(5000));
// Incremental calls are checked by librdkafka: unassigning a partition twice fails with its message.
$consumer->incrementalUnassign($consumer->getAssignment());
try {
    $consumer->incrementalUnassign([new RdKafka\TopicPartition($name, 0)]);
    echo "no exception\n";
} catch (RdKafka\Exception $e) {
    var_dump($e->getCode(), $e->getMessage() !== '');
}
var_dump(count($consumer->getAssignment()));
?>
--EXPECTF--
Deprecated: Method RdKafka::outqLen() is deprecated in %s on line 9
int(0)
int(0)

Deprecated: Method RdKafka::metadata() is deprecated in %s on line 10
int(1)
int(1)

Deprecated: Method RdKafka::setLogLevel() is deprecated in %s on line 11
string(11) "coop-record"
array(2) {
  [0]=>
  array(2) {
    [0]=>
    int(-175)
    [1]=>
    int(1)
  }
  [1]=>
  array(2) {
    [0]=>
    int(-172)
    [1]=>
    string(22) "Local: Erroneous state"
  }
}
int(1)
int(1)
int(0)
bool(true)
int(0)
