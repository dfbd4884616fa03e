--TEST--
Kafka: sendOffsetsToTransaction() with coordinators that answer in 60 ms (librdkafka's mock cluster, test.mock.broker.rtt) commits every transaction: it is one librdkafka call with the whole timeout (it was made in 20 ms slices, each starting the call over with requests that timed out, and librdkafka then failed the transaction)
--EXTENSIONS--
mq
--FILE--
<?php
$conf = new RdKafka\Conf();
$conf->set('test.mock.num.brokers', '1');
$conf->set('test.mock.broker.rtt', '60');
$conf->set('transactional.id', 'slow-coordinator');
$failures = [];
$conf->setLogCb(function ($kafka, int $level, string $facility, string $message) use (&$failures) {
    if ($level <= LOG_ERR) {
        $failures[] = "$facility $message";
    }
});
$producer = new RdKafka\Producer($conf);
$producer->initTransactions(20000);

// Only the consumer's group metadata is sent: it never connects.
$cconf = new RdKafka\Conf();
$cconf->set('bootstrap.servers', '127.0.0.1:1');
$cconf->set('group.id', 'slow-coordinator-group');
$consumer = new RdKafka\KafkaConsumer($cconf);

$topic = $producer->newTopic('slow-coordinator-in');
for ($i = 1; $i <= 3; $i++) {
    $producer->beginTransaction();
    $topic->producev(0, 0, "message $i");
    $producer->flush(10000);
    try {
        $producer->sendOffsetsToTransaction([new RdKafka\TopicPartition('slow-coordinator-in', 0, $i)], $consumer, 10000);
        $producer->commitTransaction(10000);
        echo "transaction $i committed\n";
    } catch (RdKafka\Exception $e) {
        echo "transaction $i: ", get_class($e), ': ', $e->getMessage(), "\n";
        $producer->abortTransaction(10000);
    }
}
echo 'librdkafka errors: ', count($failures), $failures ? ' (' . $failures[0] . ')' : '', "\n";
?>
--EXPECT--
transaction 1 committed
transaction 2 committed
transaction 3 committed
librdkafka errors: 0
