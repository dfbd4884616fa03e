--TEST--
publishes without confirms reach the broker however the script ends: end of script without close(), exit(), a fatal error, an uncaught exception, set_close_on_destruct(false), memory exhaustion, a connection and channel dropped mid-script
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
require dirname(__DIR__) . '/tools/run_child.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;

// 20 000 publishes per child take about a minute under Valgrind (scripts/valgrind.sh): 2 000 there.
define('N', getenv('MQ_VALGRIND') ? 2000 : 20000);
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();

foreach (['end of script', 'exit()', 'fatal error', 'uncaught exception', 'no close on destruct', 'memory exhausted', 'dropped mid-script'] as $how) {
    $q = fresh_name('exit-flush');
    $ch->queue_declare($q, false, false, false, false, false, ['x-expires' => ['I', 60000]]);
    $t = microtime(true);
    $args = implode(' ', array_map('escapeshellarg', [dirname(__DIR__) . '/tools/amqp_exit_flush_child.php', $how, $q, N]));
    $r = run_with_deadline($how === 'memory exhausted' ? mq_child_php_limited('64M', $args) : mq_child_php("-d memory_limit=64M $args"), 15);
    // The broker counts what it has routed; give it a moment to settle.
    $count = -1;
    for ($i = 0; $i < 50; $i++) {
        [, $count] = $ch->queue_declare($q, true);
        if ($count >= N) {
            break;
        }
        usleep(100000);
    }
    $out = preg_replace('/ in \S+ on line \d+|Stack trace:.*|\(tried to allocate \d+ bytes\)/s', '', trim($r['out']));
    printf("%s: status %s, %s, %s\n", $how, $r['status'],
        $count === N ? 'every message' : "$count messages (lost " . (N - $count) . ')', json_encode(preg_replace('/\s+/', ' ', $out)));
    $ch->queue_delete($q);
}
$conn->close();
?>
--EXPECTF--
end of script: status 0, every message, "published"
exit(): status 3, every message, "published"
fatal error: status 255, every message, "published Fatal error: Uncaught Error: Call to undefined function undefined_function_for_the_test()%s"
uncaught exception: status 255, every message, "published Fatal error: Uncaught RuntimeException: uncaught%s"
no close on destruct: status 0, every message, "published"
memory exhausted: status 255, every message, "published Fatal error: Allowed memory size of 67108864 bytes exhausted%s"
dropped mid-script: status 0, every message, "published dropped still running"
