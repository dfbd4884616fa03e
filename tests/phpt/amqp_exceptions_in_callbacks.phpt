--TEST--
an exception thrown in a consume callback leaves wait() as the very same object, and the channel stays usable; the same for an ack handler and wait_for_pending_acks()
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;
use PhpAmqpLib\Message\AMQPMessage;

class CallbackFailure extends RuntimeException
{
    public array $extra = [];
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$q = fresh_name('cbex');
$ch->queue_declare($q, false, false, false, false);

// Consume callback.
$thrownId = null;
$thrown = null;
$calls = 0;
$tag = $ch->basic_consume($q, '', false, false, false, false, function (AMQPMessage $m) use (&$thrownId, &$thrown, &$calls) {
    $calls++;
    if ($m->getBody() === 'boom') {
        $e = new CallbackFailure('from the consumer', 42);
        $e->extra = ['body' => $m->getBody()];
        $thrownId = spl_object_id($e);
        $thrown = WeakReference::create($e);
        throw $e;
    }
    $m->ack();
});
$ch->basic_publish(new AMQPMessage('boom'), '', $q);
try {
    $ch->wait(null, false, 5);
    echo "no exception\n";
} catch (CallbackFailure $e) {
    var_dump(get_class($e), $e->getMessage(), $e->getCode(), $e->extra);
    var_dump(spl_object_id($e) === $thrownId, $thrown->get() === $e);
}
unset($e);

// The channel still works: the unacked message is redelivered after a recover, and acked.
var_dump($ch->is_open(), $ch->is_consuming());
$ch->basic_publish(new AMQPMessage('fine'), '', $q);
$ch->wait(null, false, 5);
var_dump($calls);
$ch->basic_cancel($tag);
$ch->basic_recover(true);
$m = null;
for ($i = 0; $i < 150 && $m === null; $i++) {
    $m = $ch->basic_get($q) ?? (usleep(20000) ?: null);
}
var_dump($m?->getBody(), $m?->isRedelivered());
$m?->ack();

// Ack handler.
$ch->confirm_select();
$handlerId = null;
$ch->set_ack_handler(function (AMQPMessage $m) use (&$handlerId) {
    $e = new LogicException('from the ack handler: ' . $m->getBody());
    $handlerId = spl_object_id($e);
    throw $e;
});
$ch->basic_publish(new AMQPMessage('confirmed'), '', $q);
try {
    $ch->wait_for_pending_acks(5);
    echo "no exception\n";
} catch (LogicException $e) {
    var_dump(get_class($e), $e->getMessage(), spl_object_id($e) === $handlerId);
}
unset($e);

// Still usable afterwards.
$ch->set_ack_handler(function (AMQPMessage $m) { echo "acked ", $m->getBody(), "\n"; });
$ch->basic_publish(new AMQPMessage('after'), '', $q);
$ch->wait_for_pending_acks(5);
var_dump($ch->is_open(), $conn->isConnected());
$ch->queue_delete($q);
$conn->close();
?>
--EXPECT--
string(15) "CallbackFailure"
string(17) "from the consumer"
int(42)
array(1) {
  ["body"]=>
  string(4) "boom"
}
bool(true)
bool(true)
bool(true)
bool(true)
int(2)
string(4) "boom"
bool(true)
string(14) "LogicException"
string(31) "from the ack handler: confirmed"
bool(true)
acked after
bool(true)
bool(true)
