--TEST--
Kafka: Conf/TopicConf validate each property at once with librdkafka's message; exception classes
--EXTENSIONS--
mq
--FILE--
<?php
$conf = new RdKafka\Conf();
try {
    $conf->set('buffer.memory', '1024');
} catch (RdKafka\Exception $e) {
    var_dump(get_class($e), $e->getMessage(), $e->getCode() === RD_KAFKA_CONF_UNKNOWN, $e->getLine());
}
try {
    $conf->set('enable.auto.commit', 'maybe');
} catch (RdKafka\Exception $e) {
    var_dump($e->getMessage(), $e->getCode() === RD_KAFKA_CONF_INVALID);
}
$conf->set('client.id', 'mq-test');
$conf->set('queue.buffering.max.ms', '7');
$dump = $conf->dump();
var_dump($dump['client.id'], $dump['queue.buffering.max.ms'], isset($dump['message.max.bytes']));

$topic = new RdKafka\TopicConf();
$topic->set('acks', 'all');
$topic->setPartitioner(RD_KAFKA_MSG_PARTITIONER_MURMUR2);
// librdkafka dumps the canonical name and value.
var_dump($topic->dump()['request.required.acks'], $topic->dump()['partitioner']);
try {
    $topic->setPartitioner(42);
} catch (InvalidArgumentException $e) {
    var_dump($e->getMessage());
}
try {
    $topic->set('no.such.thing', '1');
} catch (RdKafka\Exception $e) {
    var_dump($e->getMessage());
}

// A KafkaConsumer needs a group.
try {
    new RdKafka\KafkaConsumer(new RdKafka\Conf());
} catch (RdKafka\Exception $e) {
    var_dump($e->getMessage());
}

// Under the consumer group protocol (KIP-848) the broker owns the session timeout, heartbeat and assignor:
// librdkafka refuses the client's settings when the consumer is made (php-rdkafka 6.0.4 prints the same).
foreach (['session.timeout.ms' => '6000', 'heartbeat.interval.ms' => '500', 'partition.assignment.strategy' => 'range'] as $k => $v) {
    $c = new RdKafka\Conf();
    $c->set('group.id', 'g');
    $c->set('group.protocol', 'consumer');
    $c->set($k, $v);
    try {
        new RdKafka\KafkaConsumer($c);
    } catch (RdKafka\Exception $e) {
        echo get_class($e), '(', $e->getCode(), '): ', $e->getMessage(), "\n";
    }
}

// Exceptions behave like PHP's own: constructible, subclassable, getters.
$e = new RdKafka\KafkaErrorException('boom', 5, 'the reason', true, false, true);
var_dump($e instanceof RdKafka\Exception, $e->getMessage(), $e->getCode(), $e->getErrorString(), $e->isFatal(), $e->isRetriable(), $e->transactionRequiresAbort());
class MyConf extends RdKafka\Conf {}
$mine = new MyConf();
$mine->set('client.id', 'sub');
var_dump(get_class($mine), $mine->dump()['client.id']);
?>
--EXPECT--
string(17) "RdKafka\Exception"
string(47) "No such configuration property: "buffer.memory""
bool(true)
int(4)
string(59) "Expected bool value for "enable.auto.commit": true or false"
bool(true)
string(7) "mq-test"
string(1) "7"
bool(true)
string(2) "-1"
string(7) "murmur2"
string(25) "Invalid partitioner given"
string(47) "No such configuration property: "no.such.thing""
string(29) ""group.id" must be configured"
RdKafka\Exception(0): `session.timeout.ms` is not supported for `group.protocol=consumer`. It is defined broker side
RdKafka\Exception(0): `heartbeat.interval.ms` is not supported for `group.protocol=consumer`. It is defined broker side
RdKafka\Exception(0): `partition.assignment.strategy` is not supported for `group.protocol=consumer`. Use `group.remote.assignor` instead
bool(true)
string(4) "boom"
int(5)
string(10) "the reason"
bool(true)
bool(false)
bool(true)
string(6) "MyConf"
string(3) "sub"
