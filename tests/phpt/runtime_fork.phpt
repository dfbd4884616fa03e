--TEST--
the runtime survives pcntl_fork: a child that uses it after the parent did builds its own, without hanging
--EXTENSIONS--
mq
pcntl
--INI--
mq.worker_threads=2
--FILE--
<?php
$parent = mq_runtime_info();
var_dump($parent['pid'] === getmypid(), $parent['builds'], $parent['worker_threads'], $parent['thread']);

$pipe = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
$pid = pcntl_fork();
if ($pid === 0) {
    fclose($pipe[0]);
    // If the inherited runtime were used here, block_on would wait forever for dead worker threads.
    $child = mq_runtime_info();
    $again = mq_runtime_info();
    fwrite($pipe[1], json_encode([$child['pid'] === getmypid(), $child['builds'], $again['builds'], $child['thread']]));
    exit(0);
}
fclose($pipe[1]);
stream_set_timeout($pipe[0], 20);
echo stream_get_contents($pipe[0]), "\n";
pcntl_waitpid($pid, $status);
var_dump(pcntl_wexitstatus($status));
// The parent's runtime is untouched by the child.
$after = mq_runtime_info();
var_dump($after['builds'], $after['pid'] === $parent['pid']);
?>
--EXPECT--
bool(true)
int(1)
int(2)
string(10) "mq-runtime"
[true,2,2,"mq-runtime"]
int(0)
int(1)
bool(true)
