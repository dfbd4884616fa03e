<?php
// KafkaErrorException and RdKafka\Exception: properties and printing (file and line are this script's).
require __DIR__ . '/_prelude.php';

$e = new RdKafka\KafkaErrorException('message', 42, 'error string', true, false, true);
dumped('getters', fn () => var_dump($e->getMessage(), $e->getCode(), $e->getErrorString(), $e->isFatal(), $e->isRetriable(), $e->transactionRequiresAbort()));
dumped('(array) keys', fn () => var_dump(array_map(fn ($k) => str_replace("\0", '\0', $k), array_keys((array) $e))));
dumped('print_r', fn () => print_r(array_diff_key((array) $e, array_flip(["\0Exception\0trace", "\0Exception\0string"]))));
$e2 = new RdKafka\Exception('plain', 7);
dumped('Exception (array) keys', fn () => var_dump(array_map(fn ($k) => str_replace("\0", '\0', $k), array_keys((array) $e2))));
