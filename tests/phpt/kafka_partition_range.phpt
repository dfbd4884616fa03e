--TEST--
Kafka: ConsumerTopic and KafkaConsumerTopic methods refuse a partition outside 0..2^31-1 (RD_KAFKA_PARTITION_UA where librdkafka takes it) and a batch size under 1 with php-rdkafka's InvalidArgumentException, before calling librdkafka; the expected output is php-rdkafka 6.0.4's
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';
// $partition out of 0..2^31-1 (RD_KAFKA_PARTITION_UA where librdkafka takes it) is php-rdkafka's
// InvalidArgumentException before anything else, as is a $batch_size under 1.
$c = new RdKafka\Conf(); $c->set('metadata.broker.list', kafka_bootstrap()); $c->set('group.id', fresh_name('range'));
$k = new RdKafka\Consumer($c); $t = $k->newTopic('x'); $q = $k->newQueue();
$kc = new RdKafka\KafkaConsumer($c); $kt = $kc->newTopic('x');
foreach ([
 'consumeStart' => fn ($p) => $t->consumeStart($p, 0),
 'consumeQueueStart' => fn ($p) => $t->consumeQueueStart($p, 0, $q),
 'consumeStop' => fn ($p) => $t->consumeStop($p),
 'consume' => fn ($p) => $t->consume($p, 0),
 'consumeBatch' => fn ($p) => $t->consumeBatch($p, 0, 1),
 'consumeCallback' => fn ($p) => $t->consumeCallback($p, 0, fn () => 0),
 'offsetStore' => fn ($p) => $t->offsetStore($p, 0),
 'kcOffsetStore' => fn ($p) => $kt->offsetStore($p, 0),
] as $n => $f) foreach ([-1, 1 << 31, -2] as $p) { try { $r = $f($p); echo "$n($p): ", json_encode($r), "\n"; } catch (Throwable $e) { echo "$n($p): ", get_class($e), ": ", $e->getMessage(), "\n"; } }
try { $t->consumeBatch(0, 0, 0); } catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
?>
--EXPECT--
consumeStart(-1): RdKafka\Exception: Local: Unknown partition
consumeStart(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
consumeStart(-2): InvalidArgumentException: Out of range value '-2' for $partition
consumeQueueStart(-1): RdKafka\Exception: Local: Unknown partition
consumeQueueStart(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
consumeQueueStart(-2): InvalidArgumentException: Out of range value '-2' for $partition
consumeStop(-1): RdKafka\Exception: Local: Invalid argument or configuration
consumeStop(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
consumeStop(-2): InvalidArgumentException: Out of range value '-2' for $partition
consume(-1): null
consume(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
consume(-2): InvalidArgumentException: Out of range value '-2' for $partition
consumeBatch(-1): []
consumeBatch(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
consumeBatch(-2): InvalidArgumentException: Out of range value '-2' for $partition
consumeCallback(-1): InvalidArgumentException: Out of range value '-1' for $partition
consumeCallback(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
consumeCallback(-2): InvalidArgumentException: Out of range value '-2' for $partition
offsetStore(-1): InvalidArgumentException: Out of range value '-1' for $partition
offsetStore(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
offsetStore(-2): InvalidArgumentException: Out of range value '-2' for $partition
kcOffsetStore(-1): InvalidArgumentException: Out of range value '-1' for $partition
kcOffsetStore(2147483648): InvalidArgumentException: Out of range value '2147483648' for $partition
kcOffsetStore(-2): InvalidArgumentException: Out of range value '-2' for $partition
InvalidArgumentException: Out of range value '0' for batch_size
