--TEST--
Mq\KafkaAdmin: createTopic() makes a topic with the asked partitions (false when it exists), deleteTopic() removes it (false when absent); the broker's refusals are RdKafka\Exception with its code; bad arguments are InvalidArgumentExceptions; an unreachable broker is a timeout, and a forked child is refused
--EXTENSIONS--
mq
pcntl
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$admin = new Mq\KafkaAdmin($conf);
$name = fresh_name('admin');

// The topic's partition count once the broker's metadata shows it (a new topic can take a moment on a busy
// broker; the negated error code after 10 s).
function partitions(RdKafka\Conf $conf, string $name): int {
    $producer = new RdKafka\Producer($conf);
    $deadline = microtime(true) + 10;
    do {
        $topic = $producer->getMetadata(false, $producer->newTopic($name), 10000)->getTopics()->current();
        if ($topic->getErr() === RD_KAFKA_RESP_ERR_NO_ERROR && count($topic->getPartitions()) > 0) {
            return count($topic->getPartitions());
        }
        usleep(100_000);
    } while (microtime(true) < $deadline);
    return -$topic->getErr();
}

var_dump($admin->createTopic($name, 3, 1, ['retention.ms' => 60000, 'cleanup.policy' => 'delete', 'preallocate' => false]));
var_dump($admin->createTopic($name, 3));
var_dump(partitions($conf, $name));
var_dump($admin->deleteTopic($name));
var_dump($admin->deleteTopic($name));
// -1: the broker's num.partitions (1 on the test broker).
$defaulted = fresh_name('admin');
var_dump($admin->createTopic($defaulted, -1, -1), partitions($conf, $defaulted), $admin->deleteTopic($defaulted));

$show = function (Closure $call) {
    try {
        var_dump($call());
    } catch (Throwable $e) {
        echo get_class($e), ' ', $e->getCode(), ': ', $e->getMessage(), "\n";
    }
};
echo "-- refused by the broker\n";
$show(fn () => $admin->createTopic('bad name!'));
$show(fn () => $admin->createTopic(fresh_name('admin'), 1, 5));
$show(fn () => $admin->createTopic(fresh_name('admin'), 1, -1, ['no.such.setting' => 1]));
echo "-- refused arguments\n";
$show(fn () => $admin->createTopic(''));
$show(fn () => $admin->createTopic("a\0b"));
$show(fn () => $admin->createTopic("\xff\xfe"));
$show(fn () => $admin->createTopic('x', 0));
$show(fn () => $admin->createTopic('x', PHP_INT_MAX));
$show(fn () => $admin->createTopic('x', 1, 0));
$show(fn () => $admin->createTopic('x', 1, -2));
$show(fn () => $admin->createTopic('x', 1, -1, ['a' => []]));
$show(fn () => $admin->createTopic('x', 1, -1, [], NAN));
$show(fn () => $admin->createTopic('x', 1, -1, [], -1));
$show(fn () => $admin->createTopic('x', 1, -1, [], 0));
$show(fn () => $admin->deleteTopic('x', INF));
$show(fn () => $admin->deleteTopic('x', 1e10));
$show(fn () => $admin->deleteTopic('x', 3600.5));
$show(fn () => $admin->createTopic('x', 1, -1, ["a\0b" => 1]));
$show(fn () => $admin->createTopic('x', 1, -1, ['retention.ms' => "1\0"]));
$show(fn () => $admin->createTopic('x', 1, -1, ['cleanup.policy' => "\xff"]));
$show(fn () => $admin->deleteTopic('__consumer_offsets'));
$show(fn () => $admin->createTopic([]));
$show(fn () => $admin->createTopic('x', 'many'));
$show(fn () => new Mq\KafkaAdmin('conf'));
$show(fn () => serialize($admin));
$show(fn () => (new ReflectionClass(Mq\KafkaAdmin::class))->newInstanceWithoutConstructor());

echo "-- unreachable broker\n";
$dead = new RdKafka\Conf();
$dead->set('bootstrap.servers', '127.0.0.1:1');
$show(fn () => (new Mq\KafkaAdmin($dead))->createTopic('x', 1, -1, [], 1.5));

echo "-- forked child\n";
$pid = pcntl_fork();
if ($pid === 0) {
    $show(fn () => $admin->createTopic(fresh_name('admin')));
    $own = new Mq\KafkaAdmin($conf);
    $child = fresh_name('admin');
    $show(fn () => $own->createTopic($child) && $own->deleteTopic($child));
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
$show(fn () => $admin->deleteTopic(fresh_name('admin')));
?>
--EXPECTF--
bool(true)
bool(false)
int(3)
bool(true)
bool(false)
bool(true)
int(1)
bool(true)
-- refused by the broker
RdKafka\Exception 17: Broker: Invalid topic
RdKafka\Exception 38: Broker: Invalid replication factor
RdKafka\Exception 40: Broker: Configuration is invalid
-- refused arguments
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #1 ($name) must be a non-empty topic name without NUL bytes, in UTF-8
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #1 ($name) must be a non-empty topic name without NUL bytes, in UTF-8
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #1 ($name) must be a non-empty topic name without NUL bytes, in UTF-8
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #2 ($partitions) must be -1 or between 1 and 2147483647, 0 given
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #2 ($partitions) must be -1 or between 1 and 2147483647, 9223372036854775807 given
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #3 ($replicationFactor) must be -1 or between 1 and 2147483647, 0 given
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #3 ($replicationFactor) must be -1 or between 1 and 2147483647, -2 given
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #4 ($config) must map setting names to scalars, the value of "a" is not one
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #5 ($timeout) must be a number of seconds > 0 and <= 3600, NAN given
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #5 ($timeout) must be a number of seconds > 0 and <= 3600, -1 given
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #5 ($timeout) must be a number of seconds > 0 and <= 3600, 0 given
InvalidArgumentException 0: Mq\KafkaAdmin::deleteTopic(): Argument #2 ($timeout) must be a number of seconds > 0 and <= 3600, INF given
InvalidArgumentException 0: Mq\KafkaAdmin::deleteTopic(): Argument #2 ($timeout) must be a number of seconds > 0 and <= 3600, 10000000000 given
InvalidArgumentException 0: Mq\KafkaAdmin::deleteTopic(): Argument #2 ($timeout) must be a number of seconds > 0 and <= 3600, 3600.5 given
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #4 ($config) must have setting names in UTF-8 without NUL bytes
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #4 ($config) must have values in UTF-8 without NUL bytes, the value of "retention.ms" is not
InvalidArgumentException 0: Mq\KafkaAdmin::createTopic(): Argument #4 ($config) must have values in UTF-8 without NUL bytes, the value of "cleanup.policy" is not
InvalidArgumentException 0: Mq\KafkaAdmin::deleteTopic(): Argument #1 ($name) must not be one of Kafka's internal topics, "__consumer_offsets" given
TypeError 0: Mq\KafkaAdmin::createTopic(): Argument #1 ($name) must be of type string, array given
TypeError 0: Mq\KafkaAdmin::createTopic(): Argument #2 ($partitions) must be of type int, string given
TypeError 0: Mq\KafkaAdmin::__construct(): Argument #1 ($conf) must be of type RdKafka\Conf, string given
Exception 0: Serialization of 'Mq\KafkaAdmin' is not allowed
ReflectionException 0: Class Mq\KafkaAdmin is an internal class marked as final that cannot be instantiated without invoking its constructor
-- unreachable broker
RdKafka\Exception -185: Local: Timed out
-- forked child
RdKafka\Exception %i: %s
bool(true)
int(0)
bool(false)
