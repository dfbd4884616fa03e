--TEST--
the project's RabbitMQ accepts an AMQP connection (Debian's php-amqplib, in a PHP without mq): declare, publish, get
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

// mq.so replaces php-amqplib's classes, so the reference client runs in a child PHP without it.
$script = <<<'PHP'
require '/usr/share/php/PhpAmqpLib/autoload.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;
$conn = new AMQPStreamConnection('127.0.0.1', (int) $argv[1], 'guest', 'guest');
$ch = $conn->channel();
[$queue, $messages, $consumers] = $ch->queue_declare('', false, false, true, true);
var_dump(str_starts_with($queue, 'amq.gen-'), $messages, $consumers);
$body = random_bytes(64);
$ch->basic_publish(new AMQPMessage($body), '', $queue);
$got = null;
for ($i = 0; $i < 50 && $got === null; $i++) {
    $got = $ch->basic_get($queue, true) ?? (usleep(20000) ?: null);
}
var_dump($got !== null && $got->getBody() === $body);
var_dump($conn->getServerProperties()['product'][1]);
$conn->close();
PHP;
echo shell_exec(escapeshellarg(PHP_BINARY) . ' -n -d extension=sockets -d extension=mbstring -r '
    . escapeshellarg($script) . ' ' . amqp_port() . ' 2>&1');
?>
--EXPECT--
bool(true)
int(0)
int(0)
bool(true)
string(8) "RabbitMQ"
