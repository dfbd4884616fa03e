<?php
// How the variants' scripts connect: plain php-amqplib code. One host: AMQPConnectionFactory with a
// connection name (the runner finds the connection by it to close it); several: create_connection(), which
// tries the hosts in order (php-amqplib's own failover for the first connect).

use PhpAmqpLib\Connection\AbstractConnection;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPStreamConnection;

function connect(array $hosts, string $name): AbstractConnection
{
    if (count($hosts) === 1) {
        $config = new AMQPConnectionConfig();
        $config->setHost($hosts[0]['host']);
        $config->setPort($hosts[0]['port']);
        $config->setConnectionName($name);
        $config->setHeartbeat(10);
        $config->setReadTimeout(30);
        $config->setWriteTimeout(30);
        return AMQPConnectionFactory::create($config);
    }
    return AMQPStreamConnection::create_connection($hosts, ['heartbeat' => 10, 'read_write_timeout' => 30]);
}
