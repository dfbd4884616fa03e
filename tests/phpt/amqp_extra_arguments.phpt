--TEST--
php-amqplib's methods are PHP code, which ignores arguments passed beyond those it declares: so do mq's (they threw "expects at most N arguments"), and the extra arguments are released; too few still throw ArgumentCountError
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 3.0, null, false, 0, 0.0, null, null, 'extra');
$ch = $c->channel(null, 'extra');
[$q] = $ch->queue_declare('', false, false, true, true, false, [], null, 'extra');
$ch->basic_publish(new AMQPMessage('body'), '', $q, false, false, null, 'extra', 'more');
$m = $ch->basic_get($q, false, null, 'extra');
echo $m->getBody(), "\n";
$ch->basic_ack($m->getDeliveryTag(), false, 'extra');
var_dump($c->isConnected('extra'), $ch->is_open('extra'));

$extra = new stdClass();
$before = memory_get_usage();
for ($i = 0; $i < 5000; $i++) {
    $ch->getChannelId($extra, str_repeat('x', 100) . $i, [$i]);
}
printf("memory kept by 5000 calls with extra arguments: %s\n", memory_get_usage() - $before < 1024 ? 'none' : memory_get_usage() - $before);
unset($extra);

try {
    $ch->basic_ack();
} catch (ArgumentCountError $e) {
    echo get_class($e), "\n";
}
$ch->close(0, '', [0, 0], 'extra');
$c->close(0, '', [0, 0], 'extra');
var_dump($c->isConnected());
?>
--EXPECT--
body
bool(true)
bool(true)
memory kept by 5000 calls with extra arguments: none
ArgumentCountError
bool(false)
