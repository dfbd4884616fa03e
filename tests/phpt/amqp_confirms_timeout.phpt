--TEST--
publisher confirms: reject-publish overflow gives 1 ack + 9 nacks, in delivery-tag order, to handlers that get the very published message objects; wait_for_pending_acks($timeout) bounds the whole wait while confirms trickle in (php-amqplib #720)
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\AMQPTable;

// Part 1: x-max-length 1 + x-overflow reject-publish: the first message is acked, the other nine nacked.
$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('confirm');
$ch->queue_declare($q, false, false, false, false, false, new AMQPTable(['x-max-length' => 1, 'x-overflow' => 'reject-publish']));
$ch->confirm_select();
$acked = $nacked = [];
$ch->set_ack_handler(function (AMQPMessage $m) use (&$acked) { $acked[] = $m; });
$ch->set_nack_handler(function (AMQPMessage $m) use (&$nacked) { $nacked[] = $m; });
$published = [];
for ($i = 1; $i <= 10; $i++) {
    $ch->basic_publish($published[] = new AMQPMessage("m$i"), '', $q);
}
$ch->wait_for_pending_acks(5);
var_dump(count($acked), count($nacked));
// Handlers run in delivery-tag order (as php-amqplib, which settles its published_messages in order),
// each with the very object that was published.
$show = fn (array $ms) => implode(' ', array_map(fn ($m) => $m->getDeliveryTag() . ':' . $m->getBody()
    . ($m === $published[$m->getDeliveryTag() - 1] ? '' : '(OTHER OBJECT)'), $ms));
echo 'acked: ', $show($acked), "\n";
echo 'nacked: ', $show($nacked), "\n";
echo 'tags: ', implode(' ', array_map(fn ($m) => $m->getDeliveryTag(), $published)), "\n";
var_dump($ch->basic_get($q, true)?->getBody());
$ch->queue_delete($q);
$conn->close();

// Part 2: a TCP proxy between mq and the broker that, on command, passes the broker's bytes on one
// every 50 ms, so no confirm frame (21 bytes) can arrive within 0.5 s however the broker batches them.
$proxy = <<<'PHP'
$srv = stream_socket_server('tcp://127.0.0.1:0');
echo parse_url('tcp://' . stream_socket_get_name($srv, false), PHP_URL_PORT), "\n";
$client = stream_socket_accept($srv, 10);
$up = stream_socket_client('tcp://127.0.0.1:' . $argv[1]);
$slow = false; $pending = ''; $next = 0.0; $deadline = microtime(true) + 60;
while (microtime(true) < $deadline) {
    $r = [$client, $up, STDIN]; $w = $e = null;
    if (stream_select($r, $w, $e, 0, 10000) === false) break;
    foreach ($r as $s) {
        $data = fread($s, 65536);
        if ($data === '' || $data === false) exit(0);   // a side closed
        if ($s === STDIN) { $slow = trim($data) === 'slow'; echo "ok\n"; }
        elseif ($s === $client) fwrite($up, $data);
        else $pending .= $data;
    }
    if ($pending !== '' && !$slow) { fwrite($client, $pending); $pending = ''; }
    elseif ($pending !== '' && microtime(true) >= $next) { fwrite($client, $pending[0]); $pending = substr($pending, 1); $next = microtime(true) + 0.05; }
}
PHP;
$proc = proc_open([PHP_BINARY, '-n', '-r', $proxy, (string) amqp_port()], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
var_dump($port > 0);

$conn = new AMQPStreamConnection('127.0.0.1', $port, 'guest', 'guest');
$ch = $conn->channel();
[$q] = $ch->queue_declare('', false, false, true, true);
$ch->confirm_select();
$acks = 0;
$ch->set_ack_handler(function () use (&$acks) { $acks++; });
fwrite($pipes[0], "slow\n");
var_dump(trim(fgets($pipes[1])));
for ($i = 0; $i < 5; $i++) {
    $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
}
$t = microtime(true);
try {
    $ch->wait_for_pending_acks(0.5);
    echo "no timeout\n";
} catch (AMQPTimeoutException $e) {
    echo get_class($e), "\n";
}
$elapsed = microtime(true) - $t;
var_dump($elapsed >= 0.45 && $elapsed < 1.0);
if (!($elapsed >= 0.45 && $elapsed < 1.0)) {
    echo "elapsed $elapsed\n";
}
var_dump($acks < 5);

// Back to full speed: the pending confirms arrive, the channel works.
fwrite($pipes[0], "fast\n");
var_dump(trim(fgets($pipes[1])));
$ch->wait_for_pending_acks(5);
var_dump($acks);
[, $count] = $ch->queue_declare($q, true);
var_dump($count);
$conn->close();
fclose($pipes[0]);
fclose($pipes[1]);
proc_close($proc);
?>
--EXPECT--
int(1)
int(9)
acked: 1:m1
nacked: 2:m2 3:m3 4:m4 5:m5 6:m6 7:m7 8:m8 9:m9 10:m10
tags: 1 2 3 4 5 6 7 8 9 10
string(2) "m1"
bool(true)
string(2) "ok"
PhpAmqpLib\Exception\AMQPTimeoutException
bool(true)
bool(true)
string(2) "ok"
int(5)
int(5)
