<?php
// A channel the broker closes after an asynchronous method (a publish to a missing exchange, an ack of an
// unknown delivery tag): the next call that reads reports the broker's channel.close, as
// AMQPProtocolChannelException with its reply code, text and the method it names; the calls after find
// the channel closed. (A publish does not read in php-amqplib: mq's publish reports the close too, see
// tests/phpt/amqp_broker_close_reasons.phpt, so this scenario observes the close with other calls.)
// The pauses let the broker's close arrive first, which is what makes both clients' answers deterministic.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('async');
$ch->queue_declare($q, false, false, false, false);

// What a close reports: class, code, text and the method the broker names.
$report = function (string $label, callable $f): void {
    try {
        show($label, $f());
    } catch (PhpAmqpLib\Exception\AMQPProtocolException $e) {
        out("$label: threw " . exc($e) . " (code {$e->getCode()}, method " . implode(',', $e->amqp_method_sig) . ')');
    } catch (Exception $e) {
        out("$label: threw " . exc($e) . " (code {$e->getCode()})");
    }
};

$closers = [
    'publish to a missing exchange' => fn ($ch) => $ch->basic_publish(new AMQPMessage('lost'), name('noexchange'), 'rk'),
    'ack of an unknown delivery tag' => fn ($ch) => $ch->basic_ack(999),
];
$readers = [
    'queue_declare' => fn ($ch) => $ch->queue_declare($q, true),
    'basic_get' => fn ($ch) => $ch->basic_get($q),
    'exchange_declare' => fn ($ch) => $ch->exchange_declare(name('x'), 'direct'),
    'wait' => fn ($ch) => $ch->wait(null, false, 1),
];
foreach ($closers as $cause => $close) {
    foreach ($readers as $call => $read) {
        $ch = $conn->channel();
        $close($ch);
        usleep(300000);
        $report("$cause, then $call", fn () => $read($ch));
        $report('  then queue_declare', fn () => $ch->queue_declare($q, true));
        show('  is_open', $ch->is_open());
    }
}

$ch = $conn->channel();
$ch->confirm_select();
$ch->basic_publish(new AMQPMessage('lost'), name('noexchange'), 'rk');
usleep(300000);
$report('confirmed publish to a missing exchange, then wait_for_pending_acks', fn () => $ch->wait_for_pending_acks(2));

$report('passive declare of a missing queue', fn () => $conn->channel()->queue_declare(name('missing'), true));

$ch = $conn->channel();
show('delete', $ch->queue_delete($q));
$conn->close();
