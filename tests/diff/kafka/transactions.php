<?php
// A transactional producer against the local broker: init, commit, abort, each with messages still in
// flight (librdkafka's commit and abort flush them, running the delivery report callback); a
// read_committed consumer sees the committed messages only. (log_level 0: librdkafka's retry warnings go
// to stderr on php-rdkafka only.)
require __DIR__ . '/_prelude.php';

$reports = [];
$conf = conf(['transactional.id' => name('tx'), 'log_level' => '0']);
$conf->setDrMsgCb(function ($kafka, $m) use (&$reports) {
    $reports[] = $m;
});
$tx = new RdKafka\Producer($conf);
attempt('beginTransaction before init', fn () => $tx->beginTransaction());
attempt('initTransactions', fn () => $tx->initTransactions(20000));
attempt('commitTransaction without begin', fn () => $tx->commitTransaction(5000));
attempt('beginTransaction', fn () => $tx->beginTransaction());
$topic = name('tx-topic');
foreach (['committed 1', 'committed 2', 'committed 3'] as $payload) {
    $tx->newTopic($topic)->produce(0, 0, $payload);
}
attempt('commitTransaction', fn () => $tx->commitTransaction(20000));
foreach ($reports as $m) {
    out('  delivery report: err ' . $m->err . ' ' . repr($m->payload));
}
show('getOutQLen after commit', $tx->getOutQLen());
$reports = [];
attempt('beginTransaction', fn () => $tx->beginTransaction());
foreach (['aborted 1', 'aborted 2'] as $payload) {
    $tx->newTopic($topic)->produce(0, 0, $payload);
}
attempt('abortTransaction', fn () => $tx->abortTransaction(20000));
// Whether a report says delivered or purged depends on timing: only their number is printed.
show('delivery reports during abort', count($reports));
show('getOutQLen after abort', $tx->getOutQLen());
attempt('beginTransaction after abort', fn () => $tx->beginTransaction());
$tx->newTopic($topic)->produce(0, 0, 'committed 4');
attempt('commitTransaction', fn () => $tx->commitTransaction(20000));
$c = kafka_consumer(['isolation.level' => 'read_committed']);
$c->subscribe([$topic]);
foreach (consume_n($c, 4) as $m) {
    out('  read committed: ' . repr($m->payload));
}
$c->close();
