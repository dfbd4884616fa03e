--TEST--
Mq\KafkaRetryingConsumer: a consumer SIGKILLed mid-handler has committed the records it finished and not the one it was handling: a new consumer of the group gets that one again, first
--EXTENSIONS--
mq
--SKIPIF--
<?php if (!function_exists('proc_open')) die('skip proc_open() needed');
--FILE--
<?php
require dirname(__DIR__) . '/tools/kafka_retrying.php';
require dirname(__DIR__) . '/tools/child_php.php';

$topic = fresh_name('kcrash');
$group = fresh_name('kcrash-group');
produce_records($topic, [['first', null, []], ['slow', null, []], ['third', null, []]]);

$cmd = mq_child_php(escapeshellarg(dirname(__DIR__) . '/tools/kafka_retrying_child.php') . ' '
    . escapeshellarg($topic) . ' ' . escapeshellarg($group));
$child = proc_open('exec ' . $cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['redirect', 1]], $pipes);
stream_set_blocking($pipes[1], false);
$out = '';
$deadline = microtime(true) + 60;
while (!str_contains($out, "started\n") && microtime(true) < $deadline && proc_get_status($child)['running']) {
    $r = [$pipes[1]];
    $w = $e = null;
    if (@stream_select($r, $w, $e, 0, 100000)) {
        $out .= (string) fread($pipes[1], 65536);
    }
}
echo $out;
usleep(1000000); // the auto-commit of "first" (every 100 ms in the child)
proc_terminate($child, 9);
while (proc_get_status($child)['running']) {
    usleep(10000);
}
echo "killed\n";

$seen = [];
$consumer = new Mq\KafkaRetryingConsumer(retrying_conf($group, kafka_group_protocol()), $topic, function (RdKafka\Message $m) use (&$seen, &$consumer) {
    $seen[] = $m->payload . ' attempts=' . ($m->headers['x-mq-attempts'] ?? '-');
    if (count($seen) === 2) {
        $consumer->stop();
    }
});
$consumer->consume(60.0);
var_dump($seen);
$consumer->close();
?>
--EXPECT--
handling first
handling slow
started
killed
array(2) {
  [0]=>
  string(15) "slow attempts=-"
  [1]=>
  string(16) "third attempts=-"
}
