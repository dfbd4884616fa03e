<?php
// Produces a few records with php-rdkafka's API (unchanged code runs on mq) and waits for their
// delivery reports. Usage: php -d extension=modules/mq.so examples/kafka_producer.php [topic]
$topic = $argv[1] ?? 'mq-example';
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:' . (getenv('MQ_KAFKA_PORT') ?: 9092));
$conf->setDrMsgCb(function (RdKafka\Producer $kafka, RdKafka\Message $message) {
    if ($message->err !== RD_KAFKA_RESP_ERR_NO_ERROR) {
        printf("delivery failed: %s\n", $message->errstr());
        return;
    }
    printf("delivered %s to %s[%d] at offset %d\n", $message->opaque, $message->topic_name, $message->partition, $message->offset);
});
$producer = new RdKafka\Producer($conf);
$kafkaTopic = $producer->newTopic($topic);
for ($i = 1; $i <= 3; $i++) {
    $kafkaTopic->producev(RD_KAFKA_PARTITION_UA, 0, "order #$i", "customer-$i", ['source' => 'example'], null, "record $i");
    $producer->poll(0);
}
// flush() returns an error code; callbacks run inside it.
$err = $producer->flush(10000);
echo $err === RD_KAFKA_RESP_ERR_NO_ERROR ? "all delivered\n" : 'flush: ' . rd_kafka_err2str($err) . "\n";
exit($err === RD_KAFKA_RESP_ERR_NO_ERROR ? 0 : 1);
