--TEST--
Mq\KafkaProducer and Mq\DeliveryOutcome: bad input to every public method is a clear exception (wrong types, NAN/INF/negative/zero timeouts, an empty topic, partitions out of range, bad headers), and nothing is left pending by a refused call
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

function attempt(string $what, callable $call): void
{
    try {
        $result = $call();
        echo "$what: no exception", is_object($result) ? ' (' . get_class($result) . ')' : '', "\n";
    } catch (Throwable $e) {
        printf("%s: %s %s\n", $what, get_class($e), $e->getMessage());
    }
}

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
attempt('no conf', fn () => new Mq\KafkaProducer());
attempt('conf of the wrong class', fn () => new Mq\KafkaProducer(new RdKafka\TopicConf()));
attempt('policy of the wrong class', fn () => new Mq\KafkaProducer($conf, 'policy'));
$bad = new RdKafka\Conf();
$bad->set('bootstrap.servers', kafka_bootstrap());
$bad->set('acks', '1');
$bad->set('enable.idempotence', 'true');
attempt('contradicting conf', fn () => new Mq\KafkaProducer($bad));

attempt('mq_kafka_conf_entries(int)', fn () => mq_kafka_conf_entries(1));
attempt('mq_kafka_conf_entries(TopicConf)', fn () => mq_kafka_conf_entries(new RdKafka\TopicConf()));
attempt('mq_kafka_conf_entries()', fn () => mq_kafka_conf_entries());
echo json_encode(mq_kafka_conf_entries($bad)), "\n";

$producer = new Mq\KafkaProducer($conf);
$name = fresh_name('kproducer-bad');
foreach (['NAN' => NAN, 'INF' => INF, '-INF' => -INF, '0' => 0.0, '-1' => -1.0] as $label => $timeout) {
    attempt("send timeout $label", fn () => $producer->send($name, 'x', timeout: $timeout));
    attempt("waitForAll timeout $label", fn () => $producer->waitForAll($timeout));
}
attempt('send timeout string', fn () => $producer->send($name, 'x', timeout: 'soon'));
attempt('send empty topic', fn () => $producer->send('', 'x'));
attempt('enqueue empty topic', fn () => $producer->enqueue('', 'x'));
attempt('send partition -2', fn () => $producer->send($name, 'x', partition: -2));
attempt('enqueue partition 2^31', fn () => $producer->enqueue($name, 'x', partition: 2147483648));
attempt('send topic array', fn () => $producer->send([], 'x'));
attempt('send payload array', fn () => $producer->send($name, []));
attempt('send headers string', fn () => $producer->send($name, 'x', null, 'h'));
attempt('enqueue header value object', fn () => $producer->enqueue($name, 'x', null, ['h' => new stdClass()]));
attempt('send too few arguments', fn () => $producer->send($name));
attempt('waitForAll string', fn () => $producer->waitForAll('x'));
attempt('getCounters with an argument', fn () => $producer->getCounters(1));
// Nothing refused above is pending; the timeouts that were accepted (none) would be.
var_dump($producer->getCounters());
// A well-formed message still goes through.
echo $producer->send($name, 'fine', timeout: 20.0)->getStatus(), "\n";

attempt('outcome: unknown status', fn () => new Mq\DeliveryOutcome('lost', 't', null, null, null, 0, null, 0, null, 1));
attempt('outcome: 0 attempts', fn () => new Mq\DeliveryOutcome(Mq\DeliveryOutcome::FAILED, 't', null, null, null, 0, null, 0, null, 0));
attempt('outcome: too few arguments', fn () => new Mq\DeliveryOutcome(Mq\DeliveryOutcome::FAILED, 't'));
attempt('outcome: fine', fn () => new Mq\DeliveryOutcome(Mq\DeliveryOutcome::DELIVERED, 't', 'p', 'k', ['a' => 'b'], 3, 42, 0, null, 1));
var_dump((new ReflectionClass(Mq\KafkaProducer::class))->isFinal(), (new ReflectionClass(Mq\DeliveryOutcome::class))->isFinal());
?>
--EXPECTF--
no conf: ArgumentCountError Too few arguments to function Mq\KafkaProducer::__construct(), 0 passed in %s on line %d and at least 1 expected
conf of the wrong class: TypeError Mq\KafkaProducer::__construct(): Argument #1 ($conf) must be of type RdKafka\Conf, RdKafka\TopicConf given, called in %s on line %d
policy of the wrong class: TypeError Mq\KafkaProducer::__construct(): Argument #2 ($policy) must be of type ?Mq\RetryPolicy, string given, called in %s on line %d
contradicting conf: RdKafka\Exception %s
mq_kafka_conf_entries(int): TypeError mq_kafka_conf_entries(): Argument #1 ($conf) must be of type RdKafka\Conf, int given
mq_kafka_conf_entries(TopicConf): TypeError mq_kafka_conf_entries(): Argument #1 ($conf) must be of type RdKafka\Conf, RdKafka\TopicConf given
mq_kafka_conf_entries(): ArgumentCountError mq_kafka_conf_entries() expects exactly 1 argument, 0 given
[["bootstrap.servers","%s"],["acks","1"],["enable.idempotence","true"]]
send timeout NAN: InvalidArgumentException Mq\KafkaProducer::send(): Argument #6 ($timeout) must be a positive finite number of seconds, NAN given
waitForAll timeout NAN: InvalidArgumentException Mq\KafkaProducer::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, NAN given
send timeout INF: InvalidArgumentException Mq\KafkaProducer::send(): Argument #6 ($timeout) must be a positive finite number of seconds, INF given
waitForAll timeout INF: InvalidArgumentException Mq\KafkaProducer::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, INF given
send timeout -INF: InvalidArgumentException Mq\KafkaProducer::send(): Argument #6 ($timeout) must be a positive finite number of seconds, -INF given
waitForAll timeout -INF: InvalidArgumentException Mq\KafkaProducer::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, -INF given
send timeout 0: InvalidArgumentException Mq\KafkaProducer::send(): Argument #6 ($timeout) must be a positive finite number of seconds, 0.0 given
waitForAll timeout 0: InvalidArgumentException Mq\KafkaProducer::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, 0.0 given
send timeout -1: InvalidArgumentException Mq\KafkaProducer::send(): Argument #6 ($timeout) must be a positive finite number of seconds, -1.0 given
waitForAll timeout -1: InvalidArgumentException Mq\KafkaProducer::waitForAll(): Argument #1 ($timeout) must be a positive finite number of seconds, -1.0 given
send timeout string: TypeError Mq\KafkaProducer::send(): Argument #6 ($timeout) must be of type ?float, string given, called in %s on line %d
send empty topic: InvalidArgumentException Mq\KafkaProducer::send(): Argument #1 ($topic) must not be empty
enqueue empty topic: InvalidArgumentException Mq\KafkaProducer::enqueue(): Argument #1 ($topic) must not be empty
send partition -2: InvalidArgumentException Mq\KafkaProducer::send(): Argument #5 ($partition) must be RD_KAFKA_PARTITION_UA (-1) or a partition number from 0 to 2147483647, -2 given
enqueue partition 2^31: InvalidArgumentException Mq\KafkaProducer::enqueue(): Argument #5 ($partition) must be RD_KAFKA_PARTITION_UA (-1) or a partition number from 0 to 2147483647, 2147483648 given
send topic array: TypeError Mq\KafkaProducer::send(): Argument #1 ($topic) must be of type string, array given, called in %s on line %d
send payload array: TypeError Mq\KafkaProducer::send(): Argument #2 ($payload) must be of type ?string, array given, called in %s on line %d
send headers string: TypeError Mq\KafkaProducer::send(): Argument #4 ($headers) must be of type ?array, string given, called in %s on line %d
enqueue header value object: Error Object of class stdClass could not be converted to string
send too few arguments: ArgumentCountError Too few arguments to function Mq\KafkaProducer::send(), 1 passed in %s on line %d and at least 2 expected
waitForAll string: TypeError Mq\KafkaProducer::waitForAll(): Argument #1 ($timeout) must be of type ?float, string given, called in %s on line %d
getCounters with an argument: no exception
array(5) {
  ["pending"]=>
  int(0)
  ["delivered"]=>
  int(0)
  ["failed"]=>
  int(0)
  ["timed_out"]=>
  int(0)
  ["retried"]=>
  int(0)
}
delivered
outcome: unknown status: InvalidArgumentException Mq\DeliveryOutcome::__construct(): Argument #1 ($status) must be one of the DeliveryOutcome constants, "lost" given
outcome: 0 attempts: InvalidArgumentException Mq\DeliveryOutcome::__construct(): Argument #10 ($attempts) must be at least 1, 0 given
outcome: too few arguments: ArgumentCountError Too few arguments to function Mq\DeliveryOutcome::__construct(), 2 passed in %s on line %d and exactly 10 expected
outcome: fine: no exception (Mq\DeliveryOutcome)
bool(true)
bool(true)
