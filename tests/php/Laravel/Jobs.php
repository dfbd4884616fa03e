<?php
// Jobs the Laravel tests dispatch. Each appends one JSON line per run to $log, so a test can count runs
// and read the attempt each run saw, across worker processes.

use Illuminate\Bus\Queueable;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Foundation\Bus\Dispatchable;
use Illuminate\Queue\InteractsWithQueue;

final class RecordingJob implements ShouldQueue
{
    use Dispatchable, InteractsWithQueue, Queueable;

    public $tries;
    public $backoff;
    /** The message priority the rabbitmq driver sends (vyuldashev's driver reads this property too). */
    public $priority;

    /**
     * @param int $failTimes attempts 1..$failTimes throw
     * @param float $sleep seconds to sleep before finishing (a test kills the worker meanwhile)
     * @param int|null $releaseDelay release the job with this delay on its first attempt
     */
    public function __construct(
        public string $log,
        public string $tag,
        public int $failTimes = 0,
        public float $sleep = 0,
        public ?int $releaseDelay = null
    ) {
    }

    public function handle(): void
    {
        $line = ['tag' => $this->tag, 'attempt' => $this->attempts(), 'at' => microtime(true), 'pid' => getmypid()];
        file_put_contents($this->log, json_encode($line) . "\n", FILE_APPEND | LOCK_EX);
        if ($this->sleep > 0) {
            usleep((int) ($this->sleep * 1e6));
        }
        if ($this->releaseDelay !== null && $this->attempts() === 1) {
            $this->release($this->releaseDelay);
            return;
        }
        if ($this->attempts() <= $this->failTimes) {
            throw new RuntimeException("{$this->tag} fails on attempt {$this->attempts()}");
        }
    }
}

/**
 * A job that calls its own queue connection while it runs, as application code does: the size of a queue
 * ($sizeOf), a dispatch to another queue ($dispatchTo). Logs one line per run as RecordingJob does.
 */
final class CallingJob implements ShouldQueue
{
    use Dispatchable, InteractsWithQueue, Queueable;

    public $tries;

    public function __construct(public string $log, public string $tag, public ?string $sizeOf = null, public ?string $dispatchTo = null)
    {
    }

    public function handle(): void
    {
        $line = ['tag' => $this->tag, 'attempt' => $this->attempts(), 'at' => microtime(true), 'pid' => getmypid()];
        $queue = app('queue')->connection($this->job->getConnectionName());
        if ($this->sizeOf !== null) {
            $line['size'] = $queue->size($this->sizeOf);
        }
        file_put_contents($this->log, json_encode($line) . "\n", FILE_APPEND | LOCK_EX);
        if ($this->dispatchTo !== null) {
            $queue->push(new RecordingJob($this->log, "child-of-$this->tag"), '', $this->dispatchTo);
        }
    }
}
