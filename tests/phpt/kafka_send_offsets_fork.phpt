--TEST--
Kafka: sendOffsetsToTransaction() in a forked child with the parent's producer or consumer throws the clear fork exception (never a hang)
--EXTENSIONS--
mq
pcntl
--FILE--
<?php
function conf(array $settings): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    // An IP literal: no resolver call can be under way at the fork.
    $conf->set('bootstrap.servers', '127.0.0.1:1');
    $conf->set('log_level', '0');
    foreach ($settings as $name => $value) {
        $conf->set($name, $value);
    }
    return $conf;
}
$producer = new RdKafka\Producer(conf(['transactional.id' => 'fork-tx']));
$consumer = new RdKafka\KafkaConsumer(conf(['group.id' => 'fork-group']));
$offsets = [new RdKafka\TopicPartition('t', 0, 1)];
$pid = pcntl_fork();
if ($pid === 0) {
    foreach ([
        "parent's consumer" => fn () => (new RdKafka\Producer(conf(['transactional.id' => 'child-tx'])))->sendOffsetsToTransaction($offsets, $consumer, 1000),
        "parent's producer" => fn () => $producer->sendOffsetsToTransaction($offsets, new RdKafka\KafkaConsumer(conf(['group.id' => 'child'])), 1000),
    ] as $what => $call) {
        try {
            $call();
            echo "$what: no exception\n";
        } catch (Throwable $e) {
            printf("%s: %s %s\n", $what, get_class($e), $e->getMessage());
        }
    }
    exit(0);
}
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
?>
--EXPECT--
parent's consumer: RdKafka\Exception This Kafka client was created before pcntl_fork() and belongs to the parent process (librdkafka's threads do not survive fork); create a new client (reconnect) in the child
parent's producer: RdKafka\Exception This Kafka client was created before pcntl_fork() and belongs to the parent process (librdkafka's threads do not survive fork); create a new client (reconnect) in the child
int(0)
