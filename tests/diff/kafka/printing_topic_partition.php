<?php
// var_dump, print_r, var_export, (array), json_encode and == of TopicPartition.
require __DIR__ . '/_prelude.php';

$tp = new RdKafka\TopicPartition('printed', 3, 42);
dumped('var_dump', fn () => var_dump($tp));
dumped('print_r', fn () => print_r($tp));
echo "\n";
dumped('var_export', fn () => var_export($tp));
echo "\n";
dumped('(array)', fn () => var_dump((array) $tp));
dumped('json', fn () => var_dump(json_encode($tp)));
dumped('get_object_vars', fn () => var_dump(get_object_vars($tp)));
dumped('==', fn () => var_dump($tp == new RdKafka\TopicPartition('printed', 3, 42), $tp == new RdKafka\TopicPartition('printed', 3, 43)));
