<?php
/*
 * Consume-transform-produce in transactions (kafka/clients/transformer.php: transactional.id set, each
 * batch's outputs and input offsets committed together by sendOffsetsToTransaction()), SIGKILLed after a
 * batch's outputs reached the brokers and its offsets were sent, before commitTransaction(); a new one with
 * the same transactional.id fences it, its transaction is aborted, and the new one transforms the batch
 * again from the committed offsets. A read_committed reader of the output topic then finds each input's
 * output exactly once, while a read_uncommitted one also finds the aborted batch's outputs.
 */
return [
    'about' => 'consume-transform-produce SIGKILLed between produce and commit',
    'run' => function (KafkaSuite $s, Tally $t): void {
        $topic = $s->name($t->scenario);
        $output = $s->name("$t->scenario-out");
        $dir = $s->dir($t->scenario);
        $n = $s->size(200000, 5000);
        $batch = $s->size(500, 100);
        seed_topic($s, $t, $topic, $n);
        $common = ['bootstrap' => $s->bootstrap, 'topic' => $topic, 'output' => $output, 'group' => $s->name("$t->scenario-group"),
            'protocol' => $s->groupProtocol, 'partitions' => 3, 'batch' => $batch, 'tx-id' => $s->name("$t->scenario-tx")];
        $start = function (string $label, array $args) use ($s, $t, $dir, $common): Child {
            @mkdir("$dir/$label", 0777, true);
            return $s->start('transformer', "$t->scenario-$label", $args + $common + ['dir' => "$dir/$label"], 180);
        };
        // A third of the way through the topic.
        $stallAt = max(2, intdiv($n, 3 * $batch));
        $first = $start('first', ['stall-at-batch' => $stallAt]);
        if (!$s->waitUntil(fn () => $first->last('stalled') !== null, 120, $first)) {
            $first->kill('timeout');
            $t->fail("the first transformer never reached batch $stallAt: " . $first->outcome());
            return;
        }
        $aborted = (int) $first->last('stalled')[2][0];
        $first->kill();
        $tFault = $t->faultAt = microtime(true);
        $second = $start('second', []);
        $second->wait();
        require_completed($t, $second, 'the second transformer');
        $t->recovery = $second->resumedAfter($tFault, 0);

        $s->readBack($t, $s->bootstrap, $output, "$dir/read-back");
        require_exactly_once($t);
        // The transformers' own records: which inputs were transformed twice (the aborted batch, whose
        // outputs must not be the ones read back twice).
        $times = [];
        foreach (['first', 'second'] as $label) {
            foreach (Tally::lines("$dir/$label/transformed") as $line) {
                if (!str_starts_with($line, 'commit ')) {
                    $key = explode(' ', $line)[0];
                    $times[$key] = ($times[$key] ?? 0) + 1;
                }
            }
        }
        $again = count(array_filter($times, fn ($c) => $c > 1));
        $t->notes[] = sprintf('killed before committing batch %d (%d inputs, outputs flushed, offsets sent); %d inputs transformed twice',
            $stallAt, $aborted, $again);
        if ($again < $aborted) {
            $t->fail("only $again inputs were transformed again after the kill, not the $aborted of the uncommitted batch");
        }
        // The aborted outputs are in the log: the kill came after the produce, not before it.
        $all = $s->command("kcat -C -t $output (read_uncommitted)", ['kcat', '-C', '-b', $s->bootstrap, '-t', $output, '-o', 'beginning',
            '-e', '-q', '-X', 'isolation.level=read_uncommitted', '-f', '%k\n']);
        $uncommitted = $all === '' ? 0 : substr_count($all, "\n") + 1;
        $t->notes[] = "read_uncommitted finds $uncommitted outputs, read_committed " . array_sum($t->arrived);
        if ($uncommitted < array_sum($t->arrived) + $aborted) {
            $t->fail("inconclusive: the aborted batch's $aborted outputs are not in the topic (read_uncommitted finds $uncommitted)");
        }
    },
];
