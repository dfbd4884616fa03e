--TEST--
recovery under a running consumer: the broker closes the connection while wait() blocks; the loop goes on without a restart, the consumer is started again on the new connection with its callback, and every message published after the close is handled once; with recovery off the same close ends the wait with php-amqplib's exception
--EXTENSIONS--
mq
--INI--
mq.amqp_recovery=On
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
require dirname(__DIR__) . '/tools/child_php.php';
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

function consume_through_a_close(bool $recovery): void
{
    $name = fresh_name('mq-recovery-consumer');
    $config = new AMQPConnectionConfig();
    $config->setPort(amqp_port());
    $config->setConnectionName($name);
    $config->setAutomaticRecovery($recovery);
    $conn = AMQPConnectionFactory::create($config);
    $events = [];
    $conn->set_connection_recovery_handler(function (string $state) use (&$events) { $events[] = $state; });
    $ch = $conn->channel();
    $queue = fresh_name('mq-recovery-consumer-q');
    $ch->queue_declare($queue, false, true, false, false);
    $ch->basic_qos(0, 10, false);
    $got = [];
    $ch->basic_consume($queue, '', false, false, false, false, function (AMQPMessage $m) use (&$got) {
        $got[] = $m->getBody();
        $m->ack();
    });
    $child = popen(mq_child_php(escapeshellarg(dirname(__DIR__) . '/tools/amqp_recovery_disrupt_child.php') . " $name $queue 20"), 'r');
    $deadline = microtime(true) + 15;
    try {
        while (count($got) < 20 && microtime(true) < $deadline) {
            try {
                $ch->wait(null, false, 1);
            } catch (AMQPTimeoutException $e) {
            }
        }
        echo "recovery ", var_export($recovery, true), ": handled ", count(array_unique($got)), " distinct of ", count($got), "\n";
    } catch (Exception $e) {
        echo "recovery ", var_export($recovery, true), ": ", get_class($e), ": ", $e->getMessage(), "\n";
    }
    echo trim(stream_get_contents($child)), "\n";
    pclose($child);
    echo "events: ", implode(', ', $events), "\n";
    $cleanup = AMQPConnectionFactory::create($config);
    $left = $cleanup->channel()->queue_delete($queue);
    echo "left in the queue: $left\n";
    $cleanup->close();
}

consume_through_a_close(true);
consume_through_a_close(false);
?>
--EXPECTF--
recovery true: handled 20 distinct of 20
closed
published 20
events: lost, recovered
left in the queue: 0
recovery false: PhpAmqpLib\Exception\AMQPConnectionClosedException: CONNECTION_FORCED - recovery under a consumer%s
closed
published 20
events: 
left in the queue: 20
