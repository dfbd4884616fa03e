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
    fault_during($s, $t, $publisher, 'publisher', 'confirmed', intdiv($count, $at), fn () => $fault($name), ...$others);
    $t->confirmFile("$dir/confirmed");
    if (($nacked = count(Tally::lines("$dir/nacked"))) > 0) {
        $t->notes[] = "$nacked nacked by the broker";
    }
    return $publisher;
}

/**
 * The fault in the middle of a sender's run (a publisher's, a producer's: "progress SENT CONFIRMED" lines):
 * calls $fault() once $threshold messages are $confirmed, waits for the sender (polling the $others), and
 * sets the tally's sent count and recovery time (the longest stall of the confirmed count around the
 * fault). $fault returns the time the fault took effect. The caller counts what was confirmed.
 */
function fault_during(Harness $s, Tally $t, Child $sender, string $what, string $confirmed, int $threshold,
                      callable $fault, Child ...$others): void
{
    if (!$s->waitUntil(fn () => $sender->counterAt(INF, 1) >= $threshold, 120, $sender, ...$others)) {
        $sender->kill('timeout');
        $t->fail("the $what never reached $threshold $confirmed messages: " . $sender->outcome());
    } else {
        $tFault = $t->faultAt = $fault();
        $s->waitUntil(fn () => $sender->endedBy !== null, INF, $sender, ...$others);
        $done = $sender->last('done');
        if ($done !== null && $done[1] <= $tFault) {
            $t->fail("inconclusive: the $what had finished before the fault took effect");
        } elseif ($sender->completed()) {
            $t->recovery = $sender->stallAround($tFault, 1);
            if ($t->recovery === null) {
                $t->fail("the $what finished, but no message was $confirmed after the fault");
            }
        }
        $t->notes[] = sprintf("$what at the fault: %d sent, %d $confirmed", $sender->counterAt($tFault, 0), $sender->counterAt($tFault, 1));
    }
    require_completed($t, $sender, "the $what");
    $progress = $sender->last('done') ?? $sender->last('progress');
    $t->sent = $progress === null ? 0 : (int) $progress[2][0];
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
