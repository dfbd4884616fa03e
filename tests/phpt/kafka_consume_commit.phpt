--TEST--
Kafka: KafkaConsumer gets the records back byte for byte; rebalance callback assigns from PHP; timeout and EOF messages; commit, then a new consumer of the group resumes after it
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('consume');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
$payloads = [];
for ($i = 0; $i < 5; $i++) {
    $payloads[] = $payload = "\0rec$i\0" . random_bytes(16);
    $topic->producev(0, 0, $payload, "k$i", ['i' => (string) $i]);
}
var_dump($producer->flush(10000));

function consumer_conf(string $group, array &$events): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', $group);
    $conf->set('group.protocol', kafka_group_protocol());
    $conf->set('auto.offset.reset', 'earliest');
    $conf->set('enable.auto.commit', 'false');
    $conf->set('enable.partition.eof', 'true');
    $conf->setRebalanceCb(function (RdKafka\KafkaConsumer $kafka, int $err, array $partitions) use (&$events) {
        $events[] = [$err, array_map(fn ($p) => $p->getTopic() . '/' . $p->getPartition(), $partitions)];
        if (kafka_group_protocol() === 'consumer') {
            // KIP-848 rebalances are incremental: assign() is refused there (kafka_cooperative.phpt).
            $err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? $kafka->incrementalAssign($partitions) : $kafka->incrementalUnassign($partitions);
        } else {
            $kafka->assign($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? $partitions : null);
        }
    });
    return $conf;
}

/** The next record (skipping timeouts while the group forms). */
function next_record(RdKafka\KafkaConsumer $consumer): RdKafka\Message
{
    $deadline = microtime(true) + 30;
    do {
        $m = $consumer->consume(500);
    } while ($m->err === RD_KAFKA_RESP_ERR__TIMED_OUT && microtime(true) < $deadline);
    return $m;
}

$events = [];
$group = fresh_name('group');
$consumer = new RdKafka\KafkaConsumer(consumer_conf($group, $events));
$consumer->subscribe([$name]);
var_dump($consumer->getSubscription() === [$name]);
$got = [];
for ($i = 0; $i < 3; $i++) {
    $got[] = next_record($consumer);
}
var_dump(array_map(fn ($m) => $m->payload, $got) === array_slice($payloads, 0, 3));
var_dump($got[1]->key, $got[1]->headers, $got[1]->topic_name === $name, $got[1]->offset, $got[1]->len);
var_dump($events === [[RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS, ["$name/0"]]]);
$assignment = $consumer->getAssignment();
var_dump(count($assignment), $assignment[0] instanceof RdKafka\TopicPartition);

$consumer->commit($got[2]);
$committed = $consumer->getCommittedOffsets([new RdKafka\TopicPartition($name, 0)], 5000);
var_dump($committed[0]->getOffset(), $committed[0]->getErr());
$consumer->close();
try {
    $consumer->consume(0);
} catch (Exception $e) {
    // php-rdkafka's error for a closed consumer: a plain \Exception.
    var_dump(get_class($e), $e->getMessage());
}

// Same group: resumes after the committed offset.
$events = [];
$again = new RdKafka\KafkaConsumer(consumer_conf($group, $events));
$again->subscribe([$name]);
$m = next_record($again);
var_dump($m->offset, $m->payload === $payloads[3]);
$m = next_record($again);
var_dump($m->offset);
$eof = next_record($again);
var_dump($eof->err === RD_KAFKA_RESP_ERR__PARTITION_EOF, $eof->partition, $eof->topic_name === $name, $eof->offset);
$t = microtime(true);
$timeout = $again->consume(300);
var_dump($timeout->err === RD_KAFKA_RESP_ERR__TIMED_OUT, $timeout->errstr(), microtime(true) - $t < 3);
?>
--EXPECT--
int(0)
bool(true)
bool(true)
string(2) "k1"
array(1) {
  ["i"]=>
  string(1) "1"
}
bool(true)
int(1)
int(22)
bool(true)
int(1)
bool(true)
int(3)
int(0)
string(9) "Exception"
string(110) "RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called"
int(3)
bool(true)
int(4)
bool(true)
int(0)
bool(true)
int(5)
bool(true)
string(16) "Local: Timed out"
bool(true)
