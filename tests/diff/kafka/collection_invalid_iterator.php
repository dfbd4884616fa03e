<?php
// Metadata\Collection past its end: current() and key() throw.
require __DIR__ . '/_prelude.php';

$p = new RdKafka\Producer(conf());
$brokers = $p->getMetadata(true, null, 10000)->getBrokers();
foreach ($brokers as $b) {
}
show('valid', $brokers->valid());
attempt('current after end', fn () => $brokers->current());
attempt('key after end', fn () => $brokers->key());
