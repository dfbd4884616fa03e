<?php
/*
 * The broker closes the consumer's connection (rabbitmqctl close_connection) while it consumes with manual
 * acks: the consume loop continues without a PHP-side restart until every message has been processed;
 * deliveries not acknowledged before the close come again (counted as duplicates).
 */
return [
    'about' => 'connection closed by the broker under a consumer',
    'run' => function (Suite $s, Tally $t): void {
        $port = $s->ports[0];
        $queue = $s->name($t->scenario);
        $dir = $s->dir($t->scenario);
        $n = $s->size(30000, 3000);
        $s->reference('declare', (string) $port, $queue, 'classic');
        $s->reference('seed', (string) $port, $queue, (string) $n, $t->scenario, '512');
        $t->confirmSeeded($t->scenario, $n);
        $name = "$t->scenario-consumer-" . getmypid();
        // Paced (a little work per message) so that the close lands mid-consume.
        $consumer = $s->start('consumer', "$t->scenario-consumer", [
            'ports' => $port, 'name' => $name, 'queue' => $queue, 'queue-type' => 'classic', 'expect' => $n,
            'batch' => 50, 'prefetch' => 100, 'idle' => 30, 'pace-us' => $s->size(500, 2000), 'dir' => $dir,
        ], 300);
        if (!$s->waitUntil(fn () => $consumer->counterAt(INF, 1) >= intdiv($n, 4), 120, $consumer)) {
            $consumer->kill('timeout');
            $t->fail('the consumer never got a quarter of the messages: ' . $consumer->outcome());
        } else {
            $tFault = close_connection_named($s, $name);
            $consumer->wait();
            $t->recovery = $consumer->completed() ? $consumer->stallAround($tFault, 0) : null;
            $done = $consumer->last('done');
            if ($done !== null && $done[1] <= $tFault) {
                $t->fail('inconclusive: the consumer had finished before the close took effect');
            }
            $t->notes[] = sprintf('consumer at the close: %d distinct processed', $consumer->counterAt($tFault, 1));
        }
        require_completed($t, $consumer, 'the consumer');
        $t->arrivedFile("$dir/received");
        drain_into($s, $t, $port, $queue, $dir);
    },
];
