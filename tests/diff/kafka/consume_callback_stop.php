<?php
// consumeStop() called from inside a consumeCallback() callback: no callback after it, although more of the
// partition was fetched (mq kept calling back for the rest of its batch). What consumeCallback() returns is
// left out: php-rdkafka returns librdkafka's count of queue operations served, mq the callbacks made.
require __DIR__ . '/_prelude.php';

$topic = name('cbstop');
produce_all($topic, array_map(fn($i) => "m$i", range(0, 11)));
$c = new RdKafka\Consumer(conf());
$t = $c->newTopic($topic);
$t->consumeStart(0, 0);
$first = null;
for ($i = 0; $i < 20 && !$first; $i++) {
    $first = $t->consume(0, 1000);
}
show('first', $first->payload);
usleep(500_000); // the rest is fetched meanwhile
$calls = [];
$t->consumeCallback(0, 2000, function ($m) use ($t, &$calls) {
    $calls[] = $m->payload;
    if (count($calls) === 2) {
        $t->consumeStop(0);
    }
});
show('callbacks', $calls);

// Stopped and started again from the start (a rewind): nothing more of what was fetched before it, then
// the partition from its new start.
$calls = [];
$t->consumeStart(0, 0);
for ($i = 0; $i < 20 && !($first = $t->consume(0, 1000)); $i++);
usleep(500_000);
$t->consumeCallback(0, 2000, function ($m) use ($t, &$calls) {
    $calls[] = $m->payload;
    if (count($calls) === 2) {
        $t->consumeStop(0);
        $t->consumeStart(0, 0);
    }
});
show('callbacks before the rewind', $calls);
$after = [];
for ($i = 0; $i < 40 && count($after) < 3; $i++) {
    if ($m = $t->consume(0, 500)) {
        $after[] = $m->payload;
    }
}
show('after the rewind', $after);
$t->consumeStop(0);
