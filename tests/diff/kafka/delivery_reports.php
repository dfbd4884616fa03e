<?php
// Delivery reports wait in the producer's queue until poll() serves them, callback or not: getOutQLen()
// counts each message and each waiting report until then, and poll() counts one per report (a batch of
// messages), not one per message. A producer without a delivery callback gets them too (php-rdkafka
// installs one on every producer).
require __DIR__ . '/_prelude.php';

foreach (['without a callback' => false, 'with a callback' => true] as $label => $withCallback) {
    out($label);
    // One batch: linger.ms holds the burst back until it is all queued.
    $conf = conf(['linger.ms' => '200']);
    $reports = 0;
    if ($withCallback) {
        $conf->setDrMsgCb(function ($kafka, $msg) use (&$reports) {
            $reports++;
        });
    }
    $p = new RdKafka\Producer($conf);
    $t = $p->newTopic(name('reports'));
    $p->getMetadata(false, $t, 10000); // creates the topic before the burst
    $n = 50;
    for ($i = 0; $i < $n; $i++) {
        $t->produce(0, 0, "m$i");
    }
    // Delivered, with nothing served: the messages and their reports (one, or a few when the burst was
    // split; the count may differ between runs, not what it means).
    $deadline = microtime(true) + 10;
    while ($p->getOutQLen() <= $n && microtime(true) < $deadline) {
        usleep(20000);
    }
    usleep(500000);
    $reportsWaiting = $p->getOutQLen() - $n;
    show('  reports waiting (1 to 5)', $reportsWaiting >= 1 && $reportsWaiting <= 5);
    show('  poll(0) counts the reports', $p->poll(0) === $reportsWaiting);
    show('  outq after poll', $p->getOutQLen());
    show('  callbacks', $reports);
    show('  poll(0) again', $p->poll(0));
}
