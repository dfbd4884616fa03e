<?php
// TopicConf::setPartitioner(): every librdkafka partitioner, and the values it refuses.
require __DIR__ . '/_prelude.php';

$tc = new RdKafka\TopicConf();
foreach ([RD_KAFKA_MSG_PARTITIONER_RANDOM, RD_KAFKA_MSG_PARTITIONER_CONSISTENT, RD_KAFKA_MSG_PARTITIONER_CONSISTENT_RANDOM,
          RD_KAFKA_MSG_PARTITIONER_MURMUR2, RD_KAFKA_MSG_PARTITIONER_MURMUR2_RANDOM, 0, 1, 7, -1] as $p) {
    attempt("setPartitioner($p)", fn () => $tc->setPartitioner($p));
}
