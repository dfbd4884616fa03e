<?php
// PHP's rules for an int parameter of an internal function in non-strict mode: numeric strings and whole
// floats are accepted, a fractional float with a deprecation, null with a deprecation, others a TypeError.
require __DIR__ . '/_prelude.php';

attempt('err2str("x")', fn () => rd_kafka_err2str('x'));
attempt('err2str("12")', fn () => rd_kafka_err2str('12'));
attempt('err2str(" 12")', fn () => rd_kafka_err2str(' 12'));
attempt('err2str("12abc")', fn () => rd_kafka_err2str('12abc'));
attempt('err2str(1.0)', fn () => rd_kafka_err2str(1.0));
attempt('err2str(1.5)', fn () => rd_kafka_err2str(1.5));
attempt('err2str(1e30)', fn () => rd_kafka_err2str(1e30));
attempt('err2str(true)', fn () => rd_kafka_err2str(true));
attempt('err2str(null)', fn () => rd_kafka_err2str(null));
attempt('err2name([])', fn () => rd_kafka_err2name([]));
attempt('err2name(new stdClass)', fn () => rd_kafka_err2name(new stdClass()));
attempt('offset_tail("5")', fn () => rd_kafka_offset_tail('5'));
