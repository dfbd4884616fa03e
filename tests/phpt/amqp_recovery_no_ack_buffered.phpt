--TEST--
recovery and a no_ack consumer: deliveries that reached mq but not the callback when the connection was lost are handed over on the recovered channel before the new ones (the broker counts them as delivered: dropping them lost them), each once, in order, with tags below the recovered channel's; an ack consumer's are still left to the broker, which requeues them
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery=On
mq.amqp_recovery_interval_ms=100
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

$publisher = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$pub = $publisher->channel();

foreach ([true, false] as $noAck) {
    echo $noAck ? "no_ack consumer\n" : "ack consumer\n";
    $name = fresh_name('mq-recovery-noack');
    $config = new AMQPConnectionConfig();
    $config->setPort(amqp_port());
    $config->setConnectionName($name);
    $conn = AMQPConnectionFactory::create($config);
    $ch = $conn->channel();
    $q = fresh_name('mq-recovery-noack-q');
    $pub->queue_declare($q, false, false, false, false);
    $got = [];
    $tags = [];
    $ch->basic_qos(0, 100, false);
    $ch->basic_consume($q, '', false, $noAck, false, false, function (AMQPMessage $m) use (&$got, &$tags, $noAck) {
        $got[] = $m->getBody();
        $tags[] = $m->getDeliveryTag();
        if (!$noAck) {
            $m->ack();
        }
    });
    for ($i = 0; $i < 20; $i++) {
        $pub->basic_publish(new AMQPMessage("before$i"), '', $q);
    }
    usleep(500000); // they reach mq; no wait() hands them over
    amqp_force_close($name, 'no_ack buffered') || print("connection not found\n");
    usleep(500000);
    for ($i = 0; $i < 20; $i++) {
        $pub->basic_publish(new AMQPMessage("after$i"), '', $q);
    }
    for ($i = 0; $i < 100 && count($got) < 40; $i++) {
        try {
            $ch->wait(null, false, 0.5);
        } catch (AMQPTimeoutException $e) {
        }
    }
    $expected = array_merge(array_map(fn($i) => "before$i", range(0, 19)), array_map(fn($i) => "after$i", range(0, 19)));
    echo "  every message once, in order: ", var_export($got === $expected, true), "\n";
    $sorted = array_values(array_unique($tags));
    sort($sorted);
    echo "  tags unique and growing: ", var_export($tags === $sorted, true), "\n";
    echo "  left in the queue: ", $pub->queue_declare($q, true)[1], "\n";
    $pub->queue_delete($q);
    $conn->close();
}
$publisher->close();
?>
--EXPECT--
no_ack consumer
  every message once, in order: true
  tags unique and growing: true
  left in the queue: 0
ack consumer
  every message once, in order: true
  tags unique and growing: true
  left in the queue: 0
