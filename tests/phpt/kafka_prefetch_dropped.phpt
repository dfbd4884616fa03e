--TEST--
Kafka: records librdkafka fetched ahead of PHP are dropped when their partition's position changes or it leaves the assignment: assign() at another offset, pausePartitions() (resumed at the next record PHP did not get), assign(null), incrementalUnassign(); getOffsetPositions() follows what PHP received, not what was fetched; the expected output is php-rdkafka 6.0.4's
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use RdKafka\TopicPartition as TP;
$name = fresh_name('prefetch');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
for ($i = 0; $i < 100; $i++) {
    $topic->produce(0, 0, "m$i");
}
var_dump($producer->flush(10000));

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', fresh_name('prefetch-group'));
$conf->set('group.protocol', kafka_group_protocol());
$conf->set('enable.auto.commit', 'false');
$consumer = new RdKafka\KafkaConsumer($conf);

/** The offsets of the next $n records, or 'timed out'. */
function offsets(RdKafka\KafkaConsumer $consumer, int $n, int $wait_ms = 10000): string
{
    $got = [];
    $deadline = microtime(true) + $wait_ms / 1000;
    while (count($got) < $n && microtime(true) < $deadline) {
        $m = $consumer->consume(100);
        if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            $got[] = $m->offset;
        } elseif ($m->err !== RD_KAFKA_RESP_ERR__TIMED_OUT) {
            $got[] = $m->errstr();
        }
    }
    return $got ? implode(',', $got) : 'timed out';
}

function position(RdKafka\KafkaConsumer $consumer, string $name): int
{
    return $consumer->getOffsetPositions([new TP($name, 0)])[0]->getOffset();
}

// Each pause lets librdkafka fetch the partition's remaining records into its queue, ahead of PHP.
$consumer->assign([new TP($name, 0, 0)]);
echo offsets($consumer, 3), "\n";
usleep(500000);
echo position($consumer, $name), "\n";
$consumer->assign([new TP($name, 0, 50)]);
echo offsets($consumer, 2), "\n";
usleep(500000);
$consumer->pausePartitions([new TP($name, 0)]);
echo offsets($consumer, 1, 1000), "\n";
$consumer->resumePartitions([new TP($name, 0)]);
echo offsets($consumer, 2), "\n";
usleep(500000);
$consumer->assign(null);
echo offsets($consumer, 1, 1000), "\n";
$consumer->incrementalAssign([new TP($name, 0, 60)]);
echo offsets($consumer, 1), "\n";
usleep(500000);
$consumer->incrementalUnassign([new TP($name, 0)]);
echo offsets($consumer, 1, 1000), "\n";
$consumer->incrementalAssign([new TP($name, 0, 90)]);
echo offsets($consumer, 10), "\n";
$consumer->close();
?>
--EXPECT--
int(0)
0,1,2
3
50,51
timed out
52,53
timed out
60
timed out
90,91,92,93,94,95,96,97,98,99
