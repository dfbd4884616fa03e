<?php
// Producing: produce(), producev() with headers, timestamp and opaque, delivery reports, poll(), flush(),
// getOutQLen(), newTopic() with a TopicConf; the messages read back with a KafkaConsumer.
require __DIR__ . '/_prelude.php';

$topic = name('produced');
$conf = conf(['linger.ms' => '5']);
$reports = [];
$conf->setDrMsgCb(function ($kafka, $msg) use (&$reports) {
    $reports[] = [get_class($kafka), $msg];
});
$p = new RdKafka\Producer($conf);
$tc = new RdKafka\TopicConf();
$tc->set('acks', 'all');
$t = $p->newTopic($topic, $tc);
show('topic class', get_class($t));
show('getName', $t->getName());
show('outq before', $p->getOutQLen());
show('produce', $t->produce(0, 0, 'one', 'k1'));
show('produce with opaque', $t->produce(0, 0, 'two', null, 'opaque-2'));
show('produce no payload (tombstone)', $t->produce(0, 0, null, 'k3'));
show('produce UA', $t->produce(RD_KAFKA_PARTITION_UA, 0, 'four', 'k4'));
show('produce block flag', $t->produce(0, RD_KAFKA_MSG_F_BLOCK, 'five'));
show('producev', $t->producev(0, 0, 'six', 'k6', ['h1' => 'v1', 'h2' => "bin\0ary"], 1700000000123, 'opaque-6'));
show('producev null headers', $t->producev(0, 0, 'seven', null, null, null, null));
show('producev empty headers', $t->producev(0, 0, 'eight', 'k8', []));
show('outq after', $p->getOutQLen() > 0);
show('flush', $p->flush(10000));
show('outq after flush', $p->getOutQLen());
show('poll', $p->poll(0));
show('delivery reports', count($reports));
foreach ($reports as [$kafkaClass, $m]) {
    out('  ' . $kafkaClass . ' ' . repr($m) . ' errstr ' . repr($m->errstr()));
}
show('flush again', $p->flush(100));

$c = kafka_consumer();
$c->subscribe([$topic]);
foreach (consume_n($c, 8) as $m) {
    out('  consumed ' . repr($m));
}
$c->close();
