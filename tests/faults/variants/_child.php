<?php
/*
 * The harness around a variant's publisher/consumer code (not part of what a variant shows): the lines and
 * record files of lib/child_io.php, the hosts. Under mq.so the PhpAmqpLib classes come from the extension;
 * without it (run.php --client=php-amqplib) from Debian's php-amqplib.
 *
 *   start T RECOVERY     the first line: RECOVERY is ini_get('mq.amqp_recovery') ("missing" if mq has no such entry)
 */

require_once __DIR__ . '/../lib/child_io.php';

if (!extension_loaded('mq')) {
    require_once getenv('MQ_FAULTS_AMQPLIB') ?: '/usr/share/php/PhpAmqpLib/autoload.php';
}

/**
 * The hosts to connect to, in php-amqplib's create_connection() form: --ports=5681,5682,5683.
 * @return list<array{host: string, port: int, user: string, password: string}>
 */
function child_hosts(array $args): array
{
    return array_map(fn ($p) => ['host' => '127.0.0.1', 'port' => (int) $p, 'user' => 'guest', 'password' => 'guest'],
        explode(',', $args['ports']));
}

emit('start', extension_loaded('mq') ? (ini_get('mq.amqp_recovery') === false ? 'missing' : (string) ini_get('mq.amqp_recovery')) : 'php-amqplib');
