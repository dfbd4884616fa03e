<?php
// Tutorial 2: a durable queue, persistent messages, basic_qos(null, 1, null) and two consumers on two
// channels with manual acks (fair dispatch). Checks counts and sets, never the interleaving.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$pub = $conn->channel();
$q = name('task_queue');
show('queue_declare', $pub->queue_declare($q, false, true, false, false));

$got = ['A' => [], 'B' => []];
$modes = [];
$chans = [];
foreach (['A', 'B'] as $who) {
    $ch = $conn->channel();
    show("basic_qos $who", $ch->basic_qos(null, 1, null));
    $tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use ($who, &$got, &$modes) {
        $got[$who][] = $m->getBody();
        $modes[$m->get('delivery_mode')] = true;
        $m->ack();
    });
    show("consumer tag $who is server-named", str_starts_with($tag, 'amq.ctag-'));
    $chans[$who] = $ch;
}

$sent = [];
for ($i = 1; $i <= 10; $i++) {
    $body = "task $i" . str_repeat('.', $i % 3);
    $sent[] = $body;
    $pub->basic_publish(new AMQPMessage($body, ['delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT]), '', $q);
}

$deadline = microtime(true) + 10;
while (count($got['A']) + count($got['B']) < 10 && microtime(true) < $deadline) {
    foreach ($chans as $ch) {
        try {
            $ch->wait(null, false, 0.2);
        } catch (AMQPTimeoutException $e) {
        }
    }
}
$all = array_merge($got['A'], $got['B']);
sort($all);
sort($sent);
show('received', count($all));
show('received set equals sent set', $all === $sent);
show('no duplicates', count(array_unique($all)) === count($all));
show('both consumers got work', count($got['A']) > 0 && count($got['B']) > 0);
show('delivery modes seen', array_keys($modes));
foreach ($chans as $ch) {
    $ch->close();
}
show('queue_declare passive after', $pub->queue_declare($q, true));
show('queue_delete', $pub->queue_delete($q));
$pub->close();
$conn->close();
