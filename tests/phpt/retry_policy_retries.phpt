--TEST--
Mq\RetryPolicy::retries(): the default transient set (I/O, timeouts, closed connections and channels), never a refused login, 403, 406 or 530; $retryOn narrows by instanceof and keeps the never-list
--EXTENSIONS--
mq
--FILE--
<?php
use Mq\RetryPolicy;
use PhpAmqpLib\Exception as X;

$errors = [
    'IO refused' => new X\AMQPIOException('Connection refused'),
    'timeout' => new X\AMQPTimeoutException('timed out'),
    'closed 320' => new X\AMQPConnectionClosedException('CONNECTION_FORCED - broker forced connection closure(0, 0)', 320),
    'closed 0' => new X\AMQPConnectionClosedException('Broken pipe or closed connection'),
    'closed 403 login' => new X\AMQPConnectionClosedException('ACCESS_REFUSED - Login was refused using authentication mechanism AMQPLAIN. For details see the broker logfile.(0, 0)', 403),
    'closed 406' => new X\AMQPConnectionClosedException('PRECONDITION_FAILED(0, 0)', 406),
    'closed 530 vhost' => new X\AMQPConnectionClosedException('NOT_ALLOWED - vhost nosuch not found(10, 40)', 530),
    'closed ACCESS_REFUSED code 0' => new X\AMQPConnectionClosedException('ACCESS_REFUSED - Login was refused'),
    'heartbeat missed' => new X\AMQPHeartbeatMissedException('Missed server heartbeat'),
    'channel closed' => new X\AMQPChannelClosedException('Channel connection is closed.'),
    'channel closed 406' => new X\AMQPChannelClosedException('PRECONDITION_FAILED', 406),
    'protocol channel 406' => new X\AMQPProtocolChannelException(406, 'PRECONDITION_FAILED - inequivalent arg', [50, 10]),
    'protocol channel 404' => new X\AMQPProtocolChannelException(404, 'NOT_FOUND - no queue', [50, 10]),
    'protocol channel 403' => new X\AMQPProtocolChannelException(403, 'ACCESS_REFUSED - access to queue', [50, 10]),
    'runtime (AMQP)' => new X\AMQPRuntimeException('x'),
    'RuntimeException 403' => new RuntimeException('not an AMQP reply code', 403),
    'RuntimeException' => new RuntimeException('boom'),
    'InvalidArgumentException' => new InvalidArgumentException('Login failed: no mechanism'),
    'TypeError' => new TypeError('t'),
];

$policies = [
    'default' => new RetryPolicy(),
    'IO only' => new RetryPolicy(retryOn: [X\AMQPIOException::class]),
    'RuntimeException' => new RetryPolicy(retryOn: ['RuntimeException']),
    'Throwable' => new RetryPolicy(retryOn: ['Throwable']),
    'AMQPExceptionInterface' => new RetryPolicy(retryOn: [X\AMQPExceptionInterface::class]),
    'empty' => new RetryPolicy(retryOn: []),
];

printf("%-30s %s\n", '', implode(' | ', array_keys($policies)));
foreach ($errors as $label => $error) {
    $verdicts = [];
    foreach ($policies as $name => $policy) {
        $verdicts[] = str_pad($policy->retries($error) ? 'yes' : 'no', strlen($name));
    }
    printf("%-30s %s\n", $label, rtrim(implode(' | ', $verdicts)));
}

// A subclass of a user's own counts by instanceof.
class Flaky extends RuntimeException {}
class FlakyChild extends Flaky {}
$own = new RetryPolicy(retryOn: [Flaky::class]);
var_dump($own->retries(new FlakyChild('x')), $own->retries(new RuntimeException('x')));

// $retryOn names are looked up (autoloaded) on construction; an autoloader's exception is the one thrown.
spl_autoload_register(function (string $class): void {
    if ($class === 'Lazy\Flaky') {
        eval('namespace Lazy; class Flaky extends \RuntimeException {}');
        return;
    }
    throw new LogicException("cannot load $class");
});
var_dump((new RetryPolicy(retryOn: ['Lazy\Flaky']))->retries(new Lazy\Flaky('x')));
try {
    new RetryPolicy(retryOn: ['Other\Missing']);
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
                               default | IO only | RuntimeException | Throwable | AMQPExceptionInterface | empty
IO refused                     yes     | yes     | no               | yes       | yes                    | no
timeout                        yes     | no      | yes              | yes       | yes                    | no
closed 320                     yes     | no      | yes              | yes       | yes                    | no
closed 0                       yes     | no      | yes              | yes       | yes                    | no
closed 403 login               no      | no      | no               | no        | no                     | no
closed 406                     no      | no      | no               | no        | no                     | no
closed 530 vhost               no      | no      | no               | no        | no                     | no
closed ACCESS_REFUSED code 0   no      | no      | no               | no        | no                     | no
heartbeat missed               yes     | no      | yes              | yes       | yes                    | no
channel closed                 yes     | no      | yes              | yes       | yes                    | no
channel closed 406             no      | no      | no               | no        | no                     | no
protocol channel 406           no      | no      | no               | no        | no                     | no
protocol channel 404           no      | no      | no               | yes       | yes                    | no
protocol channel 403           no      | no      | no               | no        | no                     | no
runtime (AMQP)                 no      | no      | yes              | yes       | yes                    | no
RuntimeException 403           no      | no      | yes              | yes       | no                     | no
RuntimeException               no      | no      | yes              | yes       | no                     | no
InvalidArgumentException       no      | no      | no               | yes       | no                     | no
TypeError                      no      | no      | no               | yes       | no                     | no
bool(true)
bool(false)
bool(true)
LogicException: cannot load Other\Missing
