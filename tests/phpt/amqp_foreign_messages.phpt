--TEST--
messages from another client (php-amqplib in a child process): headers nested 1500 deep are rejected with a warning (dead-lettered, the consumer goes on with the next message; basic_get returns null), 100 deep arrive intact, a non-UTF-8 content_type and header name arrive byte-exact, and mq publishes those bytes for php-amqplib to read exactly
--EXTENSIONS--
mq
--SKIPIF--
<?php
if (!is_file('/usr/share/php/PhpAmqpLib/autoload.php')) {
    die('skip php-amqplib is not installed');
}
exec(escapeshellarg(PHP_BINARY) . ' -n -d extension=mbstring -r "exit(function_exists(\'mb_strlen\') ? 0 : 1);" 2>/dev/null', $_, $rc);
if ($rc !== 0) {
    die('skip no mbstring for php-amqplib');
}
?>
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/run_child.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

function amqplib(string ...$args): string
{
    $cmd = escapeshellarg(PHP_BINARY) . ' -n -d extension=mbstring ' . escapeshellarg(dirname(__DIR__) . '/tools/amqplib_child.php')
        . ' ' . implode(' ', array_map('escapeshellarg', $args));
    $r = run_with_deadline($cmd, 15);
    return $r['status'] === 0 ? trim($r['out']) : "php-amqplib child: status {$r['status']}, " . $r['out'];
}

$warnings = [];
set_error_handler(function (int $no, string $msg) use (&$warnings) {
    $warnings[] = $msg;
    return true;
}, E_WARNING);
function warnings(): string
{
    global $warnings;
    $w = $warnings;
    $warnings = [];
    return $w === [] ? 'no warning' : implode('; ', array_map(fn ($m) => str_contains($m, '128') ? 'warning mentioning 128' : "warning: $m", $w));
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$dlx = fresh_name('foreign-dlx');
$dlq = fresh_name('foreign-dlq');
$q = fresh_name('foreign');
$ch->exchange_declare($dlx, 'fanout', false, false, true);
$ch->queue_declare($dlq, false, false, false, false, false, new AMQPTable(['x-expires' => 60000]));  // not exclusive: php-amqplib reads it
$ch->queue_bind($dlq, $dlx);
$ch->queue_declare($q, false, false, false, false, false, new AMQPTable(['x-dead-letter-exchange' => $dlx, 'x-expires' => 60000]));

function count_in(string $queue, int $expected): int
{
    global $ch;
    for ($i = 0; $i < 50; $i++) {
        [, $n] = $ch->queue_declare($queue, true);
        if ($n === $expected) {
            break;
        }
        usleep(50000);
    }
    return $n;
}
function depth($v): int
{
    for ($d = 0; is_array($v); $d++) {
        $v = $v['k'] ?? $v['leaf'];
    }
    return $d;
}

echo "-- a consumer\n";
echo amqplib('publish', $q, 'deep1500', 'normal', 'deep100', 'binary'), "\n";
$got = [];
$ch->basic_consume($q, 'c', false, false, false, false, function (AMQPMessage $m) use (&$got) {
    $line = $m->getBody();
    if ($m->getBody() === 'deep100') {
        $line .= ': depth ' . depth($m->get('application_headers')->getNativeData());
    }
    if ($m->getBody() === 'binary') {
        $line .= ': content_type ' . bin2hex($m->get('content_type')) . ', headers '
            . implode(',', array_map(fn ($k, $v) => bin2hex($k) . '=' . bin2hex($v), array_keys($h = $m->get('application_headers')->getNativeData()), $h));
    }
    $got[] = $line;
    $m->ack();
});
$deadline = microtime(true) + 10;
while (count($got) < 3 && microtime(true) < $deadline) {
    try {
        $ch->wait(null, false, 1);
    } catch (PhpAmqpLib\Exception\AMQPTimeoutException $e) {
    }
}
$ch->basic_cancel('c');
echo implode("\n", $got), "\n";
echo warnings(), "\n";
echo 'dead-lettered: ', count_in($dlq, 1), "\n";
echo 'left in the queue: ', count_in($q, 0), "\n";
echo 'connection still usable: ', var_export($conn->isConnected() && $ch->is_open() && is_array($ch->queue_declare($q, true)), true), "\n";
// What was dead-lettered is the deep message, as php-amqplib reads it.
$dead = amqplib('get', $dlq);
echo 'in the DLQ: ', json_decode($dead, true)['body'] ?? $dead, "\n";

echo "-- basic_get\n";
echo amqplib('publish', $q, 'deep1500', 'normal'), "\n";
count_in($q, 2);
var_dump($ch->basic_get($q));
echo warnings(), "\n";
echo 'dead-lettered: ', count_in($dlq, 1), "\n";
echo 'next: ', $ch->basic_get($q, true)?->getBody(), "\n";
echo warnings(), "\n";

echo "-- mq publishes non-UTF-8 bytes\n";
$ch->basic_publish(new AMQPMessage('binary', ['content_type' => "\xff\xfe", 'application_headers' => new AMQPTable(["k\xff" => "v\xfe"])]), '', $q);
$ch->basic_publish(new AMQPMessage('binary legacy', ['content_type' => "\xff\xfe", 'application_headers' => ["k\xff" => ['S', "v\xfe"]]]), '', $q);
echo 'php-amqplib reads: ', amqplib('get', $q), "\n";
echo 'php-amqplib reads: ', amqplib('get', $q), "\n";
$ch->basic_publish(new AMQPMessage('binary', ['content_type' => "\xff\xfe", 'application_headers' => new AMQPTable(["k\xff" => "v\xfe"])]), '', $q);
count_in($q, 1);
$m = $ch->basic_get($q, true);
$h = $m->get('application_headers')->getNativeData();
echo 'mq reads: ', bin2hex($m->get('content_type')), ' ', bin2hex(array_key_first($h)), '=', bin2hex(reset($h)), "\n";
echo warnings(), "\n";

$ch->queue_delete($q);
$ch->queue_delete($dlq);
$ch->exchange_delete($dlx);
$conn->close();
?>
--EXPECT--
-- a consumer
published
normal
deep100: depth 100
binary: content_type fffe, headers 6bff=76fe
warning mentioning 128
dead-lettered: 1
left in the queue: 0
connection still usable: true
in the DLQ: deep1500
-- basic_get
published
NULL
warning mentioning 128
dead-lettered: 1
next: normal
no warning
-- mq publishes non-UTF-8 bytes
php-amqplib reads: {"body":"binary","content_type":"fffe","headers":["6bff=76fe"]}
php-amqplib reads: {"body":"binary legacy","content_type":"fffe","headers":["6bff=76fe"]}
mq reads: fffe 6bff=76fe
no warning
