--TEST--
mq_kafka_conf_entries(): a set() of a name replaces that name's earlier entry (moving it last) and a setDefaultTopicConf() the earlier one, so a long-lived Conf set again and again does not grow; what a client gets is unchanged (the last value of each, aliases in the order last set)
--EXTENSIONS--
mq
--FILE--
<?php
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
$topicConf = new RdKafka\TopicConf();
for ($i = 0; $i < 1000; $i++) {
    $conf->set('client.id', "job-$i");
    $topicConf->set('message.timeout.ms', (string) (1000 + $i));
    @$conf->setDefaultTopicConf($topicConf);
}
$conf->set('log_level', '0');
$conf->set('bootstrap.servers', '127.0.0.1:2');
echo json_encode(mq_kafka_conf_entries($conf)), "\n";
echo $conf->dump()['client.id'], ' ', $conf->dump()['metadata.broker.list'], "\n";
?>
--EXPECT--
[["client.id","job-999"],["default_topic_conf",[["message.timeout.ms","1999"]]],["log_level","0"],["bootstrap.servers","127.0.0.1:2"]]
job-999 127.0.0.1:2
