--TEST--
confirm mode: a signal handler that publishes on the channel during a burst (async signals, and signals dispatched while a publish waits for the socket) gets a delivery tag of its own; every publish is acked once under its own tag and wait_for_pending_acks() waits for all of them (the handler's publish reused the interrupted publish's tag before: duplicate tags, acks never reported)
--EXTENSIONS--
mq
pcntl
posix
--FILE--
<?php
require dirname(__DIR__) . '/tools/brokers.php';
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Message\AMQPMessage;

foreach ([true, false] as $async) {
    $c = new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    $ch = $c->channel();
    $q = fresh_name('sigpub');
    $ch->queue_declare($q, false, false, false, true);
    $ch->confirm_select();
    $acked = [];
    $ch->set_ack_handler(function (AMQPMessage $m) use (&$acked) { $acked[$m->getDeliveryTag()] = ($acked[$m->getDeliveryTag()] ?? 0) + 1; });
    $ch->set_nack_handler(function (AMQPMessage $m) { echo "nack ", $m->getDeliveryTag(), "\n"; });
    $tags = [];
    $fromHandler = 0;
    pcntl_async_signals($async);
    pcntl_signal(SIGALRM, function () use ($ch, $q, &$tags, &$fromHandler) {
        $m = new AMQPMessage(str_repeat('s', 3000));
        $ch->basic_publish($m, '', $q);
        $tags[] = $m->getDeliveryTag();
        $fromHandler++;
    });
    // Signals every few milliseconds from outside, for as long as the burst lasts.
    $pid = getmypid();
    $killer = proc_open(['sh', '-c', "while kill -ALRM $pid 2>/dev/null; do sleep 0.003; done"], [], $pipes);
    $n = 30000;
    $body = str_repeat('b', 2000);
    for ($i = 0; $i < $n; $i++) {
        $m = new AMQPMessage($body);
        $ch->basic_publish($m, '', $q);
        $tags[] = $m->getDeliveryTag();
        if (!$async && $i % 500 === 0) {
            pcntl_signal_dispatch();
        }
    }
    pcntl_signal(SIGALRM, SIG_IGN);
    proc_terminate($killer);
    proc_close($killer);
    $ch->wait_for_pending_acks(30);
    $total = $n + $fromHandler;
    [, $count] = $ch->queue_declare($q, true);
    $duplicates = array_keys(array_filter(array_count_values($tags), fn ($k) => $k > 1));
    $ackedTwice = array_keys(array_filter($acked, fn ($k) => $k > 1));
    printf("%s: handler published: %s; in the queue: %s; distinct tags: %s; duplicates: [%s]; acked: %s; acked twice: [%s]; tags 1..n: %s\n",
        $async ? 'async' : 'dispatched',
        $fromHandler > 0 ? 'yes' : 'no',
        $count === $total ? 'all' : "$count of $total",
        count(array_unique($tags)) === $total ? 'all' : count(array_unique($tags)) . " of $total",
        implode(',', array_slice($duplicates, 0, 5)),
        count($acked) === $total ? 'all' : count($acked) . " of $total",
        implode(',', array_slice($ackedTwice, 0, 5)),
        $tags && min($tags) === 1 && max($tags) === $total ? 'yes' : 'no');
    $ch->queue_delete($q);
    $c->close();
}
?>
--EXPECT--
async: handler published: yes; in the queue: all; distinct tags: all; duplicates: []; acked: all; acked twice: []; tags 1..n: yes
dispatched: handler published: yes; in the queue: all; distinct tags: all; duplicates: []; acked: all; acked twice: []; tags 1..n: yes
