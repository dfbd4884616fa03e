<?php
require __DIR__ . '/_prelude.php';

attempt('two arguments', function () {
    $e = new RdKafka\KafkaErrorException('m', 1);
    return [$e->getMessage(), $e->getCode(), $e->getErrorString(), $e->isFatal(), $e->isRetriable(), $e->transactionRequiresAbort()];
});
attempt('three arguments', function () {
    $e = new RdKafka\KafkaErrorException('m', 1, 'es');
    return [$e->getErrorString(), $e->isFatal(), $e->isRetriable(), $e->transactionRequiresAbort()];
});
attempt('four arguments', fn () => (new RdKafka\KafkaErrorException('m', 1, 'es', true))->isFatal());
attempt('no arguments', fn () => new RdKafka\KafkaErrorException());
