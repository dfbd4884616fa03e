<?php
/**
 * One scenario's accounting, by message_id (Kafka: by key): what was sent, what the broker confirmed (Kafka:
 * reported delivered), what arrived (at a consumer or, at the end, still in the queue or topic), hence
 * what was lost (confirmed, never arrived) and how many deliveries were duplicates; plus the recovery time
 * and why the scenario failed, if it did.
 */
final class Tally
{
    public int $sent = 0;
    /** @var array<string, true> */
    public array $confirmed = [];
    /** @var array<string, int> message_id => deliveries */
    public array $arrived = [];
    public ?float $faultAt = null;    // when the fault took effect (microtime)
    public ?float $recovery = null;   // seconds from the fault until the client made progress again
    /** @var list<string> */
    public array $failures = [];
    public bool $aborted = false;     // the runner itself failed mid-scenario: the counts are incomplete
    /** @var list<string> */
    public array $notes = [];

    public function __construct(public readonly string $scenario)
    {
    }

    /** message_ids, one a line (a publisher's confirmed file). */
    public function confirmFile(string $file): void
    {
        foreach (self::lines($file) as $id) {
            $this->confirmed[$id] = true;
        }
    }

    /** Messages the suite published itself with confirms before the scenario (PREFIX-0 .. PREFIX-(N-1)). */
    public function confirmSeeded(string $prefix, int $n): void
    {
        $this->sent += $n;
        for ($i = 0; $i < $n; $i++) {
            $this->confirmed["$prefix-$i"] = true;
        }
    }

    /**
     * Deliveries recorded as "message_id redelivered" lines (a consumer's received file, a drain); "ack N"
     * lines are skipped. Returns them in order as [message_id, redelivered] pairs.
     */
    public function arrivedFile(string $file): array
    {
        $deliveries = [];
        foreach (self::lines($file) as $line) {
            if (str_starts_with($line, 'ack ')) {
                continue;
            }
            [$id, $redelivered] = explode(' ', $line) + [1 => '0'];
            $this->arrive($id);
            $deliveries[] = [$id, $redelivered === '1'];
        }
        return $deliveries;
    }

    public function arrive(string $id): void
    {
        $this->arrived[$id] = ($this->arrived[$id] ?? 0) + 1;
    }

    /** Confirmed message_ids that never arrived anywhere (none counted when the scenario was aborted). */
    public function lost(): array
    {
        return $this->aborted ? [] :  array_keys(array_diff_key($this->confirmed, $this->arrived));
    }

    public function duplicates(): int
    {
        return array_sum($this->arrived) - count($this->arrived);
    }

    public function fail(string $why): void
    {
        $this->failures[] = $why;
    }

    /** Failed: a loss of a confirmed message, or anything the scenario itself found wrong. */
    public function failed(): bool
    {
        return $this->aborted || $this->lost() !== [] || $this->failures !== [];
    }

    /** @return list<string> */
    public static function lines(string $file): array
    {
        if (!is_file($file)) {
            return [];
        }
        return file($file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES);
    }
}
