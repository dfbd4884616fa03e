--TEST--
connections the broker kills (forced from the management API) while their channels open and close give back their eventfds: lapin's internal RPC task, stopped as the I/O loop ended, left the channel removals the connection's failure queued after the stop in its command queue, where each held a handle of that queue, and with it the I/O loop's eventfd, for good (2 to 5 of these 12 connections leaked one)
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;

function eventfds(): int
{
    $n = 0;
    foreach (scandir('/proc/self/fd') as $fd) {
        if ($fd[0] !== '.' && @readlink("/proc/self/fd/$fd") === 'anon_inode:[eventfd]') {
            $n++;
        }
    }
    return $n;
}

function open_named(string $name)
{
    $config = new AMQPConnectionConfig();
    $config->setPort(amqp_port());
    $config->setConnectionName($name);
    return AMQPConnectionFactory::create($config);
}

open_named(fresh_name('mq-killed-fds'))->close(); // the runtime's own descriptors, made once
usleep(100000);
$before = eventfds();

// Each connection keeps a few channels open (one removal each is queued when the connection fails).
$connections = [];
$kept = [];
for ($i = 0; $i < 12; $i++) {
    $name = fresh_name('mq-killed-fds');
    $connections[$name] = open_named($name);
    for ($j = 0; $j < 5; $j++) {
        $kept[$name][] = $connections[$name]->channel();
    }
}

// The management API lists new connections after a moment.
$api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
$listed = [];
for ($i = 0; $i < 150 && count($listed) < count($connections); $i++) {
    foreach (json_decode((string) shell_exec("curl -s -u guest:guest '$api?columns=name,client_properties'"), true) ?: [] as $c) {
        $name = $c['client_properties']['connection_name'] ?? '';
        if (isset($connections[$name])) {
            $listed[$name] = $c['name'];
        }
    }
    count($listed) < count($connections) && usleep(100000);
}
printf("listed: %d of %d\n", count($listed), count($connections));

// Each one is killed from another process after a moment, while its channels open and close.
$lost = 0;
foreach ($connections as $name => $conn) {
    $url = escapeshellarg("$api/" . rawurlencode($listed[$name] ?? ''));
    exec(sprintf('(sleep 0.0%d; curl -s -u guest:guest -X DELETE %s) >/dev/null 2>&1 &', mt_rand(1, 6), $url));
    $start = microtime(true);
    try {
        while (microtime(true) - $start < 5) {
            $conn->channel()->close();
            $kept[$name][0]->queue_declare('', false, false, true, true);
        }
    } catch (PhpAmqpLib\Exception\AMQPRuntimeException $e) {
        $lost++;
    }
    $conn->close();
}
printf("connections lost: %d\n", $lost);
unset($connections, $kept, $conn, $e);
gc_collect_cycles();

// The I/O threads end a moment after their connection.
for ($i = 0; $i < 40 && eventfds() > $before; $i++) {
    usleep(50000);
}
printf("eventfds left open: %d\n", max(0, eventfds() - $before));
?>
--EXPECT--
listed: 12 of 12
connections lost: 12
eventfds left open: 0
