<?php
// A class extending AbstractConnection itself, constructed as php-amqplib's AMQPStreamConnection constructs
// itself: parent::__construct() with the login, a StreamIO carrying host, port, timeouts and TLS context,
// the heartbeat and timeouts, and a config. Connecting, getIO(), a lazy subclass, and the arguments
// php-amqplib refuses (no IO, one of another type, a config that is none).
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Message\AMQPMessage;
use PhpAmqpLib\Wire\IO\StreamIO;

class DirectConnection extends AbstractConnection
{
    public function __construct($io, ...$rest)
    {
        parent::__construct('guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', $io, ...$rest);
    }
}

class LazyDirectConnection extends DirectConnection
{
    public function connectOnConstruct(): bool
    {
        return false;
    }
}

function stream_io(int $port, float $timeout = 3.0): StreamIO
{
    return new StreamIO('127.0.0.1', $port, $timeout, $timeout, null, false, 0);
}

$io = stream_io(amqp_port());
$conn = new DirectConnection($io, 0, 3.0, 0.0, new AMQPConnectionConfig());
show('connected', $conn->isConnected());
show('getIO is the StreamIO given', $conn->getIO() === $io);
$ch = $conn->channel();
[$queue] = $ch->queue_declare(name('subclass'), false, false, true);
$ch->basic_publish(new AMQPMessage('through a subclass'), '', $queue);
show('delivered', drain($ch, $queue, 1));
$conn->close();
show('closed', $conn->isConnected());

$lazy = new LazyDirectConnection(stream_io(amqp_port()));
show('lazy connected before use', $lazy->isConnected());
$lazy->channel();
show('lazy connected after channel()', $lazy->isConnected());
$lazy->close();

// Only AMQPStreamConnection checks the channel RPC timeout against the read-write timeout.
attempt('channel RPC timeout above the IO\'s read timeout', fn() => (new DirectConnection(stream_io(amqp_port()), 0, 3.0, 3.5))->close());
attempt('no IO', fn() => new DirectConnection(null));
attempt('IO of another type', fn() => new DirectConnection('127.0.0.1'));
attempt('config of another type', fn() => new DirectConnection(stream_io(amqp_port()), 0, 3.0, 0.0, 'a config'));
attempt('refused port', fn() => new DirectConnection(stream_io(1, 1.0)));

// AbstractConnection itself is abstract; what a subclass that skips its constructor (a test double, as
// RabbitMqBundle's tests make) answers without state.
show('AbstractConnection is abstract', (new ReflectionClass(AbstractConnection::class))->isAbstract());
attempt('new AbstractConnection', fn() => new AbstractConnection('guest', 'guest'));
$double = new class extends AbstractConnection {
    public function __construct()
    {
    }
};
show('connectOnConstruct() of a double', $double->connectOnConstruct());
show('isConnected() of a double', $double->isConnected());
// bool, so a test double returns false from it (mq's is tentative, as its other methods' return types).
$method = new ReflectionMethod(AbstractConnection::class, 'connectOnConstruct');
show('connectOnConstruct() return type', (string) ($method->getReturnType() ?? $method->getTentativeReturnType()));
