<?php
// mq-deliberate: setConsumeCb(): mq calls the callback with each Message KafkaConsumer::consume() returns; librdkafka never calls php-rdkafka's (README, "Where mq deliberately differs")
require __DIR__ . '/_prelude.php';

$topic = name('consume-cb');
produce_all($topic, ['x']);
$calls = [];
$conf = conf(['group.id' => name('group'), 'auto.offset.reset' => 'earliest']);
$conf->setConsumeCb(function ($message, $kafka) use (&$calls) {
    $calls[] = [get_class($message), get_class($kafka), $message->payload];
});
$c = new RdKafka\KafkaConsumer($conf);
$c->subscribe([$topic]);
show('consumed', array_map(fn ($m) => $m->payload, consume_n($c, 1)));
show('consume_cb calls', $calls);
