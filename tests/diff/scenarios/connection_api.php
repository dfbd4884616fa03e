<?php
// Connection and channel bookkeeping: channel ids, closing twice, reconnecting on channel().
// Not compared: the default heartbeat (see heartbeat_default.php).
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;

$conn = connect();
show('class', get_class($conn));
show('isConnected', $conn->isConnected());
show('isBlocked', $conn->isBlocked());
show('getReadTimeout', $conn->getReadTimeout());
$props = $conn->getServerProperties();
show('server property keys', array_values(array_intersect(['capabilities', 'cluster_name', 'copyright', 'information', 'platform', 'product', 'version'], array_keys($props))));
show('product', $props['product']);
show('capabilities publisher_confirms', $props['capabilities'][1]['publisher_confirms'] ?? null);
$a = $conn->channel();
$b = $conn->channel();
show('channel ids', [$a->getChannelId(), $b->getChannelId()]);
show('getConnection is the connection', $a->getConnection() === $conn);
show('channel() with an existing id returns that channel', $conn->channel($a->getChannelId()) === $a);
show('channel ids known to the connection', array_keys($conn->channels));
show('close a', $a->close());
show('a is_open', $a->is_open());
show('close a again', $a->close());
show('ids after closing a', array_keys($conn->channels));
$d = $conn->channel();
show('a new channel gets the lowest id free', $d->getChannelId());
$e = $conn->channel(7);
show('channel(7) opens channel 7', $e->getChannelId());
show('channel(7) again is that channel', $conn->channel(7) === $e);
show('close connection', $conn->close());
show('isConnected after close', $conn->isConnected());
show('b is_open after connection close', $b->is_open());
show('close connection again', $conn->close());
attempt('channel on a closed connection (reconnects)', fn() => $conn->channel()->getChannelId());
show('isConnected after that', $conn->isConnected());
$conn->close();

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 3.0, null, false, 10);
show('negotiated heartbeat', $conn->getHeartbeat());
$conn->close();
attempt('unknown vhost', fn() => new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/mqdiff-no-such-vhost'));

// The factory builds the plain class whatever the config says of laziness; a lazy config makes it lazy.
$config = new PhpAmqpLib\Connection\AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setIsLazy(true);
$lazy = PhpAmqpLib\Connection\AMQPConnectionFactory::create($config);
show('factory with a lazy config: class, connected', [get_class($lazy), $lazy->isConnected()]);
show('it connects on first use', $lazy->channel()->getChannelId());
$lazy->close();
