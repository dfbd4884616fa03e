--TEST--
Kafka: a script whose low-level RdKafka\Consumer still has a consumeStart()ed partition (never stopped, with or without a group.id, read directly or through a Queue) exits however it ends (end of script, exit(), an uncaught exception, a fatal error) instead of hanging while PHP frees the consumer: started partitions are stopped first, as php-rdkafka does; so does a subscribed KafkaConsumer never closed (with a topic object still holding it)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/run_child.php';
require dirname(__DIR__) . '/tools/child_php.php';

// The child's KafkaConsumer joins its group with kafka_group_protocol().
$child = dirname(__DIR__) . '/tools/kafka_exit_child.php';
$expected = [
    'end' => [0, null],
    'exit' => [3, null],
    'exception' => [255, 'Uncaught RuntimeException: boom'],
    'fatal' => [255, 'Call to undefined function undefined_function()'],
];
foreach (['plain', 'group', 'queue', 'group-queue', 'kafka'] as $variant) {
    foreach ($expected as $how => [$status, $error]) {
        $r = run_with_deadline(mq_child_php(escapeshellarg($child) . ' ' . $how . ' ' . $variant), 30);
        $ok = $r['status'] === $status
            && str_starts_with($r['out'], "consumed hello\n")
            && ($error === null ? $r['out'] === "consumed hello\n" : str_contains($r['out'], $error));
        echo "$variant $how: ", $ok ? 'ok' : 'status ' . $r['status'] . ', output ' . json_encode($r['out']), "\n";
    }
}
?>
--EXPECT--
plain end: ok
plain exit: ok
plain exception: ok
plain fatal: ok
group end: ok
group exit: ok
group exception: ok
group fatal: ok
queue end: ok
queue exit: ok
queue exception: ok
queue fatal: ok
group-queue end: ok
group-queue exit: ok
group-queue exception: ok
group-queue fatal: ok
kafka end: ok
kafka exit: ok
kafka exception: ok
kafka fatal: ok
