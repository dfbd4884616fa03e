<?php
// A timeout_ms of -1 is librdkafka's RD_POLL_INFINITE, which php-rdkafka passes on: it waits for the answer
// (it failed at once where mq read it as 0).
require __DIR__ . '/_prelude.php';

$topic = name('infinite');
$p = produce_all($topic, ['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
attempt('Producer::getMetadata(-1): brokers', fn() => count($p->getMetadata(true, null, -1)->getBrokers()));
attempt('Producer::getControllerId(-1) is a broker', fn() => $p->getControllerId(-1) >= 0);
$kc = kafka_consumer();
attempt('KafkaConsumer::getMetadata(-1): brokers', fn() => count($kc->getMetadata(true, null, -1)->getBrokers()));
attempt('KafkaConsumer::getControllerId(-1) is a broker', fn() => $kc->getControllerId(-1) >= 0);
attempt('KafkaConsumer::getCommittedOffsets(-1)', fn() => $kc->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], -1));
$tp = new RdKafka\Producer(conf(['transactional.id' => name('txn'), 'log_level' => '0']));
attempt('Producer::initTransactions(-1)', fn() => $tp->initTransactions(-1));
$c = new RdKafka\Consumer(conf());
$t = $c->newTopic($topic);
$t->consumeStart(0, 0);
attempt('ConsumerTopic::consumeBatch(0, -1, 5) right after consumeStart: payloads', fn() => array_map(fn($m) => $m->payload, $t->consumeBatch(0, -1, 5)));
$t->consumeStop(0);
