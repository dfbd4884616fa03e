<?php
// var_dump, print_r, var_export and (array) of Metadata, its collections, Broker, Topic and Partition.
require __DIR__ . '/_prelude.php';

$topic = name('printed');
produce_all($topic, ['x']);
$p = new RdKafka\Producer(conf());
// The first answer may come from the bootstrap connection (orig_broker_id -1) on either side, depending
// on timing; the second comes from broker 1 once its connection is up.
$p->getMetadata(false, $p->newTopic($topic), 10000);
usleep(200000);
$md = $p->getMetadata(false, $p->newTopic($topic), 10000);
$broker = $md->getBrokers()->current();
$t = $md->getTopics()->current();
$part = $t->getPartitions()->current();
foreach (['Metadata' => $md, 'brokers' => $md->getBrokers(), 'Broker' => $broker, 'Topic' => $t, 'partitions' => $t->getPartitions(),
          'Partition' => $part, 'replicas' => $part->getReplicas()] as $label => $o) {
    out("== $label");
    dumped('var_dump', fn () => var_dump($o));
    dumped('print_r', fn () => print_r($o));
    echo "\n";
    dumped('var_export', fn () => var_export($o));
    echo "\n";
    dumped('(array)', fn () => var_dump((array) $o));
}
