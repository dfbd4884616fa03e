<?php
// mq-deliberate: without a log callback mq does not print librdkafka's log lines to stderr (README, "Where mq deliberately differs")
// A producer without bootstrap.servers: librdkafka logs a CONFWARN line, which php-rdkafka's librdkafka
// prints to stderr and mq does not (setLogger(RD_KAFKA_LOG_PRINT) prints them on mq).
require __DIR__ . '/_prelude.php';

$p = new RdKafka\Producer(new RdKafka\Conf());
$p->poll(100);
out('done');
