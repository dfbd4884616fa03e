<?php
// TopicPartition: constructor defaults, getters, fluent setters, edge values, clone.
require __DIR__ . '/_prelude.php';

$tp = new RdKafka\TopicPartition('t', 1);
show('defaults', [$tp->getTopic(), $tp->getPartition(), $tp->getOffset()]);
$tp = new RdKafka\TopicPartition('t', 2, 42);
show('with offset', [$tp->getTopic(), $tp->getPartition(), $tp->getOffset()]);
show('setTopic returns itself', $tp->setTopic('u') === $tp);
show('setPartition returns itself', $tp->setPartition(7) === $tp);
show('setOffset returns itself', $tp->setOffset(RD_KAFKA_OFFSET_END) === $tp);
show('after setters', [$tp->getTopic(), $tp->getPartition(), $tp->getOffset()]);
$tp->setTopic('')->setPartition(-1)->setOffset(PHP_INT_MAX);
show('edges', [$tp->getTopic(), $tp->getPartition(), $tp->getOffset()]);
$tp = new RdKafka\TopicPartition("bin\x01ary", PHP_INT_MAX, PHP_INT_MIN);
show('extreme', [$tp->getTopic(), $tp->getPartition(), $tp->getOffset()]);
$tp = new RdKafka\TopicPartition('t', 0, RD_KAFKA_OFFSET_STORED);
show('stored', $tp->getOffset());
class MyTp extends RdKafka\TopicPartition
{
}
$my = new MyTp('sub', 3, 4);
show('subclass', [get_class($my), $my->getTopic(), $my->getPartition(), $my->getOffset(), $my->setOffset(5) === $my]);
// As every php-rdkafka object, a TopicPartition cannot be cloned (mq's copied it).
attempt('clone', fn () => clone $tp);
