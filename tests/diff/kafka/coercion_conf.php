<?php
// Non-strict PHP: ints, floats and bools become strings for a string parameter; numeric strings and whole
// floats are ints for an int parameter.
require __DIR__ . '/_prelude.php';

$conf = new RdKafka\Conf();
attempt('set(name, int)', fn () => $conf->set('message.max.bytes', 1 << 20));
attempt('set(name, float)', fn () => $conf->set('socket.timeout.ms', 30000.0));
attempt('set(name, true)', fn () => $conf->set('enable.auto.commit', true));
attempt('set(name, false)', fn () => $conf->set('enable.auto.commit', false));
attempt('set(name, null)', fn () => $conf->set('client.id', null));
attempt('set(name, array)', fn () => $conf->set('client.id', []));
attempt('set(int, value)', fn () => $conf->set(42, 'x'));
show('dump', array_intersect_key($conf->dump(), ['message.max.bytes' => 1, 'socket.timeout.ms' => 1, 'enable.auto.commit' => 1, 'client.id' => 1]));
$tc = new RdKafka\TopicConf();
attempt('topic set(name, int)', fn () => $tc->set('request.required.acks', 1));
attempt('setPartitioner("2")', fn () => $tc->setPartitioner('2'));
attempt('setPartitioner(2.0)', fn () => $tc->setPartitioner(2.0));
attempt('setPartitioner("x")', fn () => $tc->setPartitioner('x'));
