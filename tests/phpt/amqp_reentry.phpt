--TEST--
PHP code that mq runs from inside a wait (pcntl signal handlers with and without async signals, during wait(), select() and wait_for_pending_acks(); consumer callbacks; ack, nack and return handlers) can publish on the same channel and connection and wait again on the same channel: no hang, no internal error, every message reaches the broker
--EXTENSIONS--
mq
pcntl
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
require dirname(__DIR__) . '/tools/run_child.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
foreach ([['signal-wait', 0], ['signal-wait', 1], ['signal-select', 0], ['signal-select', 1], ['signal-acks', 0], ['signal-acks', 1], ['consumer', 0], ['ack', 0], ['nack-return', 0]] as [$scenario, $async]) {
    $out = fresh_name('reentry-out');
    $spare = fresh_name('reentry-spare');
    $ch->queue_declare($out, false, false, false, false);
    if (!in_array($scenario, ['signal-wait', 'nack-return'], true)) {
        $ch->queue_declare($spare, false, false, false, false);
    }
    $args = [dirname(__DIR__) . '/tools/amqp_reentry_child.php', dirname(__DIR__) . '/tools/brokers.php', $scenario, $out, $spare, $async];
    $r = run_with_deadline(mq_child_php(implode(' ', array_map('escapeshellarg', $args))), 60);
    echo "== $scenario", $async ? ' (async signals)' : '', ": status {$r['status']}\n";
    $ran = preg_match('/^ran=(\d+)$/m', $r['out'], $m) ? (int) $m[1] : null;
    echo preg_replace('/^ran=\d+\n/m', '', $r['out']);
    // Every handler run published two messages; the broker has them all once the child closed.
    [, $count] = $ch->queue_declare($out, true);
    $expected = ['signal-wait' => 2, 'signal-select' => 2, 'consumer' => 6, 'ack' => 6, 'nack-return' => 4][$scenario] ?? 2 * $ran;
    echo $count === $expected && $count > 0 ? "broker has all $count\n" : "broker has $count, expected $expected\n";
    $ch->queue_delete($out);
    $ch->queue_delete($spare);
}
$conn->close();
?>
--EXPECTF--
== signal-wait: status 0
NULL
handler ran 1 time(s) before wait() returned
done
broker has all 2
== signal-wait (async signals): status 0
NULL
handler ran 1 time(s) before wait() returned
done
broker has all 2
== signal-select: status 0
int(0)
handler ran 1 time(s) before select() returned
done
broker has all 2
== signal-select (async signals): status 0
int(0)
handler ran 1 time(s) before select() returned
done
broker has all 2
== signal-acks: status 0
handlers ran during wait_for_pending_acks()
every publish acked
done
broker has all %d
== signal-acks (async signals): status 0
handlers ran during wait_for_pending_acks()
every publish acked
done
broker has all %d
== consumer: status 0
callback ran 3 time(s)
done
broker has all 6
== ack: status 0
ack handler re-entered 3 time(s)
done
broker has all 6
== nack-return: status 0
nack and return handlers ran 2 time(s)
done
broker has all 4
