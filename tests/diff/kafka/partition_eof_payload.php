<?php
// mq-deliberate: a KafkaConsumer's __PARTITION_EOF Message carries librdkafka's error description as payload (README, "Where mq deliberately differs")
// php-rdkafka's payload is librdkafka's event text ("Fetch from broker 1 reached end of partition at offset
// 1 (HighwaterMark 1)"); rdkafka's consumer passes on only the partition.
require __DIR__ . '/_prelude.php';

$topic = name('eof');
produce_all($topic, ['x']);
$c = kafka_consumer();
$c->subscribe([$topic]);
consume_n($c, 1);
do {
    $eof = $c->consume(1000);
} while ($eof->err === RD_KAFKA_RESP_ERR__TIMED_OUT);
dumped('partition end', fn () => var_dump($eof));
$c->close();
