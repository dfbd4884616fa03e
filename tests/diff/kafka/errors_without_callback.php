<?php
// Without an error callback librdkafka logs the errors it raises itself ("1/1 brokers are down") and
// queues none of them: only the broker's connection failures wait for poll(), which serves and counts
// them. So getOutQLen() counts the queued message and those failures only (mq counted 9 where
// php-rdkafka counts 3). With an error callback the brokers-down error is queued too (callbacks.php).
require __DIR__ . '/_prelude.php';

$p = new RdKafka\Producer(conf(['bootstrap.servers' => '127.0.0.1:1', 'log_level' => '0', 'message.timeout.ms' => '60000']));
$p->newTopic(name('topic'))->produce(RD_KAFKA_PARTITION_UA, 0, 'queued');
// librdkafka suppresses a broker's identical failures for 30 s: how many are queued in this second is fixed.
sleep(1);
show('out queue', $p->getOutQLen());
show('poll served', $p->poll(0));
show('out queue after poll', $p->getOutQLen());
show('purge', $p->purge(RD_KAFKA_PURGE_F_QUEUE));
show('poll served after purge', $p->poll(0));
show('out queue after purge', $p->getOutQLen());

// The broker's connection failures served by poll() are logged as ERROR lines only as the client's
// log_level lets librdkafka log them.
foreach (['0', '3'] as $level) {
    $errors = 0;
    $conf = conf(['bootstrap.servers' => '127.0.0.1:1', 'log_level' => $level]);
    $conf->setLogCb(function ($kafka, $lvl, $facility) use (&$errors) {
        $errors += $facility === 'ERROR' ? 1 : 0;
    });
    $p = new RdKafka\Producer($conf);
    usleep(500000);
    for ($i = 0; $i < 5; $i++) {
        $p->poll(100);
    }
    show("ERROR lines at log_level $level", $errors > 0);
}
