<?php
/*
 * Two consumers in one group share the partitions (auto-commit off, a commit after every 100 records); one
 * is SIGKILLed in the middle of a batch: its partitions move to the other (after the session timeout,
 * 6 s), which resumes them at the last committed offsets and processes every record; duplicates counted.
 * Under the group protocol of MQ_KAFKA_GROUP_PROTOCOL (classic, or consumer: KIP-848).
 */
return [
    'about' => 'one of two group members SIGKILLed, the other takes over',
    'run' => function (KafkaSuite $s, Tally $t): void {
        $topic = $s->name($t->scenario);
        $group = $s->name("$t->scenario-group");
        $dir = $s->dir($t->scenario);
        $n = $s->size(60000, 6000);
        seed_topic($s, $t, $topic, $n);
        // Some work per record, so that both members are still busy at the kill; the victim joins once the
        // survivor holds the partitions, so that it takes some of them over (and stalls on its own records).
        $common = ['work-us' => $s->size(200, 1000)];
        $survivor = start_consumer($s, $t, 'survivor', $topic, $group, $common);
        if (!$s->waitUntil(fn () => ($survivor->last('assigned')[2][0] ?? '') !== '', 60, $survivor)) {
            $t->fail('the survivor never got partitions: ' . $survivor->outcome());
            return;
        }
        $victim = start_consumer($s, $t, 'victim', $topic, $group, $common + ['stall-at' => $s->size(1050, 250)]);
        if (!$s->waitUntil(fn () => $victim->last('stalled') !== null, 120, $victim, $survivor)) {
            $t->fail('the victim never reached its stall: ' . $victim->outcome());
            return;
        }
        $victim->kill();
        $tFault = $t->faultAt = microtime(true);
        touch("$dir/release");
        $survivor->wait();
        require_completed($t, $survivor, 'the surviving consumer');
        $records = ['victim' => consumer_record($t, "$dir/victim/received"), 'survivor' => consumer_record($t, "$dir/survivor/received")];
        $held = end($records['victim']['assignments'])[1] ?? [];
        $t->notes[] = 'the victim held partitions ' . ($held === [] ? 'none' : implode(',', $held)) . ' at the kill, after '
            . count($records['victim']['records']) . ' records';
        if ($held === [] || count($held) === 3) {
            $t->fail('inconclusive: the victim did not share the partitions with the survivor at the kill');
        }
        $taken = require_resumed_at_commit($t, $tFault, $records['survivor'], array_values($records));
        if (($notTaken = array_diff($held, array_keys($taken))) !== []) {
            $t->notes[] = 'partitions ' . implode(',', $notTaken) . ' of the victim had no records left';
        }
        // Recovery: from the kill until the survivor held the victim's partitions.
        foreach ($survivor->events as [$event, $time, $fields]) {
            if ($event === 'assigned' && $time > $tFault && array_diff($held, explode(',', $fields[0] ?? '')) === []) {
                $t->recovery = $time - $tFault;
                break;
            }
        }
    },
];
