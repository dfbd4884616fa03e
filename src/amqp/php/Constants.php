<?php

namespace PhpAmqpLib\Wire;

/**
 * php-amqplib's base of the protocol constants classes, for DebugHelper and code that subclasses it. mq's
 * Constants080/091 carry only VERSION and do not extend it (their frame and method tables belong to
 * php-amqplib's own codec).
 */
abstract class Constants
{
    const VERSION = '';
    const AMQP_HEADER = '';

    /** @var array<int, string> frame type => name */
    protected static $FRAME_TYPES = array();

    /** @var array<int, string> "class,method" signatures of methods followed by content */
    protected static $CONTENT_METHODS = array();

    /** @var array<int, string> "class,method" signatures of the close methods */
    protected static $CLOSE_METHODS = array();

    /** @var array<string, string> "class,method" => name */
    public static $GLOBAL_METHOD_NAMES = array();

    public function getHeader()
    {
        return static::AMQP_HEADER;
    }

    public function isFrameType($type)
    {
        return array_key_exists($type, static::$FRAME_TYPES);
    }

    public function getFrameType($type)
    {
        return static::$FRAME_TYPES[$type];
    }

    public function isContentMethod($method)
    {
        return in_array($method, static::$CONTENT_METHODS, false);
    }

    public function isCloseMethod($method)
    {
        return in_array($method, static::$CLOSE_METHODS, false);
    }
}
