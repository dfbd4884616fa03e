<?php
/*
 * The broker is stopped and started while persistent messages are published with confirms (issue: 100 000):
 * the publisher (one node, a classic durable queue) runs on through the restart, and every confirmed message
 * is in the queue afterwards. The fault: a graceful stop of cluster node 1, then its start.
 */
return [
    'about' => 'broker stopped and started mid-publish',
    'run' => function (Suite $s, Tally $t): void {
        $port = $s->ports[0];
        $queue = $s->name($t->scenario);
        $s->reference('declare', (string) $port, $queue, 'classic');
        publish_under_fault($s, $t, $queue, 'classic', [$port], $s->size(100000, 5000), $s->size(5000, 1000),
            $s->size(500, 250), 5, function () use ($s, $t) {
                $s->cluster('stop', '1');
                $down = microtime(true);
                $s->cluster('start');
                $t->notes[] = sprintf('node 1 down for %.1f s', microtime(true) - $down);
                return $down;
            });
        drain_into($s, $t, $port, $queue, $s->dir($t->scenario));
    },
];
