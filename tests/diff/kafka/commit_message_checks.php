<?php
// commit() and commitAsync() with a Message: a subclass is a Message (instanceof), and a hand-made one
// whose properties are unset or of another type is php-rdkafka's RdKafka\Exception, in its order of checks,
// and commits nothing.
require __DIR__ . '/_prelude.php';

class AppMessage extends RdKafka\Message
{
}

$topic = name('commit');
produce_all($topic, ['m0', 'm1', 'm2']);
$c = kafka_consumer();
$m = new AppMessage();
$m->err = 0;
$m->topic_name = $topic;
$m->partition = 0;
$m->offset = 1;
attempt('commit(subclass)', fn() => $c->commit($m));
attempt('committed', fn() => $c->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 10000));
$m->offset = 2;
attempt('commitAsync(subclass)', fn() => $c->commitAsync($m));
$cases = [
    'nothing set' => [],
    'topic only' => ['topic_name' => $topic],
    'no offset' => ['topic_name' => $topic, 'partition' => 0],
    'err 1' => ['err' => 1, 'topic_name' => $topic, 'partition' => 0, 'offset' => 0],
];
foreach ($cases as $label => $properties) {
    $m = (new ReflectionClass(RdKafka\Message::class))->newInstanceWithoutConstructor();
    foreach ($properties as $name => $value) {
        $m->$name = $value;
    }
    attempt("commit($label)", fn() => $c->commit($m));
}
attempt('committed at the end', fn() => $c->getCommittedOffsets([new RdKafka\TopicPartition($topic, 0)], 10000));
