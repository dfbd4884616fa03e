<?php
// KafkaConsumer::assign() errors carry librdkafka's code and text (rdkafka's own assign() reports them
// as code -1 "Subscription error: ..."). log_level 0: librdkafka logs the refusal to stderr on
// php-rdkafka only (log_stderr.php).
require __DIR__ . '/_prelude.php';

$topic = name('assigned');
produce_all($topic, ['x']);
$c = kafka_consumer(['log_level' => '0']);
attempt('assign duplicates', fn () => $c->assign([new RdKafka\TopicPartition($topic, 0), new RdKafka\TopicPartition($topic, 0)]));
attempt('assign one', fn () => $c->assign([new RdKafka\TopicPartition($topic, 0)]));
show('assignment', count($c->getAssignment()));
attempt('assign null', fn () => $c->assign(null));
show('assignment after null', count($c->getAssignment()));
attempt('assign []', fn () => $c->assign([]));
$c->close();
