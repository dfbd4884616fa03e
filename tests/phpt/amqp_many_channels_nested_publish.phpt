--TEST--
20 channels on one connection each declare, publish and get; consumers on 3 channels; a consume callback that publishes on another channel and on its own channel; every message accounted for
--EXTENSIONS--
mq
--CONFLICTS--
rabbitmq
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

function get_one($ch, string $q): ?AMQPMessage
{
    for ($i = 0; $i < 150; $i++) {
        if (($m = $ch->basic_get($q, true)) !== null) {
            return $m;
        }
        usleep(10000);
    }
    return null;
}

$conn = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
$base = fresh_name('many');

// 20 channels, each with its own queue.
$channels = [];
$queues = [];
for ($i = 0; $i < 20; $i++) {
    $channels[$i] = $conn->channel();
    $queues[$i] = "$base-$i";
    $channels[$i]->queue_declare($queues[$i], false, false, false, false);
}
var_dump(count(array_unique(array_map(fn ($c) => $c->getChannelId(), $channels))));
foreach ($channels as $i => $ch) {
    $ch->basic_publish(new AMQPMessage("msg $i"), '', $queues[$i]);
}
$ok = 0;
foreach ($channels as $i => $ch) {
    $m = get_one($ch, $queues[$i]);
    $ok += ($m?->getBody() === "msg $i" && $m->getChannel() === $ch) ? 1 : 0;
}
var_dump($ok);

// Consumers on channels 0..2. The consumer on channel 0 republishes each message it gets:
// on channel 1 (another channel) to queue 1 and on channel 0 (its own channel) to queue 2.
$log = [];
$tags = [];
$tags[0] = $channels[0]->basic_consume($queues[0], '', false, false, false, false,
    function (AMQPMessage $m) use (&$log, $channels, $queues) {
        $log[] = "c0 " . $m->getBody();
        $channels[1]->basic_publish(new AMQPMessage('via ch1: ' . $m->getBody()), '', $queues[1]);
        $m->getChannel()->basic_publish(new AMQPMessage('via ch0: ' . $m->getBody()), '', $queues[2]);
        $m->ack();
    });
foreach ([1, 2] as $c) {
    $tags[$c] = $channels[$c]->basic_consume($queues[$c], '', false, false, false, false,
        function (AMQPMessage $m) use (&$log, $c, $channels) {
            $log[] = "c$c " . $m->getBody() . ($m->getChannel() === $channels[$c] ? '' : ' WRONG CHANNEL');
            $m->ack();
        });
}
for ($n = 0; $n < 5; $n++) {
    $channels[5]->basic_publish(new AMQPMessage("job $n"), '', $queues[0]);
}
$channels[5]->basic_publish(new AMQPMessage('direct to 1'), '', $queues[1]);
$channels[5]->basic_publish(new AMQPMessage('direct to 2'), '', $queues[2]);

// 5 on consumer 0, 5+1 on consumer 1, 5+1 on consumer 2.
$deadline = microtime(true) + 10;
while (count($log) < 17 && microtime(true) < $deadline) {
    foreach ([0, 1, 2] as $c) {
        try {
            $channels[$c]->wait(null, false, 0.05);
        } catch (PhpAmqpLib\Exception\AMQPTimeoutException $e) {
        }
    }
}
sort($log);
echo implode("\n", $log), "\n";
foreach ($tags as $c => $tag) {
    $channels[$c]->basic_cancel($tag);
}

// Nothing left anywhere.
$left = 0;
foreach ($channels as $i => $ch) {
    [, $n] = $ch->queue_declare($queues[$i], true);
    $left += $n;
}
var_dump($left);
foreach ($channels as $i => $ch) {
    $ch->queue_delete($queues[$i]);
    $ch->close();
}
$conn->close();
?>
--EXPECT--
int(20)
int(20)
c0 job 0
c0 job 1
c0 job 2
c0 job 3
c0 job 4
c1 direct to 1
c1 via ch1: job 0
c1 via ch1: job 1
c1 via ch1: job 2
c1 via ch1: job 3
c1 via ch1: job 4
c2 direct to 2
c2 via ch0: job 0
c2 via ch0: job 1
c2 via ch0: job 2
c2 via ch0: job 3
c2 via ch0: job 4
int(0)
