--TEST--
mandatory publishes in confirm mode, routable and unroutable mixed, more published from the ack handler: the return listener gets the returned messages in publish order, as php-amqplib does (lapin attaches a return to whichever publish it settles next, and an unroutable publish's ack overtakes routable ones: returns came out of order), every ack after its message's return, each publish acked once in tag order
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $c->channel();
[$q] = $ch->queue_declare('', false, false, true, true);
$nowhere = 'mq-no-such-queue-' . getmypid();
$returns = [];
$acks = [];
$ackBeforeReturn = 0;
$fromHandler = 0;
$published = [];
$publish = function (string $body, bool $routable) use ($ch, $q, $nowhere, &$published) {
    $published[] = $body;
    $ch->basic_publish(new AMQPMessage($body), '', $routable ? $q : $nowhere, true);
};
$ch->set_return_listener(function ($code, $text, $exchange, $key, AMQPMessage $m) use (&$returns) {
    $returns[] = $m->getBody();
});
$ch->set_ack_handler(function (AMQPMessage $m) use (&$acks, &$returns, &$ackBeforeReturn, &$fromHandler, $publish) {
    $acks[] = $m->getDeliveryTag();
    if ($m->getBody()[0] === 'u' && !in_array($m->getBody(), $returns, true)) {
        $ackBeforeReturn++;
    }
    if ($fromHandler < 100) {
        $fromHandler++;
        $publish(sprintf('%s-h%03d', $fromHandler % 2 ? 'r' : 'u', $fromHandler), $fromHandler % 2 === 1);
    }
});
$ch->confirm_select();
for ($i = 1; $i <= 400; $i++) {
    $publish(sprintf('%s-%03d', $i % 2 ? 'r' : 'u', $i), $i % 2 === 1);
}
for ($k = 0; $k < 5; $k++) {
    $ch->wait_for_pending_acks_returns(10);
}
printf("%d acks, in tag order: %s; %d returns (%d unroutable published)\n", count($acks),
    var_export($acks === range(1, 500), true), count($returns), 250);
$inversions = 0;
$tagOf = array_flip($published); // a body's place in publish order
for ($i = 1; $i < count($returns); $i++) {
    $inversions += $tagOf[$returns[$i]] < $tagOf[$returns[$i - 1]] ? 1 : 0;
}
printf("returns out of publish order: %d; acks before their return: %d\n", $inversions, $ackBeforeReturn);
[, $count] = $ch->queue_declare($q, true);
printf("queue holds %d\n", $count);
$c->close();
?>
--EXPECT--
500 acks, in tag order: true; 250 returns (250 unroutable published)
returns out of publish order: 0; acks before their return: 0
queue holds 250
