--TEST--
Kafka: TopicPartition metadata (an mq addition) is committed with the offset and read back by getCommittedOffsets(); without it a commit clears it; bad types are TypeErrors
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$topic = fresh_name('commit-metadata');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$producer->newTopic($topic)->produce(0, 0, 'x');
var_dump($producer->flush(10000));

$conf->set('group.id', "$topic-group");
$consumer = new RdKafka\KafkaConsumer($conf);
$committed = fn () => $consumer->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 10000)[0];

$tp = new RdKafka\TopicPartition($topic, 0, 1);
var_dump($tp->getMetadata());
var_dump($tp->setMetadata('mq-claim:0:2') === $tp, $tp->getMetadata());
$consumer->commit([$tp]);
var_dump($committed()->getOffset(), $committed()->getMetadata());

$long = str_repeat('m', 4000);
$consumer->commit([(new RdKafka\TopicPartition($topic, 0, 1))->setMetadata($long)]);
var_dump($committed()->getMetadata() === $long);

$consumer->commit([new RdKafka\TopicPartition($topic, 0, 1)]);
var_dump($committed()->getMetadata());
var_dump($tp->setMetadata(null)->getMetadata());

// Kept apart from php-rdkafka's debug view, which has no metadata.
var_dump(array_keys((array) $tp) === [] || !str_contains(print_r($tp, true), 'mq-claim'));
try {
    $tp->setMetadata([]);
} catch (TypeError $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$consumer->close();
?>
--EXPECT--
int(0)
NULL
bool(true)
string(12) "mq-claim:0:2"
int(1)
string(12) "mq-claim:0:2"
bool(true)
NULL
NULL
bool(true)
TypeError: RdKafka\TopicPartition::setMetadata(): Argument #1 ($metadata) must be of type ?string, array given
