<?php
/*
 * Mq\KafkaRetryingConsumer (kafka/clients/retrying.php; 3 attempts, retries 2 s then 4 s after a failure):
 * one record in 25 fails twice and then succeeds, one in 25 always fails; the consumer is SIGKILLed half-way
 * and a new one in its group resumes. Passes when every retry came no earlier than its delay after the
 * failure before it, the records behind a failed one in its partition were handled before its retry was
 * due (not held up), the flaky records succeeded at their third attempt, the failing ones are in the
 * dead-letter topic with x-mq-attempts 3, the class and message of their last failure, no earlier than both
 * delays after their first failure, and every record either succeeded or is in the dead-letter topic (by
 * key; what the kill made run again is counted as duplicates).
 */
return [
    'about' => 'retry topics and dead-letter topic, consumer SIGKILLed mid-run',
    'run' => function (KafkaSuite $s, Tally $t): void {
        $topic = $s->name($t->scenario);
        $dir = $s->dir($t->scenario);
        $n = $s->size(30000, 3000);
        [$every, $flaky, $poison, $attempts, $delay] = [25, 7, 13, 3, 2.0];
        $delayOf = fn (int $attempt) => $delay * 2 ** ($attempt - 1);   // the wait after failed attempt $attempt
        $kind = fn (string $key) => match ((int) substr($key, strrpos($key, '-') + 1) % $every) {
            $flaky => 'flaky', $poison => 'poison', default => 'ok'};
        seed_topic($s, $t, $topic, $n);
        $args = ['bootstrap' => $s->bootstrap, 'topic' => $topic, 'group' => $s->name("$t->scenario-group"),
            'protocol' => $s->groupProtocol, 'every' => $every, 'flaky' => $flaky, 'poison' => $poison,
            'attempts' => $attempts, 'delay' => $delay, 'release' => "$dir/release",
            // Some work per record: the kill comes after a few auto-commits (every second).
            'work-us' => 1000];
        $start = function (string $label) use ($s, $t, $dir, $args): Child {
            @mkdir("$dir/$label", 0777, true);
            return $s->start('retrying', "$t->scenario-$label", $args + ['dir' => "$dir/$label"], $s->size(300, 180));
        };
        // Every handler call, by child: [key, attempt, ok, time, topic, partition, offset].
        $read = function (string $label) use ($dir): array {
            return array_map(function (string $line) {
                $f = explode(' ', $line);
                return [$f[0], (int) $f[1], $f[2] === 'ok', (float) $f[3], $f[4], (int) $f[5], (int) $f[6]];
            }, Tally::lines("$dir/$label/handled"));
        };

        $first = $start('first');
        if (!$s->waitUntil(fn () => (int) ($first->last('progress')[2][0] ?? 0) >= intdiv($n, 2), 120, $first)) {
            $first->kill('timeout');
            $t->fail('the first consumer never handled half the records: ' . $first->outcome());
            return;
        }
        $first->kill();
        $tFault = $t->faultAt = microtime(true);
        $second = $start('second');
        $calls = ['first' => $read('first')];
        // Finished: each record succeeded, or (the always failing ones) failed its last attempt.
        $finished = function () use ($read, &$calls, $n, $t, $kind, $attempts): bool {
            static $lastCheck = 0.0;
            if (microtime(true) - $lastCheck < 0.5) {
                return false;
            }
            $lastCheck = microtime(true);
            $calls['second'] = $read('second');
            $done = [];
            foreach ($calls as $list) {
                foreach ($list as [$key, $attempt, $ok]) {
                    if ($ok || ($attempt === $attempts && $kind($key) === 'poison')) {
                        $done[$key] = true;
                    }
                }
            }
            return count($done) >= $n;
        };
        $complete = $s->waitUntil($finished, $s->size(240, 120), $second);
        touch("$dir/release");
        $second->wait();
        require_completed($t, $second, 'the second consumer');
        if (!$complete) {
            $t->fail('not every record succeeded or failed its last attempt in time');
        }
        $t->recovery = $second->resumedAfter($tFault, 0);
        $calls['second'] = $read('second');

        // Retries: each no earlier than its delay after a failure of the attempt before it.
        $failedAt = [];   // key => attempt => failure times
        foreach ($calls as $list) {
            foreach ($list as [$key, $attempt, $ok, $time]) {
                if (!$ok) {
                    $failedAt[$key][$attempt][] = $time;
                }
            }
        }
        $early = 0;
        $example = null;
        $closest = $longest = [];   // attempt => the smallest, the largest wait seen before it
        foreach ($calls as $list) {
            foreach ($list as [$key, $attempt, $ok, $time]) {
                if ($attempt < 2) {
                    continue;
                }
                $waits = array_map(fn ($f) => $time - $f, $failedAt[$key][$attempt - 1] ?? []);
                $wait = $waits === [] ? null : max($waits);
                if ($wait === null || $wait < $delayOf($attempt - 1) - 0.001) {
                    $early++;
                    $example ??= sprintf('%s attempt %d %s', $key, $attempt, $wait === null ? 'with no failed attempt before it' : sprintf('%.3f s after the failure', $wait));
                } else {
                    $closest[$attempt] = min($closest[$attempt] ?? INF, $wait);
                    $longest[$attempt] = max($longest[$attempt] ?? 0, $wait);
                }
            }
        }
        if ($early > 0) {
            $t->fail("$early retries came before their delay, e.g. $example");
        }
        ksort($closest);
        // The longest: a retry copy is read behind the records librdkafka fetched before it.
        $t->notes[] = 'wait before ' . implode(', ', array_map(fn ($a, $w) => sprintf('attempt %d: %.3f to %.3f s (delay %.0f s)', $a, $w,
            $longest[$a], $delayOf($a - 1)), array_keys($closest), $closest));

        // Not held up: the record behind a failed one (same partition, next offset), handled by the same
        // consumer, was handled before the failed one's retry was due.
        $checked = $held = 0;
        foreach ($calls as $list) {
            $firstCall = [];   // "partition offset" of the topic => the first handling time
            foreach ($list as [$key, $attempt, $ok, $time, $from, $p, $o]) {
                if ($from === $topic) {
                    $firstCall["$p $o"] ??= $time;
                }
            }
            foreach ($list as [$key, $attempt, $ok, $time, $from, $p, $o]) {
                if ($from === $topic && !$ok && isset($firstCall["$p " . ($o + 1)]) && $firstCall["$p " . ($o + 1)] >= $time) {
                    $checked++;
                    if ($firstCall["$p " . ($o + 1)] >= $time + $delayOf(1)) {
                        $held++;
                    }
                }
            }
        }
        $t->notes[] = "$checked failed records had the next record of their partition handled by the same consumer; $held of those held up until the retry was due";
        if ($checked === 0 || $held > 0) {
            $t->fail($checked === 0 ? 'inconclusive: no failed record had a record behind it' : "$held records were held up behind a failed one");
        }

        // Successes count as arrived; the flaky ones at their last attempt, the others at the first.
        foreach ($calls as $list) {
            foreach ($list as [$key, $attempt, $ok]) {
                if (!$ok) {
                    continue;
                }
                $t->arrive($key);
                $expected = ['ok' => 1, 'flaky' => $attempts, 'poison' => null][$kind($key)];
                if ($attempt !== $expected) {
                    $t->fail("$key ({$kind($key)}) succeeded at attempt $attempt" . ($expected === null ? '' : ", not $expected"));
                }
            }
        }
        // The dead-letter topic: the always failing records, with their last failure, after both delays.
        $dlt = $s->command("kcat -C -t $topic.dlt", ['kcat', '-C', '-b', $s->bootstrap, '-t', "$topic.dlt", '-o', 'beginning', '-e', '-q', '-J']);
        $dead = 0;
        foreach ($dlt === '' ? [] : explode("\n", $dlt) as $json) {
            $r = json_decode($json, true);
            $key = (string) $r['key'];
            $h = [];
            for ($i = 0; $i + 1 < count($r['headers'] ?? []); $i += 2) {
                $h[$r['headers'][$i]] = $r['headers'][$i + 1];
            }
            $t->arrive($key);
            $dead++;
            $want = ['x-mq-attempts' => (string) $attempts, 'x-mq-error-class' => 'RuntimeException',
                'x-mq-error-message' => "failed $key attempt $attempts"];
            if ($kind($key) !== 'poison' || array_intersect_key($h, $want) != $want) {
                $t->fail("dead letter $key ({$kind($key)}) with headers " . json_encode($h));
            }
            $firstFailure = min($failedAt[$key][1] ?? [INF]);
            if ($r['ts'] < floor(($firstFailure + $delayOf(1) + $delayOf(2)) * 1000)) {
                $t->fail(sprintf('dead letter %s written %.3f s after its first failure, before both delays', $key, $r['ts'] / 1000 - $firstFailure));
            }
        }
        // The kill fell among pending retries: failures before it whose retry was due after it.
        $pending = 0;
        foreach ($calls['first'] as [$key, $attempt, $ok, $time]) {
            $pending += !$ok && $attempt < $attempts && $time + $delayOf($attempt) > $tFault ? 1 : 0;
        }
        $t->notes[] = sprintf('killed after %d handler calls with %d retries pending; %d dead letters; %d handler calls after the restart',
            count($calls['first']), $pending, $dead, count($calls['second']));
        if ($pending === 0) {
            $t->fail('inconclusive: no retry was pending at the kill');
        }
    },
];
