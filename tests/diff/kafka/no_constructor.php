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

// A KafkaConsumer given a Conf made without its constructor goes on to its group.id check, whose
// exception the engine chains to the Conf's. (php-rdkafka's Producer and Consumer build a client on
// librdkafka's defaults then, under the Conf's exception: a known difference.)
attempt('new RdKafka\KafkaConsumer(unconstructed Conf)', function () {
    try {
        return new RdKafka\KafkaConsumer((new ReflectionClass('RdKafka\Conf'))->newInstanceWithoutConstructor());
    } catch (Throwable $e) {
        $previous = $e->getPrevious();
        throw new Exception(exc($e) . ($previous ? ', previous ' . exc($previous) : ''));
    }
});
