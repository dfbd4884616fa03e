--TEST--
Kafka: poll(0) after every produce() (php-rdkafka's README loop) serves every delivery report and error as they arrive, though an idle poll(0) looks at librdkafka's queue without polling it; without a delivery callback only failed deliveries come back, and flush() still waits for every message
--EXTENSIONS--
mq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

// With a delivery callback: nothing but poll(0) calls, every report reaches PHP, in order.
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$conf->set('linger.ms', '50');
$reports = [];
$conf->setDrMsgCb(function ($kafka, $message) use (&$reports) {
    $reports[] = [$message->err, $message->payload, $message->opaque];
});
$producer = new RdKafka\Producer($conf);
$topic = $producer->newTopic(fresh_name('poll-zero'));
var_dump($producer->poll(0)); // nothing produced yet: nothing served
$polls = 0;
for ($i = 0; $i < 200; $i++) {
    $topic->produce(0, 0, "m$i", null, "o$i");
    $producer->poll(0);
}
$deadline = microtime(true) + 20;
while (count($reports) < 200 && microtime(true) < $deadline) {
    $producer->poll(0);
    $polls++;
}
var_dump(count($reports), $polls > 0);
var_dump($reports === array_map(fn ($i) => [0, "m$i", "o$i"], range(0, 199)));
var_dump($producer->getOutQLen(), $producer->poll(0));

// Without one: successes bring nothing back (poll(0) stays at 0 while they are acknowledged), flush()
// waits for them all, and a failure is still served (its error is the message's own).
$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', kafka_bootstrap());
$quiet = new RdKafka\Producer($conf);
$topic = $quiet->newTopic(fresh_name('poll-zero-quiet'));
$served = 0;
for ($i = 0; $i < 200; $i++) {
    $topic->produce(0, 0, "m$i", null, "opaque $i");
    $served += $quiet->poll(0);
}
var_dump($quiet->flush(20000), $quiet->getOutQLen());
$served += $quiet->poll(0);
var_dump($served);
$low = $high = -1;
$quiet->queryWatermarkOffsets($topic->getName(), 0, $low, $high, 10000);
var_dump($high - $low);

$conf = new RdKafka\Conf();
$conf->set('bootstrap.servers', '127.0.0.1:1');
$conf->set('message.timeout.ms', '200');
$failing = new RdKafka\Producer($conf);
$failing->newTopic('never-delivered')->produce(0, 0, 'lost');
$served = 0;
$deadline = microtime(true) + 20;
while ($failing->getOutQLen() > 0 && microtime(true) < $deadline) {
    $served += $failing->poll(0);
    usleep(10000);
}
// The failed report leaves librdkafka's queue only when served (connection errors are served too).
var_dump($failing->getOutQLen(), $served > 0);
?>
--EXPECT--
int(0)
int(200)
bool(true)
bool(true)
int(0)
int(0)
int(0)
int(0)
int(0)
int(200)
int(0)
bool(true)
