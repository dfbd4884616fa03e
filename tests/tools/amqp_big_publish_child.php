<?php
// Publishes one large body with confirms and prints how much the process' peak RSS grew, as a multiple
// of the body: the PHP string is one body, mq's copy into frames the second (amqp_large_body_memory.phpt).
// Run in its own process so the peak belongs to this publish alone.
require __DIR__ . '/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

[, $q, $mib] = $argv;
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$ch->confirm_select();
$acked = 0;
$ch->set_ack_handler(function () use (&$acked) { $acked++; });
$before = getrusage()['ru_maxrss'] * 1024;
$size = (int) $mib * 1024 * 1024;
$body = str_repeat('m', $size - 1) . 'q';
$msg = new AMQPMessage($body);
$ch->basic_publish($msg, '', $q);
// The frames hold their own copy: changing the message now does not change what is sent.
$msg->setBody('changed after publish');
unset($body);
$ch->wait_for_pending_acks(60);
printf("acked %d\n", $acked);
printf("peak growth %.2f bodies\n", (getrusage()['ru_maxrss'] * 1024 - $before) / $size);
$conn->close();
