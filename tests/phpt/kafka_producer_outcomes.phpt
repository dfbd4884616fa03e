--TEST--
Mq\KafkaProducer: delivered (partition and offset as the broker stored them), failed (refused at produce time; librdkafka's report after the policy's attempts), timed out (no report within the wait); enqueue() + waitForAll(); counters; the Conf's dr_msg_cb still called; the Conf given is not changed
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

function conf(string $bootstrap, array $settings = []): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', $bootstrap);
    $conf->set('log_level', '0');
    foreach ($settings as $name => $value) {
        $conf->set($name, $value);
    }
    return $conf;
}

function show(Mq\DeliveryOutcome $o): void
{
    printf("%s attempts=%d partition=%d offset=%s error=%d %s payload=%s key=%s headers=%s\n", $o->getStatus(), $o->getAttempts(),
        $o->getPartition(), var_export($o->getOffset(), true), $o->getErrorCode(), var_export($o->getErrorMessage(), true),
        var_export($o->getPayload(), true), var_export($o->getKey(), true), json_encode($o->getHeaders()));
}

echo "-- delivered\n";
$name = fresh_name('kproducer');
$conf = conf(kafka_bootstrap());
$seen = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$seen) {
    $seen[] = [get_class($kafka), $message->payload, $message->opaque, $message->err];
});
$dumpBefore = $conf->dump();
$producer = new Mq\KafkaProducer($conf);
var_dump($conf->dump() === $dumpBefore);
$first = $producer->send($name, 'first', 'k1', ['h' => 'v']);
show($first);
var_dump($first->isDelivered(), $first->getTopic() === $name);
$producer->enqueue($name, 'second');
$producer->enqueue($name, null, 'tombstone-key');
$producer->enqueue($name, 'third', null, null, 0);
var_dump($producer->getCounters());
$all = $producer->waitForAll(20.0);
foreach ($all as $o) {
    show($o);
}
var_dump($producer->waitForAll(1.0));
var_dump($producer->getCounters());
// The Conf's own dr_msg_cb saw every report, with the inner producer and without mq's opaque.
var_dump($seen);
// The offsets are the broker's: kcat reads the same payloads at them.
$broker = escapeshellarg(kafka_bootstrap());
echo shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -c 4 -e -f '%o %k %s\\n' 2>&1");

echo "-- failed at produce time: larger than message.max.bytes, not retriable even with a policy\n";
$producer = new Mq\KafkaProducer(conf(kafka_bootstrap(), ['message.max.bytes' => '1000']), new Mq\RetryPolicy(maxAttempts: 3, initialDelay: 0.0));
show($producer->send($name, str_repeat('x', 5000), timeout: 5.0));
var_dump($producer->getCounters());

echo "-- timed out: nothing listens, librdkafka keeps the message (message.timeout.ms 300 s)\n";
$producer = new Mq\KafkaProducer(conf('127.0.0.1:1'));
$t = microtime(true);
show($producer->send($name, 'nobody', timeout: 0.5));
$elapsed = microtime(true) - $t;
var_dump($elapsed >= 0.5 && $elapsed < 5);
$producer->enqueue($name, 'a');
$producer->enqueue($name, 'b');
foreach ($producer->waitForAll(0.3) as $o) {
    show($o);
}
var_dump($producer->getCounters());

echo "-- failed: librdkafka's _MSG_TIMED_OUT report, without a policy, then after 3 attempts of one\n";
$producer = new Mq\KafkaProducer(conf('127.0.0.1:1', ['message.timeout.ms' => '200']));
show($producer->send($name, 'once', timeout: 10.0));
$producer = new Mq\KafkaProducer(conf('127.0.0.1:1', ['message.timeout.ms' => '200']), new Mq\RetryPolicy(maxAttempts: 3, initialDelay: 0.05, jitter: 0.0));
show($producer->send($name, 'thrice', timeout: 10.0));
var_dump($producer->getCounters());
// A policy whose retryOn leaves Kafka out: one attempt.
$producer = new Mq\KafkaProducer(conf('127.0.0.1:1', ['message.timeout.ms' => '200']), new Mq\RetryPolicy(maxAttempts: 3, retryOn: [LogicException::class]));
show($producer->send($name, 'not-retried', timeout: 10.0));

echo "-- idempotence is turned on unless the Conf says otherwise\n";
try {
    new Mq\KafkaProducer(conf(kafka_bootstrap(), ['max.in.flight' => '10']));
} catch (RdKafka\Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$producer = new Mq\KafkaProducer(conf(kafka_bootstrap(), ['max.in.flight' => '10', 'enable.idempotence' => 'false']));
show($producer->send($name, 'not idempotent', timeout: 20.0));
$producer = new Mq\KafkaProducer(conf(kafka_bootstrap(), ['acks' => '1']));
show($producer->send($name, 'acks=1', timeout: 20.0));

echo "-- send() from the Conf's dr_msg_cb, during a waitForAll()\n";
$conf = conf(kafka_bootstrap());
$nested = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$producer, &$nested, $name) {
    if ($message->payload === 'outer') {
        $nested[] = $producer->send($name, 'inner', timeout: 20.0)->getPayload();
    }
});
$producer = new Mq\KafkaProducer($conf);
$producer->enqueue($name, 'outer');
$producer->enqueue($name, 'outer2');
foreach ($producer->waitForAll(20.0) as $o) {
    echo $o->getPayload(), ' ', $o->getStatus(), "\n";
}
echo implode(',', $nested), ' ', json_encode($producer->getCounters()), "\n";
?>
--EXPECTF--
-- delivered
bool(true)
delivered attempts=1 partition=0 offset=0 error=0 NULL payload='first' key='k1' headers={"h":"v"}
bool(true)
bool(true)
array(5) {
  ["pending"]=>
  int(3)
  ["delivered"]=>
  int(1)
  ["failed"]=>
  int(0)
  ["timed_out"]=>
  int(0)
  ["retried"]=>
  int(0)
}
delivered attempts=1 partition=0 offset=1 error=0 NULL payload='second' key=NULL headers=null
delivered attempts=1 partition=0 offset=2 error=0 NULL payload=NULL key='tombstone-key' headers=null
delivered attempts=1 partition=0 offset=3 error=0 NULL payload='third' key=NULL headers=null
array(0) {
}
array(5) {
  ["pending"]=>
  int(0)
  ["delivered"]=>
  int(4)
  ["failed"]=>
  int(0)
  ["timed_out"]=>
  int(0)
  ["retried"]=>
  int(0)
}
array(4) {
  [0]=>
  array(4) {
    [0]=>
    string(16) "RdKafka\Producer"
    [1]=>
    string(5) "first"
    [2]=>
    NULL
    [3]=>
    int(0)
  }
  [1]=>
  array(4) {
    [0]=>
    string(16) "RdKafka\Producer"
    [1]=>
    string(6) "second"
    [2]=>
    NULL
    [3]=>
    int(0)
  }
  [2]=>
  array(4) {
    [0]=>
    string(16) "RdKafka\Producer"
    [1]=>
    NULL
    [2]=>
    NULL
    [3]=>
    int(0)
  }
  [3]=>
  array(4) {
    [0]=>
    string(16) "RdKafka\Producer"
    [1]=>
    string(5) "third"
    [2]=>
    NULL
    [3]=>
    int(0)
  }
}
0 k1 first
1  second
2 tombstone-key 
3  third
-- failed at produce time: larger than message.max.bytes, not retriable even with a policy
failed attempts=1 partition=-1 offset=NULL error=10 'Broker: Message size too large' payload='%s' key=NULL headers=null
array(5) {
  ["pending"]=>
  int(0)
  ["delivered"]=>
  int(0)
  ["failed"]=>
  int(1)
  ["timed_out"]=>
  int(0)
  ["retried"]=>
  int(0)
}
-- timed out: nothing listens, librdkafka keeps the message (message.timeout.ms 300 s)
timed_out attempts=1 partition=-1 offset=NULL error=0 NULL payload='nobody' key=NULL headers=null
bool(true)
timed_out attempts=1 partition=-1 offset=NULL error=0 NULL payload='a' key=NULL headers=null
timed_out attempts=1 partition=-1 offset=NULL error=0 NULL payload='b' key=NULL headers=null
array(5) {
  ["pending"]=>
  int(0)
  ["delivered"]=>
  int(0)
  ["failed"]=>
  int(0)
  ["timed_out"]=>
  int(3)
  ["retried"]=>
  int(0)
}
-- failed: librdkafka's _MSG_TIMED_OUT report, without a policy, then after 3 attempts of one
failed attempts=1 partition=-1 offset=NULL error=-192 'Local: Message timed out' payload='once' key=NULL headers=null
failed attempts=3 partition=-1 offset=NULL error=-192 'Local: Message timed out' payload='thrice' key=NULL headers=null
array(5) {
  ["pending"]=>
  int(0)
  ["delivered"]=>
  int(0)
  ["failed"]=>
  int(1)
  ["timed_out"]=>
  int(0)
  ["retried"]=>
  int(2)
}
failed attempts=1 partition=-1 offset=NULL error=-192 'Local: Message timed out' payload='not-retried' key=NULL headers=null
-- idempotence is turned on unless the Conf says otherwise
RdKafka\Exception: %s
delivered attempts=1 partition=0 offset=%d error=0 NULL payload='not idempotent' key=NULL headers=null
delivered attempts=1 partition=0 offset=%d error=0 NULL payload='acks=1' key=NULL headers=null
-- send() from the Conf's dr_msg_cb, during a waitForAll()
outer delivered
outer2 delivered
inner {"pending":0,"delivered":3,"failed":0,"timed_out":0,"retried":0}
