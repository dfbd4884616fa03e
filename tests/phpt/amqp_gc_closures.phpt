--TEST--
a consume callback closure that captures its channel is collected by gc_collect_cycles() once the channel and connection are unset: after basic_cancel, and without it (a channel <-> closure cycle)
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

class Sentinel
{
    public string $name = 'sentinel';
}

function scenario(bool $cancel): array
{
    $conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $ch = $conn->channel();
    [$q] = $ch->queue_declare('', false, false, true, true);
    $sentinel = new Sentinel();
    $seen = 0;
    $callback = function (AMQPMessage $m) use ($ch, $sentinel, &$seen) {
        $seen++;
        $ch->basic_ack($m->getDeliveryTag());   // uses the captured channel
    };
    $tag = $ch->basic_consume($q, '', false, false, false, false, $callback);
    $ch->basic_publish(new AMQPMessage('x'), '', $q);
    $ch->wait(null, false, 5);
    $refs = [
        'closure' => WeakReference::create($callback),
        'sentinel' => WeakReference::create($sentinel),
        'channel' => WeakReference::create($ch),
        'connection' => WeakReference::create($conn),
    ];
    if ($cancel) {
        $ch->basic_cancel($tag);
    }
    unset($callback, $sentinel, $ch, $conn);
    gc_collect_cycles();
    return [$seen, array_map(fn (WeakReference $r) => $r->get() === null ? 'collected' : 'ALIVE', $refs)];
}

gc_collect_cycles();
foreach ([true, false] as $cancel) {
    [$seen, $state] = scenario($cancel);
    echo $cancel ? 'with basic_cancel' : 'without basic_cancel', ": seen $seen\n";
    foreach ($state as $what => $s) {
        echo "  $what: $s\n";
    }
}
?>
--EXPECT--
with basic_cancel: seen 1
  closure: collected
  sentinel: collected
  channel: collected
  connection: collected
without basic_cancel: seen 1
  closure: collected
  sentinel: collected
  channel: collected
  connection: collected
