--TEST--
Kafka: a pending pcntl signal ends a long consume() or flush() wait, so its handler runs at once
--EXTENSIONS--
mq
pcntl
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

pcntl_async_signals(true);
$signals = 0;
pcntl_signal(SIGALRM, function () use (&$signals) { $signals++; });

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', fresh_name('signals'));
$consumer = new RdKafka\KafkaConsumer($conf);
$consumer->assign([new RdKafka\TopicPartition(fresh_name('quiet'), 0, RD_KAFKA_OFFSET_END)]);
pcntl_alarm(1);
$t = microtime(true);
$m = $consumer->consume(20000);
$elapsed = microtime(true) - $t;
var_dump($m->err === RD_KAFKA_RESP_ERR__TIMED_OUT, $signals, $elapsed > 0.5 && $elapsed < 5);

// Nothing listens on port 1: flush(20000) would wait the whole time.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
$producer = new RdKafka\Producer($conf);
$producer->newTopic('t')->produce(0, 0, 'never delivered');
pcntl_alarm(1);
$t = microtime(true);
$err = $producer->flush(20000);
$elapsed = microtime(true) - $t;
var_dump($err === RD_KAFKA_RESP_ERR__TIMED_OUT, $signals, $elapsed > 0.5 && $elapsed < 5);
ini_set('mq.kafka_destruct_flush_ms', '0');
?>
--EXPECT--
bool(true)
int(1)
bool(true)
bool(true)
int(2)
bool(true)
