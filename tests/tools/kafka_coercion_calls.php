<?php
// The calls of tests/phpt/kafka_coercion_*.phpt: every kind of value for every kind of scalar (and class, callable)
// parameter of the Kafka classes. Included as written (coercive mode) or behind
// declare(strict_types=1): strictness is the calling file's. Each line is what php-rdkafka 6.0.4 prints.

class Str { function __toString(): string { return '7'; } }

$values = [
    'int' => 7, 'float' => 7.0, 'frac' => 7.5, 'big' => 1e30, 'true' => true, 'null' => null,
    'numeric' => '7', 'lead' => '7x', 'word' => 'x', 'array' => [], 'object' => new stdClass(), 'stringable' => new Str(),
];

$conf = new RdKafka\Conf();
$conf->set('metadata.broker.list', kafka_bootstrap());
$producer = new RdKafka\Producer($conf);
$tp = new RdKafka\TopicPartition('t', 0);

$calls = [
    // string parameters
    'Conf::set($value)' => fn ($v) => $conf->set('client.id', $v),
    'TopicPartition::setTopic' => fn ($v) => $tp->setTopic($v)->getTopic(),
    'Producer::addBrokers' => fn ($v) => $producer->addBrokers($v),
    // int parameters
    'TopicConf::setPartitioner' => fn ($v) => (new RdKafka\TopicConf())->setPartitioner($v),
    'TopicPartition::setOffset' => fn ($v) => $tp->setOffset($v)->getOffset(),
    'Producer::poll' => fn ($v) => $producer->poll($v),
    'Producer::purge' => fn ($v) => $producer->purge($v),
    'rd_kafka_offset_tail' => fn ($v) => rd_kafka_offset_tail($v),
    'rd_kafka_err2name' => fn ($v) => rd_kafka_err2name($v),
    // a nullable int
    'ProducerTopic::producev($timestamp_ms)' => fn ($v) => $producer->newTopic('coercion')->producev(RD_KAFKA_PARTITION_UA, 0, null, null, null, $v),
    // a nullable string
    'ProducerTopic::produce($key)' => fn ($v) => $producer->newTopic('coercion')->produce(RD_KAFKA_PARTITION_UA, 0, null, $v),
    // a bool
    'Producer::getMetadata($all_topics)' => fn ($v) => get_class($producer->getMetadata($v, null, 5000)),
    // classes and callables
    'Conf::setDefaultTopicConf' => fn ($v) => @$conf->setDefaultTopicConf($v),
    // (null is accepted, but a client without brokers makes php-rdkafka's librdkafka log to stderr)
    'Producer::__construct' => fn ($v) => $v === null ? 'not built' : get_class(new RdKafka\Producer($v)),
    'Conf::setErrorCb' => fn ($v) => $conf->setErrorCb($v),
];

set_error_handler(function ($no, $msg) { echo "  [", $no === E_DEPRECATED ? 'Deprecated' : ($no === E_WARNING ? 'Warning' : $no), ": $msg]"; return true; });
foreach ($calls as $name => $call) {
    echo "$name\n";
    foreach ($values as $label => $value) {
        echo "  $label:";
        try {
            $r = $call($value);
            echo " ", json_encode($r);
        } catch (Throwable $e) {
            echo " ", get_class($e), ": ", $e->getMessage();
        }
        echo "\n";
    }
}
$producer->purge(RD_KAFKA_PURGE_F_QUEUE);
