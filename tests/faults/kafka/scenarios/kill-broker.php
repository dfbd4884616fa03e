<?php
/*
 * One broker of three SIGKILLed while an idempotent producer (acks=all) sends 1 000 000 records to a topic
 * of three partitions with three replicas each (min.insync.replicas=2): the broker that leads partition 0.
 * The producer finishes, and reading the topic back finds every key exactly once: the retries of the
 * records in flight at the kill were not written twice, and none is missing. The killed broker is started
 * again afterwards.
 */
return [
    'about' => 'partition leader SIGKILLed mid-produce (idempotent, acks=all, RF 3)',
    'run' => function (KafkaSuite $s, Tally $t): void {
        $topic = $s->name($t->scenario);
        $killed = null;
        try {
            produce_under_fault($s, $t, $s->bootstrap, $topic, $s->size(1000000, 20000), $s->size(50000, 5000), 4,
                function () use ($s, $t, $topic, &$killed) {
                    $partitions = $s->partitions($s->bootstrap, $topic);
                    foreach ($partitions as $p => $info) {
                        if ($info['replicas'] !== 3) {
                            $t->fail("partition $p has {$info['replicas']} replicas, not 3");
                        }
                    }
                    $killed = $partitions[0]['leader'];
                    $s->cluster('kill', (string) $killed);
                    $led = count(array_filter($partitions, fn ($i) => $i['leader'] === $killed));
                    $t->notes[] = "killed broker $killed, the leader of partition 0 ($led of " . count($partitions) . ' partitions)';
                    return microtime(true);
                });
        } finally {
            if ($killed !== null) {
                $s->cluster('start', (string) $killed);
            }
        }
        $s->readBack($t, $s->bootstrap, $topic, $s->dir($t->scenario) . '/read-back');
        require_exactly_once($t);
    },
];
