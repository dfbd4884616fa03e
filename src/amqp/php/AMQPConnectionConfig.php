<?php

namespace PhpAmqpLib\Connection;

use InvalidArgumentException;

/**
 * Everything a connection is made from, for AMQPConnectionFactory::create() and the connection
 * constructors' $config argument. mq reads the endpoint, login, timeouts, heartbeat, TLS (CA file,
 * verification) and connection name from it; the I/O and protocol-tuning fields are kept for
 * compatibility and have no effect (mq has one transport).
 */
final class AMQPConnectionConfig
{
    public const AUTH_PLAIN = 'PLAIN';
    public const AUTH_AMQPPLAIN = 'AMQPLAIN';
    public const AUTH_EXTERNAL = 'EXTERNAL';
    public const IO_TYPE_STREAM = 'stream';
    public const IO_TYPE_SOCKET = 'socket';

    private $ioType = self::IO_TYPE_STREAM;
    private $isLazy = false;
    private $host = '127.0.0.1';
    private $port = 5672;
    private $user = 'guest';
    private $password = 'guest';
    private $vhost = '/';
    private $insist = false;
    private $loginMethod = self::AUTH_AMQPPLAIN;
    private $loginResponse = null;
    private $locale = 'en_US';
    private $connectionTimeout = 3.0;
    private $readTimeout = 3.0;
    private $writeTimeout = 3.0;
    private $channelRPCTimeout = 0.0;
    private $heartbeat = 0;
    private $keepalive = false;
    private $isSecure = false;
    private $networkProtocol = 'tcp';
    private $sendBufferSize = 0;
    private $dispatchSignals = true;
    private $amqpProtocol = '0.9.1';
    private $protocolStrictFields = false;
    private $sslCaCert = null;
    private $sslCaPath = null;
    private $sslCert = null;
    private $sslKey = null;
    private $sslVerify = null;
    private $sslVerifyName = null;
    private $sslPassPhrase = null;
    private $sslCiphers = null;
    private $sslSecurityLevel = null;
    private $connectionName = '';

    /** mq: automatic recovery of a lost connection; null follows php.ini's mq.amqp_recovery. */
    private $automaticRecovery = null;
    private $debugPackets = false;
    private $streamContext;
    /** mq: how connecting retries (null: one attempt per host, as php-amqplib). */
    private $retryPolicy = null;
    /**
     * mq: the hosts after this config's own that connecting fails over to, in order; handed over by
     * AMQPStreamConnection::create_connection() (not settable otherwise: php-amqplib's config has one host).
     */
    private $failoverHosts = [];

    /** mq: the `ssl` options of a stream context the setters do not cover (peer_name, peer_fingerprint, allow_self_signed, verify_depth), set by AMQPStreamConnection. */
    private $sslContextOptions = [];

    public function getIoType(): string
    {
        return $this->ioType;
    }

    public function setIoType(string $ioType): void
    {
        if ($ioType !== self::IO_TYPE_STREAM && $ioType !== self::IO_TYPE_SOCKET) {
            throw new InvalidArgumentException('IO type can be either "stream" or "socket"');
        }
        $this->ioType = $ioType;
    }

    public function isLazy(): bool
    {
        return $this->isLazy;
    }

    public function setIsLazy(bool $isLazy): void
    {
        $this->isLazy = $isLazy;
    }

    public function getHost(): string
    {
        return $this->host;
    }

    public function setHost(string $host): void
    {
        $this->host = $host;
    }

    public function getPort(): int
    {
        return $this->port;
    }

    public function setPort(int $port): void
    {
        if ($port <= 0) {
            throw new InvalidArgumentException('Port number must be greater than 0');
        }
        $this->port = $port;
    }

    public function getUser(): string
    {
        return $this->user;
    }

    public function setUser(string $user): void
    {
        $this->user = $user;
    }

    public function getPassword(): string
    {
        return $this->password;
    }

    public function setPassword(string $password): void
    {
        $this->password = $password;
    }

    public function getVhost(): string
    {
        return $this->vhost;
    }

    public function setVhost(string $vhost): void
    {
        self::assertStringNotEmpty($vhost, 'vhost');
        $this->vhost = $vhost;
    }

    public function isInsist(): bool
    {
        return $this->insist;
    }

    public function setInsist(bool $insist): void
    {
        $this->insist = $insist;
    }

    public function getLoginMethod(): string
    {
        return $this->loginMethod;
    }

    public function setLoginMethod(string $loginMethod): void
    {
        if (!in_array($loginMethod, [self::AUTH_PLAIN, self::AUTH_AMQPPLAIN, self::AUTH_EXTERNAL], true)) {
            throw new InvalidArgumentException('Unknown login method: ' . $loginMethod);
        }
        if ($loginMethod === self::AUTH_EXTERNAL && (!empty($this->user) || !empty($this->password))) {
            throw new InvalidArgumentException('External auth method cannot be used together with user credentials.');
        }
        $this->loginMethod = $loginMethod;
    }

    public function getLoginResponse(): ?string
    {
        return $this->loginResponse;
    }

    public function setLoginResponse(?string $loginResponse): void
    {
        $this->loginResponse = $loginResponse;
    }

    public function getLocale(): string
    {
        return $this->locale;
    }

    public function setLocale(string $locale): void
    {
        self::assertStringNotEmpty($locale, 'locale');
        $this->locale = $locale;
    }

    public function getConnectionTimeout(): float
    {
        return $this->connectionTimeout;
    }

    public function setConnectionTimeout(float $connectionTimeout): void
    {
        $this->connectionTimeout = $connectionTimeout;
    }

    public function getReadTimeout(): float
    {
        return $this->readTimeout;
    }

    public function setReadTimeout(float $readTimeout): void
    {
        self::assertGreaterOrEq($readTimeout, 0, 'read timeout');
        $this->readTimeout = $readTimeout;
    }

    public function getWriteTimeout(): float
    {
        return $this->writeTimeout;
    }

    public function setWriteTimeout(float $writeTimeout): void
    {
        self::assertGreaterOrEq($writeTimeout, 0, 'write timeout');
        $this->writeTimeout = $writeTimeout;
    }

    public function getChannelRPCTimeout(): float
    {
        return $this->channelRPCTimeout;
    }

    public function setChannelRPCTimeout(float $channelRPCTimeout): void
    {
        self::assertGreaterOrEq($channelRPCTimeout, 0, 'channel RPC timeout');
        $this->channelRPCTimeout = $channelRPCTimeout;
    }

    public function getHeartbeat(): int
    {
        return $this->heartbeat;
    }

    public function setHeartbeat(int $heartbeat): void
    {
        self::assertGreaterOrEq($heartbeat, 0, 'heartbeat');
        $this->heartbeat = $heartbeat;
    }

    public function isKeepalive(): bool
    {
        return $this->keepalive;
    }

    public function setKeepalive(bool $keepalive): void
    {
        $this->keepalive = $keepalive;
    }

    public function isSecure(): bool
    {
        return $this->isSecure;
    }

    public function setIsSecure(bool $isSecure): void
    {
        $this->isSecure = $isSecure;
    }

    public function getNetworkProtocol(): string
    {
        return $this->networkProtocol;
    }

    public function setNetworkProtocol(string $networkProtocol): void
    {
        self::assertStringNotEmpty($networkProtocol, 'network protocol');
        $this->networkProtocol = $networkProtocol;
    }

    public function getSendBufferSize(): int
    {
        return $this->sendBufferSize;
    }

    public function setSendBufferSize(int $sendBufferSize): void
    {
        self::assertGreaterOrEq($sendBufferSize, 0, 'sendBufferSize');
        $this->sendBufferSize = $sendBufferSize;
    }

    public function isSignalsDispatchEnabled(): bool
    {
        return $this->dispatchSignals;
    }

    public function enableSignalDispatch(bool $dispatchSignals): void
    {
        $this->dispatchSignals = $dispatchSignals;
    }

    public function getAMQPProtocol(): string
    {
        return $this->amqpProtocol;
    }

    public function setAMQPProtocol(string $amqpProtocol): void
    {
        if ($amqpProtocol !== '0.9.1' && $amqpProtocol !== '0.8') {
            throw new InvalidArgumentException('AMQP protocol can be either "0.9.1" or "8.0"');
        }
        $this->amqpProtocol = $amqpProtocol;
    }

    public function isProtocolStrictFieldsEnabled(): bool
    {
        return $this->protocolStrictFields;
    }

    public function setProtocolStrictFields(bool $protocolStrictFields): void
    {
        $this->protocolStrictFields = $protocolStrictFields;
    }

    public function getSslCaCert(): ?string
    {
        return $this->sslCaCert;
    }

    public function setSslCaCert(?string $sslCaCert): void
    {
        $this->sslCaCert = $sslCaCert;
    }

    public function getSslCaPath(): ?string
    {
        return $this->sslCaPath;
    }

    public function setSslCaPath(?string $sslCaPath): void
    {
        $this->sslCaPath = $sslCaPath;
    }

    public function getSslCert(): ?string
    {
        return $this->sslCert;
    }

    public function setSslCert(?string $sslCert): void
    {
        $this->sslCert = $sslCert;
    }

    public function getSslKey(): ?string
    {
        return $this->sslKey;
    }

    public function setSslKey(?string $sslKey): void
    {
        $this->sslKey = $sslKey;
    }

    public function getSslVerify(): ?bool
    {
        return $this->sslVerify;
    }

    public function setSslVerify(?bool $sslVerify): void
    {
        $this->sslVerify = $sslVerify;
    }

    public function getSslVerifyName(): ?bool
    {
        return $this->sslVerifyName;
    }

    public function setSslVerifyName(?bool $sslVerifyName): void
    {
        $this->sslVerifyName = $sslVerifyName;
    }

    public function getSslPassPhrase(): ?string
    {
        return $this->sslPassPhrase;
    }

    public function setSslPassPhrase(?string $sslPassPhrase): void
    {
        $this->sslPassPhrase = $sslPassPhrase;
    }

    public function getSslCiphers(): ?string
    {
        return $this->sslCiphers;
    }

    public function setSslCiphers(?string $sslCiphers): void
    {
        $this->sslCiphers = $sslCiphers;
    }

    public function getSslSecurityLevel(): ?int
    {
        return $this->sslSecurityLevel;
    }

    public function setSslSecurityLevel(?int $sslSecurityLevel): void
    {
        $this->sslSecurityLevel = $sslSecurityLevel;
    }

    public function getConnectionName(): string
    {
        return $this->connectionName;
    }

    public function setConnectionName(string $connectionName): void
    {
        $this->connectionName = $connectionName;
    }

    /** mq: whether a lost connection recovers by itself (null: php.ini's mq.amqp_recovery decides). */
    public function getAutomaticRecovery(): ?bool
    {
        return $this->automaticRecovery;
    }

    /** mq: recover a lost connection by itself (true), throw as php-amqplib does (false), or follow php.ini (null). */
    public function setAutomaticRecovery(?bool $automaticRecovery): void
    {
        $this->automaticRecovery = $automaticRecovery;
    }

    public function isDebugPackets(): bool
    {
        return $this->debugPackets;
    }

    public function setDebugPackets(bool $debugPackets): void
    {
        $this->debugPackets = $debugPackets;
    }

    /** @return resource|null */
    public function getStreamContext()
    {
        return $this->streamContext;
    }

    /** @param resource|null $streamContext */
    public function setStreamContext($streamContext): void
    {
        if ($streamContext !== null
            && (!is_resource($streamContext) || get_resource_type($streamContext) !== 'stream-context')) {
            throw new InvalidArgumentException('Resource must be valid stream context');
        }
        $this->streamContext = $streamContext;
    }

    /**
     * mq: connecting follows $policy (attempts, delays, deadline; which errors retry) across the host
     * list; null (the default) connects as php-amqplib does: one attempt per host.
     */
    public function setRetryPolicy(?\Mq\RetryPolicy $policy): void
    {
        $this->retryPolicy = $policy;
    }

    /** mq: the retry policy connecting follows, or null. */
    public function getRetryPolicy(): ?\Mq\RetryPolicy
    {
        return $this->retryPolicy;
    }

    private static function assertStringNotEmpty($value, string $name): void
    {
        // empty(), as php-amqplib's: '0' is refused too.
        if (empty(trim($value))) {
            throw new InvalidArgumentException(sprintf('Parameter "%s" must be non empty string', $name));
        }
    }

    private static function assertGreaterOrEq($value, $limit, string $name): void
    {
        if ($value < $limit) {
            throw new InvalidArgumentException(sprintf('Parameter "%s" must be greater than zero', $name));
        }
    }
}
