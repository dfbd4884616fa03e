--TEST--
Mq\RetryingConsumer bad input: an unknown exhausted strategy, republish without an exchange (or an exchange or routing key without republish, or back into the work queue through the default exchange), an empty queue name, a prefetch out of range, a non-positive confirm timeout, a consume() timeout that is not positive, a message not received from a channel: InvalidArgumentException; a handler or hook that is not callable: TypeError; the class is final
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\RetryingConsumer;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$ch = $conn->channel();
$ok = fn() => null;

$cases = [
    'unknown strategy' => fn() => new RetryingConsumer($ch, 'q', $ok, null, 'drop'),
    'strategy in capitals' => fn() => new RetryingConsumer($ch, 'q', $ok, null, 'REJECT'),
    'republish without exchange' => fn() => new RetryingConsumer($ch, 'q', $ok, null, RetryingConsumer::EXHAUSTED_REPUBLISH),
    'exchange without republish' => fn() => new RetryingConsumer($ch, 'q', $ok, null, RetryingConsumer::EXHAUSTED_REQUEUE, 'x'),
    'routing key without republish' => fn() => new RetryingConsumer($ch, 'q', $ok, republishRoutingKey: 'k'),
    'republish to the default exchange, no routing key' => fn() => new RetryingConsumer($ch, 'q', $ok, null, RetryingConsumer::EXHAUSTED_REPUBLISH, ''),
    'republish to the default exchange, the work queue' => fn() => new RetryingConsumer($ch, 'q', $ok, null, RetryingConsumer::EXHAUSTED_REPUBLISH, '', 'q'),
    'republish to the default exchange, another queue' => fn() => new RetryingConsumer($ch, 'q', $ok, null, RetryingConsumer::EXHAUSTED_REPUBLISH, '', 'parking'),
    'empty queue' => fn() => new RetryingConsumer($ch, '', $ok),
    'prefetch -1' => fn() => new RetryingConsumer($ch, 'q', $ok, prefetch: -1),
    'prefetch 65536' => fn() => new RetryingConsumer($ch, 'q', $ok, prefetch: 65536),
    'confirmTimeout 0' => fn() => new RetryingConsumer($ch, 'q', $ok, confirmTimeout: 0),
    'confirmTimeout NAN' => fn() => new RetryingConsumer($ch, 'q', $ok, confirmTimeout: NAN),
    'handler not callable' => fn() => new RetryingConsumer($ch, 'q', 'no_such_function'),
    'firstSeen not callable' => fn() => new RetryingConsumer($ch, 'q', $ok, firstSeen: [1, 2]),
    'policy of another class' => fn() => new RetryingConsumer($ch, 'q', $ok, new stdClass()),
    'consume(0)' => fn() => (new RetryingConsumer($ch, 'q', $ok))->consume(0),
    'consume(INF)' => fn() => (new RetryingConsumer($ch, 'q', $ok))->consume(INF),
    'process() of a message never received' => fn() => (new RetryingConsumer($ch, 'q', $ok))->process(new AMQPMessage('x')),
    'a closed channel' => function () use ($conn, $ok) {
        $closed = $conn->channel();
        $closed->close();
        return new RetryingConsumer($closed, 'q', $ok);
    },
];
foreach ($cases as $label => $case) {
    try {
        $case();
        echo "$label: no exception\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}
echo 'final: ', var_export((new ReflectionClass(RetryingConsumer::class))->isFinal(), true), "\n";
// Nothing was declared or consumed by the refused calls.
echo 'channel still open: ', var_export($ch->is_open(), true), "\n";
$conn->close();
?>
--EXPECTF--
unknown strategy: InvalidArgumentException: Mq\RetryingConsumer: onExhausted must be 'reject', 'requeue' or 'republish', got 'drop'
strategy in capitals: InvalidArgumentException: Mq\RetryingConsumer: onExhausted must be 'reject', 'requeue' or 'republish', got 'REJECT'
republish without exchange: InvalidArgumentException: Mq\RetryingConsumer: onExhausted 'republish' needs a republishExchange
exchange without republish: InvalidArgumentException: Mq\RetryingConsumer: republishExchange is only used with onExhausted 'republish'
routing key without republish: InvalidArgumentException: Mq\RetryingConsumer: republishRoutingKey is only used with onExhausted 'republish'
republish to the default exchange, no routing key: InvalidArgumentException: Mq\RetryingConsumer: republishing to the default exchange needs a republishRoutingKey other than the work queue
republish to the default exchange, the work queue: InvalidArgumentException: Mq\RetryingConsumer: republishing to the default exchange needs a republishRoutingKey other than the work queue
republish to the default exchange, another queue: no exception
empty queue: InvalidArgumentException: Mq\RetryingConsumer: queue must be a queue name, got an empty string
prefetch -1: InvalidArgumentException: Mq\RetryingConsumer: prefetch must be 0 to 65535, got -1
prefetch 65536: InvalidArgumentException: Mq\RetryingConsumer: prefetch must be 0 to 65535, got 65536
confirmTimeout 0: InvalidArgumentException: Mq\RetryingConsumer: confirmTimeout must be a positive number of seconds
confirmTimeout NAN: InvalidArgumentException: Mq\RetryingConsumer: confirmTimeout must be a positive number of seconds
handler not callable: TypeError: Mq\RetryingConsumer::__construct(): Argument #3 ($handler) must be of type callable, string given, called in %s on line %d
firstSeen not callable: TypeError: Mq\RetryingConsumer::__construct(): Argument #8 ($firstSeen) must be of type ?callable, array given, called in %s on line %d
policy of another class: TypeError: Mq\RetryingConsumer::__construct(): Argument #4 ($policy) must be of type ?Mq\RetryPolicy, stdClass given, called in %s on line %d
consume(0): InvalidArgumentException: Mq\RetryingConsumer::consume(): timeout must be a positive number of seconds or null
consume(INF): InvalidArgumentException: Mq\RetryingConsumer::consume(): timeout must be a positive number of seconds or null
process() of a message never received: InvalidArgumentException: Mq\RetryingConsumer::process(): the message was not received from a channel
a closed channel: InvalidArgumentException: Mq\RetryingConsumer: the channel is closed
final: true
channel still open: true
