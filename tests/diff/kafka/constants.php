<?php
// Every RD_KAFKA_* constant and its value, except the two version numbers (same librdkafka on both sides,
// but RD_KAFKA_BUILD_VERSION is the version of the headers php-rdkafka was compiled with).
require __DIR__ . '/_prelude.php';

$all = [];
foreach (get_defined_constants() as $k => $v) {
    if (str_starts_with($k, 'RD_KAFKA_')) {
        $all[$k] = $v;
    }
}
ksort($all);
out('count:', count($all));
foreach ($all as $k => $v) {
    if ($k === 'RD_KAFKA_VERSION' || $k === 'RD_KAFKA_BUILD_VERSION') {
        out($k, 'is', get_debug_type($v), $v > 0x020c0000 ? '>= 2.12' : '< 2.12');
        continue;
    }
    out($k, '=', $v);
}
// The version constants mean the same on both sides.
show('VERSION >> 8 == BUILD_VERSION >> 8', RD_KAFKA_VERSION >> 8 === RD_KAFKA_BUILD_VERSION >> 8);
