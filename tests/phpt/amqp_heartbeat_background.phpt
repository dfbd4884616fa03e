--TEST--
heartbeat=2 and a consumer callback that blocks 7 s (over three intervals): the connection survives, can ack, publish and get, and the broker still lists it
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

/** "127.0.0.1:LOCAL -> 127.0.0.1:5672" names of this process' TCP connections to the broker (from /proc). */
function my_broker_connections(): array
{
    $inodes = [];
    foreach (glob('/proc/self/fd/*') as $fd) {
        if (preg_match('/^socket:\[(\d+)\]$/', (string) @readlink($fd), $m)) {
            $inodes[$m[1]] = true;
        }
    }
    $names = [];
    foreach (file('/proc/self/net/tcp', FILE_IGNORE_NEW_LINES) as $line) {
        $f = preg_split('/\s+/', trim($line));
        if (!isset($f[9]) || !isset($inodes[$f[9]])) {
            continue;
        }
        [, $lport] = explode(':', $f[1]);
        [, $rport] = explode(':', $f[2]);
        if (hexdec($rport) === amqp_port() && $f[3] === '01') { // ESTABLISHED
            $names[] = '127.0.0.1:' . hexdec($lport) . ' -> 127.0.0.1:' . amqp_port();
        }
    }
    return $names;
}

/** Whether the management API lists the connection; polls (the listing may lag a little). */
function broker_lists(string $name, float $for = 8.0): bool
{
    return broker_connection($name, $for) !== null;
}

/** The management API's record of the connection, or null. */
function broker_connection(string $name, float $for): ?array
{
    $deadline = microtime(true) + $for;
    do {
        $json = shell_exec('curl -s -u guest:guest http://127.0.0.1:15672/api/connections');
        foreach (json_decode((string) $json, true) ?: [] as $c) {
            if (($c['name'] ?? null) === $name) {
                return $c;
            }
        }
        usleep(200000);
    } while (microtime(true) < $deadline);
    return null;
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US',
    3.0, 3.0, null, false, 2);
var_dump($conn->getHeartbeat());
$names = my_broker_connections();
var_dump(count($names));
$name = $names[0];
var_dump(broker_lists($name));
// The broker really runs heartbeats of 2 s on this connection (its "timeout" is the negotiated heartbeat).
var_dump(broker_connection($name, 8.0)['timeout'] ?? null);

$ch = $conn->channel();
$q = fresh_name('hb');
$ch->queue_declare($q, false, false, false, false);
$ch->basic_publish(new AMQPMessage('first'), '', $q);

$seen = [];
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$seen) {
    $seen[] = $m;
    $t = microtime(true);
    sleep(7);                       // blocks PHP: no heartbeat can come from PHP code here
    printf("slept %d s\n", (int) round(microtime(true) - $t));
});
$ch->wait(null, false, 5);
var_dump(count($seen), $seen[0]->getBody());

// Still connected after 7 s without PHP touching the socket.
var_dump($conn->isConnected(), $ch->is_open());
$seen[0]->ack();
$ch->basic_cancel($tag);
$ch->basic_publish(new AMQPMessage('second'), '', $q);
$got = null;
for ($i = 0; $i < 100 && $got === null; $i++) {
    $got = $ch->basic_get($q, true) ?? (usleep(20000) ?: null);
}
var_dump($got?->getBody());
// The first message was acked: nothing else is left.
var_dump($ch->basic_get($q, true));
var_dump(broker_lists($name), my_broker_connections() === [$name]);

$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
int(2)
int(1)
bool(true)
int(2)
slept 7 s
int(1)
string(5) "first"
bool(true)
bool(true)
string(6) "second"
NULL
bool(true)
bool(true)
