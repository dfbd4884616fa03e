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
