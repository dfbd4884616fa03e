--TEST--
Mq\KafkaAdmin::deleteRecords(): records before an offset (RD_KAFKA_OFFSET_END: all) are deleted for every group, and the new low watermark is returned; a partition that does not exist, a non-TopicPartition and a bad timeout are refused
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$topic = fresh_name('delete-records');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
for ($i = 0; $i < 5; $i++) {
    $producer->newTopic($topic)->produce(0, 0, "m$i");
}
var_dump($producer->flush(10000));
$admin = new Mq\KafkaAdmin($conf);
$watermarks = function () use ($producer, $topic) {
    $low = $high = null;
    $producer->queryWatermarkOffsets($topic, 0, $low, $high, 10000);
    return "low $low, high $high";
};

$result = $admin->deleteRecords([new RdKafka\TopicPartition($topic, 0, 3)]);
echo count($result), ' partition: offset ', $result[0]->getOffset(), ', err ', $result[0]->getErr(), '; ', $watermarks(), "\n";
$result = $admin->deleteRecords([new RdKafka\TopicPartition($topic, 0, RD_KAFKA_OFFSET_END)]);
echo 'to the end: offset ', $result[0]->getOffset(), ', err ', $result[0]->getErr(), '; ', $watermarks(), "\n";

// A reader of the topic from its beginning finds nothing left.
$conf->set('group.id', "$topic-group");
$conf->set('auto.offset.reset', 'earliest');
$conf->set('enable.partition.eof', 'true');
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->assign([new RdKafka\TopicPartition($topic, 0, RD_KAFKA_OFFSET_BEGINNING)]);
do {
    $message = $consumer->consume(10000);
} while ($message->err === RD_KAFKA_RESP_ERR__TIMED_OUT);
echo 'a reader from the beginning: ', $message->err === RD_KAFKA_RESP_ERR__PARTITION_EOF ? "end at offset $message->offset" : "record {$message->payload}", "\n";
$consumer->close();

var_dump($admin->deleteRecords([]));
try {
    $admin->deleteRecords([new RdKafka\TopicPartition($topic, 7, 1)]);
} catch (RdKafka\Exception $e) {
    echo get_class($e), ' ', $e->getCode(), "\n";
}
foreach ([[[1], 30.0], [[new RdKafka\TopicPartition($topic, 0, 1)], NAN], [[new RdKafka\TopicPartition($topic, 0, 1)], 0.0]] as [$offsets, $timeout]) {
    try {
        $admin->deleteRecords($offsets, $timeout);
    } catch (InvalidArgumentException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$admin->deleteTopic($topic);
?>
--EXPECT--
int(0)
1 partition: offset 3, err 0; low 3, high 5
to the end: offset 5, err 0; low 5, high 5
a reader from the beginning: end at offset 5
array(0) {
}
RdKafka\Exception -156
InvalidArgumentException: Mq\KafkaAdmin::deleteRecords(): Argument #1 ($offsets) must be a list of RdKafka\TopicPartition
InvalidArgumentException: Mq\KafkaAdmin::deleteRecords(): Argument #2 ($timeout) must be a number of seconds > 0 and <= 3600, NAN given
InvalidArgumentException: Mq\KafkaAdmin::deleteRecords(): Argument #2 ($timeout) must be a number of seconds > 0 and <= 3600, 0 given
