<?php

declare(strict_types=1);

use Illuminate\Foundation\Application;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/app.php';
require_once dirname(__DIR__, 2) . '/tools/brokers.php';

/**
 * Runs Laravel against the real brokers: dispatch in this process, `queue:work` in child processes (the same
 * app.php, so jobs are handled exactly as in an application), and reads what the jobs logged.
 */
abstract class LaravelQueueTestCase extends TestCase
{
    protected string $state;
    protected string $queue;
    protected string $log;

    /** @return array the queue.connections block for the connection under test */
    abstract protected function connection(): array;

    abstract protected function connectionName(): string;

    protected function setUp(): void
    {
        $this->state = sys_get_temp_dir() . '/' . fresh_name('mq-laravel');
        mkdir($this->state);
        $this->queue = fresh_name('lv');
        $this->log = $this->state . '/jobs.log';
    }

    protected function tearDown(): void
    {
        exec('rm -rf ' . escapeshellarg($this->state));
    }

    protected function settings(): array
    {
        return ['state' => $this->state, 'connections' => [$this->connectionName() => $this->connection()]];
    }

    protected function app(): Application
    {
        return laravel_app($this->settings());
    }

    /** The PHP command line of this test run: -n, the shared extensions loaded here, and mq.so. */
    protected static function php(bool $withMq = true): array
    {
        $cmd = [PHP_BINARY, '-n'];
        foreach (get_loaded_extensions() as $ext) {
            $ext = strtolower($ext);
            if ($ext !== 'mq' && is_file(ini_get('extension_dir') . "/$ext.so")) {
                $cmd[] = '-d';
                $cmd[] = "extension=$ext";
            }
        }
        if ($withMq) {
            $cmd[] = '-d';
            $cmd[] = 'extension=' . dirname(__DIR__, 3) . '/modules/mq.so';
        }
        return $cmd;
    }

    /** Starts `php app.php ...$args` with this test's settings; returns the proc_open handle and pipes. */
    protected function startArtisan(array $args): array
    {
        $cmd = array_merge(self::php(), [__DIR__ . '/app.php'], $args);
        $env = ['MQ_LARAVEL_SETTINGS' => json_encode($this->settings())] + getenv();
        $proc = proc_open($cmd, [1 => ['file', "$this->state/out.txt", 'a'], 2 => ['file', "$this->state/err.txt", 'a']], $pipes, null, $env);
        $this->assertIsResource($proc);
        return [$proc, $pipes];
    }

    /** Runs artisan to completion; returns its exit code, or the signal that killed it (SIGKILL from --timeout). */
    protected function artisan(array $args): int
    {
        [$proc] = $this->startArtisan($args);
        $code = proc_close($proc);
        return $code;
    }

    /** Runs an artisan command in a child; returns [exit code, its output]. */
    protected function command(array $args): array
    {
        @unlink("$this->state/out.txt");
        $code = $this->artisan($args);
        return [$code, (string) @file_get_contents("$this->state/out.txt")];
    }

    /** `queue:work --stop-when-empty` on this test's queue with $options, to completion. */
    protected function work(array $options = []): int
    {
        return $this->artisan(array_merge(
            ['queue:work', $this->connectionName(), '--queue=' . $this->queue, '--stop-when-empty', '--sleep=0'],
            $options
        ));
    }

    /** Runs workers one after another until $done() or $seconds pass (delayed jobs arrive meanwhile). */
    protected function workUntil(callable $done, float $seconds, array $options = []): void
    {
        $deadline = microtime(true) + $seconds;
        while (!$done()) {
            $this->assertLessThan($deadline, microtime(true), "not done in {$seconds} s; worker stderr:\n" . $this->workerErrors());
            $this->work($options);
            usleep(100_000);
        }
    }

    /** @return list<array{tag: string, attempt: int, at: float, pid: int}> one entry per job run */
    protected function runs(): array
    {
        if (!is_file($this->log)) {
            return [];
        }
        return array_map(fn ($l) => json_decode($l, true), file($this->log, FILE_IGNORE_NEW_LINES));
    }

    protected function failedJobs(): array
    {
        return $this->app()['db']->table('failed_jobs')->get()->map(fn ($r) => (array) $r)->all();
    }

    protected function workerErrors(): string
    {
        return (string) @file_get_contents("$this->state/err.txt") . (string) @file_get_contents("$this->state/out.txt");
    }

    protected function job(string $tag, int $failTimes = 0, float $sleep = 0, ?int $releaseDelay = null): RecordingJob
    {
        return new RecordingJob($this->log, $tag, $failTimes, $sleep, $releaseDelay);
    }
}
