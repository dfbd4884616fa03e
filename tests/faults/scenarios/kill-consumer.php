<?php
/*
 * A consumer acknowledging in batches (ack with multiple every 50) is SIGKILLed mid-batch: a second
 * consumer gets every message, and each one the first had processed but not acknowledged is redelivered
 * (redelivered flag set) and processed once more. Needs no recovery: the broker requeues the dead
 * connection's unacknowledged deliveries.
 */
return [
    'about' => 'consumer SIGKILLed mid-batch',
    'run' => function (Suite $s, Tally $t): void {
        $port = $s->ports[0];
        $queue = $s->name($t->scenario);
        $dir = $s->dir($t->scenario);
        $n = $s->size(20000, 2000);
        $batch = 50;
        $s->reference('declare', (string) $port, $queue, 'classic');
        $s->reference('seed', (string) $port, $queue, (string) $n, $t->scenario, '512');
        $t->confirmSeeded($t->scenario, $n);
        $common = ['ports' => $port, 'queue' => $queue, 'queue-type' => 'classic', 'batch' => $batch, 'prefetch' => 100, 'idle' => 30];
        // Half-way through a batch, a third of the way through the queue.
        $stallAt = intdiv($n, 3 * $batch) * $batch + intdiv($batch, 2);
        @mkdir("$dir/first");
        $first = $s->start('consumer', "$t->scenario-first", $common + [
            'name' => "$t->scenario-first", 'expect' => $n, 'stall-at' => $stallAt, 'dir' => "$dir/first",
        ], 120);
        if (!$s->waitUntil(fn () => $first->last('stalled') !== null, 100, $first)) {
            $first->kill('timeout');
            $t->fail('the first consumer never reached message ' . $stallAt . ': ' . $first->outcome());
            $t->arrivedFile("$dir/first/received");
            drain_into($s, $t, $port, $queue, $dir);
            return;
        }
        $first->kill();
        $tFault = microtime(true);
        // What the first consumer had processed, and which of those it had acknowledged ("ack N" lines).
        $processed = [];
        $acked = 0;
        foreach (Tally::lines("$dir/first/received") as $line) {
            if (str_starts_with($line, 'ack ')) {
                $acked = (int) substr($line, 4);
            } else {
                $processed[] = explode(' ', $line)[0];
            }
        }
        $unacked = array_slice($processed, $acked);
        $ackedIds = array_unique(array_slice($processed, 0, $acked));
        @mkdir("$dir/second");
        $second = $s->start('consumer', "$t->scenario-second", $common + [
            'name' => "$t->scenario-second", 'expect' => $n - count($ackedIds), 'dir' => "$dir/second",
        ], 120);
        $second->wait();
        require_completed($t, $second, 'the second consumer');
        $t->recovery = $second->resumedAfter($tFault, 0);
        $t->arrivedFile("$dir/first/received");
        $redelivered = [];
        foreach ($t->arrivedFile("$dir/second/received") as [$id, $flag]) {
            if ($flag) {
                $redelivered[$id] = true;
            }
        }
        drain_into($s, $t, $port, $queue, $dir);
        $t->sent = $n;
        if ($unacked === []) {
            $t->fail('inconclusive: nothing was unacknowledged at the kill');
        }
        $missing = array_diff($unacked, array_keys($redelivered));
        if ($missing !== []) {
            $t->fail(count($missing) . ' processed but unacknowledged messages were not redelivered, e.g. ' . reset($missing));
        }
        $t->notes[] = sprintf('killed after %d processed, %d acknowledged: %d unacknowledged, %d of them redelivered',
            count($processed), $acked, count($unacked), count($unacked) - count($missing));
    },
];
