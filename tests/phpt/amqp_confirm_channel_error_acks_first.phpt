--TEST--
confirm mode, the broker closes the channel (a publish to a missing exchange) after acking 20 publishes: the ack handler gets all 20 before the 404 is thrown, whether the next call is another basic_publish or wait_for_pending_acks, with automatic recovery off or on (the broker's 404 is not recovered) (php-amqplib hands them over at its next wait, then throws; mq threw the 404 from the next publish with the acks never handed over)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Message\AMQPMessage;

foreach ([false, true] as $recovery) {
$config = new AMQPConnectionConfig();
$config->setAutomaticRecovery($recovery);
$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest', '/', false, 'AMQPLAIN', null, 'en_US', 3.0, 3.0, null, false, 0, 0.0, null, $config);
foreach (['basic_publish', 'wait_for_pending_acks'] as $next) {
    $ch = $c->channel();
    $q = fresh_name('cf-acks-first');
    $ch->queue_declare($q, false, false, false, false);
    $ch->confirm_select();
    $acked = [];
    $ch->set_ack_handler(function (AMQPMessage $m) use (&$acked) { $acked[] = $m->getDeliveryTag(); });
    $ch->set_nack_handler(function (AMQPMessage $m) { echo "nack {$m->getDeliveryTag()}\n"; });
    for ($i = 0; $i < 20; $i++) {
        $ch->basic_publish(new AMQPMessage("m$i"), '', $q);
    }
    // The broker sends its acks before it sees the bad publish, and its channel.close after that.
    usleep(200000);
    $ch->basic_publish(new AMQPMessage('bad'), "missing-$q", 'k');
    usleep(200000);
    $error = 'none';
    try {
        if ($next === 'basic_publish') {
            $ch->basic_publish(new AMQPMessage('after'), '', $q);
        }
        $ch->wait_for_pending_acks(5);
    } catch (Throwable $e) {
        $error = get_class($e) . ' ' . $e->getCode() . ' from ' . $e->getTrace()[0]['function'];
    }
    echo 'recovery ', $recovery ? 'on' : 'off', ", next call $next: $error; acked before: ", $acked === range(1, 20) ? 'tags 1 to 20' : json_encode($acked), "\n";
    $c->channel()->queue_delete($q);
}
$c->close();
}
?>
--EXPECT--
recovery off, next call basic_publish: PhpAmqpLib\Exception\AMQPProtocolChannelException 404 from basic_publish; acked before: tags 1 to 20
recovery off, next call wait_for_pending_acks: PhpAmqpLib\Exception\AMQPProtocolChannelException 404 from wait_for_pending_acks; acked before: tags 1 to 20
recovery on, next call basic_publish: PhpAmqpLib\Exception\AMQPProtocolChannelException 404 from basic_publish; acked before: tags 1 to 20
recovery on, next call wait_for_pending_acks: PhpAmqpLib\Exception\AMQPProtocolChannelException 404 from wait_for_pending_acks; acked before: tags 1 to 20
