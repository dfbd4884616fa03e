--TEST--
connecting with a retry policy: a signal during the sleep between attempts runs its pcntl handler (with or without async signals) and the attempts go on; an exception thrown by the handler stops connecting
--EXTENSIONS--
mq
pcntl
posix
--FILE--
<?php
use Mq\RetryPolicy;
use PhpAmqpLib\Connection\AMQPStreamConnection;

$refused = ['host' => '127.0.0.1', 'port' => 1, 'user' => 'guest', 'password' => 'guest'];
// Two attempts, one second apart.
$policy = new RetryPolicy(maxAttempts: 2, initialDelay: 1.0, jitter: 0.0);

/** Sends SIGUSR1 to this process after $seconds, from a child. */
function signal_in(float $seconds): void
{
    $pid = pcntl_fork();
    if ($pid === 0) {
        usleep((int) ($seconds * 1e6));
        posix_kill(posix_getppid(), SIGUSR1);
        posix_kill(getmypid(), SIGKILL); // no shutdown functions in the child
    }
}

foreach ([true, false] as $async) {
    pcntl_async_signals($async);
    $handled = null;
    pcntl_signal(SIGUSR1, function () use (&$handled) { $handled = microtime(true); });
    $t0 = microtime(true);
    signal_in(0.3);
    try {
        AMQPStreamConnection::create_connection([$refused], ['retry_policy' => $policy]);
    } catch (Throwable $e) {
        preg_match_all('/\d+\) 127\.0\.0\.1:1 after (\d+\.\d+)s/', $e->getMessage(), $m);
        // The handler ran before the second attempt began, i.e. during the sleep.
        $second = $m[1][1] ?? 0.0;
        printf("async %s: %s, %d attempts; handler ran during the sleep: %s\n", var_export($async, true), get_class($e),
            count($m[0]), var_export($handled !== null && $handled - $t0 < $second, true));
    }
    pcntl_waitpid(-1, $status);
}

// A handler that throws: connecting stops with its exception.
pcntl_async_signals(false);
pcntl_signal(SIGUSR1, function () { throw new RuntimeException('stop connecting'); });
$t0 = microtime(true);
signal_in(0.3);
try {
    AMQPStreamConnection::create_connection([$refused], ['retry_policy' => new RetryPolicy(5, 1.0, jitter: 0.0)]);
} catch (Throwable $e) {
    // No "Attempts:" list: the handler's own exception, thrown from the sleep after the first attempt.
    printf("%s: %s\n", get_class($e), $e->getMessage());
}
pcntl_waitpid(-1, $status);
?>
--EXPECT--
async true: PhpAmqpLib\Exception\AMQPIOException, 2 attempts; handler ran during the sleep: true
async false: PhpAmqpLib\Exception\AMQPIOException, 2 attempts; handler ran during the sleep: true
RuntimeException: stop connecting
