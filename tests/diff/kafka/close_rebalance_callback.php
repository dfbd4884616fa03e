<?php
// close() hands the revoke to the rebalance callback, as php-rdkafka's does: a callback that commits on
// a revoke commits there (the next member of the group starts after what was consumed), and consume()
// called from it times out.
// timeout: 90
require __DIR__ . '/_prelude.php';

$topic = name('topic');
produce_all($topic, ['m0', 'm1', 'm2', 'm3', 'm4']);
$group = name('group');

function committing_consumer(string $group, bool $consumeInRevoke): RdKafka\KafkaConsumer
{
    $conf = conf(['group.id' => $group, 'auto.offset.reset' => 'earliest', 'enable.auto.commit' => 'false']);
    $conf->setRebalanceCb(function (RdKafka\KafkaConsumer $k, int $err, ?array $partitions) use ($consumeInRevoke) {
        if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            $k->assign($partitions);
            return;
        }
        out('revoke: ' . count($partitions ?? []) . ' partition(s)');
        if ($consumeInRevoke) {
            show('  consume() in it: err', $k->consume(100)->err);
        }
        $k->commit();
        $k->assign(null);
    });
    return new RdKafka\KafkaConsumer($conf);
}

$a = committing_consumer($group, true);
$a->subscribe([$topic]);
show('a got', array_map(fn($m) => $m->payload, consume_n($a, 3)));
attempt('a close()', fn() => $a->close());

$b = committing_consumer($group, false);
$b->subscribe([$topic]);
show('b starts at', array_map(fn($m) => $m->payload, consume_n($b, 1)));
$b->close();
