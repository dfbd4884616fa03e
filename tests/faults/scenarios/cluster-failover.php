<?php
/*
 * A three-node cluster and a quorum queue replicated on all three: a publisher (confirms) and a consumer,
 * both connected with create_connection() over the three nodes, run while the node they are connected to
 * is SIGKILLed. Both fail over to another node of their list and finish; nothing confirmed is lost.
 * RabbitMQ 3.10 nacks every publish on a channel opened on a surviving node before the queue has elected a
 * new leader (about 0.3 s here; such a channel keeps nacking): a client that reconnects at once sees its
 * publishes nacked. Nacked messages are counted (notes), not confirmed; the publisher must get confirms
 * again after the fault.
 */
return [
    'about' => 'cluster node SIGKILLed under load (quorum queue)',
    'run' => function (Suite $s, Tally $t): void {
        $queue = $s->name($t->scenario);
        $dir = $s->dir($t->scenario);
        $ports = $s->ports;
        $n = $s->size(50000, 5000);
        $s->reference('declare', (string) $ports[0], $queue, 'quorum');
        $members = null;
        foreach ($s->ctlJson(1, 'list_queues', 'name', 'members') as $q) {
            $members = $q['name'] === $queue ? $q['members'] : $members;
        }
        if (count($members ?? []) !== 3) {
            $t->fail("the quorum queue has members " . json_encode($members) . ', not the three nodes');
            $s->reference('delete', (string) $ports[0], $queue);
            return;
        }
        $t->notes[] = 'quorum queue members: ' . implode(', ', $members);
        $hosts = implode(',', $ports);
        $consumer = $s->start('consumer', "$t->scenario-consumer", [
            'ports' => $hosts, 'name' => '', 'queue' => $queue, 'queue-type' => 'quorum', 'expect' => $n,
            'batch' => 50, 'prefetch' => 100, 'idle' => 60, 'dir' => $dir,
        ], 600);
        $victim = null;
        $publisher = publish_under_fault($s, $t, $queue, 'quorum', $ports, $n, $s->size(5000, 1000), $s->size(500, 250), 3,
            function () use ($s, $t, $ports, &$victim) {
                // create_connection() takes the first node that answers: kill the one holding the clients.
                $byPort = array_count_values($s->connections(1));
                arsort($byPort);
                $victim = array_search(array_key_first($byPort), $ports, true) + 1;
                $s->cluster('kill', (string) $victim);
                $t->notes[] = "node $victim (" . reset($byPort) . ' client connections) SIGKILLed';
                return microtime(true);
            }, $consumer);
        // The consumer waits for all $n; a message the broker nacked never comes: once the consumer has every
        // confirmed one, it has nothing more to prove.
        $next = 0.0;
        $allConfirmedArrived = function () use ($t, $dir, &$next): bool {
            if (microtime(true) < $next) {
                return false;
            }
            $next = microtime(true) + 0.5;
            $got = array_flip(array_map(fn ($l) => explode(' ', $l)[0], Tally::lines("$dir/received")));
            return array_diff_key($t->confirmed, $got) === [];
        };
        if (!$publisher->completed()) {
            $consumer->kill('stopped');
        } elseif ($s->waitUntil($allConfirmedArrived, 120, $consumer)) {
            $s->waitUntil(fn () => false, 5, $consumer);   // time to finish by itself, if nothing was nacked
            if ($consumer->poll()) {
                $consumer->kill('stopped');
                $t->notes[] = 'consumer stopped by the runner once it had every confirmed message';
            }
        }
        if ($consumer->endedBy !== 'stopped') {
            require_completed($t, $consumer, 'the consumer');
        }
        if ($t->faultAt !== null && $consumer->endedBy !== null) {
            $stall = $consumer->stallAround($t->faultAt, 0);
            $t->notes[] = $stall === null ? 'consumer: no delivery after the fault' : sprintf('consumer stalled %.2f s at most', $stall);
        }
        $t->arrivedFile("$dir/received");
        // Drained through a node that stayed up, then the killed node restarted for the next scenario.
        $survivor = $victim === 1 || $victim === null ? $ports[1] : $ports[0];
        drain_into($s, $t, $survivor, $queue, $dir);
        if ($victim !== null) {
            $s->cluster('start');
        }
    },
];
