<?php
// The rest of the clients' API: addBrokers, KafkaConsumer's newTopic/KafkaConsumerTopic::offsetStore,
// getMetadata and getControllerId, and a Producer's topic handles.
require __DIR__ . '/_prelude.php';

$topic = name('client-api');
produce_all($topic, ['a', 'b', 'c']);
$quiet = new RdKafka\Conf();
$quiet->set('log_level', '0'); // no bootstrap.servers, and two unreachable brokers: librdkafka only logs
$p = new RdKafka\Producer($quiet);
show('addBrokers(one)', $p->addBrokers(kafka_bootstrap()));
show('addBrokers(two)', $p->addBrokers('127.0.0.1:1,127.0.0.1:2'));
show('addBrokers("")', $p->addBrokers(''));
show('metadata after addBrokers', count($p->getMetadata(false, $p->newTopic($topic), 10000)->getTopics()));
show('same topic twice', [get_class($p->newTopic($topic)), $p->newTopic($topic)->getName() === $topic]);

$kc = kafka_consumer(['enable.auto.commit' => 'false', 'enable.auto.offset.store' => 'false']);
$kt = $kc->newTopic($topic);
show('KafkaConsumer::newTopic', [get_class($kt), logical($kt->getName())]);
$tc = new RdKafka\TopicConf();
$tc->set('auto.offset.reset', 'earliest');
show('newTopic with TopicConf', get_class($kc->newTopic($topic, $tc)));
$kc->assign([new RdKafka\TopicPartition($topic, 0, 0)]);
show('consumed', array_map(fn ($m) => $m->payload, consume_n($kc, 2)));
attempt('offsetStore(0, 2)', fn () => $kt->offsetStore(0, 2));
attempt('commit()', fn () => $kc->commit());
show('committed', $kc->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 5000));
attempt('offsetStore(5, 1) unknown partition', fn () => $kt->offsetStore(5, 1));
show('KafkaConsumer getMetadata', count($kc->getMetadata(false, $kt, 10000)->getTopics()));
show('KafkaConsumer getControllerId', $kc->getControllerId(10000));
