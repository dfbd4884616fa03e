--TEST--
Kafka: producev with key, headers, null payload and opaque; flush returns 0; delivery reports in flush() with php-rdkafka's arguments
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$reports = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$reports) {
    $reports[] = [$kafka instanceof RdKafka\Producer, $message];
});
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic(fresh_name('produce'));
var_dump($topic instanceof RdKafka\Topic, str_starts_with($topic->getName(), 'produce-'));

$topic->producev(RD_KAFKA_PARTITION_UA, 0, "bin\0ary\xff", 'key-1', ['trace' => 'abc', 'n' => '1'], null, 'opaque-1');
$topic->produce(0, 0, null, 'tombstone', 'opaque-2');
$topic->produce(0, RD_KAFKA_MSG_F_BLOCK, 'plain');
var_dump($producer->getOutQLen() > 0);
// Callbacks run on the PHP thread inside flush(), never earlier.
var_dump(count($reports));
var_dump($producer->flush(10000), $producer->getOutQLen(), count($reports));

[$isProducer, $first] = $reports[0];
var_dump($isProducer, $first->err, $first->errstr(), $first->payload === "bin\0ary\xff", $first->len, $first->key);
var_dump($first->headers, $first->opaque, $first->partition, $first->offset, $first->timestamp > 1_600_000_000_000);
[, $tombstone] = $reports[1];
var_dump($tombstone->payload, $tombstone->len, $tombstone->timestamp, $tombstone->key, $tombstone->opaque, $tombstone->offset);
var_dump($reports[2][1]->opaque, $reports[2][1]->offset);

// Invalid arguments fail as in php-rdkafka.
try {
    $topic->produce(RD_KAFKA_PARTITION_UA, 12, 'x');
} catch (InvalidArgumentException $e) {
    var_dump($e->getMessage());
}
try {
    $topic->produce(-5, 0, 'x');
} catch (InvalidArgumentException $e) {
    var_dump($e->getMessage());
}
// Nothing left: poll(0) returns at once with no event.
var_dump($producer->poll(0));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(0)
int(0)
int(0)
int(3)
bool(true)
int(0)
string(7) "Success"
bool(true)
int(8)
string(5) "key-1"
array(2) {
  ["trace"]=>
  string(3) "abc"
  ["n"]=>
  string(1) "1"
}
string(8) "opaque-1"
int(0)
int(0)
bool(true)
NULL
NULL
NULL
string(9) "tombstone"
string(8) "opaque-2"
int(1)
NULL
int(2)
string(32) "Invalid value '12' for $msgflags"
string(38) "Out of range value '-5' for $partition"
int(0)
