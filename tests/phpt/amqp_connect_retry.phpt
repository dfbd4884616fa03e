--TEST--
connecting across a host list: create_connection() fails over without a policy as php-amqplib does; with a Mq\RetryPolicy (option or AMQPConnectionConfig) it retries the list by the policy, waits its delays, stops at once on a refused login or vhost and at the deadline, and the exception lists every attempt
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use Mq\RetryPolicy;
use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\AMQPLazyConnection;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Exception\AMQPTimeoutException;

$good = ['host' => '127.0.0.1', 'port' => amqp_port(), 'user' => 'guest', 'password' => 'guest'];
// Closed ports: connecting is refused at once.
$refused1 = ['host' => '127.0.0.1', 'port' => 1, 'user' => 'guest', 'password' => 'guest'];
$refused2 = ['host' => '127.0.0.1', 'port' => 2, 'user' => 'guest', 'password' => 'guest'];

/** Runs $f; prints the exception's class, code and first line, and returns its attempt list. */
function failure(string $label, callable $f): array
{
    try {
        $f();
        echo "$label: connected\n";
        return [];
    } catch (Throwable $e) {
        [$first] = explode("\n", $e->getMessage());
        echo "$label: ", get_class($e), " (", $e->getCode(), ") ", $first, "\n";
        if (!preg_match('/\nAttempts: (.*)$/s', $e->getMessage(), $m)) {
            return [];
        }
        return preg_split('/; (?=\d+\) )/', $m[1]);
    }
}

/** "n) host:port: error" for each attempt, without the times. */
function show_attempts(array $attempts): void
{
    foreach ($attempts as $a) {
        echo '  ', preg_replace('/ after \d+\.\d{3}s:/', ':', $a), "\n";
    }
}

/** The times of the attempts, in seconds since the first. */
function times(array $attempts): array
{
    return array_map(fn($a) => preg_match('/ after (\d+\.\d{3})s:/', $a, $m) ? (float) $m[1] : -1.0, $attempts);
}

echo "-- without a policy: php-amqplib's one pass\n";
$c = AMQPStreamConnection::create_connection([$refused1, $good]);
$ch = $c->channel();
[$q] = $ch->queue_declare('', false, false, true);
echo "failover to the second host: ", var_export($c->isConnected(), true), ", declared a queue: ", var_export(str_starts_with($q, 'amq.gen-'), true), "\n";
echo "server properties of the host reached: ", $c->getServerProperties()['product'][1], "\n";
$c->reconnect();
echo "reconnect() fails over again: ", var_export($c->isConnected(), true), "\n";
$c->close();
$attempts = failure('all refused', fn() => AMQPStreamConnection::create_connection([$refused1, $refused2]));
echo "attempts listed: ", count($attempts), "\n";
failure('then an invalid host', fn() => AMQPStreamConnection::create_connection([$refused1, ['host' => '127.0.0.1']]));
failure('bad password, then good', fn() => AMQPStreamConnection::create_connection([['password' => 'nope'] + $good, $good])->close());

echo "-- with a policy\n";
$policy = new RetryPolicy(maxAttempts: 5, initialDelay: 0.05, multiplier: 2.0, maxDelay: 0.15, jitter: 0.2);
$t0 = microtime(true);
$attempts = failure('5 attempts', fn() => AMQPStreamConnection::create_connection([$refused1, $refused2], ['retry_policy' => $policy]));
$elapsed = microtime(true) - $t0;
show_attempts($attempts);
// Sleeps: 0.05, 0.1, 0.15, 0.15 (capped), each at least (1 - jitter) of itself.
$least = (0.05 + 0.1 + 0.15 + 0.15) * 0.8;
$times = times($attempts);
echo "waited the delays: ", var_export($elapsed >= $least && end($times) >= $least, true), "\n";
$grow = $times[0] === 0.0;
for ($i = 1; $i < count($times); $i++) {
    $grow = $grow && $times[$i] > $times[$i - 1];
}
echo "times grow: ", var_export($grow, true), "\n";
$c = AMQPStreamConnection::create_connection([$refused1, $refused2, $good], ['retry_policy' => $policy]);
echo "third host after two refusals: ", var_export($c->isConnected(), true), "\n";
$c->close();

show_attempts(failure('wrong password, 5 allowed', fn() => AMQPStreamConnection::create_connection(
    [['password' => 'nope'] + $good, $good], ['retry_policy' => $policy])));
show_attempts(failure('missing vhost, 5 allowed', fn() => AMQPStreamConnection::create_connection(
    [['vhost' => 'mq-no-such-vhost'] + $good], ['retry_policy' => $policy])));
show_attempts(failure('retryOn excludes I/O errors', fn() => AMQPStreamConnection::create_connection(
    [$refused1, $refused2], ['retry_policy' => new RetryPolicy(5, 0.05, retryOn: [AMQPTimeoutException::class])])));
show_attempts(failure('none()', fn() => AMQPStreamConnection::create_connection(
    [$refused1, $good], ['retry_policy' => RetryPolicy::none()])));

$deadline = new RetryPolicy(maxAttempts: 100, initialDelay: 0.2, multiplier: 1.0, jitter: 0.0, deadline: 0.5);
$attempts = failure('deadline 0.5 s, 0.2 s apart', fn() => AMQPStreamConnection::create_connection([$refused1], ['retry_policy' => $deadline]));
// Attempts at 0, 0.2, 0.4 s; the next would begin at 0.6 s, after the deadline (fewer if the machine is slow).
echo "stopped by the deadline: ", var_export(count($attempts) >= 2 && count($attempts) <= 3, true), "\n";

// A port that accepts TCP and never answers: the attempt's connection timeout (3 s) is cut to the deadline.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$silentPort = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
$attempts = failure('silent host, deadline 0.5 s', fn() => AMQPStreamConnection::create_connection(
    [['port' => $silentPort] + $good], ['retry_policy' => new RetryPolicy(3, 0.1, deadline: 0.5)]));
echo "one attempt, cut to the deadline: ", var_export(count($attempts) === 1
    && preg_match('/timed out after 0\.[45]\d* sec while awaiting incoming data$/', $attempts[0]) === 1, true), "\n";
fclose($silent);

failure('an invalid host with a policy', fn() => AMQPStreamConnection::create_connection([$good, ['host' => 'x']], ['retry_policy' => $policy]));
failure('retry_policy not a policy', fn() => AMQPStreamConnection::create_connection([$good], ['retry_policy' => 3]));

echo "-- AMQPConnectionConfig\n";
$config = new AMQPConnectionConfig();
var_dump($config->getRetryPolicy());
$config->setRetryPolicy($policy);
var_dump($config->getRetryPolicy() === $policy);
failure('setRetryPolicy("x")', fn() => $config->setRetryPolicy('x'));
$config->setPort(1);
show_attempts(failure('factory, one refused host', fn() => AMQPConnectionFactory::create($config)));
$config->setIsLazy(true);
$lazy = AMQPConnectionFactory::create($config);
echo "lazy: ", get_class($lazy), "\n";
show_attempts(failure('lazy, on first use', fn() => $lazy->channel()));
$config->setRetryPolicy(null);
$attempts = failure('policy removed', fn() => AMQPConnectionFactory::create($config)->channel());
echo "attempts listed: ", count($attempts), "\n";
$config->setIsLazy(false);
$config->setPort(amqp_port());
$config->setRetryPolicy($policy);
$c = AMQPConnectionFactory::create($config);
echo "factory with a policy, good host: ", var_export($c->isConnected(), true), "\n";
$c->close();
$attempts = failure('constructor with the config, refused host', fn() => new AMQPStreamConnection('127.0.0.1', 1, 'guest', 'guest', config: $config));
echo "attempts listed: ", count($attempts), "\n";
?>
--EXPECTF--
-- without a policy: php-amqplib's one pass
failover to the second host: true, declared a queue: true
server properties of the host reached: RabbitMQ
reconnect() fails over again: true
all refused: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
attempts listed: 0
then an invalid host: InvalidArgumentException (0) 'port' key is required.
bad password, then good: connected
-- with a policy
5 attempts: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
  1) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  2) 127.0.0.1:2: stream_socket_client(): Unable to connect to tcp://127.0.0.1:2 (Connection refused)
  3) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  4) 127.0.0.1:2: stream_socket_client(): Unable to connect to tcp://127.0.0.1:2 (Connection refused)
  5) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
waited the delays: true
times grow: true
third host after two refusals: true
wrong password, 5 allowed: PhpAmqpLib\Exception\AMQPConnectionClosedException (403) ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN. For details see the broker logfile.(0, 0)
  1) 127.0.0.1:%d: ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN. For details see the broker logfile.(0, 0)
missing vhost, 5 allowed: PhpAmqpLib\Exception\AMQPConnectionClosedException (530) NOT_ALLOWED - vhost mq-no-such-vhost not found(10, 40)
  1) 127.0.0.1:%d: NOT_ALLOWED - vhost mq-no-such-vhost not found(10, 40)
retryOn excludes I/O errors: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
  1) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
none(): PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
  1) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
deadline 0.5 s, 0.2 s apart: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
stopped by the deadline: true
silent host, deadline 0.5 s: PhpAmqpLib\Exception\AMQPTimeoutException (0) The connection timed out after 0.%d sec while awaiting incoming data
one attempt, cut to the deadline: true
an invalid host with a policy: InvalidArgumentException (0) 'port' key is required.
retry_policy not a policy: InvalidArgumentException (0) 'retry_policy' must be a Mq\RetryPolicy or null, int given
-- AMQPConnectionConfig
NULL
bool(true)
setRetryPolicy("x"): TypeError (0) PhpAmqpLib\Connection\AMQPConnectionConfig::setRetryPolicy(): Argument #1 ($policy) must be of type ?Mq\RetryPolicy, string given, called in %s on line %d
factory, one refused host: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
  1) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  2) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  3) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  4) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  5) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
lazy: PhpAmqpLib\Connection\AMQPStreamConnection
lazy, on first use: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
  1) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  2) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  3) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  4) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
  5) 127.0.0.1:1: stream_socket_client(): Unable to connect to tcp://127.0.0.1:1 (Connection refused)
policy removed: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
attempts listed: 0
factory with a policy, good host: true
constructor with the config, refused host: PhpAmqpLib\Exception\AMQPIOException (0) stream_socket_client(): Unable to connect to tcp://127.0.0.1:%d (Connection refused)
attempts listed: 5
