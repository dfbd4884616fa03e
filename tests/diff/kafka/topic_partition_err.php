<?php
require __DIR__ . '/_prelude.php';

show('new', (new RdKafka\TopicPartition('t', 1))->getErr());
show('new with offset', (new RdKafka\TopicPartition('t', 1, 5))->getErr());
show('after setters', (new RdKafka\TopicPartition('t', 1))->setOffset(3)->getErr());
