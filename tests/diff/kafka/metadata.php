<?php
// Metadata of one topic, of an unknown topic and of all topics, through every getter and the
// collections' Iterator/Countable methods; controller id.
require __DIR__ . '/_prelude.php';

$topic = name('meta');
produce_all($topic, ['x']);

function show_collection(string $label, $coll, callable $item): void
{
    out("$label: " . get_class($coll) . ' count ' . count($coll) . ' count() ' . $coll->count());
    $coll->rewind();
    while ($coll->valid()) {
        out("  [{$coll->key()}] " . $item($coll->current()));
        $coll->next();
    }
    show("  valid after end", $coll->valid());
    foreach ($coll as $k => $v) {
        out("  foreach [$k] " . $item($v));
    }
}

$p = new RdKafka\Producer(conf());
$t = $p->newTopic($topic);
$md = $p->getMetadata(false, $t, 10000);
show('class', get_class($md));
// Answered by the bootstrap connection (-1, "…/bootstrap") or by broker 1, depending on timing.
show('orig broker id', in_array($md->getOrigBrokerId(), [-1, 1], true));
show('orig broker name', (bool) preg_match('~^127\.0\.0\.1:\d+/(1|bootstrap)$~', $md->getOrigBrokerName()));
show_collection('brokers', $md->getBrokers(), fn ($b) => get_class($b) . " id {$b->getId()} host {$b->getHost()} port {$b->getPort()}");
show_collection('topics', $md->getTopics(), function ($tm) {
    $s = get_class($tm) . ' ' . logical($tm->getTopic()) . ' err ' . $tm->getErr();
    foreach ($tm->getPartitions() as $pm) {
        $s .= "\n    partition " . get_class($pm) . " id {$pm->getId()} err {$pm->getErr()} leader {$pm->getLeader()}"
            . ' replicas ' . repr(iterator_to_array($pm->getReplicas())) . ' isrs ' . repr(iterator_to_array($pm->getIsrs()))
            . ' ' . get_class($pm->getReplicas()) . ' ' . count($pm->getIsrs());
    }
    return $s;
});

// As every php-rdkafka object, the metadata objects cannot be cloned (mq's Broker, Topic and Partition
// were copied).
$tm = iterator_to_array($md->getTopics())[0];
$pm = iterator_to_array($tm->getPartitions())[0];
foreach (['broker' => iterator_to_array($md->getBrokers())[0], 'topic' => $tm, 'partition' => $pm, 'collection' => $md->getTopics(), 'metadata' => $md] as $label => $object) {
    attempt("clone $label", fn () => clone $object);
}

// A topic that does not exist: consumers' metadata requests do not create it.
$c = new RdKafka\Consumer(conf());
$missing = $c->newTopic(name('missing'));
$md = $c->getMetadata(false, $missing, 10000);
foreach ($md->getTopics() as $tm) {
    out('missing topic: ' . logical($tm->getTopic()) . ' err ' . rd_kafka_err2name($tm->getErr()) . ' partitions ' . count($tm->getPartitions()));
}

// All topics: others' topics come and go, so only what holds for any cluster is printed.
$all = $p->getMetadata(true, null, 10000);
$names = [];
foreach ($all->getTopics() as $tm) {
    $names[] = $tm->getTopic();
}
show('all topics include ours', in_array($topic, $names, true));
show('all topics: brokers', count($all->getBrokers()));
show('getControllerId', $p->getControllerId(10000));

// Timeouts against a broker that never answers.
$dead = new RdKafka\Producer(conf(['bootstrap.servers' => '127.0.0.1:1', 'log_level' => '0']));
attempt('getMetadata timeout', fn () => $dead->getMetadata(true, null, 200));
attempt('getControllerId timeout', fn () => $dead->getControllerId(200));
attempt('getMetadata with a topic of another client', fn () => $dead->getMetadata(false, $t, 200));
