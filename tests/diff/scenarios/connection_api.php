<?php
// Connection and channel bookkeeping: channel ids, explicit ids, closing twice, server properties.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPStreamConnection;

$conn = connect();
show('class', get_class($conn));
show('isConnected', $conn->isConnected());
show('isBlocked', $conn->isBlocked());
show('getHeartbeat', $conn->getHeartbeat());
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
$c = $conn->channel(42);
show('explicit id', $c->getChannelId());
show('channel ids known to the connection', array_keys($conn->channels));
show('close a', $a->close());
show('a is_open', $a->is_open());
show('close a again', $a->close());
show('ids after closing a', array_keys($conn->channels));
$d = $conn->channel();
show('next free id', $d->getChannelId());
show('library properties product', $conn->getLibraryProperties()['product'] ?? null);
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
