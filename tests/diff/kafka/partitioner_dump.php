<?php
// mq-deliberate: setPartitioner() sets librdkafka's "partitioner" property, which dump() shows; php-rdkafka installs the C function and leaves the property at its default (README "Where mq deliberately differs")
require __DIR__ . '/_prelude.php';

$tc = new RdKafka\TopicConf();
$tc->setPartitioner(RD_KAFKA_MSG_PARTITIONER_MURMUR2_RANDOM);
show('partitioner property', $tc->dump()['partitioner']);
