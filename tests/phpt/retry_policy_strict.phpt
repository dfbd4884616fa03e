--TEST--
Mq\RetryPolicy under declare(strict_types=1): no scalar juggling (a numeric string is a TypeError), an int is still accepted for a float, null still means the ini default
--EXTENSIONS--
mq
--FILE--
<?php
declare(strict_types=1);

function attempt(string $label, callable $f): void
{
    try {
        $result = $f();
        echo "$label: ", var_export($result, true), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}

attempt('maxAttempts "3"', fn() => (new Mq\RetryPolicy("3"))->getMaxAttempts());
attempt('maxAttempts 3.0', fn() => (new Mq\RetryPolicy(3.0))->getMaxAttempts());
attempt('initialDelay 1', fn() => (new Mq\RetryPolicy(initialDelay: 1))->getInitialDelay());
attempt('jitter "0.5"', fn() => (new Mq\RetryPolicy(jitter: "0.5"))->getJitter());
attempt('deadline null', fn() => (new Mq\RetryPolicy(deadline: null))->getDeadline());
attempt('delay("2")', fn() => (new Mq\RetryPolicy())->delay("2"));
attempt('delay(true)', fn() => (new Mq\RetryPolicy())->delay(true));
?>
--EXPECT--
maxAttempts "3": TypeError: Mq\RetryPolicy::__construct(): Argument #1 ($maxAttempts) must be of type ?int, string given
maxAttempts 3.0: TypeError: Mq\RetryPolicy::__construct(): Argument #1 ($maxAttempts) must be of type ?int, float given
initialDelay 1: 1.0
jitter "0.5": TypeError: Mq\RetryPolicy::__construct(): Argument #5 ($jitter) must be of type ?float, string given
deadline null: 0.0
delay("2"): TypeError: Mq\RetryPolicy::delay(): Argument #1 ($attempt) must be of type int, string given
delay(true): TypeError: Mq\RetryPolicy::delay(): Argument #1 ($attempt) must be of type int, bool given
