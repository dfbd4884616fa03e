--TEST--
RdKafka objects as php-rdkafka's: not cloneable (ReflectionClass::isCloneable() false, clone throws); serialized without fields (the callbacks are not properties: var_dump, print_r, var_export, json_encode and (array) show none) and unserialized to an object made without its constructor, whose methods throw php-rdkafka's "has not been called"; such an object given as an argument (or in an array of TopicPartitions) throws php-rdkafka's exception, not a TypeError, but a callable one is taken
--EXTENSIONS--
mq
--FILE--
<?php
$conf = new RdKafka\Conf();
$conf->set('group.id', 'mq-clone-serialize');
$conf->set('metadata.broker.list', '127.0.0.1:1');
$errors = [];
$conf->setErrorCb(function ($kafka, $err, $reason) use (&$errors) { $errors[] = $err; });
$conf->setDrMsgCb(fn () => null);
$producer = new RdKafka\Producer($conf);
$objects = [
    'Conf' => $conf,
    'TopicConf' => new RdKafka\TopicConf(),
    'Producer' => $producer,
    'Consumer' => new RdKafka\Consumer($conf),
    'KafkaConsumer' => new RdKafka\KafkaConsumer($conf),
    'ProducerTopic' => $producer->newTopic('mq-clone-serialize'),
    'TopicPartition' => new RdKafka\TopicPartition('t', 1, 2),
];
foreach ($objects as $name => $object) {
    echo "$name: cloneable ", var_export((new ReflectionClass($object))->isCloneable(), true);
    try {
        clone $object;
        echo ', cloned';
    } catch (Error $e) {
        echo ', clone: ', $e->getMessage();
    }
    echo "\n  ", $s = serialize($object), "\n";
    $again = unserialize($s);
    $method = ['Conf' => 'dump', 'TopicConf' => 'dump', 'ProducerTopic' => 'getName', 'TopicPartition' => 'getTopic', 'KafkaConsumer' => 'getAssignment'][$name] ?? 'getOutQLen';
    try {
        $again->$method();
        echo "  $method() answered\n";
    } catch (Exception $e) {
        echo '  ', get_class($again), "::$method(): ", $e->getMessage(), "\n";
    }
}
echo 'callbacks: ', implode(', ', array_keys(mq_kafka_conf_callbacks($conf))), "\n";
var_dump($conf, $producer);
print_r($conf);
echo "\n", var_export($producer, true), "\n", json_encode($conf), ' ', count((array) $producer), "\n";
var_dump(clone new RdKafka\Message() instanceof RdKafka\Message);
// An object made without its constructor given to a method: php-rdkafka's exception, not a TypeError.
$bare = (new ReflectionClass(RdKafka\Conf::class))->newInstanceWithoutConstructor();
$bareTopicConf = unserialize(serialize(new RdKafka\TopicConf()));
$calls = [
    'Producer' => fn () => new RdKafka\Producer($bare),
    'Consumer' => fn () => new RdKafka\Consumer($bare),
    'newTopic' => fn () => $producer->newTopic('mq-clone-serialize', $bareTopicConf),
    'assign' => fn () => $objects['KafkaConsumer']->assign([unserialize(serialize(new RdKafka\TopicPartition('t', 0)))]),
];
foreach ($calls as $name => $call) {
    try {
        $call();
        echo "$name: made\n";
    } catch (Exception $e) {
        echo "$name: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Given as a callable, such an object is taken as it is.
class InvokableTopicPartition extends RdKafka\TopicPartition
{
    public function __construct() {}
    public function __invoke() {}
}
$conf->setLogCb(new InvokableTopicPartition());
echo "an unconstructed invokable taken as a callback\n";

// The callbacks were not lost with the properties: the unreachable broker reaches the error callback.
for ($i = 0; $i < 50 && !$errors; $i++) {
    $producer->poll(100);
}
echo 'error callback called: ', $errors ? 'yes' : 'no', "\n";
?>
--EXPECTF--
Conf: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\Conf
  O:12:"RdKafka\Conf":0:{}
  RdKafka\Conf::dump(): RdKafka\Conf::__construct() has not been called
TopicConf: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\TopicConf
  O:17:"RdKafka\TopicConf":0:{}
  RdKafka\TopicConf::dump(): RdKafka\Conf::__construct() has not been called
Producer: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\Producer
  O:16:"RdKafka\Producer":0:{}
  RdKafka\Producer::getOutQLen(): RdKafka\Kafka::__construct() has not been called
Consumer: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\Consumer
  O:16:"RdKafka\Consumer":0:{}
  RdKafka\Consumer::getOutQLen(): RdKafka\Kafka::__construct() has not been called
KafkaConsumer: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\KafkaConsumer
  O:21:"RdKafka\KafkaConsumer":0:{}
  RdKafka\KafkaConsumer::getAssignment(): RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
ProducerTopic: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\ProducerTopic
  O:21:"RdKafka\ProducerTopic":0:{}
  RdKafka\ProducerTopic::getName(): RdKafka\Topic::__construct() has not been called
TopicPartition: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\TopicPartition
  O:22:"RdKafka\TopicPartition":0:{}
  RdKafka\TopicPartition::getTopic(): RdKafka\TopicPartition::__construct() has not been called
callbacks: dr_msg_cb, error_cb
object(RdKafka\Conf)#%d (0) {
}
object(RdKafka\Producer)#%d (0) {
}
RdKafka\Conf Object
(
)

\RdKafka\Producer::__set_state(array(
))
{} 0
bool(true)
Producer: Exception: RdKafka\Conf::__construct() has not been called
Consumer: Exception: RdKafka\Conf::__construct() has not been called
newTopic: Exception: RdKafka\Conf::__construct() has not been called
assign: Exception: RdKafka\TopicPartition::__construct() has not been called
an unconstructed invokable taken as a callback
error callback called: yes
