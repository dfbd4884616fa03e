--TEST--
Kafka: the methods php-rdkafka declares once on \RdKafka (and getName() on RdKafka\Topic) are declared there and inherited, as Reflection, method_exists() and get_class_methods() show; deprecated ones and tentative return types; userland subclasses of Producer and Consumer produce and consume through them; the expected output is php-rdkafka 6.0.4's
--EXTENSIONS--
mq
--FILE--
<?php
require __DIR__ . '/../tools/brokers.php';

// \RdKafka declares the methods Producer and Consumer share; Reflection, method_exists() and
// get_class_methods() see them there, deprecated and with tentative return types, as php-rdkafka has them.
$methods = get_class_methods('RdKafka');
sort($methods);
echo 'RdKafka: ', implode(' ', $methods), "\n";
foreach (['RdKafka\Producer', 'RdKafka\Consumer'] as $class) {
    // Producer::sendOffsetsToTransaction() is mq's addition (kafka_send_offsets_to_transaction.phpt): left
    // out, so the expected output is php-rdkafka's.
    $all = array_diff(get_class_methods($class), ['sendOffsetsToTransaction']);
    $own = array_filter($all, fn ($m) => (new ReflectionMethod($class, $m))->class === $class);
    sort($own);
    echo "$class declares: ", implode(' ', $own), "\n";
    $inherited = array_diff($all, $own);
    echo "$class inherits from RdKafka: ", $inherited == array_diff($methods, ['__construct']) ? 'all' : implode(' ', $inherited), "\n";
}
var_dump(method_exists('RdKafka', 'poll'), (new ReflectionMethod('RdKafka\Producer', 'poll'))->class);
foreach ($methods as $m) {
    $r = new ReflectionMethod('RdKafka', $m);
    if ($r->isDeprecated()) {
        echo "deprecated: $m\n";
    }
    if ($m !== '__construct' && !$r->hasTentativeReturnType()) {
        echo "not tentative: $m\n";
    }
}
foreach (['RdKafka\ProducerTopic', 'RdKafka\ConsumerTopic', 'RdKafka\KafkaConsumerTopic'] as $class) {
    echo "$class::getName declared by ", (new ReflectionMethod($class, 'getName'))->class, "\n";
}

// A userland subclass overriding a method without a return type: with tentative return types that is
// PHP's deprecation notice when the class is declared, not a fatal error.
eval('class MyProducer extends RdKafka\Producer {
    public $polls = 0;
    public function poll($timeout_ms) { $this->polls++; return parent::poll($timeout_ms); }
}');
class MyConsumer extends RdKafka\Consumer
{
    public function __construct(RdKafka\Conf $conf)
    {
        parent::__construct($conf);
        $this->addBrokers(kafka_bootstrap());
    }
}

$topic = fresh_name('surface');
$conf = new RdKafka\Conf();
$conf->set('metadata.broker.list', kafka_bootstrap());
$delivered = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$delivered) {
    $delivered[] = get_class($kafka) . ':' . $message->err;
});
$producer = new MyProducer($conf);
$t = $producer->newTopic($topic);
var_dump(get_class($t), $t->getName() === $topic);
for ($i = 0; $i < 3; $i++) {
    $t->produce(0, 0, "m$i");
}
var_dump($producer->getOutQLen() > 0);
var_dump($producer->flush(10000), $producer->polls, $delivered);
var_dump(get_class($producer->getMetadata(false, $t, 10000)));
$low = $high = null;
$producer->queryWatermarkOffsets($topic, 0, $low, $high, 10000);
var_dump($low, $high);

$consumerConf = new RdKafka\Conf();
$consumerConf->set('metadata.broker.list', kafka_bootstrap());
$consumer = new MyConsumer($consumerConf);
$ct = $consumer->newTopic($topic);
var_dump(get_class($ct));
$ct->consumeStart(0, RD_KAFKA_OFFSET_BEGINNING);
$got = [];
while (count($got) < 3 && ($m = $ct->consume(0, 10000)) !== null) {
    if ($m->err === 0) {
        $got[] = $m->payload;
    }
}
$ct->consumeStop(0);
var_dump($got, $consumer->poll(0), $consumer->flush(0) === RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED);
?>
--EXPECTF--
RdKafka: addBrokers flush getControllerId getMetadata getOutQLen metadata newTopic oauthbearerSetToken oauthbearerSetTokenFailure offsetsForTimes outqLen pausePartitions poll purge queryWatermarkOffsets resumePartitions setLogLevel setLogger
RdKafka\Producer declares: __construct abortTransaction beginTransaction commitTransaction initTransactions
RdKafka\Producer inherits from RdKafka: addBrokers getMetadata getControllerId getOutQLen metadata setLogLevel newTopic outqLen poll flush purge setLogger queryWatermarkOffsets offsetsForTimes pausePartitions resumePartitions oauthbearerSetToken oauthbearerSetTokenFailure
RdKafka\Consumer declares: __construct newQueue
RdKafka\Consumer inherits from RdKafka: addBrokers getMetadata getControllerId getOutQLen metadata setLogLevel newTopic outqLen poll flush purge setLogger queryWatermarkOffsets offsetsForTimes pausePartitions resumePartitions oauthbearerSetToken oauthbearerSetTokenFailure
bool(true)
string(7) "RdKafka"
deprecated: metadata
deprecated: outqLen
deprecated: setLogLevel
deprecated: setLogger
RdKafka\ProducerTopic::getName declared by RdKafka\Topic
RdKafka\ConsumerTopic::getName declared by RdKafka\Topic
RdKafka\KafkaConsumerTopic::getName declared by RdKafka\Topic

Deprecated: Return type of MyProducer::poll($timeout_ms) should either be compatible with RdKafka::poll(int $timeout_ms): int, or the #[\ReturnTypeWillChange] attribute should be used to temporarily suppress the notice in %s(35) : eval()'d code on line 3
string(21) "RdKafka\ProducerTopic"
bool(true)
bool(true)
int(0)
int(0)
array(3) {
  [0]=>
  string(12) "MyProducer:0"
  [1]=>
  string(12) "MyProducer:0"
  [2]=>
  string(12) "MyProducer:0"
}
string(16) "RdKafka\Metadata"
int(0)
int(3)
string(21) "RdKafka\ConsumerTopic"
array(3) {
  [0]=>
  string(2) "m0"
  [1]=>
  string(2) "m1"
  [2]=>
  string(2) "m2"
}
int(0)
bool(true)
