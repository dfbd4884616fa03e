<?php
// mq-differs: a channel the broker closes after an asynchronous method (a publish to a missing exchange,
// an ack of an unknown delivery tag) fails the next call with AMQPChannelClosedException; php-amqplib
// reads the broker's channel.close there and throws AMQPProtocolChannelException with its code and text.
// lapin, under mq, does not keep the reason of a close nobody was waiting for. Both close the channel.
// The pauses let the broker's close arrive first, which is what makes mq's answer deterministic.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('async');
$ch->queue_declare($q, false, false, false, false);

$ch = $conn->channel();
$ch->basic_publish(new AMQPMessage('lost'), name('noexchange'), 'rk');
usleep(300000);
attempt('publish to a missing exchange, then a call', fn() => $ch->queue_declare($q, true));
show('is_open', $ch->is_open());

$ch = $conn->channel();
$ch->basic_ack(999);
usleep(300000);
attempt('ack of an unknown delivery tag, then a call', fn() => $ch->queue_declare($q, true));
show('is_open', $ch->is_open());

$ch = $conn->channel();
show('delete', $ch->queue_delete($q));
$conn->close();
