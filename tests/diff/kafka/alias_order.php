<?php
// Of two names of one librdkafka property the last set() wins, as php-rdkafka applies them in order: mq
// built each client from a HashMap, so which one won varied from run to run. Eight fresh Confs each way.
require __DIR__ . '/_prelude.php';

// The answering broker is set last, then first (a short wait there: the dead address never answers).
$orders = [
    'dead, then live' => ['metadata.broker.list', '127.0.0.1:1', 'bootstrap.servers', kafka_bootstrap(), 5000],
    'live, then dead' => ['bootstrap.servers', kafka_bootstrap(), 'metadata.broker.list', '127.0.0.1:1', 500],
];
foreach ($orders as $label => [$first, $firstValue, $last, $lastValue, $timeout]) {
    $answered = 0;
    for ($i = 0; $i < 8; $i++) {
        $conf = new RdKafka\Conf();
        $conf->set('log_level', '0');
        $conf->set($first, $firstValue);
        $conf->set($last, $lastValue);
        $p = new RdKafka\Producer($conf);
        try {
            $p->getMetadata(true, null, $timeout);
            $answered++;
        } catch (RdKafka\Exception $e) {
        }
    }
    show("$label: metadata answered", "$answered of 8");
}
