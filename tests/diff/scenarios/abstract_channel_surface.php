<?php
// php-amqplib's AbstractChannel on both of its kinds (the connection is channel 0), a closed channel's
// number and connection forgotten and its number handed out again (after our close and the broker's),
// channel($id) opening a new channel for a number the broker closed, getIO()'s object, and the
// constants and Package class code reads.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Channel\AbstractChannel;
use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Exception\AMQPProtocolChannelException;
use PhpAmqpLib\Package;
use PhpAmqpLib\Wire\IO\AbstractIO;

show('PROTOCOL_091', AMQPChannel::PROTOCOL_091);
show('PROTOCOL_080', AbstractChannel::PROTOCOL_080);
show('getProtocolVersion', AMQPChannel::getProtocolVersion());
show('Package', [Package::NAME, Package::VERSION]);

$conn = connect();
show('connection is an AbstractChannel', $conn instanceof AbstractChannel);
show('connection getChannelId', $conn->getChannelId());
show('connection getConnection is itself', $conn->getConnection() === $conn);
show('connection getMethodQueue', $conn->getMethodQueue());
show('connection hasPendingMethods', $conn->hasPendingMethods());
show('connection setBodySizeLimit returns it', $conn->setBodySizeLimit(10) === $conn);
show('get_free_channel_id before any channel', $conn->get_free_channel_id());
show('channel ids known to a new connection', array_keys($conn->channels));
show('channel(0) is the connection', $conn->channel(0) === $conn);

$io = $conn->getIO();
show('getIO is an AbstractIO', $io instanceof AbstractIO);
show('getIO twice is one object', $conn->getIO() === $io);
show('io getReadTimeout', $io->getReadTimeout());
show('io disableHeartbeat returns it', $io->disableHeartbeat() === $io);
show('io reenableHeartbeat returns it', $io->reenableHeartbeat() === $io);
show('io BUFFER_SIZE', AbstractIO::BUFFER_SIZE);

$a = $conn->channel();
$b = $conn->channel();
show('ids', [$a->getChannelId(), $b->getChannelId()]);
show('channel getMethodQueue', $a->getMethodQueue());
show('get_free_channel_id with two open', $conn->get_free_channel_id());
$a->close();
show('closed channel getChannelId', $a->getChannelId());
show('closed channel getConnection', $a->getConnection());
show('closed channel is_open', $a->is_open());
show('get_free_channel_id after closing the first', $conn->get_free_channel_id());
$c = $conn->channel();
show('next channel takes the closed number', $c->getChannelId());

// The broker closes channel $c: its number is free again, and channel() with it opens a new channel.
$id = $c->getChannelId();
attempt('passive declare of a missing queue', fn() => $c->queue_declare(name('missing'), true));
show('broker-closed channel getChannelId', $c->getChannelId());
show('broker-closed channel getConnection', $c->getConnection());
show('broker-closed channel is_open', $c->is_open());
show('ids known to the connection', array_keys($conn->channels));
$again = $conn->channel($id);
show('channel(id) after the broker closed it is a new channel', $again !== $c);
show('and it is open', $again->is_open());
show('under that id', $again->getChannelId());
[$queue] = $again->queue_declare('', false, false, true);
show('it works', is_string($queue));
$next = $conn->channel();
show('the next channel after it', $next->getChannelId());

$conn->close();
show('channels after close', array_keys($conn->channels));
show('open channel after connection close: getChannelId', $b->getChannelId());
show('getIO after close is still there', $conn->getIO() === $io);
