<?php
/*
 * A single-node broker stopped and started while an idempotent producer (acks=all) sends: the producer
 * waits the restart out and finishes, and every record reported delivered is in the topic afterwards.
 * The broker is a private one (scripts/kafka.sh on ports 19096, 19196, 19296 with its state under
 * .state/kafka-cluster/single), never the test broker; it is stopped at the end.
 */
return [
    'about' => 'single broker stopped and started mid-produce',
    'run' => function (KafkaSuite $s, Tally $t): void {
        $topic = $s->name($t->scenario);
        $s->single('start');
        try {
            produce_under_fault($s, $t, $s->singleBootstrap(), $topic, $s->size(200000, 10000), $s->size(20000, 2000), 5,
                function () use ($s, $t) {
                    $s->single('stop');
                    $down = microtime(true);
                    $s->single('start');
                    $t->notes[] = sprintf('broker down for %.1f s', microtime(true) - $down);
                    return $down;
                });
            $s->readBack($t, $s->singleBootstrap(), $topic, $s->dir($t->scenario) . '/read-back');
        } finally {
            $s->single('stop');
        }
    },
];
