--TEST--
Mq\Publisher with recovery off: the broker closes the connection between send() and waitForAll(); the wait throws php-amqplib's exception (never a timeout outcome) and the messages not settled stay pending
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\Publisher;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Message\AMQPMessage;

$name = fresh_name('mq-publisher-lost');
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$conn = AMQPConnectionFactory::create($config);
$ch = $conn->channel();
$q = fresh_name('mq-publisher-lost-q');
$ch->queue_declare($q, false, false, false, true);
$publisher = new Publisher($ch);
for ($i = 0; $i < 50; $i++) {
    $publisher->send(new AMQPMessage("m$i"), '', $q);
}
var_dump(amqp_force_close($name, 'publisher lost test'));
usleep(500000);
try {
    $publisher->waitForAll(5);
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
$counters = $publisher->getCounters();
var_dump($counters['pending'] > 0, $counters['pending'] + $counters['acked'] === 50, $counters['timed_out']);
?>
--EXPECTF--
bool(true)
PhpAmqpLib\Exception\AMQPConnectionClosedException: CONNECTION_FORCED - publisher lost test(0, 0)
bool(true)
bool(true)
int(0)
