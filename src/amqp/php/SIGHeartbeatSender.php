<?php

namespace PhpAmqpLib\Connection\Heartbeat;

/** Heartbeats are native in mq; see AbstractSignalHeartbeatSender. */
final class SIGHeartbeatSender extends AbstractSignalHeartbeatSender
{
}
