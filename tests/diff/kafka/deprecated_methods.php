<?php
require __DIR__ . '/_prelude.php';

$conf = conf();
$conf->setDefaultTopicConf(new RdKafka\TopicConf());
$p = new RdKafka\Producer($conf);
show('outqLen', $p->outqLen());
show('metadata', get_class($p->metadata(false, $p->newTopic(name('t')), 10000)));
show('setLogLevel', $p->setLogLevel(LOG_DEBUG));
show('setLogger', $p->setLogger(RD_KAFKA_LOG_SYSLOG));
