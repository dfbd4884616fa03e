<?php

namespace PhpAmqpLib\Helper;

/**
 * ext-sockets' constants by name (SOCKET_EAGAIN, ...) as read-only properties, 0 for any it lacks, so code
 * compares error codes without requiring the extension.
 *
 * @property-read int $SOCKET_EPIPE
 * @property-read int $SOCKET_ENETDOWN
 * @property-read int $SOCKET_ENETUNREACH
 * @property-read int $SOCKET_ENETRESET
 * @property-read int $SOCKET_ECONNABORTED
 * @property-read int $SOCKET_ECONNRESET
 * @property-read int $SOCKET_ECONNREFUSED
 * @property-read int $SOCKET_ETIMEDOUT
 * @property-read int $SOCKET_EWOULDBLOCK
 * @property-read int $SOCKET_EINTR
 * @property-read int $SOCKET_EAGAIN
 */
final class SocketConstants
{
    /** @var int[] */
    private $constants;

    /** @var self|null */
    private static $instance;

    public function __construct()
    {
        $constants = get_defined_constants(true);
        if (isset($constants['sockets'])) {
            $this->constants = $constants['sockets'];
        } else {
            trigger_error('Sockets extension is not enabled', E_USER_WARNING);
            $this->constants = array();
        }
    }

    public function __get($name)
    {
        return $this->constants[$name] ?? 0;
    }

    /** Read-only: writes are ignored. */
    public function __set($name, $value)
    {
    }

    public function __isset($name)
    {
        return isset($this->constants[$name]);
    }

    public static function getInstance()
    {
        if (!self::$instance) {
            self::$instance = new self();
        }
        return self::$instance;
    }
}
