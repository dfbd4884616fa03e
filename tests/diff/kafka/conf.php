<?php
// RdKafka\Conf and RdKafka\TopicConf: set(), dump(), unknown and invalid properties (partitioners:
// partitioner.php).
require __DIR__ . '/_prelude.php';

$conf = new RdKafka\Conf();
$dump = $conf->dump();
show('default dump count', count($dump));
// The whole default dump (function pointers are normalized by run.php).
foreach ($dump as $k => $v) {
    out("  $k = " . repr($v));
}
attempt('set client.id', fn () => $conf->set('client.id', 'diff-client'));
attempt('set acks (a topic property on the global conf)', fn () => $conf->set('acks', 'all'));
attempt('set compression.codec', fn () => $conf->set('compression.codec', 'zstd'));
attempt('set debug', fn () => $conf->set('debug', 'broker,topic'));
attempt('set unknown', fn () => $conf->set('no.such.property', 'x'));
attempt('set empty name', fn () => $conf->set('', 'x'));
attempt('set invalid int', fn () => $conf->set('message.max.bytes', 'lots'));
attempt('set int out of range', fn () => $conf->set('message.max.bytes', '1'));
attempt('set invalid enum', fn () => $conf->set('security.protocol', 'carrier-pigeon'));
attempt('set invalid bool', fn () => $conf->set('enable.auto.commit', 'maybe'));
attempt('set invalid debug context', fn () => $conf->set('debug', 'everything-please'));
attempt('set empty value', fn () => $conf->set('client.id', ''));
attempt('set NUL in value', fn () => $conf->set('client.id', "a\0b"));
$after = $conf->dump();
foreach (['client.id', 'debug', 'compression.codec', 'message.max.bytes', 'security.protocol', 'enable.auto.commit'] as $k) {
    show("dump[$k]", $after[$k] ?? null);
}
show('acks in the global dump', $after['acks'] ?? null);
show('keys added by set', array_values(array_diff(array_keys($after), array_keys($dump))));

$tc = new RdKafka\TopicConf();
$tdump = $tc->dump();
show('topic default dump count', count($tdump));
foreach ($tdump as $k => $v) {
    out("  $k = " . repr($v));
}
attempt('topic set acks', fn () => $tc->set('acks', '-1'));
attempt('topic set auto.offset.reset', fn () => $tc->set('auto.offset.reset', 'earliest'));
attempt('topic set unknown', fn () => $tc->set('no.such.property', 'x'));
attempt('topic set global property', fn () => $tc->set('client.id', 'x'));
attempt('topic set invalid', fn () => $tc->set('request.required.acks', 'many'));
show('topic dump after', array_intersect_key($tc->dump(), ['acks' => 1, 'request.required.acks' => 1, 'auto.offset.reset' => 1]));

// A Conf can be subclassed, and reused for several clients.
class MyConf extends RdKafka\Conf
{
    public $extra = 'x';
}
$my = new MyConf();
$my->set('client.id', 'sub');
show('subclass dump client.id', $my->dump()['client.id']);
show('subclass property', $my->extra);
$my->set('bootstrap.servers', kafka_bootstrap());
$p1 = new RdKafka\Producer($my);
$p2 = new RdKafka\Producer($my);
show('two producers from one conf', [get_class($p1), get_class($p2)]);
attempt('clone Conf', fn () => clone $conf);
attempt('clone TopicConf', fn () => clone $tc);
