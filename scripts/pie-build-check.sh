#!/usr/bin/env bash
# Checks from a clean clone what `pie install mq/ext-mq` does: on the tree scripts/pie-package.sh
# publishes, in the manifest's php-ext.build-path, `phpize`, `./configure --with-php-config=...`,
# `make -jN`, then `make install` (into a staging root: the system's PHP is left alone). Then loads the
# installed mq.so and round-trips one message through RabbitMQ (127.0.0.1, MQ_AMQP_PORT).
# Slow: a cold release build takes minutes. `scripts/test.sh pie` runs it; `make test` does not.
#   CARGO_TARGET_DIR=DIR   build into DIR (e.g. a copy of a seeded target/) instead of from cold
#   MQ_PIE_KEEP=1          keep the work directory (it is kept anyway when a step fails)
# It checks the committed HEAD: uncommitted changes are not in the clone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PHP="${PHP:-php}"
PHP_CONFIG_BIN="$(command -v "${PHP_CONFIG:-php-config}")"
[ -z "${CARGO_TARGET_DIR:-}" ] || export CARGO_TARGET_DIR="$(mkdir -p "$CARGO_TARGET_DIR" && cd "$CARGO_TARGET_DIR" && pwd)"

work="$(mktemp -d /tmp/mq-pie.XXXXXX)"
finish() {
  local rc=$?
  if [ "$rc" -eq 0 ] && [ -z "${MQ_PIE_KEEP:-}" ]; then rm -rf "$work"; else echo "pie: work directory kept: $work"; fi
  [ "$rc" -eq 0 ] && echo "pie: OK" || echo "pie: FAILED"
}
trap finish EXIT
step() { echo "== pie: $*"; }
fail() { echo "pie: $*" >&2; exit 1; }

head="$(git -C "$ROOT" rev-parse HEAD)"
[ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] \
  || echo "pie: note: $ROOT has uncommitted changes; checking the committed HEAD only"
step "clean clone of $ROOT at ${head:0:12}"
git clone -q "$ROOT" "$work/clone"
git -C "$work/clone" checkout -q --detach "$head"

step "package tree (scripts/pie-package.sh)"
"$work/clone/scripts/pie-package.sh" "$work/pkg"

step "manifests: the PIE package and the Laravel library are two packages"
build_path="$("$PHP" -n -r '
  [$pkg, $lib] = [json_decode(file_get_contents($argv[1]), true), json_decode(file_get_contents($argv[2]), true)];
  $ext = $pkg["php-ext"] ?? [];
  $problems = array_filter([
    ($pkg["type"] ?? "") === "php-ext" ? null : "the PIE package is not of type php-ext",
    ($ext["extension-name"] ?? "") === "mq" ? null : "php-ext.extension-name is not mq",
    isset($ext["build-path"]) && is_file(dirname($argv[1]) . "/" . $ext["build-path"] . "/config.m4") ? null : "php-ext.build-path has no config.m4",
    ($lib["type"] ?? "library") === "library" ? null : "the root composer.json is not the library",
    ($lib["name"] ?? "") !== ($pkg["name"] ?? "") ? null : "both packages are named " . $pkg["name"],
    isset($lib["require"]["ext-mq"]) ? null : "the library does not require ext-mq",
  ]);
  if ($problems) { fwrite(STDERR, implode("\n", $problems) . "\n"); exit(1); }
  echo $ext["build-path"];
' "$work/pkg/composer.json" "$work/clone/composer.json")" || fail "manifest check failed"
build="$work/pkg/$build_path"

started=$SECONDS
step "phpize in $build_path/"
(cd "$build" && phpize >"$work/phpize.log" 2>&1) || { tail -n 20 "$work/phpize.log"; fail "phpize failed"; }
step "./configure --with-php-config=$PHP_CONFIG_BIN"
(cd "$build" && ./configure --with-php-config="$PHP_CONFIG_BIN" >"$work/configure.log" 2>&1) \
  || { tail -n 20 "$work/configure.log"; fail "configure failed"; }
step "make -j$(nproc) (cargo build --release${CARGO_TARGET_DIR:+ into $CARGO_TARGET_DIR})"
(cd "$build" && nice make -j"$(nproc)" >"$work/make.log" 2>&1) || { tail -n 30 "$work/make.log"; fail "make failed"; }
[ -f "$build/modules/mq.so" ] || fail "make succeeded but $build_path/modules/mq.so does not exist (PIE's check)"
echo "pie: built $build_path/modules/mq.so in $((SECONDS - started)) s"
cmp -s "$work/pkg/Makefile" "$work/clone/Makefile" || fail "the build changed the project's own Makefile"

step "make install (staged; CARGO=false: install must not need cargo, PIE may run it under sudo)"
stage="$work/install-root"
(cd "$build" && make install INSTALL_ROOT="$stage" CARGO=false >"$work/install.log" 2>&1) \
  || { tail -n 20 "$work/install.log"; fail "make install failed"; }
installed="$stage$("$PHP_CONFIG_BIN" --extension-dir)/mq.so"
[ -f "$installed" ] || fail "make install did not install $installed"
cmp -s "$installed" "$build/modules/mq.so" || fail "the installed mq.so is not the one make built"

step "load the installed mq.so"
loaded="$("$PHP" -n -d extension="$installed" -r \
  'var_export([extension_loaded("mq"), class_exists("PhpAmqpLib\\Channel\\AMQPChannel"), class_exists("RdKafka\\Producer")]);')"
[ "$loaded" = "$(printf 'array (\n  0 => true,\n  1 => true,\n  2 => true,\n)')" ] || fail "mq.so did not load as expected: $loaded"

step "publish and get one message through RabbitMQ"
"$PHP" -n -d extension="$installed" -r '
  require $argv[1];
  $conn = new PhpAmqpLib\Connection\AMQPStreamConnection("127.0.0.1", amqp_port(), "guest", "guest");
  $ch = $conn->channel();
  $queue = fresh_name("mq-pie-check");
  $ch->queue_declare($queue, false, false, true, true);
  $body = "built by phpize " . bin2hex(random_bytes(4));
  $ch->basic_publish(new PhpAmqpLib\Message\AMQPMessage($body), "", $queue);
  for ($i = 0; $i < 50 && ($msg = $ch->basic_get($queue, true)) === null; $i++) usleep(100000);
  $conn->close();
  if (($msg?->getBody()) !== $body) { fwrite(STDERR, "got " . var_export($msg?->getBody(), true) . ", sent $body\n"); exit(1); }
  echo "pie: round trip through $queue: $body\n";
' "$work/clone/tests/tools/brokers.php" || fail "the message round trip failed"
