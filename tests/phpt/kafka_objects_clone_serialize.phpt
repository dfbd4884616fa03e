--TEST--
RdKafka objects as php-rdkafka's: not cloneable (ReflectionClass::isCloneable() false, clone throws); TopicConf, topics, TopicPartition (and Queue, metadata) serialized without fields and unserialized to an object made without its constructor, whose methods throw php-rdkafka's "has not been called"; Conf and the clients, which keep their callbacks in properties, refuse serialize(); such an object given as an argument (or in an array of TopicPartitions) throws php-rdkafka's exception, not a TypeError, but a callable one is taken
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
    try {
        $s = serialize($object);
        echo "\n  $s\n";
    } catch (Exception $e) {
        echo "\n  ", $e->getMessage(), "\n";
        continue;
    }
    $again = unserialize($s);
    $method = ['TopicConf' => 'dump', 'ProducerTopic' => 'getName', 'TopicPartition' => 'getTopic'][$name];
    try {
        $again->$method();
        echo "  $method() answered\n";
    } catch (Exception $e) {
        echo '  ', get_class($again), "::$method(): ", $e->getMessage(), "\n";
    }
}
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
--EXPECT--
Conf: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\Conf
  Serialization of 'RdKafka\Conf' is not allowed
TopicConf: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\TopicConf
  O:17:"RdKafka\TopicConf":0:{}
  RdKafka\TopicConf::dump(): RdKafka\Conf::__construct() has not been called
Producer: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\Producer
  Serialization of 'RdKafka\Producer' is not allowed
Consumer: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\Consumer
  Serialization of 'RdKafka\Consumer' is not allowed
KafkaConsumer: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\KafkaConsumer
  Serialization of 'RdKafka\KafkaConsumer' is not allowed
ProducerTopic: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\ProducerTopic
  O:21:"RdKafka\ProducerTopic":0:{}
  RdKafka\ProducerTopic::getName(): RdKafka\Topic::__construct() has not been called
TopicPartition: cloneable false, clone: Trying to clone an uncloneable object of class RdKafka\TopicPartition
  O:22:"RdKafka\TopicPartition":0:{}
  RdKafka\TopicPartition::getTopic(): RdKafka\TopicPartition::__construct() has not been called
bool(true)
Producer: Exception: RdKafka\Conf::__construct() has not been called
Consumer: Exception: RdKafka\Conf::__construct() has not been called
newTopic: Exception: RdKafka\Conf::__construct() has not been called
assign: Exception: RdKafka\TopicPartition::__construct() has not been called
an unconstructed invokable taken as a callback
error callback called: yes
