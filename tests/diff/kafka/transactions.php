<?php
// mq-known: abortTransaction() times out ("the event queue must be polled for delivery report events") where php-rdkafka aborts
// A transactional producer against the local broker: init, commit, abort; a read_committed consumer sees
// the committed message only. (log_level 0: librdkafka's retry warnings go to stderr on php-rdkafka only.)
require __DIR__ . '/_prelude.php';

$tx = new RdKafka\Producer(conf(['transactional.id' => name('tx'), 'log_level' => '0']));
attempt('beginTransaction before init', fn () => $tx->beginTransaction());
attempt('initTransactions', fn () => $tx->initTransactions(20000));
attempt('commitTransaction without begin', fn () => $tx->commitTransaction(5000));
attempt('beginTransaction', fn () => $tx->beginTransaction());
$topic = name('tx-topic');
$tx->newTopic($topic)->produce(0, 0, 'in a transaction');
attempt('commitTransaction', fn () => $tx->commitTransaction(20000));
attempt('beginTransaction', fn () => $tx->beginTransaction());
$tx->newTopic($topic)->produce(0, 0, 'aborted');
attempt('abortTransaction', fn () => $tx->abortTransaction(5000));
$c = kafka_consumer(['isolation.level' => 'read_committed']);
$c->subscribe([$topic]);
foreach (consume_n($c, 1) as $m) {
    out('  read committed: ' . repr($m->payload) . ' offset ' . $m->offset);
}
$c->close();
