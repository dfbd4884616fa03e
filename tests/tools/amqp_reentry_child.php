<?php
// Child of amqp_reentry.phpt: PHP code run by mq from inside its waits (a pcntl signal handler, a consumer
// callback, the ack, nack and return handlers) publishes on the same channel and on another channel of
// the same connection, and waits re-entrantly on the same channel. Prints what ran; the parent counts
// the messages on the broker and runs this under a deadline (a hang fails the test).
// Arguments: brokers.php, scenario, queue the handlers publish to, a spare queue, async signals (0/1).

require $argv[1];
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

[, , $scenario, $out, $spare, $async] = $argv;
pcntl_async_signals((bool) $async);
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$other = $conn->channel();
$ran = 0;
// What every handler does: publish here and on the other channel, then wait again on this one.
$reenter = function (string $from) use ($ch, $other, $out, &$ran) {
    $ran++;
    $ch->basic_publish(new AMQPMessage("$from same channel"), '', $out);
    $other->basic_publish(new AMQPMessage("$from other channel"), '', $out);
    $ch->wait(null, true);
};

switch ($scenario) {
    case 'signal-wait': // wait() without a timeout: the handler runs, then wait() returns null
        $ch->queue_declare($spare, false, false, false, true);
        $ch->basic_consume($spare, '', false, true, false, false, function () {});
        pcntl_signal(SIGALRM, fn () => $reenter('signal'));
        pcntl_alarm(1);
        var_dump($ch->wait());
        echo "handler ran $ran time(s) before wait() returned\n";
        break;

    case 'signal-select': // the connection's select(null): the handler runs, then it returns 0
        pcntl_signal(SIGALRM, fn () => $reenter('signal'));
        pcntl_alarm(1);
        var_dump($conn->select(null));
        echo "handler ran $ran time(s) before select() returned\n";
        break;

    case 'signal-acks': // signals while wait_for_pending_acks() waits for 20 000 confirms
        $ch->confirm_select();
        $acked = 0;
        $ch->set_ack_handler(function () use (&$acked) { $acked++; });
        $waiting = false;
        $during = 0;
        pcntl_signal(SIGUSR1, function () use ($reenter, &$waiting, &$during) {
            $during += (int) $waiting;
            $reenter('signal');
        });
        $body = str_repeat('x', 1000);
        for ($i = 0; $i < 20000; $i++) {
            $ch->basic_publish(new AMQPMessage($body), '', $spare);
        }
        // Another process signals this one every few milliseconds until told to stop.
        $killer = proc_open(['sh', '-c', 'while kill -USR1 ' . getmypid() . '; do sleep 0.002; done'], [], $pipes);
        $waiting = true;
        $ch->wait_for_pending_acks(30);
        $waiting = false;
        proc_terminate($killer, SIGKILL);
        proc_close($killer);
        pcntl_signal(SIGUSR1, SIG_IGN);
        pcntl_signal_dispatch();
        $ch->wait_for_pending_acks(30); // what the last handlers published
        echo $during > 0 ? "handlers ran during wait_for_pending_acks()\n" : "no handler ran during wait_for_pending_acks()\n";
        echo $acked === 20000 + $ran ? "every publish acked\n" : "acked $acked of " . (20000 + $ran) . "\n";
        file_put_contents('php://stdout', "ran=$ran\n");
        break;

    case 'consumer': // a consumer callback (3 messages)
        for ($i = 0; $i < 3; $i++) {
            $ch->basic_publish(new AMQPMessage("in $i"), '', $spare);
        }
        $handled = 0;
        $ch->basic_consume($spare, '', false, false, false, false, function (AMQPMessage $m) use ($reenter, &$handled) {
            $handled++;
            $m->ack();
            $reenter('consumer');
        });
        while ($handled < 3) {
            $ch->wait(null, false, 10);
        }
        echo "callback ran $ran time(s)\n";
        break;

    case 'ack': // the ack handler of the first 3 publishes (its own publishes are acked too)
        $ch->confirm_select();
        $ch->set_ack_handler(function () use ($reenter, $ch, &$ran) {
            if ($ran < 3) {
                $reenter('ack');
                $ch->wait_for_pending_acks(10);
            }
        });
        for ($i = 0; $i < 3; $i++) {
            $ch->basic_publish(new AMQPMessage("confirmed $i"), '', $spare);
        }
        $ch->wait_for_pending_acks(10);
        echo "ack handler re-entered $ran time(s)\n";
        break;

    case 'nack-return': // a nack (a queue refusing publishes) and a return (an unroutable mandatory publish)
        $ch->queue_declare($spare, false, false, false, true, false, new PhpAmqpLib\Wire\AMQPTable(['x-max-length' => 0, 'x-overflow' => 'reject-publish']));
        $ch->confirm_select();
        $ch->set_nack_handler(fn () => $reenter('nack'));
        $ch->set_return_listener(fn () => $reenter('return'));
        $ch->basic_publish(new AMQPMessage('refused'), '', $spare);
        $ch->basic_publish(new AMQPMessage('unroutable'), '', $spare . '-nowhere', true);
        $ch->wait_for_pending_acks_returns(10);
        echo "nack and return handlers ran $ran time(s)\n";
        break;
}
$conn->close();
echo "done\n";
