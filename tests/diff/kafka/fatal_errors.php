<?php
// Fatal errors as php-rdkafka reports them: RD_KAFKA_RESP_ERR__FATAL, with "Fatal error: " and the
// underlying error's description before the reason, to the error callback (a transactional producer fenced
// by a newer one) and in the Message consume() returns (a static member fenced by another with its
// group.instance.id). mq takes errors through librdkafka's event API, which hands over the underlying error.
require __DIR__ . '/_prelude.php';

$topic = name('fatal');
produce_all($topic, ['m0', 'm1']);
$id = name('txn');
$conf = conf(['transactional.id' => $id, 'log_level' => '0']);
// The fatal error's log line (php-rdkafka prints librdkafka's log without a log callback; mq does not).
$conf->setLogCb(function () {
});
$conf->setErrorCb(function ($kafka, $err, $reason) use ($topic) {
    $reason = preg_replace(['/PID\{[^}]*\}/', '/ \[\d+\]/', '/base seq \d+/'], ['PID', '', 'base seq N'], $reason);
    out('error_cb: ' . rd_kafka_err2name($err) . ": $reason");
});
$p1 = new RdKafka\Producer($conf);
$p1->initTransactions(30000);
$p1->beginTransaction();
$p1->newTopic($topic)->produce(0, 0, 'a');
$p1->flush(10000);
$p2 = new RdKafka\Producer(conf(['transactional.id' => $id, 'log_level' => '0']));
$p2->initTransactions(30000); // fences $p1
$p1->newTopic($topic)->produce(0, 0, 'b');
$p1->flush(10000);
$p1->poll(500);

$group = name('group');
$member = fn() => kafka_consumer(['group.id' => $group, 'group.instance.id' => 'instance', 'session.timeout.ms' => '6000', 'log_level' => '0']);
$a = $member();
$a->subscribe([$topic]);
consume_n($a, 1);
$b = $member();
$b->subscribe([$topic]);
for ($i = 0; $i < 60; $i++) {
    $m = $a->consume(200);
    if (!in_array($m->err, [RD_KAFKA_RESP_ERR_NO_ERROR, RD_KAFKA_RESP_ERR__TIMED_OUT, RD_KAFKA_RESP_ERR__PARTITION_EOF], true)) {
        out('fenced member: ' . rd_kafka_err2name($m->err) . ', errstr ' . $m->errstr() . ', payload ' . preg_replace('/\(.*$/', '(...)', $m->payload));
        break;
    }
    $b->consume(200);
}
// (php-rdkafka's destructor of a fenced member that was not closed warns "rd_kafka_consumer_close failed:
// Local: Fatal error"; mq's does not. close() itself warns in neither.)
attempt('close the fenced member', fn() => $a->close());
$b->close();
