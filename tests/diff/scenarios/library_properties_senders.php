<?php
// AbstractConnection::getLibraryProperties() (product and version are each client's own), the heartbeat
// sender classes' registration checks, and AMQPConnectionConfig refusing the EXTERNAL login method
// together with a user or a password.
require __DIR__ . '/_prelude.php';

use PhpAmqpLib\Connection\AMQPConnectionConfig;
use PhpAmqpLib\Connection\AMQPConnectionFactory;
use PhpAmqpLib\Connection\Heartbeat\PCNTLHeartbeatSender;
use PhpAmqpLib\Connection\Heartbeat\SIGHeartbeatSender;

$ownNames = function (array $properties): array {
    $properties['product'][1] = '<client>';
    $properties['version'][1] = '<version>';
    return $properties;
};
$conn = connect();
show('getLibraryProperties', $ownNames($conn->getLibraryProperties()));
$config = new AMQPConnectionConfig();
$config->setPort(amqp_port());
$config->setConnectionName('named client');
$named = AMQPConnectionFactory::create($config);
show('getLibraryProperties with a connection name', $ownNames($named->getLibraryProperties())['connection_name']);
$named->close();

foreach ([PCNTLHeartbeatSender::class, SIGHeartbeatSender::class] as $class) {
    $sender = new $class($conn);
    attempt("$class unregister", fn () => $sender->unregister());
    attempt("$class register after unregister", fn () => $sender->register());
}
$closed = connect();
$closed->close();
attempt('register on a closed connection', fn () => (new PCNTLHeartbeatSender($closed))->register());
pcntl_signal(SIGALRM, SIG_DFL);

foreach ([['guest', 'guest'], ['', 'secret'], ['someone', ''], ['', '']] as [$user, $password]) {
    $config = new AMQPConnectionConfig();
    $config->setUser($user);
    $config->setPassword($password);
    attempt("EXTERNAL with user '$user' and password '$password'", function () use ($config) {
        $config->setLoginMethod(AMQPConnectionConfig::AUTH_EXTERNAL);
        return $config->getLoginMethod();
    });
}
$conn->close();
