<?php

// php-amqplib's exception tree, as registered by mq. Parameters php-amqplib leaves untyped are `mixed`.

namespace PhpAmqpLib\Exception;

interface AMQPExceptionInterface extends \Throwable
{
}

class AMQPBasicCancelException extends \Exception implements AMQPExceptionInterface
{
    /** @var string */
    public $consumerTag;

    public function __construct(mixed $consumerTag) {}

    public function getConsumerTag() {}
}

class AMQPIOException extends \Exception implements AMQPExceptionInterface
{
}

class AMQPProtocolException extends \Exception implements AMQPExceptionInterface
{
    public $amqp_reply_code;
    public $amqp_reply_text;
    public $amqp_method_sig;
    public $args;

    public function __construct(mixed $reply_code, mixed $reply_text, mixed $method_sig) {}
}

class AMQPProtocolChannelException extends AMQPProtocolException implements AMQPExceptionInterface
{
}

class AMQPProtocolConnectionException extends AMQPProtocolException implements AMQPExceptionInterface
{
}

class AMQPRuntimeException extends \RuntimeException implements AMQPExceptionInterface
{
}

class AMQPChannelClosedException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPConnectionBlockedException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPConnectionClosedException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPHeartbeatMissedException extends AMQPConnectionClosedException implements AMQPExceptionInterface
{
}

class AMQPDataReadException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPEmptyDeliveryTagException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPIOWaitException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPInvalidFrameException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPNoDataException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPNotImplementedException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPSocketException extends AMQPRuntimeException implements AMQPExceptionInterface
{
}

class AMQPInvalidArgumentException extends \RuntimeException implements AMQPExceptionInterface
{
}

class AMQPTimeoutException extends \RuntimeException implements AMQPExceptionInterface
{
    private $timeout;

    public function __construct(mixed $message = '', mixed $timeout = 0, mixed $code = 0, ?\Exception $previous = null) {}

    public function getTimeout() {}

    public static function writeTimeout(mixed $timeout, mixed $code = 0) {}
}

class AMQPLogicException extends \LogicException implements AMQPExceptionInterface
{
}

class AMQPOutOfBoundsException extends \OutOfBoundsException implements AMQPExceptionInterface
{
}

class AMQPOutOfRangeException extends \OutOfRangeException implements AMQPExceptionInterface
{
}
