--TEST--
Kafka: commitTransaction() serves the delivery reports of the messages it flushes; a delivery report callback that throws does not stop the commit (its exception comes out once the commit is done, as in php-rdkafka) and the reports left come out of the next poll(); a timed-out commit can be called again
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('transactional.id', fresh_name('mq-tx'));
$conf->set('log_level', '0');
$reports = [];
$conf->setDrMsgCb(function ($kafka, $m) use (&$reports) {
    $reports[] = $m->payload;
    if (count($reports) === 1) {
        throw new RuntimeException('from the delivery report callback');
    }
});
$producer = new RdKafka\Producer($conf);
$producer->initTransactions(20000);
$producer->beginTransaction();
$name = fresh_name('mq-tx-topic');
$topic = $producer->newTopic($name);
foreach (['m0', 'm1', 'm2', 'm3'] as $payload) {
    $topic->produce(0, 0, $payload);
}
try {
    $producer->commitTransaction(20000);
    echo "committed without the exception\n";
} catch (RuntimeException $e) {
    echo $e->getMessage(), "\n";
}
// The commit went through: a second one finds no transaction.
try {
    $producer->commitTransaction(20000);
} catch (RdKafka\KafkaErrorException $e) {
    echo $e->getCode(), ' ', $e->getMessage(), "\n";
}
var_dump($reports);
$deadline = microtime(true) + 10;
while (count($reports) < 4 && microtime(true) < $deadline) {
    $producer->poll(100);
}
var_dump($reports);

// A timeout of 0 cannot flush: a retriable _TIMED_OUT without librdkafka's advice to poll the event
// queue (mq polls it); calling again finishes the commit.
$producer->beginTransaction();
$topic->produce(0, 0, 'm4');
try {
    $producer->commitTransaction(0);
} catch (RdKafka\KafkaErrorException $e) {
    var_dump($e->getCode() === RD_KAFKA_RESP_ERR__TIMED_OUT, $e->isRetriable(), $e->transactionRequiresAbort());
    echo $e->getMessage(), "\n";
}
$producer->commitTransaction(20000);
var_dump(count($reports), $producer->getOutQLen());

$consumer = new RdKafka\Conf();
$consumer->set('bootstrap.servers', kafka_bootstrap());
$consumer->set('group.id', fresh_name('mq-tx-group'));
$consumer->set('group.protocol', kafka_group_protocol());
$consumer->set('auto.offset.reset', 'earliest');
$consumer->set('isolation.level', 'read_committed');
$c = new RdKafka\KafkaConsumer($consumer);
$c->subscribe([$name]);
$read = [];
$deadline = microtime(true) + 20;
while (count($read) < 5 && microtime(true) < $deadline) {
    $m = $c->consume(200);
    if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        $read[] = $m->payload;
    }
}
echo implode(',', $read), "\n";
$c->close();
?>
--EXPECTF--
from the delivery report callback
-172 Operation not valid in state Ready (RD_KAFKA_RESP_ERR__STATE)
array(1) {
  [0]=>
  string(2) "m0"
}
array(4) {
  [0]=>
  string(2) "m0"
  [1]=>
  string(2) "m1"
  [2]=>
  string(2) "m2"
  [3]=>
  string(2) "m3"
}
bool(true)
bool(true)
bool(false)
Failed to flush all outstanding messages within the API timeout: 1 message(s) remaining (RD_KAFKA_RESP_ERR__TIMED_OUT)
int(5)
int(0)
m0,m1,m2,m3,m4
