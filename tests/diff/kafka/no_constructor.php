<?php
require __DIR__ . '/_prelude.php';

foreach ([
    'RdKafka\Conf' => fn ($o) => $o->dump(),
    'RdKafka\TopicConf' => fn ($o) => $o->set('acks', '1'),
    'RdKafka\Producer' => fn ($o) => $o->poll(0),
    'RdKafka\Consumer' => fn ($o) => $o->newQueue(),
    'RdKafka\KafkaConsumer' => fn ($o) => $o->getAssignment(),
    'RdKafka\TopicPartition' => fn ($o) => $o->getTopic(),
    'RdKafka\ProducerTopic' => fn ($o) => $o->getName(),
    'RdKafka\ConsumerTopic' => fn ($o) => $o->consumeStop(0),
    'RdKafka\Queue' => fn ($o) => $o->consume(0),
    'RdKafka\Metadata' => fn ($o) => $o->getTopics(),
    'RdKafka\Metadata\Collection' => fn ($o) => $o->count(),
    'RdKafka\Metadata\Broker' => fn ($o) => $o->getId(),
    'RdKafka\Metadata\Topic' => fn ($o) => $o->getTopic(),
    'RdKafka\Metadata\Partition' => fn ($o) => $o->getId(),
    'RdKafka\KafkaErrorException' => fn ($o) => $o->getErrorString(),
] as $class => $call) {
    attempt("$class", function () use ($class, $call) {
        $o = (new ReflectionClass($class))->newInstanceWithoutConstructor();
        return $call($o);
    });
}
