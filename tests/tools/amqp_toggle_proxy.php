<?php
// A TCP proxy to the test broker (run with plain `php -n`, not mq): prints its port, then forwards
// every connection. SIGUSR1 toggles a freeze of all open connections (no byte forwarded either way;
// sockets stay open, so the client's send buffer fills), SIGUSR2 closes all open connections (reset).
// SIGHUP makes it send a flood of AMQP heartbeat frames to every client for 3 s (only safe while the
// broker sends nothing, so the heartbeats land between frames). A line "inject HEX" on its stdin sends
// those bytes to every client (same caveat); a line "rst" resets every client connection (RST); a line
// "rst-on CLASS METHOD COUNT" resets, the next COUNT times, the connection of a client that sends that
// AMQP method (e.g. 50 10, queue.declare), instead of forwarding it; a line "hold-after HEX MS" stops
// reading from a client for MS milliseconds once it has forwarded bytes of that client's containing HEX
// (the broker's side keeps flowing: the client's send buffer fills while it reads the broker's answers);
// a line "rate BYTES" forwards what clients send at BYTES per second from then on (a slow link); a line
// "frame-max N" rewrites the frame_max of the broker's connection.tune to N for connections from then on,
// and prints "tune-ok frame_max M" for the frame_max of each client's connection.tune-ok; a line
// "after MS LINE" runs LINE MS milliseconds later (bytes injected or a reset while the client waits,
// without a signal in the client, which would end its wait).
// Ends when its stdin closes. Used by tests/phpt/amqp_socket_reader.phpt, amqp_recovery_reset_storm.phpt,
// amqp_channel_error_behind_publishes.phpt, amqp_exit_flush_slow_link.phpt and amqp_frame_max_4096.phpt.
require __DIR__ . '/brokers.php';
$server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
echo parse_url('tcp://' . stream_socket_get_name($server, false), PHP_URL_PORT), "\n";
pcntl_async_signals(true);
$pairs = [];
$resetOn = null;
$holdAfter = null;
$heldUntil = [];
$rate = 0;
$frameMax = null;
$frozen = false;
$kill = false;
pcntl_signal(SIGUSR1, function () use (&$frozen) { $frozen = !$frozen; });
pcntl_signal(SIGUSR2, function () use (&$kill) { $kill = true; });
$floodUntil = 0.0;
pcntl_signal(SIGHUP, function () use (&$floodUntil) { $floodUntil = microtime(true) + 3; });
$heartbeats = str_repeat("\x08\x00\x00\x00\x00\x00\x00\xCE", 65536);
$later = []; // [due time, line] of "after" lines
$command = function (string $line) use (&$pairs, &$resetOn, &$holdAfter, &$frameMax, &$rate, &$later): void {
    $line = trim($line);
    if (preg_match('/^after (\d+) (.+)$/', $line, $m)) {
        $later[] = [microtime(true) + $m[1] / 1000, $m[2]];
    }
    if ($line === 'rst') {
        foreach (array_keys($pairs) as $id) { reset_pair($pairs, $id); }
    }
    if (preg_match('/^rst-on (\d+) (\d+) (\d+)$/', $line, $m)) {
        // A method frame: type 1, channel, size, then class and method ids.
        $resetOn = ['pattern' => '/\x01..[\x00-\xff]{4}' . preg_quote(pack('nn', $m[1], $m[2]), '/') . '/s', 'count' => (int) $m[3]];
    }
    if (preg_match('/^hold-after ([0-9a-f]+) (\d+)$/', $line, $m)) {
        $holdAfter = ['marker' => hex2bin($m[1]), 'seconds' => $m[2] / 1000];
    }
    if (preg_match('/^frame-max (\d+)$/', $line, $m)) {
        $frameMax = (int) $m[1];
    }
    if (preg_match('/^rate (\d+)$/', $line, $m)) {
        $rate = (int) $m[1];
    }
    if (str_starts_with($line, 'inject ')) {
        foreach ($pairs as $p) { @fwrite($p[0], hex2bin(substr($line, 7))); }
    }
};
while (true) {
    foreach ($later as $i => [$due, $line]) {
        if ($due <= microtime(true)) {
            unset($later[$i]);
            $command($line);
        }
    }
    if ($kill) {
        foreach ($pairs as $id => $p) { fclose($p[0]); fclose($p[1]); unset($pairs[$id]); }
        $kill = false;
    }
    if (microtime(true) < $floodUntil) {
        foreach ($pairs as $p) { @fwrite($p[0], $heartbeats); }
    }
    $read = [$server, STDIN];
    if (!$frozen) {
        foreach ($pairs as $id => $p) {
            if (($heldUntil[$id] ?? 0) < microtime(true)) { $read[] = $p[0]; }
            $read[] = $p[1];
        }
    }
    $w = $e = null;
    // Wake when the flood is due or a held client may be read again.
    $now = microtime(true);
    $wait = $now < $floodUntil ? 0 : 0.1;
    foreach (array_merge($heldUntil, array_column($later, 0)) as $until) {
        if ($until > $now) { $wait = min($wait, $until - $now); }
    }
    if (@stream_select($read, $w, $e, 0, (int) ($wait * 1e6)) === false) { continue; }
    foreach ($read as $r) {
        if ($r === STDIN) {
            $line = fgets(STDIN);
            if ($line === false) { exit(0); }
            $command($line);
            continue;
        }
        if ($r === $server) {
            $client = @stream_socket_accept($server, 0);
            if ($client) {
                $broker = stream_socket_client('tcp://127.0.0.1:' . amqp_port());
                stream_set_blocking($client, true);
                stream_set_blocking($broker, true);
                $pairs[] = [$client, $broker];
            }
            continue;
        }
        foreach ($pairs as $id => $p) {
            if ($r === $p[0] || $r === $p[1]) {
                $to = $r === $p[0] ? $p[1] : $p[0];
                // Throttled: small reads, each followed by a pause as long as its bytes take at the rate.
                $data = @fread($r, $rate && $r === $p[0] ? 16384 : 1 << 20);
                if ($r === $p[0] && ($resetOn['count'] ?? 0) > 0 && is_string($data) && preg_match($resetOn['pattern'], $data)) {
                    $resetOn['count']--;
                    reset_pair($pairs, $id);
                } elseif ($data === '' || $data === false) {
                    @fclose($p[0]); @fclose($p[1]); unset($pairs[$id]);
                } else {
                    // connection.tune (10, 30) and tune-ok (10, 31) on channel 0: channel_max, then frame_max.
                    if ($frameMax !== null && $r === $p[1] && ($at = strpos($data, "\x01\x00\x00\x00\x00\x00\x0c\x00\x0a\x00\x1e")) !== false) {
                        $data = substr_replace($data, pack('N', $frameMax), $at + 13, 4);
                    }
                    if ($frameMax !== null && $r === $p[0] && ($at = strpos($data, "\x01\x00\x00\x00\x00\x00\x0c\x00\x0a\x00\x1f")) !== false) {
                        echo 'tune-ok frame_max ', unpack('N', $data, $at + 13)[1], "\n";
                    }
                    @fwrite($to, $data);
                    if ($r === $p[0] && $rate) {
                        $heldUntil[$id] = max($heldUntil[$id] ?? 0, microtime(true) + strlen($data) / $rate);
                    }
                    if ($r === $p[0] && $holdAfter !== null && str_contains($data, $holdAfter['marker'])) {
                        $heldUntil[$id] = microtime(true) + $holdAfter['seconds'];
                        $holdAfter = null;
                    }
                }
            }
        }
    }
}

/** Resets the client's side (SO_LINGER 0: RST, not FIN; needs ext-sockets) and closes the broker's. */
function reset_pair(array &$pairs, int $id): void
{
    [$client, $broker] = $pairs[$id];
    $sock = socket_import_stream($client);
    socket_set_option($sock, SOL_SOCKET, SO_LINGER, ['l_onoff' => 1, 'l_linger' => 0]);
    socket_close($sock); // closes $client's stream too
    fclose($broker);
    unset($pairs[$id]);
}
