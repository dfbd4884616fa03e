<?php
// Steps the Kafka scenarios share: producing (under a fault or not), consumers and what their record files
// say (what arrived, where each one resumed).

/** Starts the producer client: $count records keyed "SCENARIO-N" to $topic on $bootstrap. */
function start_producer(KafkaSuite $s, Tally $t, string $label, string $bootstrap, string $topic, int $count, float $rate, string $dir): Child
{
    @mkdir($dir, 0777, true);
    return $s->start('producer', "$t->scenario-$label", [
        'bootstrap' => $bootstrap, 'topic' => $topic, 'count' => $count, 'rate' => $rate, 'bytes' => 200,
        'prefix' => $t->scenario, 'dir' => $dir,
    ], ($rate > 0 ? $count / $rate : $count / 2000) + 240);
}

/**
 * Produces $count records at $rate a second, calls $fault() once $count / $at are reported delivered (it
 * returns the time the fault took effect), and counts what was sent and reported delivered; delivery
 * reports that failed (the client produced those records again) are noted.
 */
function produce_under_fault(KafkaSuite $s, Tally $t, string $bootstrap, string $topic, int $count, float $rate, int $at,
                             callable $fault): Child
{
    $dir = $s->dir($t->scenario) . '/producer';
    $producer = start_producer($s, $t, 'producer', $bootstrap, $topic, $count, $rate, $dir);
    fault_during($s, $t, $producer, 'producer', 'delivered', intdiv($count, $at), $fault);
    $t->confirmFile("$dir/delivered");
    $failed = Tally::lines("$dir/failed");
    if ($failed !== []) {
        $t->notes[] = count($failed) . ' delivery reports failed (produced again), e.g. ' . $failed[0];
        $keys = array_map(fn ($l) => explode(' ', $l)[0], $failed);
        if (($never = array_diff($keys, array_keys($t->confirmed))) !== []) {
            $t->fail(count($never) . ' records whose delivery failed were never delivered afterwards, e.g. ' . reset($never));
        }
    }
    return $producer;
}

/** Produces $count records with no fault (what the consumer scenarios consume); they count as sent and delivered. */
function seed_topic(KafkaSuite $s, Tally $t, string $topic, int $count): void
{
    $dir = $s->dir($t->scenario) . '/seed';
    $producer = start_producer($s, $t, 'seed', $s->bootstrap, $topic, $count, 0, $dir);
    $s->waitUntil(fn () => $producer->last('done') !== null, 240, $producer);
    // What is seeded is done at "done" (flush() returned); its exit is not what the scenario is about, but
    // a slow one is worth knowing (seen once: 45 s).
    if (!$s->waitUntil(fn () => $producer->endedBy !== null, 10, $producer)) {
        $producer->kill('stopped');
        $t->notes[] = 'the seeding producer had not exited 10 s after flush() returned; killed';
    } else {
        require_completed($t, $producer, 'the seeding producer');
    }
    if ($t->failures !== []) {
        throw new RuntimeException('seeding failed: ' . implode('; ', $t->failures));
    }
    $t->sent += $count;
    $t->confirmFile("$dir/delivered");
}

/** Every key of the records sent (SCENARIO-0 .. SCENARIO-(sent-1)) arrived exactly once. */
function require_exactly_once(Tally $t): void
{
    $missing = 0;
    $example = null;
    for ($i = 0; $i < $t->sent; $i++) {
        if (!isset($t->arrived["$t->scenario-$i"])) {
            $missing++;
            $example ??= "$t->scenario-$i";
        }
    }
    if ($missing > 0) {
        $t->fail("$missing records sent are not in the topic, e.g. $example");
    }
    if (($dup = $t->duplicates()) > 0) {
        $t->fail("$dup records are in the topic more than once");
    }
}

/** Starts the consumer client in $group (see kafka/clients/consumer.php for $args). */
function start_consumer(KafkaSuite $s, Tally $t, string $label, string $topic, string $group, array $args): Child
{
    $dir = $s->dir($t->scenario) . "/$label";
    @mkdir($dir, 0777, true);
    return $s->start('consumer', "$t->scenario-$label", $args + [
        'bootstrap' => $s->bootstrap, 'topic' => $topic, 'group' => $group, 'protocol' => $s->groupProtocol,
        'partitions' => 3, 'batch' => 100, 'dir' => $dir, 'release' => $s->dir($t->scenario) . '/release',
    ], 180);
}

/**
 * A consumer's record file, read: records as [key, partition, offset], commits as [time, [partition =>
 * offset]], assignments as [time, list of partitions], each list in the file's order (each record after
 * the assignment it came under). Records count as arrived.
 *
 * @return array{records: list<array{string, int, int, int}>, commits: list<array{float, array<int, int>}>, assignments: list<array{float, list<int>, int}>}
 */
function consumer_record(Tally $t, string $file): array
{
    $r = ['records' => [], 'commits' => [], 'assignments' => []];
    foreach (Tally::lines($file) as $line) {
        $f = explode(' ', $line);
        if ($f[0] === 'commit') {
            $offsets = [];
            foreach (explode(',', $f[2]) as $po) {
                [$p, $o] = explode(':', $po);
                $offsets[(int) $p] = (int) $o;
            }
            $r['commits'][] = [(float) $f[1], $offsets];
        } elseif ($f[0] === 'assigned') {
            // With the index of the next record: the records that came under this assignment.
            $r['assignments'][] = [(float) $f[1], ($f[2] ?? '') === '' ? [] : array_map('intval', explode(',', $f[2])), count($r['records'])];
        } elseif ($f[0] !== 'eof') {
            $t->arrive($f[0]);
            $r['records'][] = [$f[0], (int) $f[1], (int) $f[2]];
        }
    }
    return $r;
}

/**
 * Where $taker resumed the partitions it gained after $tFault: each must start at the group's committed
 * offset at that moment (the last commit before the assignment, by any member; 0 if none: the topic is
 * new), neither later (records skipped) nor earlier (committed records processed again). Fails the tally
 * otherwise; returns the partitions checked.
 *
 * @param list<array> $records every member's consumer_record()
 */
function require_resumed_at_commit(Tally $t, float $tFault, array $taker, array $records): array
{
    $checked = [];
    $held = [];
    foreach ($taker['assignments'] as $i => [$time, $partitions, $from]) {
        $gained = array_diff($partitions, $held);
        $held = $partitions;
        if ($time < $tFault || $gained === []) {
            continue;
        }
        $committed = [];
        foreach ($records as $r) {
            foreach ($r['commits'] as [$when, $offsets]) {
                if ($when < $time) {
                    foreach ($offsets as $p => $o) {
                        $committed[$p] = max($committed[$p] ?? 0, $o);
                    }
                }
            }
        }
        $to = $taker['assignments'][$i + 1][2] ?? count($taker['records']);
        foreach ($gained as $p) {
            foreach (array_slice($taker['records'], $from, $to - $from) as [$key, $partition, $offset]) {
                if ($partition !== $p) {
                    continue;
                }
                $expected = $committed[$p] ?? 0;
                if ($offset !== $expected) {
                    $t->fail(sprintf('partition %d resumed at offset %d, not at the committed offset %d (%s)', $p, $offset, $expected,
                        $offset > $expected ? 'records skipped' : 'committed records processed again'));
                }
                $checked[$p] = $expected;
                break;
            }
        }
    }
    if ($checked === []) {
        $t->fail('inconclusive: no partition changed hands after the kill with records left to read');
    }
    ksort($checked);
    $t->notes[] = 'resumed at the committed offsets: ' . implode(', ', array_map(fn ($p, $o) => "partition $p at $o", array_keys($checked), $checked));
    return $checked;
}
