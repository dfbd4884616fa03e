--TEST--
Kafka: getMetadata() (brokers, topics, partitions as Countable/Iterator collections), queryWatermarkOffsets(), offsetsForTimes(), getOffsetPositions()
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('meta');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
for ($i = 0; $i < 4; $i++) {
    $topic->producev(0, 0, "r$i", null, null, 1_700_000_000_000 + $i * 1000);
}
var_dump($producer->flush(10000));

$md = $producer->getMetadata(false, $topic, 5000);
var_dump($md instanceof RdKafka\Metadata, $md->getOrigBrokerName() === kafka_bootstrap() . '/1');
$brokers = $md->getBrokers();
var_dump($brokers instanceof Countable, $brokers instanceof Iterator, count($brokers));
foreach ($brokers as $i => $broker) {
    var_dump($i, $broker->getId(), $broker->getHost() . ':' . $broker->getPort() === kafka_bootstrap());
}
$topics = iterator_to_array($md->getTopics());
var_dump(count($topics), $topics[0]->getTopic() === $name, $topics[0]->getErr());
$partition = iterator_to_array($topics[0]->getPartitions())[0];
var_dump($partition->getId(), $partition->getErr(), $partition->getLeader(), iterator_to_array($partition->getReplicas()), count($partition->getIsrs()));
$all = $producer->getMetadata(true, null, 5000);
var_dump(in_array($name, array_map(fn ($t) => $t->getTopic(), iterator_to_array($all->getTopics())), true));

$producer->queryWatermarkOffsets($name, 0, $low, $high, 5000);
var_dump($low, $high);
$resumed = $producer->resumePartitions([new RdKafka\TopicPartition($name, 0)]);
var_dump(count($resumed), $resumed[0]->getTopic() === $name);
$found = $producer->offsetsForTimes([new RdKafka\TopicPartition($name, 0, 1_700_000_001_500)], 5000);
var_dump($found[0]->getOffset(), $found[0]->getErr());

$conf->set('group.id', fresh_name('meta-group'));
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->assign([new RdKafka\TopicPartition($name, 0, 1)]);
$m = $consumer->consume(10000);
var_dump($m->payload, $m->timestamp);
var_dump($consumer->getOffsetPositions([new RdKafka\TopicPartition($name, 0)])[0]->getOffset());
// A paused partition delivers nothing until resumed.
$paused = $consumer->pausePartitions([new RdKafka\TopicPartition($name, 0)]);
var_dump($paused[0]->getErr(), $consumer->consume(500)->err === RD_KAFKA_RESP_ERR__TIMED_OUT);
$consumer->resumePartitions([new RdKafka\TopicPartition($name, 0)]);
var_dump($consumer->consume(10000)->payload);
$consumer->queryWatermarkOffsets($name, 0, $low, $high, 5000);
var_dump($high);
var_dump(count($consumer->getMetadata(false, null, 5000)->getBrokers()));
?>
--EXPECT--
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
int(0)
int(1)
bool(true)
int(1)
bool(true)
int(0)
int(0)
int(0)
int(1)
array(1) {
  [0]=>
  int(1)
}
int(1)
bool(true)
int(0)
int(4)
int(1)
bool(true)
int(2)
int(0)
string(2) "r1"
int(1700000001000)
int(2)
int(0)
bool(true)
string(2) "r2"
int(4)
int(1)
