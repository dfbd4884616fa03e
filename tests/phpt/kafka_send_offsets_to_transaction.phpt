--TEST--
Kafka: RdKafka\Producer::sendOffsetsToTransaction() (an mq addition): consume-transform-produce with the input offsets in the transaction; a read_committed reader sees each output once, an aborted transaction's outputs are not seen and its input offsets not committed (the next consumer of the group reads them again)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$in = fresh_name('eos-in');
$out = fresh_name('eos-out');
$group = fresh_name('eos-group');

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$plain = new RdKafka\Producer($conf);
$topic = $plain->newTopic($in);
foreach (['m0', 'm1', 'm2', 'm3'] as $payload) {
    $topic->produce(0, 0, $payload);
}
var_dump($plain->flush(20000));

function consumer(string $group, string $topic): RdKafka\KafkaConsumer
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', $group);
    $conf->set('group.protocol', kafka_group_protocol());
    $conf->set('enable.auto.commit', 'false');
    $conf->set('auto.offset.reset', 'earliest');
    $conf->set('isolation.level', 'read_committed');
    $consumer = new RdKafka\KafkaConsumer($conf);
    $consumer->subscribe([$topic]);
    return $consumer;
}

/** The next $n messages of $consumer (payload => offset). */
function take(RdKafka\KafkaConsumer $consumer, int $n): array
{
    $got = [];
    $until = microtime(true) + 30;
    while (count($got) < $n && microtime(true) < $until) {
        $m = $consumer->consume(500);
        if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            $got[$m->payload] = $m->offset;
        }
    }
    return $got;
}

/** Consumes two inputs, produces them upper-cased, puts the input offsets in the transaction. */
function pipeline(RdKafka\Producer $producer, RdKafka\KafkaConsumer $consumer, string $in, string $out): array
{
    $producer->beginTransaction();
    $inputs = take($consumer, 2);
    $outTopic = $producer->newTopic($out);
    foreach ($inputs as $payload => $offset) {
        $outTopic->produce(0, 0, strtoupper($payload));
    }
    // Written to the broker before the commit or abort (an abort would purge messages still queued),
    // so that the read_uncommitted reader below can show the aborted outputs exist.
    if ($producer->flush(20000) !== RD_KAFKA_RESP_ERR_NO_ERROR) {
        echo "flush timed out\n";
    }
    $producer->sendOffsetsToTransaction([new RdKafka\TopicPartition($in, 0, max($inputs) + 1)], $consumer, 20000);
    return array_keys($inputs);
}

function committed(RdKafka\KafkaConsumer $consumer, string $in): int
{
    return $consumer->getCommittedOffsets([new RdKafka\TopicPartition($in, 0)], 20000)[0]->getOffset();
}

$pconf = new RdKafka\Conf();
$pconf->set('bootstrap.servers', kafka_bootstrap());
$pconf->set('transactional.id', fresh_name('eos-tx'));
$producer = new RdKafka\Producer($pconf);
$producer->initTransactions(30000);

$consumer = consumer($group, $in);
echo 'committed: ', implode(',', pipeline($producer, $consumer, $in, $out)), "\n";
$producer->commitTransaction(30000);
var_dump(committed($consumer, $in));
echo 'aborted: ', implode(',', pipeline($producer, $consumer, $in, $out)), "\n";
$producer->abortTransaction(30000);
// The aborted transaction's offsets were not committed: the group still resumes at 2.
var_dump(committed($consumer, $in));
$consumer->close();

// The group's next consumer reads m2 and m3 again; this time they are committed.
$consumer = consumer($group, $in);
echo 'committed: ', implode(',', pipeline($producer, $consumer, $in, $out)), "\n";
$producer->commitTransaction(30000);
var_dump(committed($consumer, $in));

// A read_committed reader of the output: each output once, none of the aborted ones' copies.
$rconf = new RdKafka\Conf();
$rconf->set('bootstrap.servers', kafka_bootstrap());
$rconf->set('group.id', fresh_name('eos-reader'));
$rconf->set('isolation.level', 'read_committed');
$rconf->set('enable.partition.eof', 'true');
$reader = new RdKafka\KafkaConsumer($rconf);
$reader->assign([new RdKafka\TopicPartition($out, 0, RD_KAFKA_OFFSET_BEGINNING)]);
$seen = [];
$until = microtime(true) + 30;
while (microtime(true) < $until) {
    $m = $reader->consume(500);
    if ($m->err === RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        break;
    }
    if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        $seen[] = $m->payload;
    }
}
echo 'read_committed: ', implode(',', $seen), "\n";
// A read_uncommitted reader sees the aborted transaction's outputs too: the abort did write them.
$rconf->set('isolation.level', 'read_uncommitted');
$rconf->set('group.id', fresh_name('eos-reader'));
$reader = new RdKafka\KafkaConsumer($rconf);
$reader->assign([new RdKafka\TopicPartition($out, 0, RD_KAFKA_OFFSET_BEGINNING)]);
$all = [];
$until = microtime(true) + 30;
while (microtime(true) < $until) {
    $m = $reader->consume(500);
    if ($m->err === RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        break;
    }
    if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        $all[] = $m->payload;
    }
}
echo 'read_uncommitted: ', implode(',', $all), "\n";

echo "-- bad input\n";
function attempt(string $what, callable $call): void
{
    try {
        $call();
        echo "$what: no exception\n";
    } catch (Throwable $e) {
        printf("%s: %s(%d) %s\n", $what, get_class($e), $e->getCode(), $e->getMessage());
    }
}
$tp = [new RdKafka\TopicPartition($in, 0, 1)];
attempt('outside a transaction', fn () => $producer->sendOffsetsToTransaction($tp, $consumer, 5000));
$producer->beginTransaction();
attempt('not a TopicPartition', fn () => $producer->sendOffsetsToTransaction([$in => 1], $consumer, 5000));
attempt('an object that is not one', fn () => $producer->sendOffsetsToTransaction([new stdClass()], $consumer, 5000));
attempt('timeout -2', fn () => $producer->sendOffsetsToTransaction($tp, $consumer, -2));
attempt('not an array', fn () => $producer->sendOffsetsToTransaction('x', $consumer, 5000));
attempt('not a consumer', fn () => $producer->sendOffsetsToTransaction($tp, $plain, 5000));
attempt('timeout not an int', fn () => $producer->sendOffsetsToTransaction($tp, $consumer, 'soon'));
attempt('too few arguments', fn () => $producer->sendOffsetsToTransaction($tp, $consumer));
attempt('no offsets: nothing to send', fn () => $producer->sendOffsetsToTransaction([], $consumer, 5000));
attempt('consumer made without its constructor', fn () => $producer->sendOffsetsToTransaction($tp,
    (new ReflectionClass(RdKafka\KafkaConsumer::class))->newInstanceWithoutConstructor(), 5000));
$consumer->close();
attempt('closed consumer', fn () => $producer->sendOffsetsToTransaction($tp, $consumer, 5000));
$producer->abortTransaction(30000);
attempt('producer without transactional.id', fn () => $plain->sendOffsetsToTransaction($tp, consumer($group, $in), 5000));
?>
--EXPECTF--
int(0)
committed: m0,m1
int(2)
aborted: m2,m3
int(2)
committed: m2,m3
int(4)
read_committed: M0,M1,M2,M3
read_uncommitted: M0,M1,M2,M3,M2,M3
-- bad input
outside a transaction: RdKafka\KafkaErrorException(%i) %s
not a TopicPartition: InvalidArgumentException(0) expected an array of RdKafka\TopicPartition
an object that is not one: InvalidArgumentException(0) expected an array of RdKafka\TopicPartition
timeout -2: InvalidArgumentException(0) RdKafka\Producer::sendOffsetsToTransaction(): Argument #3 ($timeout_ms) must be -1 (no end) or >= 0, -2 given
not an array: TypeError(0) RdKafka\Producer::sendOffsetsToTransaction(): Argument #1 ($offsets) must be of type array, string given
not a consumer: TypeError(0) RdKafka\Producer::sendOffsetsToTransaction(): Argument #2 ($consumer) must be of type RdKafka\KafkaConsumer, RdKafka\Producer given
timeout not an int: TypeError(0) RdKafka\Producer::sendOffsetsToTransaction(): Argument #3 ($timeout_ms) must be of type int, string given
too few arguments: ArgumentCountError(0) RdKafka\Producer::sendOffsetsToTransaction() expects exactly 3 arguments, 2 given
no offsets: nothing to send: no exception
consumer made without its constructor: Exception(0) RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
closed consumer: Exception(0) RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
producer without transactional.id: RdKafka\KafkaErrorException(%i) %s
