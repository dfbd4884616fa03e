--TEST--
the login response carries the credentials' bytes as they are, as php-amqplib's does: a password that is not UTF-8 (Latin-1 "pèss") reached the broker with its byte replaced by U+FFFD, so its user could not log in (PLAIN and AMQPLAIN, seen by a server that records connection.start-ok)
--EXTENSIONS--
mq
--FILE--
<?php
use PhpAmqpLib\Connection\AMQPStreamConnection;

// Sends connection.start, prints the start-ok's mechanism and response (hex), hangs up.
$server = proc_open([PHP_BINARY, '-n', '-r', '
    $s = stream_socket_server("tcp://127.0.0.1:0");
    echo parse_url("tcp://" . stream_socket_get_name($s, false), PHP_URL_PORT), "\n";
    $longstr = fn($b) => pack("N", strlen($b)) . $b;
    $payload = pack("nnCC", 10, 10, 0, 9) . pack("N", 0) . $longstr("AMQPLAIN PLAIN") . $longstr("en_US");
    $start = pack("CnN", 1, 0, strlen($payload)) . $payload . "\xce";
    for ($i = 0; $i < 2; $i++) {
        $c = stream_socket_accept($s, 10);
        fread($c, 8);
        fwrite($c, $start);
        $frame = "";
        while (strlen($frame) < 7) { $frame .= fread($c, 65536); }
        $size = unpack("N", substr($frame, 3, 4))[1];
        while (strlen($frame) < 8 + $size) { $frame .= fread($c, 65536); }
        $p = substr($frame, 7, $size);
        $at = 4;
        $at += 4 + unpack("N", substr($p, $at, 4))[1]; // client properties
        $mechanism = substr($p, $at + 1, ord($p[$at]));
        $at += 1 + ord($p[$at]);
        $response = substr($p, $at + 4, unpack("N", substr($p, $at, 4))[1]);
        echo $mechanism, " ", bin2hex($response), "\n";
        fclose($c);
    }'], [1 => ['pipe', 'w']], $pipes);
$port = (int) fgets($pipes[1]);
foreach (['PLAIN', 'AMQPLAIN'] as $method) {
    try {
        new AMQPStreamConnection('127.0.0.1', $port, 'guest', "p\xe9ss", '/', false, $method, null, 'en_US', 2.0, 2.0);
    } catch (Throwable $e) {
        // The server hangs up after the start-ok.
    }
    echo trim(fgets($pipes[1])), "\n";
}
proc_close($server);
?>
--EXPECT--
PLAIN 0067756573740070e97373
AMQPLAIN 054c4f47494e530000000567756573740850415353574f5244530000000470e97373
