<?php

namespace PhpAmqpLib;

/** The php-amqplib release whose API mq offers. */
final class Package
{
    public const NAME = 'AMQPLib';
    public const VERSION = '3.5.3';
}
