#!/usr/bin/env bash
# The PHPT suite under Valgrind memcheck (PHP's run-tests.php -m, which sets USE_ZEND_ALLOC=0 so every
# emalloc is a real malloc Valgrind can see). Fails when Valgrind reports anything tests/valgrind/mq.supp
# does not explain (a memory error, or a definite leak), or when a test fails (or passes only on a retry)
# under Valgrind.
#   scripts/valgrind.sh                       every test in tests/phpt (the brokers must be up: make brokers)
#   scripts/valgrind.sh tests/phpt/X.phpt...  some of them
# Reports go to .state/valgrind/: run.log, and NAME.mem for each test with errors (every error is followed
# by a ready-made suppression; add one to mq.supp only with the reason it is not mq's bug).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SO="$ROOT/modules/mq.so"
PHP="${PHP:-php}"
OUT="$ROOT/.state/valgrind"

command -v valgrind >/dev/null || { echo "valgrind: not installed (make deps installs it)" >&2; exit 1; }
[ -f "$SO" ] || { echo "valgrind: $SO is missing (make build)" >&2; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"
find tests/phpt -name '*.mem' -delete

# run-tests.php traces child processes, so the PHP children that run mq are checked too. Not the other
# programs tests start (broker tools, kcat, curl, a compiler): they are not mq, and slow under Valgrind.
skip='*/bash,*/curl,*/rabbitmq.sh,*/kcat,*/openssl,*/timeout,*/kill,*/rabbitmqctl,*/erl,*/erlexec,*/beam.smp,*/java,*/kafka.sh,*/phpize,*configure,*/make,*/cc,*/gcc'
# Nor do PHP children without mq (Debian's php-amqplib, to compare with), and the child of
# amqp_large_body_memory.phpt, which measures its own peak RSS, something Valgrind's shadow memory makes
# meaningless (the large-body path itself is checked by amqp_large_and_binary_bodies.phpt).
skip_args='*amqplib_child.php,extension=sockets,*amqp_big_publish_child.php'
opts=(
  "--suppressions=$ROOT/tests/valgrind/mq.supp"
  --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite
  # A pcntl_fork child keeps the parent's runtime and clients and leaks them on purpose (dropping them there
  # would wait for threads that stayed in the parent: DESIGN.md); its exit report would be only that.
  --child-silent-after-fork=yes
  "--trace-children-skip=$skip" "--trace-children-skip-by-arg=$skip_args"
  --num-callers=40 --gen-suppressions=all
)
export VALGRIND_OPTS="${opts[*]}"
# Tests read it to give children more time and to shorten what would take minutes under Valgrind.
export MQ_VALGRIND=1

tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=(tests/phpt)
start=$(date +%s)
# pcre.jit=0: PCRE's JIT code has no symbols and reads words past a subject's end, which Valgrind reports
# as uninitialised; the interpreter runs the same regexes where Valgrind sees what they do.
TEST_PHP_EXECUTABLE="$(command -v "$PHP")" NO_INTERACTION=1 REPORT_EXIT_STATUS=1 \
  "$PHP" -n "$(ls /usr/lib/php/*/build/run-tests.php | head -1)" -q -n -d "extension=$SO" -d pcre.jit=0 -m \
  --show-diff "${tests[@]}" 2>&1 | tee "$OUT/run.log"
rc=${PIPESTATUS[0]}
find tests/phpt -name '*.mem' -exec mv {} "$OUT/" \;

with_errors=$(find "$OUT" -name '*.mem' | wc -l)
# A test that both fails and leaks counts as leaked in run-tests' summary: count the FAILs themselves.
failed=$(sed 's/\x1b\[[0-9;]*m//g' "$OUT/run.log" | grep -Ec '(^|\])(LEAK&)?FAIL ')
passed=$(sed -n 's/^Tests passed *: *\([0-9]*\).*/\1/p' "$OUT/run.log")
if [ "$with_errors" -gt 0 ]; then
  echo "Valgrind errors (full reports in $OUT):"
  for mem in "$OUT"/*.mem; do
    echo "  $(basename "$mem" .mem): $(grep -ac '^==[0-9]*== [A-Z0-9]' "$mem") record(s), first: $(grep -a -m1 '^==[0-9]*== [A-Z0-9]' "$mem" | sed 's/^==[0-9]*== //')"
  done
fi
# run-tests.php reruns a failed test that sleeps or times out, and the rerun's report replaces the first
# one: a pass on retry may hide what Valgrind saw the first time, so it is not a pass here.
retried=$(grep -ac "passed on retry" "$OUT/run.log")
[ "$retried" -eq 0 ] || echo "$retried test(s) passed only on retry: the first attempt's Valgrind report is lost, run them again"
echo "valgrind: ${passed:-0} passed, ${failed:-0} failed, $with_errors with Valgrind errors, in $(( $(date +%s) - start )) s"
[ "$rc" -eq 0 ] && [ "$with_errors" -eq 0 ] && [ "$retried" -eq 0 ] && [ -n "$passed" ]
