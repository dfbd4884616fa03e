<?php
// Conf::setDefaultTopicConf() makes a copy of the TopicConf librdkafka's default topic configuration of
// every client built from the Conf. Four properties exist both globally and per topic
// (auto.commit.interval.ms, enable.auto.commit, offset.store.method, compression.codec): mq copied the
// TopicConf's entries into the global configuration, so a low-level consumer's topics kept librdkafka's
// 60 s topic-level auto.commit.interval.ms, a KafkaConsumer's (global) enable.auto.commit became false,
// and dump() had no default_topic_conf.
require __DIR__ . '/_prelude.php';
// setDefaultTopicConf() is deprecated (deprecated_methods.php).
error_reporting(E_ALL & ~E_DEPRECATED);

function topic_conf(array $settings): RdKafka\TopicConf
{
    $tc = new RdKafka\TopicConf();
    foreach ($settings as $name => $value) {
        $tc->set($name, $value);
    }
    return $tc;
}

/** The offset `$group` committed on partition 0 of `$topic`, asked until it is `$expected` (at most 3 s), `$serve` called meanwhile. */
function committed(string $group, string $topic, int $expected, callable $serve): int
{
    $asker = new RdKafka\KafkaConsumer(conf(['group.id' => $group]));
    $deadline = microtime(true) + 3;
    do {
        $serve();
        $offset = $asker->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 5000)[0]->getOffset();
    } while ($offset !== $expected && microtime(true) < $deadline);
    return $offset;
}

$conf = new RdKafka\Conf();
$conf->setDefaultTopicConf(topic_conf(['auto.commit.interval.ms' => '100', 'enable.auto.commit' => 'false']));
show('dump', array_intersect_key($conf->dump(), array_flip(['auto.commit.interval.ms', 'enable.auto.commit', 'default_topic_conf'])));
$plain = new RdKafka\Conf();
show('dump has default_topic_conf', array_key_exists('default_topic_conf', $plain->dump()));
$plain->set('auto.offset.reset', 'earliest');
show('after set() of a topic property', array_key_exists('default_topic_conf', $plain->dump()));

// A low-level consumer commits the offsets it stores every auto.commit.interval.ms of its topic.
$topic = name('low-level');
produce_all($topic, ['a', 'b', 'c']);
$group = name('group');
$conf = conf(['group.id' => $group, 'enable.auto.offset.store' => 'false', 'log_level' => '0']);
$conf->setDefaultTopicConf(topic_conf(['auto.commit.interval.ms' => '100', 'auto.offset.reset' => 'earliest']));
$c = new RdKafka\Consumer($conf);
$t = $c->newTopic($topic);
$t->consumeStart(0, RD_KAFKA_OFFSET_STORED);
$payloads = [];
$deadline = microtime(true) + 20;
while (count($payloads) < 3 && microtime(true) < $deadline) {
    $m = $t->consume(0, 500);
    if ($m !== null && $m->err === RD_KAFKA_RESP_ERR_NO_ERROR) {
        $payloads[] = $m->payload;
    }
}
show('low-level consumer consumed', $payloads);
$t->offsetStore(0, 2);
show('committed', committed($group, $topic, 3, fn () => $c->poll(100)));
$t->consumeStop(0);

// The topic-level enable.auto.commit is the legacy consumer's: a KafkaConsumer goes on auto-committing.
$topic = name('kafka-consumer');
produce_all($topic, ['a', 'b', 'c']);
$group = name('group');
$conf = conf(['group.id' => $group, 'auto.commit.interval.ms' => '100', 'log_level' => '0']);
$conf->setDefaultTopicConf(topic_conf(['enable.auto.commit' => 'false', 'auto.offset.reset' => 'earliest']));
show('global enable.auto.commit', $conf->dump()['enable.auto.commit']);
$k = new RdKafka\KafkaConsumer($conf);
$k->assign([new RdKafka\TopicPartition($topic, 0, RD_KAFKA_OFFSET_BEGINNING)]);
show('KafkaConsumer consumed', array_map(fn ($m) => $m->payload, consume_n($k, 3)));
show('committed', committed($group, $topic, 3, fn () => $k->consume(100)));
