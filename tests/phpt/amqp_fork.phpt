--TEST--
pcntl_fork: the child gets a clear exception (no hang) using the parent's connection and channel, can open its own connection; the child's exit leaves the parent's connection working
--EXTENSIONS--
mq
pcntl
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPChannelClosedException;
use PhpAmqpLib\Exception\AMQPConnectionClosedException;
use PhpAmqpLib\Message\AMQPMessage;

function get_one($ch, string $q): ?AMQPMessage
{
    for ($i = 0; $i < 150; $i++) {
        if (($m = $ch->basic_get($q, true)) !== null) {
            return $m;
        }
        usleep(20000);
    }
    return null;
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('fork');
$ch->queue_declare($q, false, false, false, false);
$ch->basic_publish(new AMQPMessage('from parent before fork'), '', $q);
var_dump(get_one($ch, $q)?->getBody());

/** Forks a child that tries the parent's connection, then its own; returns what it reported. */
function run_child(AMQPStreamConnection $conn, $ch, string $q, int $n): string
{
    $pipe = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
    $pid = pcntl_fork();
    if ($pid === 0) {
        fclose($pipe[0]);
        $report = [];
        $attempts = [
            'basic_publish' => fn () => $ch->basic_publish(new AMQPMessage('from child on parent channel'), '', $q),
            'basic_get' => fn () => $ch->basic_get($q, true),
            'queue_declare' => fn () => $ch->queue_declare($q, true),
            'channel()' => fn () => $conn->channel(),
        ];
        foreach ($attempts as $what => $attempt) {
            $t = microtime(true);
            try {
                $attempt();
                $report[] = "$what: no exception";
            } catch (Throwable $e) {
                $report[] = sprintf('%s: %s, %s, %s', $what,
                    $e instanceof AMQPConnectionClosedException || $e instanceof AMQPChannelClosedException ? 'closed exception' : get_class($e),
                    preg_match('/fork|parent/i', $e->getMessage()) ? 'mentions fork' : 'message: ' . $e->getMessage(),
                    microtime(true) - $t < 2 ? 'fast' : 'slow');
            }
        }
        $report[] = 'isConnected: ' . var_export($conn->isConnected(), true);
        // The child's own connection works.
        $own = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
        $och = $own->channel();
        $och->basic_publish(new AMQPMessage("from child $n"), '', $q);
        $report[] = 'own connection: ' . var_export($own->isConnected(), true);
        $own->close();
        fwrite($pipe[1], json_encode($report));
        fclose($pipe[1]);
        exit(7);   // destructors run: the inherited connection must not be closed for the parent, nor hang
    }
    fclose($pipe[1]);
    stream_set_timeout($pipe[0], 10);
    $report = json_decode(stream_get_contents($pipe[0]), true);
    $deadline = microtime(true) + 10;
    while (($w = pcntl_waitpid($pid, $status, WNOHANG)) === 0 && microtime(true) < $deadline) {
        usleep(20000);
    }
    if ($w === 0) {
        exec("kill -9 " . (int) $pid);
        pcntl_waitpid($pid, $status);
        $report[] = 'child hung at exit';
    }
    $report[] = 'exit: ' . (pcntl_wifexited($status) ? pcntl_wexitstatus($status) : 'signalled');
    return implode("\n", $report ?? ['no report']);
}

// Three children one after the other (a hang at the child's exit does not happen every time).
$reports = [];
$fromChildren = [];
for ($n = 1; $n <= 3; $n++) {
    $reports[] = run_child($conn, $ch, $q, $n);
    $fromChildren[] = get_one($ch, $q)?->getBody();
}
$reports = array_count_values($reports);
foreach ($reports as $report => $times) {
    echo "$times children:\n$report\n";
}
var_dump($fromChildren);

// The parent's connection and channel still work after the children exited.
$ch->basic_publish(new AMQPMessage('from parent after fork'), '', $q);
var_dump(get_one($ch, $q)?->getBody());
var_dump($conn->isConnected(), $ch->is_open());
var_dump($ch->basic_get($q, true));
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
string(23) "from parent before fork"
3 children:
basic_publish: closed exception, mentions fork, fast
basic_get: closed exception, mentions fork, fast
queue_declare: closed exception, mentions fork, fast
channel(): closed exception, mentions fork, fast
isConnected: false
own connection: true
exit: 7
array(3) {
  [0]=>
  string(12) "from child 1"
  [1]=>
  string(12) "from child 2"
  [2]=>
  string(12) "from child 3"
}
string(22) "from parent after fork"
bool(true)
bool(true)
NULL
