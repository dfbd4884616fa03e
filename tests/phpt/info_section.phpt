--TEST--
php --ri mq shows the versions, librdkafka's builtin features and the ini values
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/child_php.php';
echo shell_exec(mq_child_php('-d mq.worker_threads=3 --ri mq'));
?>
--EXPECTF--

mq

mq support => enabled
mq version => %d.%d.%d
lapin version => 4.%d.%d
rdkafka crate version => 0.39.%d
librdkafka version => 2.%d.%d
librdkafka builtin features => %Sssl%Ssasl%Szstd%S

Directive => Local Value => Master Value
mq.worker_threads => 3 => 3
mq.kafka_destruct_flush_ms => 3000 => 3000
mq.amqp_destruct_flush_ms => 3000 => 3000
mq.amqp_recovery => 0 => 0
mq.amqp_replay_buffer => 100000 => 100000
mq.amqp_recovery_interval_ms => 1000 => 1000
mq.amqp_recovery_deadline_ms => 60000 => 60000
mq.retry_max_attempts => 5 => 5
mq.retry_initial_delay_ms => 100 => 100
mq.retry_multiplier => 2.0 => 2.0
mq.retry_max_delay_ms => 30000 => 30000
mq.retry_jitter => 0.2 => 0.2
mq.retry_deadline_ms => 0 => 0
