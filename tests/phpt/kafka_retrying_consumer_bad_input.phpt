--TEST--
Mq\KafkaRetryingConsumer: bad arguments are InvalidArgumentException (topic names empty, too long or with other characters, a dead-letter topic that is the topic or a retry topic, no group.id, timeouts not positive and finite) or TypeError, before anything reaches the broker; consume() after close() is LogicException
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$handler = fn ($m) => null;
$try = function (callable $f) {
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', preg_replace('/"[\w.-]{40,}"/', '"LONG"', $e->getMessage()), "\n";
    }
};
$conf = fn () => retrying_conf(fresh_name('bad-group'), kafka_group_protocol());
$policy = new RetryPolicy(maxAttempts: 3, initialDelay: 0.5, multiplier: 2.0, retryOn: [Throwable::class]);

$try(fn () => new KafkaRetryingConsumer($conf(), '', $handler));
$try(fn () => new KafkaRetryingConsumer($conf(), 'has space', $handler));
$try(fn () => new KafkaRetryingConsumer($conf(), '..', $handler));
$try(fn () => new KafkaRetryingConsumer($conf(), "t\0nul", $handler));
$try(fn () => new KafkaRetryingConsumer($conf(), str_repeat('t', 250), $handler));
// 240 characters fit, their retry topics ("….retry.500") do not.
$try(fn () => new KafkaRetryingConsumer($conf(), str_repeat('t', 240), $handler, $policy));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, deadLetterTopic: ''));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, deadLetterTopic: 'orders'));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, $policy, deadLetterTopic: 'orders.retry.1000'));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, deadLetterTopic: 'dead/letters'));
foreach ([NAN, INF, -INF, 0.0, -1.0, 1e16] as $timeout) {
    $try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, confirmTimeout: $timeout));
}
// A delay that does not fit librdkafka's milliseconds; more retry topics than a consumer should subscribe to.
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, new RetryPolicy(3, 1e16, 2.0, 1e16, 0.0)));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, new RetryPolicy(1000, 0.01, 1.01, 60.0, 0.0)));
$noGroup = new RdKafka\Conf();
$noGroup->set('bootstrap.servers', kafka_bootstrap());
$try(fn () => new KafkaRetryingConsumer($noGroup, 'orders', $handler));
// Wrong types.
$try(fn () => new KafkaRetryingConsumer(new stdClass(), 'orders', $handler));
$try(fn () => new KafkaRetryingConsumer($conf(), ['orders'], $handler));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', 'no_such_function'));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, new stdClass()));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, firstSeen: 42));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, producerConf: new RdKafka\TopicConf()));
$try(fn () => new KafkaRetryingConsumer($conf(), 'orders', $handler, confirmTimeout: 'soon'));

$consumer = new KafkaRetryingConsumer($conf(), fresh_name('bad'), $handler, $policy);
foreach ([NAN, INF, 0.0, -1.0] as $timeout) {
    $try(fn () => $consumer->consume($timeout));
}
$try(fn () => $consumer->consume('soon'));
// A single attempt: no retry topics.
var_dump((new KafkaRetryingConsumer($conf(), 'orders', $handler, RetryPolicy::none()))->getRetryTopics());
$consumer->close();
$try(fn () => $consumer->consume(1.0));
$consumer->close();
echo "closed twice\n";
?>
--EXPECTF--
InvalidArgumentException: Mq\KafkaRetryingConsumer: topic must be a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, ".", "_", "-"), got ""
InvalidArgumentException: Mq\KafkaRetryingConsumer: topic must be a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, ".", "_", "-"), got "has space"
InvalidArgumentException: Mq\KafkaRetryingConsumer: topic must be a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, ".", "_", "-"), got ".."
InvalidArgumentException: Mq\KafkaRetryingConsumer: topic must be a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, ".", "_", "-"), got "t\000nul"
InvalidArgumentException: Mq\KafkaRetryingConsumer: topic must be a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, ".", "_", "-"), got "LONG"
InvalidArgumentException: Mq\KafkaRetryingConsumer: topic is too long for its retry topics: "LONG" has more than 249 characters
InvalidArgumentException: Mq\KafkaRetryingConsumer: deadLetterTopic must be a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, ".", "_", "-"), got ""
InvalidArgumentException: Mq\KafkaRetryingConsumer: deadLetterTopic must not be the topic or one of its retry topics, got "orders"
InvalidArgumentException: Mq\KafkaRetryingConsumer: deadLetterTopic must not be the topic or one of its retry topics, got "orders.retry.1000"
InvalidArgumentException: Mq\KafkaRetryingConsumer: deadLetterTopic must be a Kafka topic name (1 to 249 of a-z, A-Z, 0-9, ".", "_", "-"), got "dead/letters"
InvalidArgumentException: Mq\KafkaRetryingConsumer: confirmTimeout must be a positive number of seconds, at most 86400
InvalidArgumentException: Mq\KafkaRetryingConsumer: confirmTimeout must be a positive number of seconds, at most 86400
InvalidArgumentException: Mq\KafkaRetryingConsumer: confirmTimeout must be a positive number of seconds, at most 86400
InvalidArgumentException: Mq\KafkaRetryingConsumer: confirmTimeout must be a positive number of seconds, at most 86400
InvalidArgumentException: Mq\KafkaRetryingConsumer: confirmTimeout must be a positive number of seconds, at most 86400
InvalidArgumentException: Mq\KafkaRetryingConsumer: confirmTimeout must be a positive number of seconds, at most 86400
InvalidArgumentException: Mq\KafkaRetryingConsumer: the policy's longest delay is over 2147483647 ms (about 24.8 days)
InvalidArgumentException: Mq\KafkaRetryingConsumer: the policy asks for more than 32 distinct delays (retry topics); lower maxAttempts or raise the multiplier
InvalidArgumentException: Mq\KafkaRetryingConsumer: conf must set group.id
TypeError: Mq\KafkaRetryingConsumer::__construct(): Argument #1 ($conf) must be of type RdKafka\Conf, stdClass given, called in %s on line %d
TypeError: Mq\KafkaRetryingConsumer::__construct(): Argument #2 ($topic) must be of type string, array given, called in %s on line %d
TypeError: Mq\KafkaRetryingConsumer::__construct(): Argument #3 ($handler) must be of type callable, string given, called in %s on line %d
TypeError: Mq\KafkaRetryingConsumer::__construct(): Argument #4 ($policy) must be of type ?Mq\RetryPolicy, stdClass given, called in %s on line %d
TypeError: Mq\KafkaRetryingConsumer::__construct(): Argument #6 ($firstSeen) must be of type ?callable, int given, called in %s on line %d
TypeError: Mq\KafkaRetryingConsumer::__construct(): Argument #7 ($producerConf) must be of type ?RdKafka\Conf, RdKafka\TopicConf given, called in %s on line %d
TypeError: Mq\KafkaRetryingConsumer::__construct(): Argument #8 ($confirmTimeout) must be of type float, string given, called in %s on line %d
InvalidArgumentException: Mq\KafkaRetryingConsumer::consume(): timeout must be a positive number of seconds or null
InvalidArgumentException: Mq\KafkaRetryingConsumer::consume(): timeout must be a positive number of seconds or null
InvalidArgumentException: Mq\KafkaRetryingConsumer::consume(): timeout must be a positive number of seconds or null
InvalidArgumentException: Mq\KafkaRetryingConsumer::consume(): timeout must be a positive number of seconds or null
TypeError: Mq\KafkaRetryingConsumer::consume(): Argument #1 ($timeout) must be of type ?float, string given, called in %s on line %d
array(0) {
}
LogicException: Mq\KafkaRetryingConsumer::consume(): the consumer was closed
closed twice
