--TEST--
Kafka: two consumers of one group split a two-partition topic (unicast), two groups each get every record (broadcast), assign() at an earlier offset replays, an idempotent producer delivers each record once
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('groups');
exec(escapeshellarg(dirname(__DIR__, 2) . '/scripts/kafka.sh') . ' topic ' . escapeshellarg($name) . ' 2 2>/dev/null', $out, $rc);
var_dump($rc);

function consumer(string $group): RdKafka\KafkaConsumer
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', $group);
    $conf->set('group.protocol', kafka_group_protocol());
    $conf->set('auto.offset.reset', 'earliest');
    return new RdKafka\KafkaConsumer($conf);
}

/** Polls every consumer in turn until $total records arrived or 60 s passed; payloads by consumer. */
function drain(array $consumers, int $total): array
{
    $got = array_fill(0, count($consumers), []);
    $deadline = microtime(true) + 60;
    while (array_sum(array_map('count', $got)) < $total && microtime(true) < $deadline) {
        foreach ($consumers as $i => $c) {
            $m = $c->consume(200);
            if ($m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
                $got[$i][] = $m->payload;
            }
        }
    }
    return $got;
}

$all = array_map(fn ($i) => "r$i", range(0, 19));

// One group, two members: once the group has settled (one partition each, before anything is
// produced, so no record is read twice across a rebalance), each reads its partition's ten records.
$group = fresh_name('shared');
$members = [consumer($group), consumer($group)];
foreach ($members as $m) {
    $m->subscribe([$name]);
}
$deadline = microtime(true) + 60;
while (array_map(fn ($m) => count($m->getAssignment()), $members) !== [1, 1] && microtime(true) < $deadline) {
    foreach ($members as $m) {
        $m->consume(100);
    }
}

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('enable.idempotence', 'true');
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic($name);
for ($i = 0; $i < 20; $i++) {
    $topic->produce($i % 2, 0, "r$i"); // ten records in each partition
}
var_dump($producer->flush(10000));

$got = drain($members, 20);
$together = array_merge(...$got);
sort($together, SORT_NATURAL);
var_dump(count($got[0]) === 10 && count($got[1]) === 10, $together === $all);
$parts = array_map(fn ($m) => count($m->getAssignment()), $members);
var_dump($parts);

// Two other groups: each reads every record.
$a = consumer(fresh_name('a'));
$b = consumer(fresh_name('b'));
$a->subscribe([$name]);
$b->subscribe([$name]);
[$fromA, $fromB] = drain([$a, $b], 40);
sort($fromA, SORT_NATURAL);
sort($fromB, SORT_NATURAL);
var_dump($fromA === $all, $fromB === $all);

// Replay: assign partition 0 from offset 7 and read its last three records again.
$replay = consumer(fresh_name('replay'));
$replay->assign([new RdKafka\TopicPartition($name, 0, 7)]);
[$again] = drain([$replay], 3);
var_dump($again);
foreach (array_merge($members, [$a, $b, $replay]) as $c) {
    $c->close();
}
?>
--EXPECT--
int(0)
int(0)
bool(true)
bool(true)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(1)
}
bool(true)
bool(true)
array(3) {
  [0]=>
  string(3) "r14"
  [1]=>
  string(3) "r16"
  [2]=>
  string(3) "r18"
}
