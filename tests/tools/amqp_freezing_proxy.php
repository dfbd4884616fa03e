<?php
// A TCP proxy to the test broker for fault tests: prints its port, then forwards every connection. On
// SIGUSR1 it stops forwarding on the connections open at that moment, keeping their sockets open (the
// peer sees silence: heartbeats stop); on SIGUSR2 it closes them (the peer sees a reset). Connections
// accepted afterwards are forwarded normally. Ends when its stdin closes.
require __DIR__ . '/brokers.php';

$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
echo parse_url('tcp://' . stream_socket_get_name($server, false), PHP_URL_PORT), "\n";
pcntl_async_signals(true);
$pairs = [];   // id => [client, broker, frozen]
$freeze = $kill = false;
pcntl_signal(SIGUSR1, function () use (&$freeze) { $freeze = true; });
pcntl_signal(SIGUSR2, function () use (&$kill) { $kill = true; });
while (true) {
    if ($freeze) {
        foreach ($pairs as &$p) { $p[2] = true; }
        unset($p);
        $freeze = false;
    }
    if ($kill) {
        foreach ($pairs as $id => $p) {
            fclose($p[0]);
            fclose($p[1]);
            unset($pairs[$id]);
        }
        $kill = false;
    }
    $read = [$server, STDIN];
    foreach ($pairs as $p) {
        if (!$p[2]) { $read[] = $p[0]; $read[] = $p[1]; }
    }
    $write = $except = null;
    if (@stream_select($read, $write, $except, 0, 200000) === false) {
        continue; // interrupted by a signal
    }
    foreach ($read as $r) {
        if ($r === STDIN) {
            if (feof(STDIN) || fread(STDIN, 1024) === '') { exit(0); }
            continue;
        }
        if ($r === $server) {
            $client = stream_socket_accept($server);
            $broker = stream_socket_client('tcp://127.0.0.1:' . amqp_port());
            $pairs[] = [$client, $broker, false];
            continue;
        }
        foreach ($pairs as $id => $p) {
            if ($r !== $p[0] && $r !== $p[1]) { continue; }
            $data = fread($r, 65536);
            if ($data === '' || $data === false) {
                fclose($p[0]); fclose($p[1]); unset($pairs[$id]);
                break;
            }
            fwrite($r === $p[0] ? $p[1] : $p[0], $data);
        }
    }
}
