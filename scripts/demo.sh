#!/usr/bin/env bash
# Runs the examples end to end against the local brokers (make demo starts them first).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PHP="${PHP:-php} -n -d extension=$ROOT/modules/mq.so"

echo "== extension"
$PHP --ri mq
$PHP "$ROOT/examples/info.php"
