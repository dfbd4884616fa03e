--TEST--
Kafka: callbacks live in engine-managed properties, so a closure capturing the object that holds the client is collected by gc_collect_cycles(); userland subclasses get them too
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

class Service
{
    public $producer;
    public $consumer;
    public int $seen = 0;

    public function __construct(bool $withConsumer)
    {
        $conf = new RdKafka\Conf();
        $conf->set('bootstrap.servers', kafka_bootstrap());
        $conf->set('group.id', fresh_name('gc'));
        $conf->setDrMsgCb(function ($kafka, $message) { $this->seen++; });
        $conf->setRebalanceCb(function ($kafka, $err, $partitions) { $this->seen++; });
        $this->producer = new RdKafka\Producer($conf);
        if ($withConsumer) {
            $this->consumer = new RdKafka\KafkaConsumer($conf);
        }
    }
}

new Service(false);
new Service(true);
// Service, its closures, its clients (and their Conf) form cycles only the collector can free.
var_dump(gc_collect_cycles() >= 6);

class MyProducer extends RdKafka\Producer
{
    public function __construct(RdKafka\Conf $conf)
    {
        parent::__construct($conf);
    }
}
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$classes = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$classes) { $classes[] = get_class($kafka) . ':' . $message->payload; });
$producer = new MyProducer($conf);
$producer->newTopic(fresh_name('gc'))->produce(0, 0, 'sub');
var_dump($producer->flush(10000), $classes);
?>
--EXPECT--
bool(true)
int(0)
array(1) {
  [0]=>
  string(14) "MyProducer:sub"
}
