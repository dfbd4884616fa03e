<?php
// Order statistics shared by the driver and the client scripts.

declare(strict_types=1);

/** Nearest-rank percentile ($p in 0..100) of a list of numbers; null for an empty list. */
function bench_percentile(array $values, float $p): ?float
{
    if (!$values) {
        return null;
    }
    sort($values);
    $rank = (int) ceil($p / 100 * count($values));
    return (float) $values[max(0, min(count($values) - 1, $rank - 1))];
}

/** Median of a list of numbers (mean of the two middle values for an even count); null for an empty list. */
function bench_median(array $values): ?float
{
    $values = array_values(array_filter($values, fn($v) => $v !== null));
    if (!$values) {
        return null;
    }
    sort($values);
    $n = count($values);
    $mid = intdiv($n, 2);
    return $n % 2 ? (float) $values[$mid] : ($values[$mid - 1] + $values[$mid]) / 2;
}
