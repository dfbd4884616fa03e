--TEST--
Kafka: purge() drops queued messages, whose delivery reports then carry RD_KAFKA_RESP_ERR__PURGE_QUEUE; Conf::setDefaultTopicConf()
--EXTENSIONS--
mq
--FILE--
<?php
// Nothing listens on port 1: the messages stay queued.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
$errors = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$errors) { $errors[] = rd_kafka_err2name($message->err) . ':' . $message->payload; });
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic('purged');
$topic->produce(RD_KAFKA_PARTITION_UA, 0, 'a');
$topic->produce(RD_KAFKA_PARTITION_UA, 0, 'b');
var_dump($producer->getOutQLen() >= 2);
var_dump($producer->purge(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT));
var_dump($producer->flush(5000), $producer->getOutQLen(), $errors);

// A topic property given through setDefaultTopicConf() applies: messages time out after 300 ms.
$topicConf = new RdKafka\TopicConf();
$topicConf->set('message.timeout.ms', '300');
$conf->setDefaultTopicConf($topicConf);
$errors = [];
$producer = new RdKafka\Producer($conf);
$producer->newTopic('timed-out')->produce(RD_KAFKA_PARTITION_UA, 0, 'c');
$t = microtime(true);
var_dump($producer->flush(10000), $errors, microtime(true) - $t < 5);
?>
--EXPECTF--
bool(true)
int(0)
int(0)
int(0)
array(2) {
  [0]=>
  string(14) "_PURGE_QUEUE:a"
  [1]=>
  string(14) "_PURGE_QUEUE:b"
}

Deprecated: Method RdKafka\Conf::setDefaultTopicConf() is deprecated in %s on line 18
int(0)
array(1) {
  [0]=>
  string(16) "_MSG_TIMED_OUT:c"
}
bool(true)
