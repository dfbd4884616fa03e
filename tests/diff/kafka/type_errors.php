<?php
require __DIR__ . '/_prelude.php';

$conf = new RdKafka\Conf();
attempt('setDefaultTopicConf(Conf)', fn () => @$conf->setDefaultTopicConf(new RdKafka\Conf()));
attempt('new Producer("x")', fn () => new RdKafka\Producer('x'));
attempt('new Consumer(new TopicConf)', fn () => new RdKafka\Consumer(new RdKafka\TopicConf()));
attempt('new KafkaConsumer()', fn () => new RdKafka\KafkaConsumer());
attempt('new KafkaConsumer(null)', fn () => new RdKafka\KafkaConsumer(null));
attempt('new TopicPartition()', fn () => new RdKafka\TopicPartition());
attempt('new TopicPartition("t", "x")', fn () => new RdKafka\TopicPartition('t', 'x'));
$p = new RdKafka\Producer(conf());
attempt('newTopic("t", new Conf)', fn () => $p->newTopic('t', new RdKafka\Conf()));
attempt('newTopic([])', fn () => $p->newTopic([]));
attempt('getMetadata("x", null, 1000)', fn () => $p->getMetadata('x', null, 1000));
attempt('getMetadata(false, new TopicConf, 1000)', fn () => $p->getMetadata(false, new RdKafka\TopicConf(), 1000));
attempt('setErrorCb("no_such_function")', fn () => $conf->setErrorCb('no_such_function'));
attempt('setDrMsgCb(42)', fn () => $conf->setDrMsgCb(42));
attempt('poll("soon")', fn () => $p->poll('soon'));
attempt('flush()', fn () => $p->flush());
