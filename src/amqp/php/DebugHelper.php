<?php

namespace PhpAmqpLib\Helper;

use PhpAmqpLib\Wire\Constants;

/**
 * php-amqplib's protocol debug log: silent unless AMQP_DEBUG is defined true, written to AMQP_DEBUG_OUTPUT
 * (a stream) or else php://output. mq does not log through it; it is here for code that uses it directly.
 */
class DebugHelper
{
    /** @var bool */
    protected $debug;

    /** @var resource */
    protected $debug_output;

    /** @var Constants */
    protected $constants;

    public function __construct(Constants $constants)
    {
        $this->debug = defined('AMQP_DEBUG') ? AMQP_DEBUG : false;
        $this->debug_output = defined('AMQP_DEBUG_OUTPUT') ? AMQP_DEBUG_OUTPUT : fopen('php://output', 'wb');
        $this->constants = $constants;
    }

    public function debug_msg($msg)
    {
        if ($this->debug) {
            $this->print_msg($msg);
        }
    }

    /** @param array|null $allowed_methods */
    public function debug_allowed_methods($allowed_methods)
    {
        if ($this->debug) {
            $this->debug_msg($allowed_methods
                ? 'waiting for ' . implode(', ', $allowed_methods)
                : 'waiting for any method');
        }
    }

    /** @param string|array $method_sig */
    public function debug_method_signature1($method_sig)
    {
        $this->debug_method_signature('< %s:', $method_sig);
    }

    /**
     * @param string $msg a format with one %s, the signature; the method's name is appended
     * @param string|array $method_sig
     */
    public function debug_method_signature($msg, $method_sig)
    {
        if ($this->debug) {
            $constants = $this->constants;
            $names = $constants::$GLOBAL_METHOD_NAMES;
            $signature = MiscHelper::methodSig($method_sig);
            $this->debug_msg(sprintf($msg . ': %s', $signature, $names[$signature]));
        }
    }

    public function debug_hexdump($data)
    {
        if ($this->debug) {
            $this->debug_msg(sprintf('< [hex]: %s%s', PHP_EOL, MiscHelper::hexdump($data, false, true, true)));
        }
    }

    public function debug_connection_start($version_major, $version_minor, $server_properties, $mechanisms, $locales)
    {
        if ($this->debug) {
            $this->debug_msg(sprintf(
                'Start from server, version: %d.%d, properties: %s, mechanisms: %s, locales: %s',
                $version_major,
                $version_minor,
                MiscHelper::dump_table($server_properties),
                implode(', ', $mechanisms),
                implode(', ', $locales)
            ));
        }
    }

    protected function print_msg($s)
    {
        fwrite($this->debug_output, $s . PHP_EOL);
    }
}
