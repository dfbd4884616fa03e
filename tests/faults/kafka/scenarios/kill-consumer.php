<?php
/*
 * A consumer (auto-commit off, a commit after every 100 records) SIGKILLed in the middle of a batch: the
 * next member of its group resumes each partition at the last committed offset, and every record is
 * processed; those processed after the last commit are processed again (counted as duplicates).
 */
return [
    'about' => 'consumer SIGKILLed mid-batch, the next member resumes',
    'run' => function (KafkaSuite $s, Tally $t): void {
        $topic = $s->name($t->scenario);
        $group = $s->name("$t->scenario-group");
        $dir = $s->dir($t->scenario);
        $n = $s->size(100000, 10000);
        seed_topic($s, $t, $topic, $n);
        // Half-way through a batch, a third of the way through the topic.
        $stallAt = intdiv($n, 300) * 100 + 50;
        $first = start_consumer($s, $t, 'first', $topic, $group, ['stall-at' => $stallAt]);
        if (!$s->waitUntil(fn () => $first->last('stalled') !== null, 120, $first)) {
            $first->kill('timeout');
            $t->fail("the first consumer never reached record $stallAt: " . $first->outcome());
            return;
        }
        $first->kill();
        $tFault = $t->faultAt = microtime(true);
        touch("$dir/release");
        $second = start_consumer($s, $t, 'second', $topic, $group, []);
        $second->wait();
        require_completed($t, $second, 'the second consumer');
        $t->recovery = $second->resumedAfter($tFault, 0);
        $records = [consumer_record($t, "$dir/first/received"), consumer_record($t, "$dir/second/received")];
        require_resumed_at_commit($t, $tFault, $records[1], $records);
        $t->notes[] = sprintf('killed after %d records processed, %d committed', count($records[0]['records']),
            array_sum(end($records[0]['commits'])[1] ?? []));
    },
];
