--TEST--
mq_kafka_conf_entries(): each set() as [name, value] and each setDefaultTopicConf() as ['default_topic_conf', [[name, value], ...]], in order; Mq\KafkaProducer's copy of a Conf keeps its default topic configuration (message.timeout.ms 200 from a TopicConf: librdkafka's _MSG_TIMED_OUT report, not a 10 s wait)
--EXTENSIONS--
mq
--FILE--
<?php
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
$conf->set('log_level', '0');
$topicConf = new RdKafka\TopicConf();
$topicConf->set('message.timeout.ms', '200');
$topicConf->set('acks', '1');
@$conf->setDefaultTopicConf($topicConf);
$conf->set('compression.codec', 'gzip');
echo json_encode(mq_kafka_conf_entries($conf)), "\n";

$producer = new Mq\KafkaProducer($conf);
$outcome = $producer->send('mq-conf-entries', 'x', timeout: 10.0);
echo $outcome->getStatus(), ' ', rd_kafka_err2name($outcome->getErrorCode()), "\n";
?>
--EXPECT--
[["bootstrap.servers","127.0.0.1:1"],["log_level","0"],["default_topic_conf",[["message.timeout.ms","200"],["acks","1"]]],["compression.codec","gzip"]]
failed _MSG_TIMED_OUT
