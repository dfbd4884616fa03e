<?php
// setBodySizeLimit(): longer bodies arrive cut at whole body frames and marked truncated; flow(true);
// hasPendingMethods() on an idle channel.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Message\AMQPMessage;

$conn = connect();
$ch = $conn->channel();
$q = name('limits');
$ch->queue_declare($q, false, false, false, false);
show('setBodySizeLimit returns the channel', $ch->setBodySizeLimit(200000) === $ch);
$body = str_repeat('abcdefgh', 40000); // 320 000 bytes: three body frames at the default frame size
$ch->basic_publish(new AMQPMessage($body), '', $q);
$ch->basic_publish(new AMQPMessage('short'), '', $q);
$ch->confirm_select();
$ch->wait_for_pending_acks(5);
$long = $ch->basic_get($q, true);
show('long: kept bytes, truncated, body_size', [strlen($long->getBody()), $long->isTruncated(), $long->getBodySize()]);
show('long: kept bytes are the start of the body', str_starts_with($body, $long->getBody()));
$short = $ch->basic_get($q, true);
show('short: body, truncated', [$short->getBody(), $short->isTruncated()]);
show('flow(true)', $ch->flow(true));
show('hasPendingMethods', $ch->hasPendingMethods());
show('delete', $ch->queue_delete($q));
$conn->close();
