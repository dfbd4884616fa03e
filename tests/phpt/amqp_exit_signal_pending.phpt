--TEST--
a signal still queued when the script ends (its handler throws or calls exit()) neither cuts short the end-of-request close nor runs its handler there, as PHP itself drops a signal queued at the end: every message reaches the broker and the exit status is the script's, with and without confirms, also with mq.amqp_destruct_flush_ms at 0, where the connection's destructor closes it after PHP's executor has stopped (calling the handler there was a core fatal error that unwound through mq's frames)
--EXTENSIONS--
mq
pcntl
posix
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
require dirname(__DIR__) . '/tools/run_child.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

const N = 20;
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
foreach (['3000', '0'] as $budget) {
    foreach (['throw', 'exit'] as $mode) {
        foreach (['', 'confirm'] as $confirm) {
            $fatal = 0;
            $delivered = 0;
            $statuses = [];
            // The budget-0 race (the destructor's close meeting the signal) hit about one run in two.
            for ($run = 0; $run < ($budget === '0' ? 4 : 1); $run++) {
                $q = fresh_name('exit-signal');
                $ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
                $args = implode(' ', array_map('escapeshellarg', [dirname(__DIR__) . '/tools/amqp_exit_signal_child.php', $mode, $q, N, $confirm]));
                $r = run_with_deadline(mq_child_php("-d extension=posix -d mq.amqp_destruct_flush_ms=$budget $args"), 30);
                $statuses[$r['status']] = true;
                $fatal += (int) (str_contains($r['out'], 'Fatal') || str_contains($r['out'], 'handler ran'));
                usleep(300000);
                [, $count] = $ch->queue_declare($q, true);
                $delivered += (int) ($count === N);
                $ch->queue_delete($q);
            }
            printf("budget %s, %s%s: status %s, %s, %s\n", $budget, $mode, $confirm ? ', confirms' : '',
                implode('/', array_keys($statuses)), $fatal ? "$fatal runs ran the handler or failed" : 'no handler, no fatal error',
                $budget === '0' ? 'runs done' : ($delivered ? 'every message' : 'messages lost'));
        }
    }
}
$conn->close();
?>
--EXPECT--
budget 3000, throw: status 3, no handler, no fatal error, every message
budget 3000, throw, confirms: status 3, no handler, no fatal error, every message
budget 3000, exit: status 3, no handler, no fatal error, every message
budget 3000, exit, confirms: status 3, no handler, no fatal error, every message
budget 0, throw: status 3, no handler, no fatal error, runs done
budget 0, throw, confirms: status 3, no handler, no fatal error, runs done
budget 0, exit: status 3, no handler, no fatal error, runs done
budget 0, exit, confirms: status 3, no handler, no fatal error, runs done
