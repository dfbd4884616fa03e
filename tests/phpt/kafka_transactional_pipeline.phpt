--TEST--
Mq\KafkaTransactionalPipeline: consume-transform-produce batches committed exactly once; a transform that throws aborts its batch (outputs unseen by read_committed readers, offsets not committed) and rewinds the consumer, so the next batch processes the same inputs again; bad arguments
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$in = fresh_name('pipeline-in');
$out = fresh_name('pipeline-out');
$group = fresh_name('pipeline-group');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$plain = new RdKafka\Producer($conf);
$topic = $plain->newTopic($in);
foreach (['a', 'b', 'c', 'd', 'e'] as $payload) {
    $topic->produce(0, 0, $payload);
}
var_dump($plain->flush(20000));

$cconf = new RdKafka\Conf();
$cconf->set('bootstrap.servers', kafka_bootstrap());
$cconf->set('group.id', $group);
$cconf->set('group.protocol', kafka_group_protocol());
$cconf->set('enable.auto.commit', 'false');
$cconf->set('auto.offset.reset', 'earliest');
$cconf->set('isolation.level', 'read_committed');
$consumer = new RdKafka\KafkaConsumer($cconf);
$consumer->subscribe([$in]);
$pconf = new RdKafka\Conf();
$pconf->set('bootstrap.servers', kafka_bootstrap());
$pconf->set('transactional.id', fresh_name('pipeline-tx'));
$pipeline = new Mq\KafkaTransactionalPipeline($consumer, new RdKafka\Producer($pconf), batchSize: 2, batchWait: 2.0);

$failOnce = true;
$seen = [];
$transform = function (RdKafka\Message $m) use (&$failOnce, &$seen, $out) {
    $seen[] = $m->payload;
    if ($m->payload === 'd' && $failOnce) {
        $failOnce = false;
        throw new RuntimeException('transform failed on d');
    }
    return [[$out, strtoupper($m->payload), $m->key], [$out, strtoupper($m->payload) . '!']];
};
$committed = 0;
// Until the group is joined batches are empty (0): not printed.
for ($round = 0; $round < 30 && $committed < 5; $round++) {
    try {
        $n = $pipeline->processBatch($transform);
        $committed += $n;
        if ($n > 0) {
            echo "batch: $n\n";
        }
    } catch (RuntimeException $e) {
        echo 'aborted: ', $e->getMessage(), "\n";
    }
}
echo 'transformed: ', implode(',', $seen), "\n";
var_dump($consumer->getCommittedOffsets([new RdKafka\TopicPartition($in, 0)], 20000)[0]->getOffset());

$rconf = new RdKafka\Conf();
$rconf->set('bootstrap.servers', kafka_bootstrap());
$rconf->set('group.id', fresh_name('pipeline-reader'));
$rconf->set('isolation.level', 'read_committed');
$rconf->set('enable.partition.eof', 'true');
$reader = new RdKafka\KafkaConsumer($rconf);
$reader->assign([new RdKafka\TopicPartition($out, 0, RD_KAFKA_OFFSET_BEGINNING)]);
$outputs = [];
$until = microtime(true) + 30;
while (microtime(true) < $until) {
    $m = $reader->consume(500);
    if ($m->err === RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        break;
    }
    if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        $outputs[] = $m->payload;
    }
}
echo 'read_committed: ', implode(',', $outputs), "\n";

echo "-- bad input\n";
function attempt(string $what, callable $call): void
{
    try {
        $call();
        echo "$what: no exception\n";
    } catch (Throwable $e) {
        printf("%s: %s %s\n", $what, get_class($e), $e->getMessage());
    }
}
attempt('batchSize 0', fn () => new Mq\KafkaTransactionalPipeline($consumer, $plain, 0));
attempt('batchWait NAN', fn () => new Mq\KafkaTransactionalPipeline($consumer, $plain, 1, NAN));
attempt('batchWait -1', fn () => new Mq\KafkaTransactionalPipeline($consumer, $plain, 1, -1.0));
attempt('timeoutMs 0', fn () => new Mq\KafkaTransactionalPipeline($consumer, $plain, 1, 1.0, 0));
attempt('timeoutMs 2^31', fn () => new Mq\KafkaTransactionalPipeline($consumer, $plain, 1, 1.0, 2147483648));
attempt('no transactional.id', fn () => new Mq\KafkaTransactionalPipeline($consumer, $plain));
attempt('not a consumer', fn () => new Mq\KafkaTransactionalPipeline($plain, $plain));
attempt('transform not callable', fn () => $pipeline->processBatch('no such function'));
$plain->newTopic($in)->produce(0, 0, 'f');
$plain->flush(20000);
attempt('transform returning a string', fn () => $pipeline->processBatch(fn ($m) => ['oops']));
// Not a list at all (a transform without its return): aborted too, never committed without its output.
for ($round = 0; $round < 10; $round++) {
    try {
        if ($pipeline->processBatch(fn ($m) => null) > 0) {
            echo "transform returning null: committed\n";
            break;
        }
    } catch (UnexpectedValueException $e) {
        echo 'transform returning null: ', get_class($e), ' ', $e->getMessage(), "\n";
        break;
    }
}
// The batch the bad transform aborted comes back.
for ($n = 0, $round = 0; $n === 0 && $round < 10; $round++) {
    $n = $pipeline->processBatch(fn ($m) => [[$out, $m->payload]]);
}
echo $n, "\n";
?>
--EXPECTF--
int(0)
batch: 2
aborted: transform failed on d
batch: 2
batch: 1
transformed: a,b,c,d,c,d,e
int(5)
read_committed: A,A!,B,B!,C,C!,D,D!,E,E!
-- bad input
batchSize 0: InvalidArgumentException Mq\KafkaTransactionalPipeline::__construct(): Argument #3 ($batchSize) must be at least 1, 0 given
batchWait NAN: InvalidArgumentException Mq\KafkaTransactionalPipeline::__construct(): Argument #4 ($batchWait) must be a finite number of seconds >= 0, NAN given
batchWait -1: InvalidArgumentException Mq\KafkaTransactionalPipeline::__construct(): Argument #4 ($batchWait) must be a finite number of seconds >= 0, -1.0 given
timeoutMs 0: InvalidArgumentException Mq\KafkaTransactionalPipeline::__construct(): Argument #5 ($timeoutMs) must be between 1 and 2147483647, 0 given
timeoutMs 2^31: InvalidArgumentException Mq\KafkaTransactionalPipeline::__construct(): Argument #5 ($timeoutMs) must be between 1 and 2147483647, 2147483648 given
no transactional.id: RdKafka\KafkaErrorException The Transactional API requires transactional.id to be configured (RD_KAFKA_RESP_ERR__NOT_CONFIGURED)
not a consumer: TypeError Mq\KafkaTransactionalPipeline::__construct(): Argument #1 ($consumer) must be of type RdKafka\KafkaConsumer, RdKafka\Producer given, called in %s on line %d
transform not callable: TypeError Mq\KafkaTransactionalPipeline::processBatch(): Argument #1 ($transform) must be of type callable, string given, called in %s on line %d
transform returning a string: UnexpectedValueException Mq\KafkaTransactionalPipeline: the transform must return a list of [string $topic, ?string $payload, ?string $key, ?array $headers], got string
transform returning null: UnexpectedValueException Mq\KafkaTransactionalPipeline: the transform must return a list of outputs, got null
1
