<?php
// Which transport a connection dials: TLS exactly when the stream context carries "ssl" options and the
// protocol is not 'tcp' (php-amqplib 3.5's StreamIO), whatever AMQPConnectionConfig::isSecure() says.
// Every case here must end up on plain TCP, at the broker's non-TLS port.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPSSLConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;

set_error_handler(function ($severity, $message) {
    out("notice ($severity): $message");
    return true;
});

function use_it(string $label, callable $connect): void
{
    attempt($label, function () use ($connect) {
        $conn = $connect();
        $ch = $conn->channel();
        [$q] = $ch->queue_declare('', false, false, true, true);
        $result = get_class($conn) . ', connected ' . var_export($conn->isConnected(), true)
            . ', declared ' . (strlen($q) > 0 ? 'a queue' : 'nothing');
        $conn->close();
        return $result;
    });
}

function secure_config(): AMQPConnectionConfig
{
    $config = new AMQPConnectionConfig();
    $config->setHost('127.0.0.1');
    $config->setPort(amqp_port());
    $config->setUser('guest');
    $config->setPassword('guest');
    $config->setIsSecure(true);
    return $config;
}

// The factory's secure connection with no TLS settings at all: no ssl options, so TCP (deprecated).
use_it('factory, secure, no ssl settings', fn() => AMQPConnectionFactory::create(secure_config()));

// TLS settings but the config's default network protocol 'tcp': the CA file is never read.
use_it('factory, secure, ssl settings, protocol tcp', function () {
    $config = secure_config();
    $config->setSslCaCert('/nonexistent/ca.pem');
    $config->setSslVerify(true);
    return AMQPConnectionFactory::create($config);
});

use_it('AMQPSSLConnection, ssl options, protocol tcp', fn() => new AMQPSSLConnection(
    '127.0.0.1', amqp_port(), 'guest', 'guest', '/', ['verify_peer' => true], [], 'tcp'
));

// A protocol without ssl options is TCP too, and not deprecated in 3.5.
use_it('AMQPStreamConnection, protocol tls, no context', fn() => new AMQPStreamConnection(
    '127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 3.0, null,
    false, 0, 0.0, 'tls'
));
