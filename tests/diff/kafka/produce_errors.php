<?php
// Producing errors: bad flags and partitions, too large messages, an unknown partition, message timeouts,
// purges and flush timeouts, each reported where php-rdkafka reports it (exception or delivery report).
require __DIR__ . '/_prelude.php';

$topic = name('errors');
produce_all($topic, ['x']); // the topic exists, with one partition
$reports = [];
$conf = conf(['message.max.bytes' => '2000', 'linger.ms' => '100']);
$conf->setDrMsgCb(function ($kafka, $msg) use (&$reports) {
    $reports[] = $msg;
});
$p = new RdKafka\Producer($conf);
$t = $p->newTopic($topic);
// With the topic's metadata known, partition 7 is unknown at once; without it, whether the purge below
// or the metadata comes first is a race.
$p->getMetadata(false, $t, 10000);
attempt('msgflags 1', fn () => $t->produce(0, 1, 'x'));
attempt('msgflags 99', fn () => $t->produce(0, 99, 'x'));
attempt('producev msgflags 2', fn () => $t->producev(0, 2, 'x'));
attempt('partition -2', fn () => $t->produce(-2, 0, 'x'));
attempt('partition 2^31', fn () => $t->produce(1 << 31, 0, 'x'));
attempt('producev partition -5', fn () => $t->producev(-5, 0, 'x'));
attempt('too large', fn () => $t->produce(0, 0, str_repeat('x', 5000)));
attempt('producev too large', fn () => $t->producev(0, 0, str_repeat('x', 5000)));
attempt('unknown partition 7', fn () => $t->produce(7, 0, 'to partition 7', null, 'op7'));
attempt('purged', fn () => $t->produce(0, 0, 'purged', null, 'op-purged'));
show('purge queue', $p->purge(RD_KAFKA_PURGE_F_QUEUE));
show('purge bad flags', $p->purge(0));
show('flush', $p->flush(10000));
foreach ($reports as $m) {
    out('  report ' . repr($m) . ' errstr ' . repr($m->errstr()));
}

// Nothing listens on port 1: messages time out. (log_level 0: librdkafka's connection errors would go to
// stderr on php-rdkafka, not on mq: log_stderr.php.)
$reports = [];
$conf = conf(['bootstrap.servers' => '127.0.0.1:1', 'message.timeout.ms' => '300', 'log_level' => '0']);
$conf->setDrMsgCb(function ($kafka, $msg) use (&$reports) {
    $reports[] = $msg;
});
$p = new RdKafka\Producer($conf);
$t = $p->newTopic($topic);
$t->produce(0, 0, 'never', 'k');
show('flush(50) while undeliverable', $p->flush(50));
show('flush(5000)', $p->flush(5000));
foreach ($reports as $m) {
    out('  report ' . repr($m) . ' errstr ' . repr($m->errstr()));
}
