--TEST--
Kafka: offsets never run ahead of PHP: with auto-commit and librdkafka's prefetch, the offsets committed while consuming, at close() and by a destructor cover exactly the records consume() returned (a new member of the group goes on after the last one, by count), and enable.auto.offset.store=false leaves storing to the user; the expected output is php-rdkafka 6.0.4's
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use RdKafka\TopicPartition as TP;
$name = fresh_name('offsets-follow');
$group = fresh_name('offsets-follow-group');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
for ($i = 0; $i < 200; $i++) {
    $topic->produce(0, 0, "m$i");
}
var_dump($producer->flush(10000));

function member(string $group, array $extra = []): RdKafka\KafkaConsumer
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', $group);
    $conf->set('group.protocol', kafka_group_protocol());
    $conf->set('auto.offset.reset', 'earliest');
    $conf->set('enable.partition.eof', 'true');
    foreach ($extra as $k => $v) {
        $conf->set($k, $v);
    }
    return new RdKafka\KafkaConsumer($conf);
}

/** Payloads of records until $n were read or the partition's end. */
function read(RdKafka\KafkaConsumer $consumer, int $n): array
{
    $got = [];
    $deadline = microtime(true) + 30;
    while (count($got) < $n && microtime(true) < $deadline) {
        $m = $consumer->consume(200);
        if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
            $got[] = $m->payload;
        } elseif ($m->err === RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            break;
        }
    }
    return $got;
}

// Auto-commit every 100 ms (offsets stored automatically): PHP takes 37 records while librdkafka has
// fetched all 200 into its queue; commits during the pause and at close() cover only those 37.
$first = member($group, ['auto.commit.interval.ms' => '100']);
$first->subscribe([$name]);
$seen = read($first, 37);
var_dump(count($seen), $seen[36]);
usleep(800000);
$tp = [new TP($name, 0)];
var_dump($first->getOffsetPositions($tp)[0]->getOffset(), $first->getCommittedOffsets($tp, 10000)[0]->getOffset());
$first->close();

// A new member of the group goes on exactly after the last record PHP received.
$second = member($group);
$second->subscribe([$name]);
$rest = read($second, 1000);
var_dump(count($rest), $rest[0], end($rest));
$second->close();

// The same when the member is destroyed without close(): it leaves the group on the way out.
$group = fresh_name('offsets-destroyed-group');
$member = member($group, ['auto.commit.interval.ms' => '100']);
$member->subscribe([$name]);
$seen = read($member, 120);
usleep(300000);
$member = null;
$next = member($group);
$next->subscribe([$name]);
$rest = read($next, 1000);
var_dump(count($seen), count($rest), $rest[0]);
$next->close();

// Storing by hand (enable.auto.offset.store=false) stays the user's: nothing stored, nothing committed.
$group = fresh_name('offsets-manual-group');
$third = member($group, ['auto.commit.interval.ms' => '100', 'enable.auto.offset.store' => 'false']);
$third->subscribe([$name]);
$seen = read($third, 10);
$third->newTopic($name)->offsetStore(0, 4); // commits 5: the first five records are done
usleep(800000);
var_dump(count($seen), $third->getCommittedOffsets($tp, 10000)[0]->getOffset());
$third->close();
$fourth = member($group);
$fourth->subscribe([$name]);
var_dump(read($fourth, 1));
$fourth->close();
?>
--EXPECT--
int(0)
int(37)
string(3) "m36"
int(37)
int(37)
int(163)
string(3) "m37"
string(4) "m199"
int(120)
int(80)
string(4) "m120"
int(10)
int(5)
array(1) {
  [0]=>
  string(2) "m5"
}
