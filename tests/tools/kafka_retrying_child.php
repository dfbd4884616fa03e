<?php
// A Mq\KafkaRetryingConsumer in its own process, for kafka_retrying_consumer_crash.phpt to SIGKILL:
//   php kafka_retrying_child.php TOPIC GROUP
// Says "handling PAYLOAD" per record; the record "slow" never finishes (it says "started" and sleeps).
require __DIR__ . '/kafka_retrying.php';

[, $topic, $group] = $argv;
$conf = retrying_conf($group, kafka_group_protocol());
// Finished offsets are committed within 100 ms (the default is 5 s).
$conf->set('auto.commit.interval.ms', '100');
$consumer = new Mq\KafkaRetryingConsumer($conf, $topic, function (RdKafka\Message $m) {
    echo "handling $m->payload\n";
    if ($m->payload === 'slow') {
        echo "started\n";
        sleep(60);
    }
});
$consumer->consume(60.0);
