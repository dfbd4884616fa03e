<?php
// Mq\KafkaRetryingConsumer (mq's own, compiled into mq.so) on php-rdkafka's public API: under php-rdkafka
// its source file is loaded as plain PHP, and both clients must give the same retries, dead letters,
// headers, hook calls and committed offsets.
// timeout: 60
require __DIR__ . '/_prelude.php';
// Under php-rdkafka there is no Mq\RetryPolicy: a stand-in with the methods the consumer calls.
require_once __DIR__ . '/../retry_policy_standin.php';
if (client() === 'rdkafka') {
    require_once __DIR__ . '/../../../src/kafka/php/KafkaRetryingConsumer.php';
}

use Mq\KafkaRetryingConsumer;
use Mq\RetryPolicy;

$topic = name('work');
$group = name('group');
$log = [];
$asked = [];
$conf = conf(['group.id' => $group, 'auto.offset.reset' => 'earliest']);
$consumer = new KafkaRetryingConsumer($conf, $topic, function (RdKafka\Message $m) use (&$log) {
    $attempts = $m->headers['x-mq-attempts'] ?? '-';
    $log[$m->payload][] = "attempts=$attempts from " . logical($m->topic_name);
    if ($m->payload === 'C' || ($m->payload === 'A' && $attempts !== '3')) {
        throw new RuntimeException("$m->payload failed at $attempts");
    }
    if ($m->payload === 'D') {
        throw new LogicException('not retried');
    }
}, new RetryPolicy(maxAttempts: 3, initialDelay: 0.1, multiplier: 2.0, retryOn: [RuntimeException::class]),
    firstSeen: function (string $id, RdKafka\Message $m) use (&$asked) {
        $asked[] = logical($id);
        return true;
    });
show('retry topics', array_map('logical', $consumer->getRetryTopics()));
show('dead-letter topic', logical($consumer->getDeadLetterTopic()));
$consumer->declareRetryTopics();
produce_all($topic, ['A', 'B', 'C', 'D']);

$deadline = microtime(true) + 40;
while (array_sum($consumer->getCounters()) - $consumer->getCounters()['retried'] < 4 && microtime(true) < $deadline) {
    $consumer->consume(0.5);
}
ksort($log);
foreach ($log as $payload => $lines) {
    out("$payload: " . implode('; ', $lines));
}
show('hook asked', $asked);
show('counters', $consumer->getCounters());
$consumer->close();

$interesting = ['x-mq-attempts', 'x-mq-error-class', 'x-mq-error-message', 'x-mq-original-topic',
    'x-mq-original-partition', 'x-mq-original-offset', 'x-mq-due-ms'];
$reader = kafka_consumer();
$reader->assign([new RdKafka\TopicPartition("$topic.dlt", 0, RD_KAFKA_OFFSET_BEGINNING)]);
foreach (consume_n($reader, 2) as $m) {
    $h = array_intersect_key($m->headers, array_flip($interesting));
    ksort($h);
    out("dead letter $m->payload key " . repr($m->key) . ': ' . logical(repr($h)) . ' group ' . repr($m->headers['x-mq-group'] === $group));
}
$reader->close();
$offsets = kafka_consumer(['group.id' => $group]);
$committed = $offsets->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0), new RdKafka\TopicPartition("$topic.retry.100", 0),
    new RdKafka\TopicPartition("$topic.retry.200", 0)], 10000);
foreach ($committed as $tp) {
    out('committed ' . logical($tp->getTopic()) . ': ' . $tp->getOffset());
}
$offsets->close();
