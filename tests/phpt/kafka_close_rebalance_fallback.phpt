--TEST--
Kafka: close() hands the revoke to the rebalance callback; what a callback leaves assigned (it returns without assign(), or throws) is revoked natively, so close() returns (php-rdkafka's waits without end), with the callback's exception, and the consumer is closed
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$topic = fresh_name('close-revoke');
$p = new RdKafka\Producer((function () { $c = new RdKafka\Conf(); $c->set('bootstrap.servers', kafka_bootstrap()); return $c; })());
for ($i = 0; $i < 3; $i++) {
    $p->newTopic($topic)->produce(0, 0, "m$i");
}
var_dump($p->flush(10000));

foreach (['returns', 'throws'] as $mode) {
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', kafka_bootstrap());
    $conf->set('group.id', fresh_name('close-revoke-group'));
    $conf->set('group.protocol', kafka_group_protocol());
    $conf->set('auto.offset.reset', 'earliest');
    $incremental = kafka_group_protocol() === 'consumer';
    $conf->setRebalanceCb(function (RdKafka\KafkaConsumer $k, int $err, ?array $partitions) use ($mode, $incremental) {
        if ($err === RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
            $incremental ? $k->incrementalAssign($partitions) : $k->assign($partitions);
            return;
        }
        echo "$mode: revoke of ", count($partitions), " partition(s)\n";
        if ($mode === 'throws') {
            throw new RuntimeException('from the revoke');
        }
    });
    $k = new RdKafka\KafkaConsumer($conf);
    $k->subscribe([$topic]);
    $got = 0;
    $deadline = microtime(true) + 30;
    while ($got < 3 && microtime(true) < $deadline) {
        $got += $k->consume(500)->err === RD_KAFKA_RESP_ERR_NO_ERROR ? 1 : 0;
    }
    $t = microtime(true);
    try {
        $k->close();
        echo "$mode: close() returned\n";
    } catch (RuntimeException $e) {
        echo "$mode: close() threw ", $e->getMessage(), "\n";
    }
    printf("%s: within 10 s: %s\n", $mode, var_export(microtime(true) - $t < 10, true));
    try {
        $k->getAssignment();
    } catch (Exception $e) {
        echo "$mode: then ", $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
int(0)
returns: revoke of 1 partition(s)
returns: close() returned
returns: within 10 s: true
returns: then RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
throws: revoke of 1 partition(s)
throws: close() threw from the revoke
throws: within 10 s: true
throws: then RdKafka\KafkaConsumer::__construct() has not been called, or RdKafka\KafkaConsumer::close() was already called
