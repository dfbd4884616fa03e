<?php
// mq-known: var_dump() of a client does not list php-rdkafka's never-set typed properties (uninitialized error_cb/dr_cb on \RdKafka, three on KafkaConsumer)
// var_dump, print_r and (array) of the other objects: Conf, TopicConf, clients, topics, a Queue, exceptions.
require __DIR__ . '/_prelude.php';

$conf = conf();
$objects = [
    'Conf' => $conf,
    'TopicConf' => new RdKafka\TopicConf(),
    'Producer' => $p = new RdKafka\Producer($conf),
    'ProducerTopic' => $p->newTopic(name('t')),
    'Consumer' => $c = new RdKafka\Consumer($conf),
    'ConsumerTopic' => $c->newTopic(name('t')),
    'Queue' => $c->newQueue(),
    'KafkaConsumer' => $kc = kafka_consumer(),
    'KafkaConsumerTopic' => $kc->newTopic(name('t')),
];
foreach ($objects as $label => $o) {
    out("== $label");
    dumped('var_dump', fn () => var_dump($o));
    dumped('print_r', fn () => print_r($o));
    echo "\n";
    // Private properties' keys start with a NUL byte: shown as \0.
    dumped('(array)', fn () => var_dump(array_map(fn ($k) => str_replace("\0", '\0', $k), array_keys((array) $o))));
}
