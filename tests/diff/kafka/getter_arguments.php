<?php
// Methods without parameters refuse arguments as ZPP does, also those of the classes whose methods are
// not Rust's own (KafkaErrorException, Message).
require __DIR__ . '/_prelude.php';

$e = new RdKafka\KafkaErrorException('m', 1, 'es', true, false, false);
foreach (['getErrorString', 'isFatal', 'isRetriable', 'transactionRequiresAbort'] as $m) {
    attempt("$m(1, 2)", fn () => $e->$m(1, 2));
    attempt("$m()", fn () => $e->$m());
}
attempt('errstr(1)', fn () => (new RdKafka\Message())->errstr(1));
