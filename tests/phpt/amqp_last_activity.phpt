--TEST--
getLastActivity(): when a frame was last read or written, as microtime(true), as php-amqplib's; null before a lazy connection connects and once closed
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPLazyConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;

$lazy = new AMQPLazyConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
var_dump($lazy->getLastActivity());

$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$a = $c->getLastActivity();
var_dump(is_float($a), abs(microtime(true) - $a) < 1.0);
usleep(1200000);
var_dump(microtime(true) - $c->getLastActivity() > 1.0);   // idle: nothing read or written since
$c->channel()->queue_declare('', false, false, true, true);
$b = $c->getLastActivity();
var_dump($b > $a + 1.0, abs(microtime(true) - $b) < 0.5);
$c->close();
var_dump($c->getLastActivity());
?>
--EXPECT--
NULL
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
NULL
