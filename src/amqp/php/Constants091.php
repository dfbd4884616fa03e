<?php

namespace PhpAmqpLib\Wire;

/**
 * php-amqplib's AMQP 0-9-1 protocol constants; mq offers only the version, which names the protocol in
 * AMQPAbstractCollection (its frame and method tables belong to php-amqplib's own codec).
 */
final class Constants091
{
    const VERSION = '0.9.1';
}
