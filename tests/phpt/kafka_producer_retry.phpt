--TEST--
Mq\KafkaProducer with a RetryPolicy: a message that fails with a retriable error (_MSG_TIMED_OUT: no broker reachable) is produced again after the policy's delay and delivered once the cause is gone (the Conf's own dr_msg_cb, still called, adds the real broker on the failure report)
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$name = fresh_name('kproducer-retry');
$conf = new RdKafka\Conf();
// Nothing listens there: the first attempt times out in librdkafka's queue after 3 s.
$conf->set('bootstrap.servers', '127.0.0.1:1');
$conf->set('message.timeout.ms', '3000');
$conf->set('log_level', '0');
$reports = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$reports) {
    $reports[] = $message->err === 0 ? 'delivered' : 'failed: ' . rd_kafka_err2name($message->err);
    if ($message->err !== 0) {
        $kafka->addBrokers(kafka_bootstrap());
    }
});
$producer = new Mq\KafkaProducer($conf, new Mq\RetryPolicy(maxAttempts: 3, initialDelay: 0.2, jitter: 0.0));
$outcome = $producer->send($name, 'persistent', 'k', timeout: 30.0);
printf("%s attempts=%d partition=%d offset=%s\n", $outcome->getStatus(), $outcome->getAttempts(), $outcome->getPartition(), var_export($outcome->getOffset(), true));
var_dump($reports, $producer->getCounters());
// The broker holds it once: the failed attempt never reached it.
$broker = escapeshellarg(kafka_bootstrap());
echo shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($name) . " -o beginning -e -q -f '%o %k %s\\n' 2>&1");
?>
--EXPECT--
delivered attempts=2 partition=0 offset=0
array(2) {
  [0]=>
  string(22) "failed: _MSG_TIMED_OUT"
  [1]=>
  string(9) "delivered"
}
array(5) {
  ["pending"]=>
  int(0)
  ["delivered"]=>
  int(1)
  ["failed"]=>
  int(0)
  ["timed_out"]=>
  int(0)
  ["retried"]=>
  int(1)
}
0 k persistent
