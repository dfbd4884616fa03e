--TEST--
Kafka: every string parameter takes bytes as php-rdkafka does (not UTF-8: librdkafka decides; a NUL ends the string; ints, floats and bools are coerced), never a TypeError or a panic
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

function attempt(string $what, callable $fn): void
{
    try {
        $result = $fn();
        echo $what, ': ', json_encode(is_string($result) ? bin2hex($result) : $result), "\n";
    } catch (Throwable $e) {
        echo $what, ': ', get_class($e), ' [', $e->getCode(), '] ', $e->getMessage(), "\n";
    }
}

// Conf and TopicConf: librdkafka judges the name; a NUL ends name and value; scalars are coerced.
attempt('Conf name not UTF-8', fn () => (new RdKafka\Conf())->set("k\xff", 'v'));
attempt('TopicConf name not UTF-8', fn () => (new RdKafka\TopicConf())->set("k\xff", 'v'));
attempt('Conf name with NUL', function () { $c = new RdKafka\Conf(); $c->set("client.id\0ignored", 'v'); return $c->dump()['client.id']; });
attempt('Conf value with NUL', function () { $c = new RdKafka\Conf(); $c->set('client.id', "ab\0cd"); return $c->dump()['client.id']; });
attempt('Conf int value', function () { $c = new RdKafka\Conf(); $c->set('batch.num.messages', 42); return $c->dump()['batch.num.messages']; });
attempt('Conf float value', function () { $c = new RdKafka\Conf(); $c->set('client.id', 1.5); return $c->dump()['client.id']; });
attempt('Conf bool value', function () { $c = new RdKafka\Conf(); $c->set('enable.idempotence', true); return $c->dump()['enable.idempotence']; });
attempt('TopicConf value not UTF-8', function () { $c = new RdKafka\TopicConf(); $c->set('acks', "1\xff"); });
// mq builds clients from UTF-8 configuration text: a value librdkafka would take is refused, clearly.
attempt('Conf value not UTF-8', fn () => (new RdKafka\Conf())->set('client.id', "a\xffb"));

// Names of topics and partitions: bytes up to a NUL, as librdkafka holds them.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('message.timeout.ms', '1000');
$reports = [];
$conf->setDrMsgCb(function ($kafka, $m) use (&$reports) { $reports[] = [$m->err, bin2hex($m->topic_name)]; });
$producer = new RdKafka\Producer($conf);
attempt('newTopic not UTF-8', fn () => $producer->newTopic("t\xff")->getName());
attempt('newTopic with NUL', fn () => $producer->newTopic("ab\0cd")->getName());
attempt('newTopic int', fn () => $producer->newTopic(42)->getName());
attempt('TopicPartition not UTF-8', fn () => (new RdKafka\TopicPartition("t\xfe", 0))->getTopic());
attempt('TopicPartition with NUL', fn () => (new RdKafka\TopicPartition("t\0x", 0))->getTopic());
attempt('TopicPartition::setTopic', fn () => (new RdKafka\TopicPartition('x', 0))->setTopic("a\xfe")->getTopic());
attempt('addBrokers with NUL', fn () => $producer->addBrokers(kafka_bootstrap() . "\0garbage"));
attempt('addBrokers not UTF-8', fn () => $producer->addBrokers("h\xff:9092"));
attempt('queryWatermarkOffsets not UTF-8', function () use ($producer) { $lo = $hi = 0; $producer->queryWatermarkOffsets("t\xff", 0, $lo, $hi, 1000); });
attempt('oauthbearerSetToken bytes', fn () => $producer->oauthbearerSetToken("tok\xff", 1000, "p\xff", ["k\xff" => 1.5]));
attempt('oauthbearerSetTokenFailure bytes', fn () => $producer->oauthbearerSetTokenFailure("e\xff"));
attempt('metadata for a topic not UTF-8', fn () => $producer->getMetadata(false, $producer->newTopic("m\xff"), 5000)->getTopics()->current()->getErr());

// Producing to a topic the broker cannot have: the delivery report says so, with the name's bytes.
attempt('produce to a topic not UTF-8', fn () => $producer->newTopic("bad\xfftopic")->produce(RD_KAFKA_PARTITION_UA, 0, 'x'));
var_dump($producer->flush(10000), $reports);

// Subscriptions: each element is PHP's (string) of it.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('group.id', fresh_name('bad-strings'));
$consumer = new RdKafka\KafkaConsumer($conf);
attempt('subscribe', fn () => $consumer->subscribe(["s\xfftopic", 42, "nul\0cut", "\xff" => fresh_name('real')]));
attempt('getSubscription', fn () => array_map('bin2hex', $consumer->getSubscription()));
attempt('assign with a key not UTF-8', fn () => $consumer->assign(["\xff" => new RdKafka\TopicPartition("a\xff", 0)]));
attempt('getAssignment', fn () => array_map(fn ($tp) => bin2hex($tp->getTopic()), $consumer->getAssignment()));
attempt('commit a Message of a topic not UTF-8', function () use ($consumer) {
    $m = new RdKafka\Message();
    $m->err = 0;
    $m->topic_name = "c\xff";
    $m->partition = 0;
    $m->offset = PHP_INT_MAX;
    $consumer->commit($m);
});
$consumer->close();
?>
--EXPECTF--
Conf name not UTF-8: RdKafka\Exception [-2] No such configuration property: "k%s"
TopicConf name not UTF-8: RdKafka\Exception [-2] No such configuration property: "k%s"
Conf name with NUL: "76"
Conf value with NUL: "6162"
Conf int value: "3432"
Conf float value: "312e35"
Conf bool value: "74727565"
TopicConf value not UTF-8: null
Conf value not UTF-8: RdKafka\Exception [-1] Configuration property "client.id": mq hands values to librdkafka as UTF-8 text and this value is not valid UTF-8
newTopic not UTF-8: "74ff"
newTopic with NUL: "6162"
newTopic int: "3432"
TopicPartition not UTF-8: "74fe"
TopicPartition with NUL: "74"
TopicPartition::setTopic: "61fe"
addBrokers with NUL: 1
addBrokers not UTF-8: 1
queryWatermarkOffsets not UTF-8: RdKafka\Exception [%i] %s
oauthbearerSetToken bytes: RdKafka\Exception [-172] SASL/OAUTHBEARER is not the configured authentication mechanism
oauthbearerSetTokenFailure bytes: RdKafka\Exception [-172] 
metadata for a topic not UTF-8: %i
produce to a topic not UTF-8: null
int(0)
array(1) {
  [0]=>
  array(2) {
    [0]=>
    int(-192)
    [1]=>
    string(18) "626164ff746f706963"
  }
}
subscribe: null
getSubscription: ["3432","6e756c","7265616c%s","73ff746f706963"]
assign with a key not UTF-8: null
getAssignment: ["61ff"]
commit a Message of a topic not UTF-8: RdKafka\Exception [-168] Local: No offset stored
