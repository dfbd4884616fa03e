<?php
/*
 * The harness around the Kafka clients' code (not part of what they show): the lines and record files of
 * lib/child_io.php. The clients are plain php-rdkafka code; under the suite they run on mq.so.
 *
 *   start T VERSION      the first line: the mq extension's version
 */

require_once __DIR__ . '/../../lib/child_io.php';

emit('start', (string) phpversion('mq'));

/** A group member's settings from the client's arguments (bootstrap, group, protocol): the test timings. */
function group_conf(array $a): RdKafka\Conf
{
    $conf = new RdKafka\Conf();
    $conf->set('bootstrap.servers', $a['bootstrap']);
    $conf->set('group.id', $a['group']);
    $conf->set('group.protocol', $a['protocol']);
    if ($a['protocol'] === 'classic') {
        // Under the consumer protocol (KIP-848) the broker sets these (scripts/kafka-cluster.sh).
        $conf->set('session.timeout.ms', '6000');
        $conf->set('heartbeat.interval.ms', '500');
    }
    $conf->set('auto.offset.reset', 'earliest');
    return $conf;
}
