<?php
/*
 * The suite's own broker work, done with Debian's php-amqplib (never mq, so what is counted does not depend
 * on the client under test): run with `php -n -d extension=sockets -d extension=mbstring`.
 *   declare PORT QUEUE TYPE          a durable queue of TYPE (classic or quorum)
 *   seed PORT QUEUE N PREFIX BYTES   N persistent messages (message_id PREFIX-0 ... PREFIX-(N-1)), with
 *                                    publisher confirms; prints "seeded N" once all are confirmed
 *   drain PORT QUEUE FILE            takes every message left in the queue (auto-ack), one line
 *                                    "message_id redelivered(0|1)" each into FILE; prints "drained N"
 *   delete PORT QUEUE                deletes the queue
 */
require getenv('MQ_FAULTS_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

if (extension_loaded('mq')) {
    fwrite(STDERR, "reference.php runs php-amqplib, without mq\n");
    exit(2);
}
[, $cmd, $port, $queue] = $argv + [null, null, null, null];
$conn = new AMQPStreamConnection('127.0.0.1', (int) $port, 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 5.0, 30.0);
$ch = $conn->channel();
switch ($cmd) {
    case 'declare':
        $ch->queue_declare($queue, false, true, false, false, false, new AMQPTable(['x-queue-type' => $argv[4]]));
        echo "declared\n";
        break;
    case 'seed':
        [, , , , $n, $prefix, $bytes] = $argv;
        $ch->confirm_select();
        $nacked = 0;
        $ch->set_nack_handler(function () use (&$nacked) {
            $nacked++;
        });
        $body = str_repeat('x', (int) $bytes);
        for ($i = 0; $i < $n; $i++) {
            $ch->basic_publish(new AMQPMessage($body, ['message_id' => "$prefix-$i", 'delivery_mode' => AMQPMessage::DELIVERY_MODE_PERSISTENT]), '', $queue);
            if ($i % 1000 === 999) {
                $ch->wait_for_pending_acks(30);
            }
        }
        $ch->wait_for_pending_acks(30);
        if ($nacked > 0) {
            fwrite(STDERR, "$nacked messages nacked\n");
            exit(1);
        }
        echo "seeded $n\n";
        break;
    case 'drain':
        [, , $port, $queue, $file] = $argv;
        $out = fopen($file, 'w');
        [, $left] = $ch->queue_declare($queue, true);
        $got = 0;
        $ch->basic_qos(null, 1000, null);
        $ch->basic_consume($queue, '', false, true, false, false, function (AMQPMessage $m) use (&$got, $out) {
            fwrite($out, $m->get('message_id') . ' ' . ($m->isRedelivered() ? 1 : 0) . "\n");
            $got++;
        });
        // The count from the declare, then until the queue has been quiet for a second (nothing publishes now).
        try {
            while ($got < $left) {
                $ch->wait(null, false, 10);
            }
            while (true) {
                $ch->wait(null, false, 1);
            }
        } catch (AMQPTimeoutException) {
        }
        fclose($out);
        echo "drained $got\n";
        break;
    case 'delete':
        $ch->queue_delete($queue);
        echo "deleted\n";
        break;
    default:
        fwrite(STDERR, "usage: reference.php declare|seed|drain|delete PORT QUEUE ...\n");
        exit(2);
}
$ch->close();
$conn->close();
