--TEST--
Kafka: KafkaConsumer::newTopic() and KafkaConsumerTopic::offsetStore() with enable.auto.offset.store=false; commit() commits the stored offset
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('store');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
for ($i = 0; $i < 4; $i++) {
    $topic->produce(0, 0, "m$i");
}
var_dump($producer->flush(10000));

$conf->set('group.id', fresh_name('store-group'));
$conf->set('group.protocol', kafka_group_protocol());
$conf->set('auto.offset.reset', 'earliest');
$conf->set('enable.auto.offset.store', 'false');
$conf->set('enable.auto.commit', 'false');
$consumer = new RdKafka\KafkaConsumer($conf);
$consumerTopic = $consumer->newTopic($name);
var_dump(get_class($consumerTopic), $consumerTopic->getName() === $name, $consumerTopic instanceof RdKafka\Topic);
$consumer->subscribe([$name]);
$deadline = microtime(true) + 30;
do {
    $m = $consumer->consume(500);
} while ($m->err !== RD_KAFKA_RESP_ERR_NO_ERROR && microtime(true) < $deadline);
$m = $consumer->consume(5000);
var_dump($m->payload);
// Nothing stored yet: an offset-less commit has nothing to commit.
try {
    $consumer->commit();
} catch (RdKafka\Exception $e) {
    var_dump($e->getCode() === RD_KAFKA_RESP_ERR__NO_OFFSET);
}
$consumerTopic->offsetStore($m->partition, $m->offset);
$consumer->commit();
var_dump($consumer->getCommittedOffsets([new RdKafka\TopicPartition($name, 0)], 5000)[0]->getOffset());
// A consumer topic also selects the topic of getMetadata().
var_dump(count($consumer->getMetadata(false, $consumerTopic, 5000)->getTopics()));
$consumer->close();
try {
    $consumerTopic->offsetStore(0, 3);
} catch (RdKafka\Exception $e) {
    var_dump($e->getMessage());
}
?>
--EXPECT--
int(0)
string(26) "RdKafka\KafkaConsumerTopic"
bool(true)
bool(true)
string(2) "m1"
bool(true)
int(2)
int(1)
string(22) "Local: Erroneous state"
