<?php
// php-amqplib's private AMQPChannel::$published_messages, as code that reflects on it sees it (php-amqplib's
// own TopicExchangeTest does): it exists, is private, and is empty once every publish is confirmed.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Channel\AMQPChannel;
use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('private-state');
$ch->queue_declare($q, false, false, false, false);
$acked = [];
$ch->set_ack_handler(function (AMQPMessage $m) use (&$acked) {
    $acked[] = $m->getBody();
});
$ch->confirm_select();

$r = new ReflectionProperty(AMQPChannel::class, 'published_messages');
$r->setAccessible(true);
show('declared by', $r->getDeclaringClass()->getName());
show('private', $r->isPrivate());
show('static', $r->isStatic());
show('before publishing', $r->getValue($ch));

$ch->basic_publish(new AMQPMessage('foo'), '', $q);
$ch->basic_publish(new AMQPMessage('bar'), '', $q);
$ch->wait_for_pending_acks(5);
show('acked', $acked);
show('after every confirm', $r->getValue($ch));

$ch->queue_delete($q);
$conn->close();
