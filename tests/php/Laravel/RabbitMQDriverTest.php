<?php

declare(strict_types=1);

use Illuminate\Contracts\Bus\Dispatcher;
use Illuminate\Queue\Events\JobQueued;
use Mq\Laravel\MqServiceProvider;
use Mq\Laravel\PublishException;
use Mq\Laravel\RabbitMQ\RabbitMQQueue;
use PhpAmqpLib\Connection\AMQPStreamConnection;
use PhpAmqpLib\Wire\AMQPTable;

require_once __DIR__ . '/LaravelQueueTestCase.php';

/** The `rabbitmq` driver through Laravel 8.83's own Worker and queue:* commands, against the real RabbitMQ. */
final class RabbitMQDriverTest extends LaravelQueueTestCase
{
    /** @var array options.queue for the connection under test */
    private array $queueOptions = [];

    protected function connectionName(): string
    {
        return 'rabbitmq';
    }

    protected function connection(): array
    {
        return [
            'driver' => 'rabbitmq',
            'queue' => $this->queue,
            'hosts' => [['host' => '127.0.0.1', 'port' => amqp_port(), 'user' => 'guest', 'password' => 'guest', 'vhost' => '/']],
            'options' => ['queue' => $this->queueOptions, 'connection_name' => "$this->queue-connection"],
        ];
    }

    protected function tearDown(): void
    {
        $amqp = $this->amqp();
        $channel = $amqp->channel();
        foreach ([$this->queue, "$this->queue-b", "$this->queue.delay.1000", "$this->queue.delay.2000", "$this->queue.delay.3000"] as $name) {
            $channel->queue_delete($name);
        }
        $amqp->close();
        parent::tearDown();
    }

    private function amqp(): AMQPStreamConnection
    {
        return new AMQPStreamConnection('127.0.0.1', amqp_port(), 'guest', 'guest');
    }

    private function rabbitmq(): RabbitMQQueue
    {
        return $this->app()['queue']->connection('rabbitmq');
    }

    public function testTheProviderMergesTheConfigAndPublishesIt(): void
    {
        $app = laravel_app(['state' => $this->state, 'connections' => ['rabbitmq' => ['driver' => 'rabbitmq', 'queue' => 'mine']]]);
        $config = $app['config']['queue.connections.rabbitmq'];
        $this->assertSame('mine', $config['queue'], 'the application block wins');
        $this->assertSame('127.0.0.1', $config['hosts'][0]['host'], 'the package defaults fill the rest');
        $this->assertTrue($config['options']['queue']['confirm']);
        $published = Illuminate\Support\ServiceProvider::pathsToPublish(MqServiceProvider::class, 'mq-config');
        $this->assertSame([
            MqServiceProvider::configDir() . '/rabbitmq.php' => $app->configPath('rabbitmq.php'),
            MqServiceProvider::configDir() . '/kafka.php' => $app->configPath('kafka.php'),
        ], $published);

        $composer = json_decode(file_get_contents(dirname(__DIR__, 3) . '/composer.json'), true);
        $this->assertSame([MqServiceProvider::class], $composer['extra']['laravel']['providers']);
    }

    public function testConnectingWithoutTheExtensionSaysHowToEnableIt(): void
    {
        $script = 'require ' . var_export(__DIR__ . '/app.php', true) . ';'
            . '$app = laravel_app(["state" => ' . var_export($this->state, true) . ', "connections" => ["rabbitmq" => ["driver" => "rabbitmq"]]]);'
            . 'try { $app["queue"]->connection("rabbitmq"); } catch (RuntimeException $e) { echo get_class($e), ": ", $e->getMessage(); }';
        $out = shell_exec(implode(' ', array_map('escapeshellarg', array_merge(self::php(false), ['-r', $script]))) . ' 2>&1');
        $this->assertStringStartsWith('RuntimeException: The mq PHP extension is not loaded', (string) $out);
    }

    public function testADispatchedJobIsStoredPersistentWithItsUuidAndHandledByQueueWork(): void
    {
        $app = $this->app();
        $queued = [];
        $app['events']->listen(JobQueued::class, function (JobQueued $e) use (&$queued) {
            $queued[] = $e->id;
        });
        $id = $app[Dispatcher::class]->dispatch($this->job('one'));
        $this->assertMatchesRegularExpression('/^[0-9a-f-]{36}$/', $id);
        $this->assertSame([$id], $queued);

        $job = $this->rabbitmq()->pop();
        $message = $job->getMessage();
        $this->assertSame($id, $job->getJobId());
        $this->assertSame($id, $message->get('message_id'));
        $this->assertSame(2, $message->get('delivery_mode'));
        $this->assertSame($id, json_decode($message->getBody(), true)['uuid']);
        $this->assertSame(1, $job->attempts());
        $job->delete();

        $app[Dispatcher::class]->dispatch($this->job('one'));
        $this->assertSame(0, $this->work());
        $runs = $this->runs();
        $this->assertCount(1, $runs);
        $this->assertSame(['one', 1], [$runs[0]['tag'], $runs[0]['attempt']]);
        $this->assertSame(0, $this->rabbitmq()->size());
    }

    public function testBulkOfHundredsIsOnePublishAndEachJobIsHandledOnce(): void
    {
        $jobs = [];
        for ($i = 0; $i < 300; $i++) {
            $jobs[] = $this->job("bulk-$i");
        }
        $queue = $this->rabbitmq();
        $queue->bulk($jobs);
        $this->assertSame(300, $queue->size());

        $this->assertSame(0, $this->work());
        $tags = array_column($this->runs(), 'tag');
        sort($tags);
        $expected = array_map(fn ($i) => "bulk-$i", range(0, 299));
        sort($expected);
        $this->assertSame($expected, $tags, 'every job handled exactly once');
        $this->assertSame(0, $queue->size());
    }

    public function testTriesAndBackoffRetryAfterTheBackoffUntilTheJobSucceeds(): void
    {
        $job = $this->job('flaky', failTimes: 2);
        $job->tries = 3;
        $job->backoff = [1, 2];
        $this->rabbitmq()->push($job);

        $this->workUntil(fn () => count($this->runs()) >= 3, 20);
        $runs = $this->runs();
        $this->assertSame([1, 2, 3], array_column($runs, 'attempt'));
        $this->assertGreaterThanOrEqual(1.0, $runs[1]['at'] - $runs[0]['at'], 'backoff[0] = 1 s');
        $this->assertGreaterThanOrEqual(2.0, $runs[2]['at'] - $runs[1]['at'], 'backoff[1] = 2 s');
        $this->assertSame([], $this->failedJobs());
        $this->assertSame(0, $this->rabbitmq()->size());
    }

    public function testExhaustedTriesEndInTheFailedJobsTable(): void
    {
        $job = $this->job('doomed', failTimes: 99);
        $job->tries = 2;
        $id = $this->rabbitmq()->push($job);

        $this->workUntil(fn () => count($this->runs()) >= 2, 20);
        $this->assertSame(0, $this->work(), 'nothing left to run');
        $this->assertSame([1, 2], array_column($this->runs(), 'attempt'));
        $failed = $this->failedJobs();
        $this->assertCount(1, $failed);
        $this->assertSame($id, $failed[0]['uuid']);
        $this->assertSame($this->queue, $failed[0]['queue']);
        $this->assertStringContainsString('doomed fails on attempt 2', $failed[0]['exception']);
        $this->assertSame(0, $this->rabbitmq()->size());
    }

    public function quorumOrClassic(): array
    {
        return ['classic' => [false], 'quorum' => [true]];
    }

    public function testTheManagementApiCountsDelayedAndReservedJobsAndDatesTheOldest(): void
    {
        $queue = $this->rabbitmq();
        $before = time();
        $queue->push($this->job('oldest'));
        $queue->push($this->job('next'));
        $queue->later(60, $this->job('delayed-1'));
        $queue->later(60, $this->job('delayed-2'));
        // Without management.url AMQP cannot count them.
        $this->assertSame([0, 0, null], [$queue->delayedSize(), $queue->reservedSize(), $queue->creationTimeOfOldestPendingJob()]);

        $this->queueOptions = ['management' => ['url' => 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/']];
        $queue = $this->rabbitmq();
        $amqp = $this->amqp();
        try {
            $taken = $amqp->channel()->basic_get($this->queue);
            $this->assertNotNull($taken, 'a job taken and not acknowledged');
            // The broker's statistics are refreshed every 5 s.
            $deadline = microtime(true) + 15;
            do {
                $seen = [$queue->delayedSize(), $queue->reservedSize(), $queue->size()];
                $oldest = $queue->creationTimeOfOldestPendingJob();
                if ($seen === [2, 1, 1] && $oldest !== null) {
                    break;
                }
                usleep(250_000);
            } while (microtime(true) < $deadline);
            $this->assertSame([2, 1, 1], $seen, 'delayed, reserved, pending');
            $this->assertIsInt($oldest);
            $this->assertGreaterThanOrEqual($before, $oldest);
            $this->assertLessThanOrEqual(time(), $oldest);
            $this->assertSame([0, 0, null], [
                $queue->delayedSize('mq-no-such-queue-' . getmypid()),
                $queue->reservedSize('mq-no-such-queue-' . getmypid()),
                $queue->creationTimeOfOldestPendingJob('mq-no-such-queue-' . getmypid()),
            ]);
        } finally {
            $amqp->channel()->queue_delete("$this->queue.delay.60000");
            $amqp->close();
        }

        $this->queueOptions = ['management' => ['url' => 'http://127.0.0.1:1', 'timeout' => 2.0]];
        try {
            $this->rabbitmq()->reservedSize();
            $this->fail('an unreachable management API is an error');
        } catch (\RuntimeException $e) {
            $this->assertStringStartsWith('RabbitMQ management API at http://127.0.0.1:1: ', $e->getMessage());
        }
        $this->queueOptions = ['management' => ['url' => 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672), 'password' => 'wrong']];
        try {
            $this->rabbitmq()->delayedSize();
            $this->fail('a refused login is an error');
        } catch (\RuntimeException $e) {
            $this->assertStringEndsWith(': HTTP 401', $e->getMessage());
        }
    }

    /** @dataProvider quorumOrClassic */
    public function testLaterRunsNoEarlierThanAskedAndIsNotInTheQueueMeanwhile(bool $quorum): void
    {
        $this->queueOptions = ['quorum' => $quorum];
        $queue = $this->rabbitmq();
        $asked = microtime(true);
        $queue->later(2, $this->job('in-2s'));
        $at = new DateTimeImmutable('+1500 milliseconds');
        $queue->later($at, $this->job('at-1.5s'));
        $this->assertSame(0, $queue->size(), 'delayed jobs wait outside the queue');
        $this->assertSame(0, $this->work());
        $this->assertSame([], $this->runs());

        $this->workUntil(fn () => count($this->runs()) >= 2, 15);
        $runs = array_column($this->runs(), null, 'tag');
        $this->assertGreaterThanOrEqual($asked + 2, $runs['in-2s']['at']);
        $this->assertGreaterThanOrEqual((float) $at->format('U.u'), $runs['at-1.5s']['at']);
        $this->assertSame([1, 1], [$runs['in-2s']['attempt'], $runs['at-1.5s']['attempt']]);
    }

    public function testTheDelayQueueHasNoExpiry(): void
    {
        $this->rabbitmq()->later(3, $this->job('x'));
        // A passive declare with different arguments would fail; redeclaring with exactly these succeeds, so
        // the queue has a TTL and a dead-letter target, and no x-expires that could drop a waiting job.
        $channel = ($amqp = $this->amqp())->channel();
        [, $count] = $channel->queue_declare("$this->queue.delay.3000", false, true, false, false, false, new AMQPTable([
            'x-message-ttl' => 3000, 'x-dead-letter-exchange' => '', 'x-dead-letter-routing-key' => $this->queue,
        ]));
        $this->assertSame(1, $count);
        $amqp->close();
    }

    public function testReleaseWithADelayRunsTheNextAttemptAfterIt(): void
    {
        $job = $this->job('released', releaseDelay: 2);
        $job->tries = 2;
        $this->rabbitmq()->push($job);

        $this->workUntil(fn () => count($this->runs()) >= 2, 15);
        $runs = $this->runs();
        $this->assertSame([1, 2], array_column($runs, 'attempt'));
        $this->assertGreaterThanOrEqual(2.0, $runs[1]['at'] - $runs[0]['at']);
        $this->assertSame([], $this->failedJobs());
    }

    public function testQueueClearPurgesTheQueue(): void
    {
        $queue = $this->rabbitmq();
        for ($i = 0; $i < 5; $i++) {
            $queue->push($this->job("c$i"));
        }
        $this->assertSame(5, $queue->size());
        $this->assertSame(0, $this->artisan(['queue:clear', 'rabbitmq', '--queue=' . $this->queue]));
        $this->assertStringContainsString("Cleared 5 jobs from the [$this->queue] queue", file_get_contents("$this->state/out.txt"));
        $this->assertSame(0, $queue->size());
        $this->assertSame(0, $queue->clear('mq-no-such-queue-' . getmypid()));
    }

    public function testSizeCountsReadyJobsAndIsZeroForAMissingQueue(): void
    {
        $queue = $this->rabbitmq();
        $this->assertSame(0, $queue->size('mq-no-such-queue-' . getmypid()));
        $queue->push($this->job('a'));
        $queue->pushRaw(json_encode(['uuid' => 'u-1', 'displayName' => 'raw', 'job' => 'x', 'data' => []]));
        $this->assertSame(2, $queue->size());
        $this->assertSame(2, $queue->pendingSize());
    }

    /** @dataProvider quorumOrClassic */
    public function testAWorkerKilledMidJobHasThatAttemptCounted(bool $quorum): void
    {
        $this->queueOptions = ['quorum' => $quorum];
        $this->rabbitmq()->push($this->job('killed', sleep: 60));
        [$proc] = $this->startArtisan(['queue:work', 'rabbitmq', '--queue=' . $this->queue, '--tries=1', '--sleep=0']);
        $deadline = microtime(true) + 10;
        while ($this->runs() === [] && microtime(true) < $deadline) {
            usleep(50_000);
        }
        $this->assertCount(1, $this->runs(), 'the job started');
        posix_kill(proc_get_status($proc)['pid'], SIGKILL);
        proc_close($proc);

        // The broker redelivers it; with --tries=1 its second attempt exceeds the limit: failed, not run.
        $this->assertSame(0, $this->work(['--tries=1']));
        $this->assertCount(1, $this->runs(), 'not run again');
        $failed = $this->failedJobs();
        $this->assertCount(1, $failed);
        $this->assertStringContainsString('MaxAttemptsExceededException', $failed[0]['exception']);
        $this->assertSame(0, $this->rabbitmq()->size());
    }

    public function testAJobThatKeepsTimingOutEndsFailedAfterItsTries(): void
    {
        $this->rabbitmq()->push($this->job('slow', sleep: 30));
        // Each worker is SIGKILLed by Laravel's --timeout handler: no ack, no release from the driver.
        $this->assertSame(SIGKILL, $this->work(['--timeout=1', '--tries=2']));
        $this->assertSame(SIGKILL, $this->work(['--timeout=1', '--tries=2']));
        $this->assertSame(0, $this->work(['--timeout=1', '--tries=2']));
        $this->assertSame([1, 2], array_column($this->runs(), 'attempt'));
        $this->assertCount(1, $this->failedJobs());
        $this->assertSame(0, $this->rabbitmq()->size());
    }

    public function testAPushToAMissingExchangeThrowsAtDispatch(): void
    {
        $this->queueOptions = ['exchange' => 'mq-missing-' . getmypid(), 'declare' => false];
        $queue = $this->rabbitmq();
        try {
            $queue->push($this->job('lost'));
            $this->fail('no exception');
        } catch (PublishException $e) {
            $this->assertStringContainsString('NOT_FOUND', $e->getMessage());
        }
        // The broker closed the channel; the queue opens a new one for the next call.
        $this->assertSame(0, $queue->size());
    }

    public function testAnUnroutableJobThrowsAtDispatch(): void
    {
        $exchange = fresh_name('mq-lv-x');
        $channel = ($amqp = $this->amqp())->channel();
        $channel->exchange_declare($exchange, 'direct', false, false, true);
        $this->queueOptions = ['exchange' => $exchange, 'declare' => false];
        try {
            $this->expectException(PublishException::class);
            $this->expectExceptionMessage('returned as unroutable (312 NO_ROUTE)');
            $this->rabbitmq()->push($this->job('nowhere'));
        } finally {
            $channel->exchange_delete($exchange);
            $amqp->close();
        }
    }

    public function testWithAnExchangeTheQueueIsDeclaredAndBoundOnFirstUse(): void
    {
        $exchange = fresh_name('mq-lv-x');
        $this->queueOptions = ['exchange' => $exchange, 'exchange_type' => 'topic', 'exchange_routing_key' => 'jobs.%s'];
        $queue = $this->rabbitmq();
        $queue->push($this->job('routed'));
        $this->assertSame(1, $queue->size());
        $this->assertSame(0, $this->work());
        $this->assertSame(['routed'], array_column($this->runs(), 'tag'));
        $channel = ($amqp = $this->amqp())->channel();
        $channel->exchange_delete($exchange);
        $amqp->close();
    }

    public function testARerouteFailedJobIsAlsoDeadLettered(): void
    {
        $channel = ($amqp = $this->amqp())->channel();
        $channel->queue_declare("$this->queue.failed", false, false, false, true);
        $this->queueOptions = ['reroute_failed' => true];
        $job = $this->job('rerouted', failTimes: 99);
        $id = $this->rabbitmq()->push($job);

        $this->assertSame(0, $this->work(['--tries=1']));
        $this->assertCount(1, $this->failedJobs());
        $dead = $channel->basic_get("$this->queue.failed", true);
        $this->assertNotNull($dead, 'the failed job was dead-lettered');
        $this->assertSame($id, $dead->get('message_id'));
        $this->assertSame(0, $this->rabbitmq()->size());
        $amqp->close();
    }

    public function testHostsAreTriedInOrderAndTlsIsUsedWithACafile(): void
    {
        $ca = (getenv('MQ_STATE_DIR') ?: dirname(__DIR__, 3) . '/.state') . '/rabbitmq/certs/ca.pem';
        $config = [
            'hosts' => [
                ['host' => '127.0.0.1', 'port' => 1, 'user' => 'guest', 'password' => 'guest'],
                ['host' => 'localhost', 'port' => amqps_port(), 'user' => 'guest', 'password' => 'guest'],
            ],
            'options' => ['ssl_options' => ['cafile' => $ca, 'verify_peer' => true, 'local_cert' => null]],
        ];
        $connection = Mq\Laravel\RabbitMQ\RabbitMQConnector::openConnection($config);
        $this->assertInstanceOf(PhpAmqpLib\Connection\AMQPSSLConnection::class, $connection);
        $this->assertTrue($connection->isConnected());
        $connection->close();

        $config['hosts'] = [$config['hosts'][0]];
        $this->expectException(PhpAmqpLib\Exception\AMQPIOException::class);
        Mq\Laravel\RabbitMQ\RabbitMQConnector::openConnection($config);
    }

    public function testClientCertificateFromLocalCertAndLocalKey(): void
    {
        $certs = (getenv('MQ_STATE_DIR') ?: dirname(__DIR__, 3) . '/.state') . '/rabbitmq/certs';
        $name = "$this->queue-client-cert";
        $config = [
            'hosts' => [['host' => 'localhost', 'port' => amqps_port(), 'user' => 'guest', 'password' => 'guest']],
            'options' => [
                'connection_name' => $name,
                // vyuldashev's keys: local_key is PHP's local_pk.
                'ssl_options' => ['cafile' => "$certs/ca.pem", 'local_cert' => "$certs/client.pem", 'local_key' => "$certs/client.key"],
            ],
        ];
        $connection = Mq\Laravel\RabbitMQ\RabbitMQConnector::openConnection($config);
        $api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
        $subject = null;
        for ($i = 0; $i < 100 && $subject === null; $i++) {
            foreach (json_decode((string) shell_exec("curl -s -u guest:guest $api"), true) ?: [] as $c) {
                if (($c['client_properties']['connection_name'] ?? null) === $name) {
                    $subject = (string) ($c['peer_cert_subject'] ?? '');
                }
            }
            $subject ?? usleep(100000);
        }
        $connection->close();
        $this->assertSame('CN=mq-test-client', $subject, 'the broker got the client certificate');
    }

    /**
     * Closes, from the broker, every connection this test's queue opened (found by name in the management
     * API), again and again until $done() says so: the management API lists a connection only at its next
     * statistics round, so a connection opened moments after another may be missing from a listing.
     */
    private function closeConnectionsFromTheBrokerUntil(callable $done): void
    {
        $name = "$this->queue-connection";
        $api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/connections';
        $deadline = microtime(true) + 30;
        $closed = 0;
        while (!$done() && microtime(true) < $deadline) {
            usleep(250_000);
            $all = json_decode((string) shell_exec('curl -s -u guest:guest ' . escapeshellarg("$api?columns=name,client_properties.connection_name")), true);
            $mine = array_filter((array) $all, fn ($c) => ($c['client_properties']['connection_name'] ?? null) === $name);
            foreach ($mine as $connection) {
                shell_exec('curl -s -u guest:guest -X DELETE ' . escapeshellarg($api . '/' . rawurlencode($connection['name'])));
                $closed++;
            }
        }
        $this->assertGreaterThan(0, $closed, 'the worker\'s connection is listed');
    }

    public function testAWorkerWhoseConnectionIsClosedStopsAndItsJobRunsAgain(): void
    {
        $job = $this->job('interrupted', sleep: 8);
        $job->tries = 3;
        $this->rabbitmq()->push($job);
        [$proc] = $this->startArtisan(['queue:work', 'rabbitmq', '--queue=' . $this->queue, '--sleep=0', '--tries=3']);
        $deadline = microtime(true) + 10;
        while ($this->runs() === [] && microtime(true) < $deadline) {
            usleep(50_000);
        }
        $this->assertCount(1, $this->runs(), 'the job started');
        // The job finishes, its ack fails: the worker reports a lost connection and exits by itself.
        $this->closeConnectionsFromTheBrokerUntil(fn () => !proc_get_status($proc)['running']);
        $running = proc_get_status($proc)['running'];
        if ($running) {
            proc_terminate($proc, SIGKILL);
        }
        $this->assertFalse($running, "the worker did not stop:\n" . $this->workerErrors());
        $this->assertStringContainsString('LostConnectionException: Lost connection to RabbitMQ', $this->workerErrors());

        // The broker requeued the unacked job; a new worker runs it again, as attempt 2.
        $this->assertSame(0, $this->work(['--tries=3']));
        $this->assertSame([1, 2], array_column($this->runs(), 'attempt'), $this->workerErrors());
        $this->assertSame([], $this->failedJobs());
        $this->assertSame(0, $this->rabbitmq()->size());
    }

    public function testTopologyCommandsDeclareCheckAndDelete(): void
    {
        [$code, $out] = $this->command(['rabbitmq:check', 'rabbitmq', '--queue=' . $this->queue]);
        $this->assertSame([1, "queue \"$this->queue\" does not exist"], [$code, trim($out)]);
        $this->assertSame(0, $this->rabbitmq()->size(), 'the check created nothing');

        [$code, $out] = $this->command(['rabbitmq:queue-declare', $this->queue]);
        $this->assertSame([0, "Queue [$this->queue] declared."], [$code, trim($out)]);
        [$code, $out] = $this->command(['rabbitmq:check']);
        $this->assertSame([0, "Queue [$this->queue] matches the config."], [$code, trim($out)]);

        // The config now asks for a quorum queue: the classic one on the broker no longer matches.
        $this->queueOptions = ['quorum' => true];
        [$code, $out] = $this->command(['rabbitmq:check']);
        $this->assertSame(1, $code);
        $this->assertStringContainsString("queue \"$this->queue\" differs: PRECONDITION_FAILED - inequivalent arg 'x-queue-type'", $out);

        $this->queueOptions = [];
        $queue = $this->rabbitmq();
        $queue->push($this->job('a'));
        $queue->push($this->job('b'));
        [$code, $out] = $this->command(['rabbitmq:queue-purge']);
        $this->assertSame([0, "Queue [$this->queue] purged of 2 jobs."], [$code, trim($out)]);
        $this->assertSame(0, $queue->size());
        [$code] = $this->command(['rabbitmq:check']);
        $this->assertSame(0, $code, 'the purged queue is still there');
        $queue->push($this->job('a'));
        $queue->push($this->job('b'));
        [$code, $out] = $this->command(['rabbitmq:queue-delete', $this->queue]);
        $this->assertSame([0, "Queue [$this->queue] deleted with 2 jobs."], [$code, trim($out)]);
        [$code] = $this->command(['rabbitmq:check']);
        $this->assertSame(1, $code);

        $exchange = fresh_name('mq-lv-x');
        [$code, $out] = $this->command(['rabbitmq:exchange-declare', $exchange, 'rabbitmq', '--type=topic']);
        $this->assertSame([0, "Exchange [$exchange] declared."], [$code, trim($out)]);
        $channel = ($amqp = $this->amqp())->channel();
        $channel->exchange_declare($exchange, 'topic', true);
        [$code, $out] = $this->command(['rabbitmq:exchange-delete', $exchange]);
        $this->assertSame([0, "Exchange [$exchange] deleted."], [$code, trim($out)]);
        try {
            $channel->exchange_declare($exchange, 'topic', true);
            $this->fail('the exchange still exists');
        } catch (PhpAmqpLib\Exception\AMQPProtocolChannelException $e) {
            $this->assertSame(404, $e->getCode());
        }
        $amqp->close();
    }

    public function testThePushBasedWorkerTakesSeveralQueuesAndReturnsUnstartedJobsUncounted(): void
    {
        $queue = $this->rabbitmq();
        for ($i = 0; $i < 20; $i++) {
            $queue->push($this->job("a$i"));
        }
        for ($i = 0; $i < 5; $i++) {
            $queue->push($this->job("b$i"), '', "$this->queue-b");
        }
        $this->assertSame(0, $this->artisan(['rabbitmq:consume', 'rabbitmq', "--queue=$this->queue,$this->queue-b", '--max-jobs=10']));
        $this->assertCount(10, $this->runs(), $this->workerErrors());
        $this->assertSame([10, 5], [$queue->size(), $queue->size("$this->queue-b")], 'the delivery pushed but not started went back');

        $this->assertSame(0, $this->artisan(['rabbitmq:consume', 'rabbitmq', "--queue=$this->queue,$this->queue-b", '--stop-when-empty']));
        $runs = $this->runs();
        $this->assertCount(25, array_unique(array_column($runs, 'tag')));
        $this->assertCount(25, $runs, 'each job ran once');
        $this->assertSame([1], array_values(array_unique(array_column($runs, 'attempt'))), 'no attempt counted for a job never started');
        $this->assertSame([0, 0], [$queue->size(), $queue->size("$this->queue-b")]);
    }
    public function testAJobsOwnChannelErrorsDoNotHandTheJobBack(): void
    {
        // A size() of a missing queue (404) and a dispatch the broker refuses (a queue declared with other
        // arguments, 406) close the channel they run on. The job running keeps its delivery: acked once, or
        // released once per attempt.
        $amqp = $this->amqp();
        $amqp->channel()->queue_declare("$this->queue-b", false, true, false, false, false, new AMQPTable(['x-max-priority' => 5]));
        $amqp->close();
        $this->rabbitmq()->push(new CallingJob($this->log, 'probe', sizeOf: 'mq-no-such-queue-' . getmypid()));
        $refused = new CallingJob($this->log, 'refused', dispatchTo: "$this->queue-b");
        $refused->tries = 2;
        $this->rabbitmq()->push($refused);
        $this->assertSame(0, $this->work(['--tries=3']));
        $this->assertSame(
            [['probe', 1, 0], ['refused', 1, null], ['refused', 2, null]],
            array_map(fn ($r) => [$r['tag'], $r['attempt'], $r['size'] ?? null], $this->runs()),
            $this->workerErrors()
        );
        $this->assertCount(1, $this->failedJobs());
        $this->assertSame([0, 0], [$this->rabbitmq()->size(), $this->rabbitmq()->size("$this->queue-b")]);
    }

    public function testThePushBasedWorkerTakesVyuldashevsConsumeOptions(): void
    {
        $queue = $this->rabbitmq();
        foreach (['a', 'b'] as $name) {
            $queue->push($this->job($name), '', $name === 'a' ? $this->queue : "$this->queue-b");
        }
        [$proc] = $this->startArtisan(['rabbitmq:consume', 'rabbitmq', "--queue=$this->queue,$this->queue-b", '--prefetch-count=5',
            '--prefetch-size=0', "--consumer-tag=$this->queue-tag", '--max-priority=3', '--max-time=20']);
        $this->waitFor(fn () => count($this->runs()) === 2 && count($this->consumersOnTheBroker()) === 2, 15);
        $consumers = $this->consumersOnTheBroker();
        proc_terminate($proc);
        proc_close($proc);
        ksort($consumers);
        $this->assertSame([
            $this->queue => ["$this->queue-tag", 5, 3],
            "$this->queue-b" => ["$this->queue-tag-$this->queue-b", 5, 3],
        ], $consumers);
    }

    public function testThePushBasedWorkerRefusesAPrefetchSize(): void
    {
        // RabbitMQ closes the connection for a basic.qos with a size: the worker is refused, with why, first.
        @unlink("$this->state/err.txt");
        $this->rabbitmq()->push($this->job('waits'));
        $code = $this->artisan(['rabbitmq:consume', 'rabbitmq', '--prefetch-size=65536', '--max-time=5']);
        $this->assertNotSame(0, $code);
        $this->assertStringContainsString('--prefetch-size must be 0', (string) @file_get_contents("$this->state/err.txt") . (string) @file_get_contents("$this->state/out.txt"));
        $this->assertSame([], $this->runs());
        $this->assertSame(1, $this->rabbitmq()->size());
    }

    /** @return array<string, array{string, int, int}> this test's queues' consumers: tag, prefetch, priority */
    private function consumersOnTheBroker(): array
    {
        $api = 'http://127.0.0.1:' . (getenv('MQ_MGMT_PORT') ?: 15672) . '/api/consumers';
        $all = json_decode((string) shell_exec('curl -s -u guest:guest ' . escapeshellarg($api)), true);
        $mine = [];
        foreach ((array) $all as $c) {
            $queue = $c['queue']['name'] ?? '';
            if ($queue === $this->queue || $queue === "$this->queue-b") {
                $mine[$queue] = [$c['consumer_tag'], $c['prefetch_count'], $c['arguments']['x-priority'] ?? null];
            }
        }
        return $mine;
    }

    public function testAPushBasedWorkerWhoseQueueIsDeletedConsumesItAgain(): void
    {
        $this->rabbitmq()->push($this->job('before'));
        [$proc] = $this->startArtisan(['rabbitmq:consume', 'rabbitmq', "--queue=$this->queue", '--max-time=30']);
        $this->waitFor(fn () => $this->runs() !== [], 10);
        $amqp = $this->amqp();
        $amqp->channel()->queue_delete($this->queue);
        $amqp->close();
        // Another process declares the queue again with its next dispatch.
        $this->rabbitmq()->push($this->job('after'));
        $this->waitFor(fn () => count($this->runs()) === 2, 10);
        proc_terminate($proc);
        proc_close($proc);
        $this->assertSame(['before', 'after'], array_column($this->runs(), 'tag'));
    }

    public function testAQueueOrDelayQueueDeletedMeanwhileIsDeclaredAgainByTheNextPublish(): void
    {
        $queue = $this->rabbitmq();
        $queue->push($this->job('gone'));
        $queue->later(1, $this->job('gone-delayed'));
        $amqp = $this->amqp();
        $channel = $amqp->channel();
        $channel->queue_delete($this->queue);
        $channel->queue_delete("$this->queue.delay.1000");
        $amqp->close();
        // The same connection, whose declarations are gone: the broker returns its publishes as unroutable.
        $queue->push($this->job('now'));
        $queue->later(1, $this->job('delayed'));
        $this->assertSame(1, $queue->size());
        $this->workUntil(fn () => count($this->runs()) === 2, 10);
        $this->assertSame(['now', 'delayed'], array_column($this->runs(), 'tag'));
    }

    public function testWithDeclareOffADelayedJobForAMissingQueueThrowsAtDispatch(): void
    {
        $this->queueOptions = ['declare' => false];
        try {
            $this->rabbitmq()->later(1, $this->job('never'));
            $this->fail('no exception');
        } catch (PublishException $e) {
            $this->assertStringContainsString("no queue '$this->queue'", $e->getMessage());
        }
        $this->assertSame(0, $this->consumers("$this->queue.delay.1000", exists: $exists));
        $this->assertFalse($exists, 'no delay queue was made');
    }

    public function testAVyuldashevBlockAndItsDelayQueuesWorkUnchanged(): void
    {
        // vyuldashev's default block declares no x-max-priority (prioritize_delayed is false), and its delay
        // queues carry x-expires: both exist already, as vyuldashev left them.
        $this->queueOptions = ['prioritize_delayed' => false, 'queue_max_priority' => 10];
        $amqp = $this->amqp();
        $channel = $amqp->channel();
        $channel->queue_declare($this->queue, false, true, false, false);
        $channel->queue_declare("$this->queue.delay.2000", false, true, false, false, false, new AMQPTable([
            'x-dead-letter-exchange' => '', 'x-dead-letter-routing-key' => $this->queue, 'x-message-ttl' => 2000, 'x-expires' => 4000,
        ]));
        $amqp->close();
        $queue = $this->rabbitmq();
        $queue->push($this->job('now'));
        $queue->later(2, $this->job('later'));
        $this->workUntil(fn () => count($this->runs()) === 2, 15);
        $this->assertSame(['now', 'later'], array_column($this->runs(), 'tag'));
    }

    public function testAnExpiredVyuldashevDelayQueueIsDeclaredAgain(): void
    {
        // vyuldashev's delay queues expire when unused (x-expires): mq then declares its own.
        $amqp = $this->amqp();
        $amqp->channel()->queue_declare("$this->queue.delay.2000", false, true, false, false, false, new AMQPTable([
            'x-dead-letter-exchange' => '', 'x-dead-letter-routing-key' => $this->queue, 'x-message-ttl' => 2000, 'x-expires' => 2500,
        ]));
        $amqp->close();
        $queue = $this->rabbitmq();
        $queue->later(2, $this->job('first'));
        usleep(3_500_000);
        $this->assertSame(0, $this->consumers("$this->queue.delay.2000", exists: $exists));
        $this->assertFalse($exists, 'the delay queue expired');
        $queue->later(2, $this->job('second'));
        $this->workUntil(fn () => count($this->runs()) === 2, 15);
        $this->assertSame(['first', 'second'], array_column($this->runs(), 'tag'));
    }

    public function testAReleaseThatCannotPublishOnTheLastAttemptFailsTheJobOnce(): void
    {
        // The delay queue exists with other arguments: the release's declare is refused.
        $amqp = $this->amqp();
        $amqp->channel()->queue_declare("$this->queue.delay.2000", false, true, false, false, false, new AMQPTable(['x-max-length' => 1000]));
        $amqp->close();
        $job = $this->job('released', releaseDelay: 2);
        $job->tries = 1;
        $this->rabbitmq()->push($job);
        $this->assertSame(0, $this->work());
        $this->assertCount(1, $this->runs());
        // Failed once (the failer's table has one row per uuid, so count the worker's reports too).
        $this->assertCount(1, $this->failedJobs(), $this->workerErrors());
        $this->assertSame(1, substr_count($this->workerErrors(), 'Failed:'), $this->workerErrors());
        $this->assertSame(0, $this->rabbitmq()->size());
    }

    public function testLaterRawTakesVyuldashevsAttemptsArgument(): void
    {
        $queue = $this->rabbitmq();
        $job = $this->job('raw');
        $job->tries = 5;
        $payload = (fn () => $this->createPayload($job, $this->getQueue(null)))->call($queue);
        $queue->laterRaw(0, $payload, null, 2);
        $this->assertSame(0, $this->work());
        $this->assertSame([["raw", 3]], array_map(fn ($r) => [$r["tag"], $r["attempt"]], $this->runs()), $this->workerErrors());
    }

    public function testAnExchangeDeletedMeanwhileIsDeclaredAgainByTheNextPublish(): void
    {
        $exchange = "$this->queue-x";
        $this->queueOptions = ['exchange' => $exchange];
        $queue = $this->rabbitmq();
        $queue->push($this->job('before'));
        $amqp = $this->amqp();
        $amqp->channel()->exchange_delete($exchange);
        $amqp->close();
        $queue->push($this->job('after'));
        $this->assertSame(0, $this->work());
        $this->assertSame(['before', 'after'], array_column($this->runs(), 'tag'));
        $amqp = $this->amqp();
        $amqp->channel()->exchange_delete($exchange);
        $amqp->close();
    }

    public function testAJobsPriorityIsItsMessagePriority(): void
    {
        $this->queueOptions = ['queue_max_priority' => 10];
        $queue = $this->rabbitmq();
        foreach ([1, 1, 9] as $i => $priority) {
            $job = $this->job("p$priority-$i");
            $job->priority = $priority;
            $queue->push($job);
        }
        $this->assertSame(0, $this->work());
        $this->assertSame(['p9-2', 'p1-0', 'p1-1'], array_column($this->runs(), 'tag'));
    }

    public function testAWorkerDrainsAQueueDeclaredWithOtherArguments(): void
    {
        // Declared and filled by an application configured otherwise (another driver, another config).
        $this->queueOptions = ['queue_max_priority' => 5];
        $this->rabbitmq()->push($this->job('existing'));
        $this->queueOptions = [];
        $this->assertSame(0, $this->work());
        $this->assertSame(['existing'], array_column($this->runs(), 'tag'), $this->workerErrors());
        $this->assertStringNotContainsString('PRECONDITION_FAILED', $this->workerErrors());
    }

    /** Consumers on $queue; 0 (and $exists false) when there is no such queue. */
    private function consumers(string $queue, ?bool &$exists = null): int
    {
        $amqp = $this->amqp();
        try {
            [, , $consumers] = $amqp->channel()->queue_declare($queue, true);
            $exists = true;
            return $consumers;
        } catch (\PhpAmqpLib\Exception\AMQPProtocolChannelException) {
            $exists = false;
            return 0;
        } finally {
            $amqp->close();
        }
    }

    private function waitFor(callable $done, float $seconds): void
    {
        $deadline = microtime(true) + $seconds;
        while (!$done()) {
            $this->assertLessThan($deadline, microtime(true), "not done in {$seconds} s:\n" . $this->workerErrors());
            usleep(50_000);
        }
    }
}
