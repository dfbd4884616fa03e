--TEST--
Mq\RetryPolicy defaults come from the mq.retry_* ini entries (milliseconds there, seconds in PHP); an invalid entry falls back to its built-in default, and ini_set() applies to the next policy
--EXTENSIONS--
mq
--INI--
mq.retry_max_attempts=0
mq.retry_initial_delay_ms=abc
mq.retry_multiplier=0.5
mq.retry_max_delay_ms=-5
mq.retry_jitter=2
mq.retry_deadline_ms=INF
--FILE--
<?php
function show(Mq\RetryPolicy $p): void
{
    printf("%d %s %s %s %s %s\n", $p->getMaxAttempts(), var_export($p->getInitialDelay(), true),
        var_export($p->getMultiplier(), true), var_export($p->getMaxDelay(), true),
        var_export($p->getJitter(), true), var_export($p->getDeadline(), true));
}
echo "invalid: "; show(new Mq\RetryPolicy());
ini_set('mq.retry_max_attempts', '7');
ini_set('mq.retry_initial_delay_ms', '250');
ini_set('mq.retry_multiplier', '1.5');
ini_set('mq.retry_max_delay_ms', '2000');
ini_set('mq.retry_jitter', '0');
ini_set('mq.retry_deadline_ms', '60000');
echo "set: "; show(new Mq\RetryPolicy());
echo "arguments win: "; show(new Mq\RetryPolicy(2, 0.5, deadline: 0));
echo "none(): "; show(Mq\RetryPolicy::none());
ini_set('mq.retry_max_attempts', '2.5');
ini_set('mq.retry_multiplier', 'NAN');
echo "invalid again: "; show(new Mq\RetryPolicy());
echo ini_get('mq.retry_multiplier'), "\n";
?>
--EXPECT--
invalid: 5 0.1 2.0 30.0 0.2 0.0
set: 7 0.25 1.5 2.0 0.0 60.0
arguments win: 2 0.5 1.5 2.0 0.0 0.0
none(): 1 0.25 1.5 2.0 0.0 60.0
invalid again: 5 0.25 2.0 2.0 0.0 60.0
NAN
