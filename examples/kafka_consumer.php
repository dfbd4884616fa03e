<?php
// Reads a topic from the beginning in a consumer group with php-rdkafka's KafkaConsumer, until it
// reaches the end of the partition. Usage: php -d extension=modules/mq.so examples/kafka_consumer.php [topic]
$topic = $argv[1] ?? 'mq-example';
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:' . (getenv('MQ_KAFKA_PORT') ?: 9092));
$conf->set('group.id', 'mq-example-' . getmypid());
$conf->set('auto.offset.reset', 'earliest');
$conf->set('enable.partition.eof', 'true');
// The rebalance callback runs inside consume(), on this thread, and assigns as php-rdkafka expects.
$conf->setRebalanceCb(function (RdKafka\KafkaConsumer $kafka, int $err, array $partitions) {
    echo $err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? 'assigned ' : 'revoked ', count($partitions), " partition(s)\n";
    $kafka->assign($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? $partitions : null);
});
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->subscribe([$topic]);
$deadline = time() + 30;
while (time() < $deadline) {
    $message = $consumer->consume(1000);
    switch ($message->err) {
        case RD_KAFKA_RESP_ERR_NO_ERROR:
            printf("%s: %s %s\n", $message->key, $message->payload, json_encode($message->headers));
            $consumer->commit($message);
            break;
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            echo "end of partition\n";
            $consumer->close();
            exit(0);
        case RD_KAFKA_RESP_ERR__TIMED_OUT:
            break;
        default:
            fwrite(STDERR, $message->errstr() . "\n");
            exit(1);
    }
}
fwrite(STDERR, "no end of partition within 30 s\n");
exit(1);
