<?php
// The rd_kafka_* functions: error names and texts of every code, the error table, errno, offsets.
require __DIR__ . '/_prelude.php';

$fns = array_values(array_filter(get_defined_functions()['internal'], fn ($f) => str_starts_with($f, 'rd_kafka_')));
sort($fns);
show('functions', $fns);

foreach ([0, -1, -185, -191, -195, 1, 3, 25, 16, 200, 9999, -9999, PHP_INT_MAX] as $code) {
    show("err2name($code)", rd_kafka_err2name($code));
    show("err2str($code)", rd_kafka_err2str($code));
}
$descs = rd_kafka_get_err_descs();
show('get_err_descs count', count($descs));
show('get_err_descs first', array_slice($descs, 0, 3));
show('get_err_descs md5', md5(serialize($descs)));
foreach ([0, 1, 3, 100, -1] as $tail) {
    show("offset_tail($tail)", rd_kafka_offset_tail($tail));
}
show('thread_cnt is int', is_int(rd_kafka_thread_cnt()));

// Bad argument counts (types: coercion_functions.php).
attempt('offset_tail()', fn () => rd_kafka_offset_tail());
attempt('offset_tail(1, 2)', fn () => rd_kafka_offset_tail(1, 2));
attempt('thread_cnt(1)', fn () => rd_kafka_thread_cnt(1));
