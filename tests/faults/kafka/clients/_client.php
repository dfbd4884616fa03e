<?php
/*
 * The harness around the Kafka clients' code (not part of what they show): the lines and record files of
 * lib/child_io.php. The clients are plain php-rdkafka code; under the suite they run on mq.so.
 *
 *   start T VERSION      the first line: the mq extension's version
 */

require_once __DIR__ . '/../../lib/child_io.php';

emit('start', (string) phpversion('mq'));
