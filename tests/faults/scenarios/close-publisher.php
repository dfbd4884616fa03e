<?php
/*
 * The broker closes the publisher's connection (rabbitmqctl close_connection) while it publishes persistent
 * messages with confirms: the publisher continues without a PHP-side restart, and every confirmed message
 * is in the queue afterwards.
 */
return [
    'about' => 'connection closed by the broker under a publisher',
    'run' => function (Suite $s, Tally $t): void {
        $port = $s->ports[0];
        $queue = $s->name($t->scenario);
        $s->reference('declare', (string) $port, $queue, 'classic');
        publish_under_fault($s, $t, $queue, 'classic', [$port], $s->size(50000, 5000), $s->size(5000, 500),
            $s->size(500, 250), 3, fn (string $name) => close_connection_named($s, $name));
        drain_into($s, $t, $port, $queue, $s->dir($t->scenario));
    },
];
