--TEST--
the project's Kafka accepts a connection (kcat): metadata, produce and consume one record
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';

$broker = escapeshellarg(kafka_bootstrap());
$topic = fresh_name('smoke');
$payload = bin2hex(random_bytes(16));

$produce = proc_open("kcat -P -b $broker -t " . escapeshellarg($topic) . ' -k key1', [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $p);
fwrite($p[0], $payload . "\n");
fclose($p[0]);
var_dump(proc_close($produce));

$consumed = shell_exec("timeout 30 kcat -C -b $broker -t " . escapeshellarg($topic) . " -o beginning -c 1 -e -f '%k=%s\\n' 2>&1");
var_dump(trim((string) $consumed) === "key1=$payload");

$meta = json_decode((string) shell_exec("timeout 30 kcat -L -J -b $broker -t " . escapeshellarg($topic) . ' 2>/dev/null'), true);
var_dump(($meta['brokers'][0]['name'] ?? null) === kafka_bootstrap(), $meta['topics'][0]['topic'] === $topic);
?>
--EXPECT--
int(0)
bool(true)
bool(true)
bool(true)
