--TEST--
recovery and queue names: "" (the queue the channel declared last) still names that queue after a reconnect, under the new name a recovery gave a server-named one, in queue_bind, queue_unbind (with an empty routing key: the queue's name, as the broker binds), queue_purge, basic_get, basic_consume and queue_delete; a binding of a queue declared with $nowait is not declared again on whatever queue a replay's "" would name; a server-named queue that outlives its connection (not exclusive) keeps its name and its messages; with nothing declared, "" is the broker's 404 as before
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
use PhpAmqpLib\Message\AMQPMessage;

$name = fresh_name('mq-recovery-names');
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName($name);
$conn = AMQPConnectionFactory::create($config);
function lose(): void
{
    global $name;
    amqp_force_close($name, 'names') || print("connection not found\n");
    usleep(300000);
}
$key = fresh_name('k');

echo "-- nothing declared: the broker's answer\n";
$ch = $conn->channel();
try {
    $ch->queue_purge('');
} catch (Exception $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}

echo "-- \"\" with an empty routing key binds by the queue's name, as the broker does\n";
$ch = $conn->channel();
$named = fresh_name('mq-names-q');
$ch->queue_declare($named, false, false, false, false);
$ch->queue_bind('', 'amq.direct');
$ch->basic_publish(new AMQPMessage('by name'), 'amq.direct', $named);
$ch->queue_unbind('', 'amq.direct');
$ch->basic_publish(new AMQPMessage('unbound'), 'amq.direct', $named);
usleep(100000);
echo "messages: ", $ch->queue_declare($named, true)[1], "\n";
$ch->queue_delete($named);

echo "-- a binding of a queue declared with \$nowait is not declared again by \"\" on another queue\n";
$other = fresh_name('mq-names-other');
$ch->queue_declare($other, false, false, false, false);
$ch->queue_declare('', false, false, true, true, true);
$ch->queue_bind('', 'amq.direct', "$key-nowait");
lose();
$ch->basic_publish(new AMQPMessage('misrouted?'), 'amq.direct', "$key-nowait");
usleep(100000);
echo "in the other queue: ", $ch->queue_declare($other, true)[1], "\n";
$ch->queue_delete($other);

echo "-- a server-named queue that outlives its connection keeps its name and messages\n";
$ch = $conn->channel();
[$kept] = $ch->queue_declare('', false, false, false, false);
$ch->queue_bind('', 'amq.direct', $key);
$ch->basic_publish(new AMQPMessage('before'), 'amq.direct', $key);
usleep(100000);
lose();
$ch->basic_publish(new AMQPMessage('after'), 'amq.direct', $key);
usleep(100000);
[$now, $count] = $ch->queue_declare($kept, true);
echo "same name: ", var_export($now === $kept, true), ", messages: $count\n";
echo "purged by \"\": ", $ch->queue_purge(''), "\n";
echo "deleted by \"\": ", $ch->queue_delete(''), "\n";
// No queue of the reconnect's making was bound in its place: a mandatory publish finds no route.
$ch->set_return_listener(function ($code, $text) {
    echo "returned: $text\n";
});
$ch->basic_publish(new AMQPMessage('nowhere'), 'amq.direct', $key, true);
try {
    $ch->wait(null, false, 1);
} catch (PhpAmqpLib\Exception\AMQPTimeoutException $e) {
    echo "not returned\n";
}

echo "-- an exclusive server-named queue: \"\" follows its new name\n";
[$old] = $ch->queue_declare('', false, false, true, false);
$ch->queue_bind('', 'amq.direct', $key);
lose();
$ch->basic_publish(new AMQPMessage('one'), 'amq.direct', $key);
$ch->queue_bind('', 'amq.direct', "$key-2");
$ch->basic_publish(new AMQPMessage('two'), 'amq.direct', "$key-2");
usleep(100000);
$m = $ch->basic_get('', true);
echo "got: ", $m ? $m->getBody() : 'nothing', ", from a new name: ", var_export($m && $m->getRoutingKey() === $key && $old !== null, true), "\n";
$ch->basic_consume('', 'names-c', false, true, false, false, function (AMQPMessage $m) {
    echo "consumed: ", $m->getBody(), "\n";
});
$ch->wait(null, false, 2);
$ch->basic_cancel('names-c');
$ch->queue_unbind('', 'amq.direct', "$key-2");
$ch->basic_publish(new AMQPMessage('unbound'), 'amq.direct', "$key-2");
$ch->basic_publish(new AMQPMessage('three'), 'amq.direct', $key);
usleep(100000);
echo "purged by \"\": ", $ch->queue_purge(''), "\n";

echo "-- the binding made by \"\" after the loss is declared again after the next one\n";
lose();
$ch->basic_publish(new AMQPMessage('four'), 'amq.direct', $key);
usleep(100000);
$m = $ch->basic_get('', true);
echo "got: ", $m ? $m->getBody() : 'nothing', "\n";
echo "deleted by \"\": ", $ch->queue_delete(''), "\n";
$conn->close();
echo "done\n";
?>
--EXPECT--
-- nothing declared: the broker's answer
PhpAmqpLib\Exception\AMQPProtocolChannelException: NOT_FOUND - no previously declared queue
-- "" with an empty routing key binds by the queue's name, as the broker does
messages: 1
-- a binding of a queue declared with $nowait is not declared again by "" on another queue
in the other queue: 0
-- a server-named queue that outlives its connection keeps its name and messages
same name: true, messages: 2
purged by "": 2
deleted by "": 0
returned: NO_ROUTE
-- an exclusive server-named queue: "" follows its new name
got: one, from a new name: true
consumed: two
purged by "": 1
-- the binding made by "" after the loss is declared again after the next one
got: four
deleted by "": 0
done
