<?php
// Steps the scenarios share: a publisher under a fault, the final drain, the report of a child's end.

/** What is left in $queue (read through node $port by php-amqplib) counts as arrived. */
function drain_into(Suite $s, Tally $t, int $port, string $queue, string $dir): void
{
    $s->reference('drain', (string) $port, $queue, "$dir/drained");
    $left = count($t->arrivedFile("$dir/drained"));
    if ($left > 0) {
        $t->notes[] = "$left found in the queue afterwards";
    }
    $s->reference('delete', (string) $port, $queue);
}

/** A child that did not finish its work by itself fails the scenario, saying how it ended. */
function require_completed(Tally $t, Child $c, string $what): void
{
    if (!$c->completed()) {
        $t->fail("$what did not finish: " . $c->outcome());
    }
}

/**
 * Starts the variant's publisher of $count persistent messages on $ports (one node: by connection name),
 * calls $fault(connection name) once $count / $at have been confirmed, waits for the publisher (polling the
 * $others running alongside), and counts what was sent and confirmed. $fault returns the time the fault
 * took effect, from which the recovery time is measured. The caller deals with the others and drains.
 */
function publish_under_fault(Suite $s, Tally $t, string $queue, string $queueType, array $ports, int $count,
                             float $rate, int $batch, int $at, callable $fault, Child ...$others): Child
{
    $dir = $s->dir($t->scenario);
    $name = "$t->scenario-publisher-" . getmypid();
    $publisher = $s->start('publisher', "$t->scenario-publisher", [
        'ports' => implode(',', $ports), 'name' => $name, 'queue' => $queue, 'queue-type' => $queueType,
        'count' => $count, 'batch' => $batch, 'rate' => $rate, 'bytes' => 512, 'prefix' => $t->scenario, 'dir' => $dir,
    ], $count / $rate + 240);
    $threshold = intdiv($count, $at);
    if (!$s->waitUntil(fn () => $publisher->counterAt(INF, 1) >= $threshold, 120, $publisher, ...$others)) {
        $publisher->kill('timeout');
        $t->fail("the publisher never reached $threshold confirmed messages: " . $publisher->outcome());
    } else {
        $tFault = $t->faultAt = $fault($name);
        $s->waitUntil(fn () => $publisher->endedBy !== null, INF, $publisher, ...$others);
        $done = $publisher->last('done');
        if ($done !== null && $done[1] <= $tFault) {
            $t->fail('inconclusive: the publisher had finished before the fault took effect');
        } elseif ($publisher->completed()) {
            $t->recovery = $publisher->stallAround($tFault, 1);
            if ($t->recovery === null) {
                $t->fail('the publisher finished, but no message was confirmed after the fault');
            }
        }
        $t->notes[] = sprintf('publisher at the fault: %d sent, %d confirmed', $publisher->counterAt($tFault, 0), $publisher->counterAt($tFault, 1));
    }
    require_completed($t, $publisher, 'the publisher');
    $progress = $publisher->last('done') ?? $publisher->last('progress');
    $t->sent = $progress === null ? 0 : (int) $progress[2][0];
    $t->confirmFile("$dir/confirmed");
    if (($nacked = count(Tally::lines("$dir/nacked"))) > 0) {
        $t->notes[] = "$nacked nacked by the broker";
    }
    return $publisher;
}

/** Closes, from the broker, the connection the client named $name (rabbitmqctl close_connection). */
function close_connection_named(Suite $s, string $name): float
{
    // The broker lists a new connection after a moment.
    for ($i = 0; $i < 10 && ($found = $s->connections(1, $name)) === []; $i++) {
        usleep(300000);
    }
    if (count($found) !== 1) {
        throw new RuntimeException("expected one connection named $name on the cluster, found " . count($found));
    }
    $s->cluster('ctl', '1', '-q', 'close_connection', (string) array_key_first($found), 'fault injection: close_connection');
    return microtime(true);
}
