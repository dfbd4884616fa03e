--TEST--
Mq\RetryPolicy: defaults, getters, delay(), validation with messages naming the argument, PHP's coercion, named arguments, none(), clone and serialize
--EXTENSIONS--
mq
--FILE--
<?php
use Mq\RetryPolicy;

function attempt(string $label, callable $f): void
{
    try {
        $r = $f();
        echo "$label: ", $r instanceof RetryPolicy ? 'policy' : var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo "$label: ", get_class($e), ": ", $e->getMessage(), "\n";
    }
}

function show(RetryPolicy $p): string
{
    return sprintf('%d %s %s %s %s %s', $p->getMaxAttempts(), var_export($p->getInitialDelay(), true),
        var_export($p->getMultiplier(), true), var_export($p->getMaxDelay(), true),
        var_export($p->getJitter(), true), var_export($p->getDeadline(), true));
}

echo "defaults: ", show(new RetryPolicy()), "\n";
$p = new RetryPolicy(6, 0.5, 3, 10, 0, 60);
echo "given: ", show($p), "\n";
echo "delays: ", implode(' ', array_map(fn($n) => $p->delay($n), [1, 2, 3, 4, 5])), "\n";
echo "named: ", show(new RetryPolicy(jitter: 0.5, maxAttempts: 2)), "\n";
echo "none: ", show(RetryPolicy::none()), "\n";
echo "huge attempt: ", (new RetryPolicy(3, 1, 1e300, 7))->delay(PHP_INT_MAX), "\n";
echo "zero delay: ", (new RetryPolicy(3, 0, 1e300, 7))->delay(1000), "\n";

echo "-- refused values\n";
attempt('maxAttempts 0', fn() => new RetryPolicy(0));
attempt('maxAttempts -5', fn() => new RetryPolicy(-5));
attempt('maxAttempts PHP_INT_MAX', fn() => (new RetryPolicy(PHP_INT_MAX))->getMaxAttempts());
attempt('initialDelay -0.001', fn() => new RetryPolicy(initialDelay: -0.001));
attempt('initialDelay NAN', fn() => new RetryPolicy(initialDelay: NAN));
attempt('initialDelay INF', fn() => new RetryPolicy(initialDelay: INF));
attempt('initialDelay 1e300', fn() => (new RetryPolicy(initialDelay: 1e300))->getInitialDelay());
attempt('multiplier 0.99', fn() => new RetryPolicy(multiplier: 0.99));
attempt('multiplier INF', fn() => new RetryPolicy(multiplier: INF));
attempt('multiplier NAN', fn() => new RetryPolicy(multiplier: NAN));
attempt('maxDelay -1', fn() => new RetryPolicy(maxDelay: -1));
attempt('maxDelay INF', fn() => new RetryPolicy(maxDelay: INF));
attempt('jitter -0.1', fn() => new RetryPolicy(jitter: -0.1));
attempt('jitter 1.01', fn() => new RetryPolicy(jitter: 1.01));
attempt('jitter NAN', fn() => new RetryPolicy(jitter: NAN));
attempt('jitter 1', fn() => (new RetryPolicy(jitter: 1))->getJitter());
attempt('deadline -INF', fn() => new RetryPolicy(deadline: -INF));
attempt('deadline NAN', fn() => new RetryPolicy(deadline: NAN));
attempt('delay(0)', fn() => $p->delay(0));
attempt('delay(-1)', fn() => $p->delay(-1));

echo "-- types (weak mode)\n";
attempt('maxAttempts "3"', fn() => (new RetryPolicy("3"))->getMaxAttempts());
attempt('maxAttempts "three"', fn() => new RetryPolicy("three"));
attempt('maxAttempts 2.0', fn() => (new RetryPolicy(2.0))->getMaxAttempts());
attempt('maxAttempts 2.5', fn() => (new RetryPolicy(2.5))->getMaxAttempts());
attempt('maxAttempts 1e20', fn() => new RetryPolicy(1e20));
attempt('maxAttempts []', fn() => new RetryPolicy([]));
attempt('initialDelay "0.25"', fn() => (new RetryPolicy(initialDelay: "0.25"))->getInitialDelay());
attempt('initialDelay 1 (int)', fn() => (new RetryPolicy(initialDelay: 1))->getInitialDelay());
attempt('initialDelay true', fn() => (new RetryPolicy(initialDelay: true))->getInitialDelay());
attempt('jitter "x"', fn() => new RetryPolicy(jitter: "x"));
attempt('jitter object', fn() => new RetryPolicy(jitter: new stdClass()));
attempt('retryOn "x"', fn() => new RetryPolicy(retryOn: "x"));
attempt('retryOn [1]', fn() => new RetryPolicy(retryOn: [1]));
attempt('retryOn [null]', fn() => new RetryPolicy(retryOn: [null]));
attempt('retryOn [Nope]', fn() => new RetryPolicy(retryOn: ['No\\Such\\Class']));
attempt('retryOn [stdClass]', fn() => new RetryPolicy(retryOn: ['stdClass']));
attempt('retryOn [RuntimeException]', fn() => new RetryPolicy(retryOn: ['\\RuntimeException']));
attempt('delay("2")', fn() => $p->delay("2"));
attempt('delay(null)', fn() => $p->delay(null));
attempt('retries(1)', fn() => $p->retries(1));
attempt('retries()', fn() => $p->retries());
attempt('unknown named', fn() => new RetryPolicy(attempts: 3));
attempt('too many', fn() => new RetryPolicy(1, 1, 1, 1, 0, 0, null, 8));
attempt('getJitter(1)', fn() => $p->getJitter(1));

echo "-- objects\n";
$c = clone $p;
echo "clone: ", show($c), ", same object: ", var_export($c === $p, true), "\n";
attempt('serialize', fn() => serialize($p));
attempt('unserialize', fn() => unserialize('O:14:"Mq\RetryPolicy":0:{}'));
echo 'final: ', var_export((new ReflectionClass(RetryPolicy::class))->isFinal(), true), "\n";
attempt('without constructor', fn() => (new ReflectionClass(RetryPolicy::class))->newInstanceWithoutConstructor());
attempt('dynamic property', function () use ($p) { $p->maxAttempts = 9; return $p->getMaxAttempts(); });
var_dump(new RetryPolicy(2, 0.5, 1.5, 4, 0.1, 9, ['RuntimeException']));
?>
--EXPECTF--
defaults: 5 0.1 2.0 30.0 0.2 0.0
given: 6 0.5 3.0 10.0 0.0 60.0
delays: 0.5 1.5 4.5 10 10
named: 2 0.1 2.0 30.0 0.5 0.0
none: 1 0.1 2.0 30.0 0.2 0.0
huge attempt: 7
zero delay: 0
-- refused values
maxAttempts 0: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #1 ($maxAttempts) must be greater than or equal to 1, 0 given
maxAttempts -5: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #1 ($maxAttempts) must be greater than or equal to 1, -5 given
maxAttempts PHP_INT_MAX: 9223372036854775807
initialDelay -0.001: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #2 ($initialDelay) must be a finite number of seconds >= 0, -0.001 given
initialDelay NAN: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #2 ($initialDelay) must be a finite number of seconds >= 0, NAN given
initialDelay INF: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #2 ($initialDelay) must be a finite number of seconds >= 0, INF given
initialDelay 1e300: 1.0E+300
multiplier 0.99: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #3 ($multiplier) must be a finite number >= 1, 0.99 given
multiplier INF: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #3 ($multiplier) must be a finite number >= 1, INF given
multiplier NAN: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #3 ($multiplier) must be a finite number >= 1, NAN given
maxDelay -1: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #4 ($maxDelay) must be a finite number of seconds >= 0, -1 given
maxDelay INF: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #4 ($maxDelay) must be a finite number of seconds >= 0, INF given
jitter -0.1: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #5 ($jitter) must be between 0 and 1, -0.1 given
jitter 1.01: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #5 ($jitter) must be between 0 and 1, 1.01 given
jitter NAN: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #5 ($jitter) must be between 0 and 1, NAN given
jitter 1: 1.0
deadline -INF: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #6 ($deadline) must be a finite number of seconds >= 0, -INF given
deadline NAN: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #6 ($deadline) must be a finite number of seconds >= 0, NAN given
delay(0): InvalidArgumentException: Mq\RetryPolicy::delay(): Argument #1 ($attempt) must be greater than or equal to 1, 0 given
delay(-1): InvalidArgumentException: Mq\RetryPolicy::delay(): Argument #1 ($attempt) must be greater than or equal to 1, -1 given
-- types (weak mode)
maxAttempts "3": 3
maxAttempts "three": TypeError: Mq\RetryPolicy::__construct(): Argument #1 ($maxAttempts) must be of type ?int, string given
maxAttempts 2.0: 2

Deprecated: Implicit conversion from float 2.5 to int loses precision in %s on line %d
maxAttempts 2.5: 2
maxAttempts 1e20: TypeError: Mq\RetryPolicy::__construct(): Argument #1 ($maxAttempts) must be of type ?int, float given
maxAttempts []: TypeError: Mq\RetryPolicy::__construct(): Argument #1 ($maxAttempts) must be of type ?int, array given
initialDelay "0.25": 0.25
initialDelay 1 (int): 1.0
initialDelay true: 1.0
jitter "x": TypeError: Mq\RetryPolicy::__construct(): Argument #5 ($jitter) must be of type ?float, string given
jitter object: TypeError: Mq\RetryPolicy::__construct(): Argument #5 ($jitter) must be of type ?float, stdClass given
retryOn "x": TypeError: Mq\RetryPolicy::__construct(): Argument #7 ($retryOn) must be of type ?array, string given
retryOn [1]: TypeError: Mq\RetryPolicy::__construct(): Argument #7 ($retryOn) must contain only class names, int given
retryOn [null]: TypeError: Mq\RetryPolicy::__construct(): Argument #7 ($retryOn) must contain only class names, null given
retryOn [Nope]: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #7 ($retryOn) must contain names of \Throwable classes or interfaces, "No\Such\Class" is not one
retryOn [stdClass]: InvalidArgumentException: Mq\RetryPolicy::__construct(): Argument #7 ($retryOn) must contain names of \Throwable classes or interfaces, "stdClass" is not one
retryOn [RuntimeException]: policy
delay("2"): 1.5

Deprecated: Mq\RetryPolicy::delay(): Passing null to parameter #1 ($attempt) of type int is deprecated in %s on line %d
delay(null): InvalidArgumentException: Mq\RetryPolicy::delay(): Argument #1 ($attempt) must be greater than or equal to 1, 0 given
retries(1): TypeError: Mq\RetryPolicy::retries(): Argument #1 ($error) must be of type Throwable, int given
retries(): ArgumentCountError: %s
unknown named: Error: Unknown named parameter $attempts
too many: ArgumentCountError: %s
getJitter(1): ArgumentCountError: %s
-- objects
clone: 6 0.5 3.0 10.0 0.0 60.0, same object: false
serialize: Exception: Serialization of 'Mq\RetryPolicy' is not allowed
unserialize: Exception: Unserialization of 'Mq\RetryPolicy' is not allowed
final: true
without constructor: ReflectionException: Class Mq\RetryPolicy is an internal class marked as final that cannot be instantiated without invoking its constructor
dynamic property: Error: Cannot create dynamic property Mq\RetryPolicy::$maxAttempts
object(Mq\RetryPolicy)#%d (7) {
  ["maxAttempts"]=>
  int(2)
  ["initialDelay"]=>
  float(0.5)
  ["multiplier"]=>
  float(1.5)
  ["maxDelay"]=>
  float(4)
  ["jitter"]=>
  float(0.1)
  ["deadline"]=>
  float(9)
  ["retryOn"]=>
  array(1) {
    [0]=>
    string(16) "RuntimeException"
  }
}
