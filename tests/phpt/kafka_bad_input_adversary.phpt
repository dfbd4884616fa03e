--TEST--
Kafka: hostile arguments (negative and huge timeouts, huge sizes, wrong types, objects made without their constructor) end in PHP exceptions or php-rdkafka's results, never a hang or a Rust panic
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

function attempt(string $what, callable $fn): void
{
    $start = microtime(true);
    try {
        $result = $fn();
        $out = json_encode($result);
    } catch (Throwable $e) {
        $out = get_class($e) . ': ' . $e->getMessage();
    }
    // A negative timeout other than -1 does not wait (librdkafka's meaning; php-rdkafka passes it on).
    echo $what, ': ', $out, microtime(true) - $start < 3 ? '' : ' (waited)', "\n";
}

$name = fresh_name('adversary');
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', $name);
$producer = new RdKafka\Producer($conf);
$producer->newTopic($name)->produce(0, 0, 'one');
attempt('Producer::flush(PHP_INT_MIN)', fn () => $producer->flush(PHP_INT_MIN) !== null);
attempt('Producer::poll(-5)', fn () => $producer->poll(-5));
attempt('Producer::poll(PHP_INT_MIN)', fn () => $producer->poll(PHP_INT_MIN));
attempt('Producer::flush(PHP_INT_MAX)', fn () => $producer->flush(PHP_INT_MAX));
attempt('rd_kafka_offset_tail(PHP_INT_MIN)', fn () => rd_kafka_offset_tail(PHP_INT_MIN));

$consumer = new RdKafka\KafkaConsumer($conf);
attempt('KafkaConsumer::consume(PHP_INT_MIN)', fn () => $consumer->consume(PHP_INT_MIN)->err);
attempt('KafkaConsumer::consume(-2)', fn () => $consumer->consume(-2)->err);
attempt('KafkaConsumer::subscribe([[]])', fn () => $consumer->subscribe([[]]));
attempt('KafkaConsumer::assign(int)', fn () => $consumer->assign([1]));
attempt('KafkaConsumer::commit(object)', fn () => $consumer->commit(new stdClass()));

$legacy = new RdKafka\Consumer($conf);
$topic = $legacy->newTopic($name);
$topic->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
attempt('ConsumerTopic::consumeBatch(PHP_INT_MAX)', function () use ($topic) {
    for ($i = 0; $i < 40; $i++) {
        if ($batch = $topic->consumeBatch(0, 500, PHP_INT_MAX)) {
            return array_map(fn ($m) => $m->payload, $batch);
        }
    }
});
attempt('ConsumerTopic::consumeBatch(0)', fn () => $topic->consumeBatch(0, 0, 0));
attempt('ConsumerTopic::consume(PHP_INT_MIN)', fn () => $topic->consume(0, PHP_INT_MIN));
attempt('Consumer::poll(-7)', fn () => $legacy->poll(-7));
$topic->consumeStop(0);

// Wrong types are PHP's TypeError.
attempt('Conf::set(array)', fn () => (new RdKafka\Conf())->set('client.id', []));
attempt('produce(object)', fn () => $producer->newTopic($name)->produce(0, 0, new stdClass()));
attempt('TopicPartition(array)', fn () => new RdKafka\TopicPartition([], 0));

// Objects made without their constructor: an exception from any method, as in php-rdkafka (the TypeError is
// consumeQueueStart()'s null Queue).
$classes = ['Conf', 'TopicConf', 'Producer', 'Consumer', 'KafkaConsumer', 'TopicPartition', 'ProducerTopic',
    'ConsumerTopic', 'KafkaConsumerTopic', 'Queue', 'Metadata', 'Metadata\Collection', 'Metadata\Broker',
    'Metadata\Topic', 'Metadata\Partition'];
$groupConf = new RdKafka\Conf();
$groupConf->set('bootstrap.servers', '127.0.0.1:1');
$groupConf->set('group.id', 'adversary');
$kafkaConsumer = new RdKafka\KafkaConsumer($groupConf);
foreach ($classes as $class) {
    $object = (new ReflectionClass("RdKafka\\$class"))->newInstanceWithoutConstructor();
    $thrown = [];
    foreach ((new ReflectionObject($object))->getMethods(ReflectionMethod::IS_PUBLIC) as $method) {
        if ($method->name === '__construct' || $method->isStatic()) {
            continue;
        }
        $args = array_map(fn ($p) => match ((string) $p->getType()) {
            'int' => 0, 'string' => 'x', 'bool' => false, 'array', '?array' => [], 'callable' => 'strlen',
            'RdKafka\TopicConf', '?RdKafka\TopicConf' => new RdKafka\TopicConf(),
            'RdKafka\KafkaConsumer' => $kafkaConsumer, default => null,
        }, $method->getParameters());
        try {
            @$method->invokeArgs($object, $args);
        } catch (Throwable $e) {
            $thrown[get_class($e)] = true;
            if (stripos($e->getMessage(), 'panic') !== false) {
                echo "$class::{$method->name}: ", $e->getMessage(), "\n";
            }
        }
    }
    echo $class, ': ', implode(',', array_keys($thrown)), "\n";
}
?>
--EXPECTF--
Producer::flush(PHP_INT_MIN): true
Producer::poll(-5): 0
Producer::poll(PHP_INT_MIN): 0
Producer::flush(PHP_INT_MAX): 0
rd_kafka_offset_tail(PHP_INT_MIN): 9223372036854773808
KafkaConsumer::consume(PHP_INT_MIN): -185
KafkaConsumer::consume(-2): -185

Warning: Array to string conversion in %s on line %d
KafkaConsumer::subscribe([[]]): null
KafkaConsumer::assign(int): InvalidArgumentException: expected an array of RdKafka\TopicPartition
KafkaConsumer::commit(object): InvalidArgumentException: expected RdKafka\Message, an array of RdKafka\TopicPartition or null
ConsumerTopic::consumeBatch(PHP_INT_MAX): ["one"]
ConsumerTopic::consumeBatch(0): InvalidArgumentException: Out of range value '0' for batch_size
ConsumerTopic::consume(PHP_INT_MIN): null
Consumer::poll(-7): 0
Conf::set(array): TypeError: RdKafka\Conf::set(): Argument #2 ($value) must be of type string, array given
produce(object): TypeError: RdKafka\ProducerTopic::produce(): Argument #3 ($payload) must be of type ?string, stdClass given
TopicPartition(array): TypeError: RdKafka\TopicPartition::__construct(): Argument #1 ($topic) must be of type string, array given
Conf: Exception
TopicConf: Exception
Producer: Exception
Consumer: Exception
KafkaConsumer: Exception
TopicPartition: Exception
ProducerTopic: Exception
ConsumerTopic: Exception,TypeError
KafkaConsumerTopic: Exception
Queue: Exception
Metadata: Exception
Metadata\Collection: Exception
Metadata\Broker: Exception
Metadata\Topic: Exception
Metadata\Partition: Exception
