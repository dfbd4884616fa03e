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
// The acks the broker sent before the loss are handed over first (as php-amqplib reads them off the
// socket); only publishes left unanswered make waitForAll() throw the loss.
$thrown = null;
try {
    $publisher->waitForAll(5);
} catch (Exception $e) {
    $thrown = $e;
}
$counters = $publisher->getCounters();
var_dump($thrown === null ? $counters['pending'] === 0
    : $thrown instanceof PhpAmqpLib\Exception\AMQPConnectionClosedException && str_contains($thrown->getMessage(), 'CONNECTION_FORCED') && $counters['pending'] > 0);
var_dump($counters['pending'] + $counters['acked'] === 50, $counters['timed_out']);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(0)
