<?php
/*
 * Mq\KafkaRetryingConsumer on --topic in group --group (group.protocol --protocol), retry policy: --attempts
 * attempts, the first retry --delay seconds after a failure, each next one twice as late, no jitter. The
 * handler fails the records whose key number N has N % --every == --flaky until their --attempts-th attempt
 * (then succeeds), and always fails those with N % --every == --poison (they go to the dead-letter topic);
 * the others succeed at once. It records "KEY ATTEMPT ok|fail T TOPIC PARTITION OFFSET" in --dir/handled
 * per call, T before it returns or throws, after --work-us microseconds of work. Consumes until the file
 * --release exists, then closes.
 * mq's own class (no php-rdkafka equivalent), but for the end condition, which is the test's.
 */
require __DIR__ . '/_client.php';

$a = child_args();
$every = (int) $a['every'];
$attempts = (int) $a['attempts'];
$handled = record_file("{$a['dir']}/handled");

$calls = 0;
$succeeded = 0;
counters(function () use (&$calls, &$succeeded) {
    return [$calls, $succeeded];
});

$handler = function (RdKafka\Message $m) use ($a, $every, $attempts, $handled, &$calls, &$succeeded): void {
    $attempt = (int) ($m->headers[Mq\KafkaRetryingConsumer::ATTEMPTS_HEADER] ?? 1);
    $class = (int) substr((string) $m->key, strrpos((string) $m->key, '-') + 1) % $every;
    $fails = $class === (int) $a['poison'] || ($class === (int) $a['flaky'] && $attempt < $attempts);
    usleep((int) $a['work-us']);
    $calls++;
    $succeeded += $fails ? 0 : 1;
    fwrite($handled, sprintf("%s %d %s %.6f %s %d %d\n", $m->key, $attempt, $fails ? 'fail' : 'ok', microtime(true),
        $m->topic_name, $m->partition, $m->offset));
    progress($calls, $succeeded);
    if ($fails) {
        throw new RuntimeException("failed $m->key attempt $attempt");
    }
};

$conf = group_conf($a);
$conf->set('auto.commit.interval.ms', '1000');
$policy = new Mq\RetryPolicy(maxAttempts: $attempts, initialDelay: (float) $a['delay'], multiplier: 2.0, jitter: 0.0,
    retryOn: [Throwable::class]);
$consumer = new Mq\KafkaRetryingConsumer($conf, $a['topic'], $handler, $policy);

while (!is_file($a['release'])) {
    $consumer->consume(0.5);
}
$consumer->close();
emit('done', (string) $calls, (string) $succeeded);
