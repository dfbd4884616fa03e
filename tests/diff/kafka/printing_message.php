<?php
// var_dump, print_r, var_export and (array) of Messages: consumed with headers and a fixed timestamp, a
// timeout Message, a partition-end Message, a delivery report, and a Message made with new.
require __DIR__ . '/_prelude.php';

$topic = name('printed');
$reports = [];
$conf = conf();
$conf->setDrMsgCb(function ($kafka, $msg) use (&$reports) {
    $reports[] = $msg;
});
$p = new RdKafka\Producer($conf);
$p->newTopic($topic)->producev(0, 0, 'payload', 'key', ['h' => 'v', 'n' => '1'], 1700000000000, 'opaque');
$p->flush(10000);
foreach ($reports as $m) {
    dumped('delivery report', fn () => var_dump($m));
}
$c = kafka_consumer();
$c->subscribe([$topic]);
[$m] = consume_n($c, 1);
dumped('var_dump', fn () => var_dump($m));
dumped('print_r', fn () => print_r($m));
echo "\n";
dumped('var_export', fn () => var_export($m));
echo "\n";
dumped('(array)', fn () => var_dump((array) $m));
$c->unsubscribe();
$timeout = $c->consume(0);
dumped('timeout', fn () => var_dump($timeout));
dumped('new Message', fn () => var_dump(new RdKafka\Message()));
dumped('new Message (array)', fn () => var_dump((array) new RdKafka\Message()));
$c->close();
