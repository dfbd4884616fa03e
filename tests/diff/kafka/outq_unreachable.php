<?php
// mq-known: getOutQLen() also counts librdkafka's error events (mq always registers an error callback)
// A producer whose broker is unreachable: one message queued, and the connection errors librdkafka raises.
require __DIR__ . '/_prelude.php';

$p = new RdKafka\Producer(conf(['bootstrap.servers' => '127.0.0.1:1', 'message.timeout.ms' => '300', 'log_level' => '0']));
$p->newTopic(name('t'))->produce(0, 0, 'never');
show('flush(50)', $p->flush(50));
show('outq', $p->getOutQLen());
show('flush(5000)', $p->flush(5000));
show('outq', $p->getOutQLen());
