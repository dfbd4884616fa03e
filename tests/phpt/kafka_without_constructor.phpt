--TEST--
Kafka: objects made without their constructor (newInstanceWithoutConstructor(), subclasses skipping parent::__construct()) throw php-rdkafka's "...::__construct() has not been called" from every class's methods; the expected output is php-rdkafka 6.0.4's, but for the last line (php-rdkafka segfaults there)
--EXTENSIONS--
mq
--FILE--
<?php
// Objects made without their constructor (newInstanceWithoutConstructor(), mocks, subclasses that skip
// parent::__construct()): every class's methods throw php-rdkafka's "...::__construct() has not been
// called" (a plain \Exception, code 0), after PHP has checked the arguments.
$calls = [
    'RdKafka\Conf' => [['dump', []], ['set', ['a', 'b']], ['setErrorCb', ['strlen']], ['setDefaultTopicConf', [new RdKafka\TopicConf()]]],
    'RdKafka\TopicConf' => [['dump', []], ['set', ['a', 'b']], ['setPartitioner', [2]]],
    'RdKafka\Producer' => [['poll', [0]], ['flush', [0]], ['getOutQLen', []], ['addBrokers', ['x']], ['newTopic', ['t']], ['initTransactions', [1]], ['getMetadata', [false, null, 1]], ['purge', [0]], ['poll', [[]]]],
    'RdKafka\Consumer' => [['poll', [0]], ['newQueue', []], ['newTopic', ['t']], ['setLogLevel', [3]]],
    'RdKafka\KafkaConsumer' => [['getAssignment', []], ['subscribe', [['a']]], ['consume', [0]], ['close', []], ['newTopic', ['t']]],
    'RdKafka\ProducerTopic' => [['getName', []]],
    'RdKafka\ConsumerTopic' => [['getName', []], ['consumeStop', [0]]],
    'RdKafka\KafkaConsumerTopic' => [['getName', []], ['offsetStore', [0, 0]]],
    'RdKafka\Queue' => [['consume', [0]]],
    'RdKafka\TopicPartition' => [['getTopic', []], ['setOffset', [1]], ['getErr', []]],
    'RdKafka\Metadata' => [['getBrokers', []], ['getOrigBrokerId', []]],
    'RdKafka\Metadata\Broker' => [['getId', []]],
    'RdKafka\Metadata\Topic' => [['getTopic', []]],
    'RdKafka\Metadata\Partition' => [['getId', []]],
    'RdKafka\Metadata\Collection' => [['count', []], ['current', []], ['valid', []]],
];
function attempt(string $label, callable $call): void
{
    try {
        $r = $call();
        echo "$label: returned ", get_debug_type($r), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), "(", $e->getCode(), "): ", $e->getMessage(), "\n";
    }
}
foreach ($calls as $class => $list) {
    $o = (new ReflectionClass($class))->newInstanceWithoutConstructor();
    foreach ($list as [$m, $args]) {
        attempt("$class::$m", fn () => @$o->$m(...$args));
    }
}
class MyProducer extends RdKafka\Producer { public function __construct() {} }
class MyConsumer extends RdKafka\Consumer { public function __construct() {} }
class MyConf extends RdKafka\Conf { public function __construct() {} }
class MyKafkaConsumer extends RdKafka\KafkaConsumer { public function __construct() {} }
class MyTopicPartition extends RdKafka\TopicPartition { public function __construct() {} }
attempt('MyProducer::poll', fn () => (new MyProducer())->poll(0));
attempt('MyConsumer::newTopic', fn () => (new MyConsumer())->newTopic('t'));
attempt('MyConf::set', fn () => (new MyConf())->set('a', 'b'));
attempt('MyKafkaConsumer::subscribe', fn () => (new MyKafkaConsumer())->subscribe(['t']));
attempt('MyTopicPartition::getOffset', fn () => (new MyTopicPartition())->getOffset());
// Deliberate difference: php-rdkafka 6.0.4 segfaults here (produce() reads the topic's client before
// checking it); mq throws the same error as the other methods.
attempt('RdKafka\ProducerTopic::produce', fn () => (new ReflectionClass(RdKafka\ProducerTopic::class))->newInstanceWithoutConstructor()->produce(0, 0, 'x'));
?>
--EXPECT--
RdKafka\Conf::dump: Exception(0): RdKafka\Conf::__construct() has not been called
RdKafka\Conf::set: Exception(0): RdKafka\Conf::__construct() has not been called
RdKafka\Conf::setErrorCb: Exception(0): RdKafka\Conf::__construct() has not been called
RdKafka\Conf::setDefaultTopicConf: Exception(0): RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::dump: Exception(0): RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::set: Exception(0): RdKafka\Conf::__construct() has not been called
RdKafka\TopicConf::setPartitioner: Exception(0): RdKafka\Conf::__construct() has not been called
RdKafka\Producer::poll: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::flush: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getOutQLen: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::addBrokers: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::newTopic: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::initTransactions: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::getMetadata: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::purge: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Producer::poll: TypeError(0): RdKafka::poll(): Argument #1 ($timeout_ms) must be of type int, array given
RdKafka\Consumer::poll: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newQueue: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::newTopic: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\Consumer::setLogLevel: Exception(0): RdKafka\Kafka::__construct() has not been called
RdKafka\KafkaConsumer::getAssignment: Exception(0): RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::subscribe: Exception(0): RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::consume: Exception(0): RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::close: Exception(0): RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\KafkaConsumer::newTopic: Exception(0): RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
RdKafka\ProducerTopic::getName: Exception(0): RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::getName: Exception(0): RdKafka\Topic::__construct() has not been called
RdKafka\ConsumerTopic::consumeStop: Exception(0): RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumerTopic::getName: Exception(0): RdKafka\Topic::__construct() has not been called
RdKafka\KafkaConsumerTopic::offsetStore: Exception(0): RdKafka\Topic::__construct() has not been called
RdKafka\Queue::consume: Exception(0): RdKafka\Queue::__construct() has not been called
RdKafka\TopicPartition::getTopic: Exception(0): RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::setOffset: Exception(0): RdKafka\TopicPartition::__construct() has not been called
RdKafka\TopicPartition::getErr: Exception(0): RdKafka\TopicPartition::__construct() has not been called
RdKafka\Metadata::getBrokers: Exception(0): RdKafka\Metadata::__construct() has not been called
RdKafka\Metadata::getOrigBrokerId: Exception(0): RdKafka\Metadata::__construct() has not been called
RdKafka\Metadata\Broker::getId: Exception(0): RdKafka\Metadata\Broker::__construct() has not been called
RdKafka\Metadata\Topic::getTopic: Exception(0): RdKafka\Metadata\Topic::__construct() has not been called
RdKafka\Metadata\Partition::getId: Exception(0): RdKafka\Metadata\Partition::__construct() has not been called
RdKafka\Metadata\Collection::count: Exception(0): RdKafka\Metadata\Collection::__construct() has not been called
RdKafka\Metadata\Collection::current: Exception(0): RdKafka\Metadata\Collection::__construct() has not been called
RdKafka\Metadata\Collection::valid: Exception(0): RdKafka\Metadata\Collection::__construct() has not been called
MyProducer::poll: Exception(0): RdKafka\Kafka::__construct() has not been called
MyConsumer::newTopic: Exception(0): RdKafka\Kafka::__construct() has not been called
MyConf::set: Exception(0): RdKafka\Conf::__construct() has not been called
MyKafkaConsumer::subscribe: Exception(0): RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
MyTopicPartition::getOffset: Exception(0): RdKafka\TopicPartition::__construct() has not been called
RdKafka\ProducerTopic::produce: Exception(0): RdKafka\Topic::__construct() has not been called
