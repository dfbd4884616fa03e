#!/usr/bin/env bash
# Builds the reference php-rdkafka 6.0.4 C extension (third_party/php-rdkafka-6.0.4) for the Kafka
# differential tests (tests/diff/kafka/), against the same librdkafka that mq bundles: the source shipped in
# the rdkafka-sys crate mq's Cargo.lock pins, configured with the features mq's build gives it, so error
# texts, error constants and Conf::dump() defaults are identical on both sides. Never load it with mq.so.
#
#   scripts/php-rdkafka-reference.sh [OUT_DIR]     (default .state/php-rdkafka-ref)
#
# Prints the path of OUT_DIR/rdkafka.so. Cached: rebuilds only when the rdkafka-sys version, the vendored
# source or this script change (about a minute on two cores, librdkafka being most of it). Needs php-dev
# (phpize), a C toolchain, libssl-dev, zlib1g-dev and libzstd-dev (scripts/deps.sh), and cargo with the
# crates already fetched (`make build` does that).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/.state/php-rdkafka-ref}"
SRC="$ROOT/third_party/php-rdkafka-6.0.4"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
log="$OUT/build.log"

die() { echo "php-rdkafka-reference: $*" >&2; exit 1; }

# The rdkafka-sys crate mq builds with (Cargo.lock's version; cargo fetched its source, librdkafka/ included).
sys_version="$(grep -A1 '^name = "rdkafka-sys"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"$/\1/p')"
[ -n "$sys_version" ] || die "rdkafka-sys not in Cargo.lock"
sys_dir="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"rdkafka-sys-$sys_version" 2>/dev/null | head -n 1)"
[ -n "$sys_dir" ] || die "rdkafka-sys $sys_version not in cargo's registry (run make build first)"
lrk_src="$sys_dir/librdkafka"
[ -x "$lrk_src/configure" ] || die "no librdkafka source in $lrk_src"

# mq's rdkafka features (Cargo.toml: ssl, zstd, and the crate's default libz) as rdkafka-sys's build.rs maps
# them to configure flags; builtin.features then reads the same on both sides.
flags=(--enable-ssl --disable-gssapi --disable-curl --enable-zstd --disable-lz4-ext)

# OUT is part of the stamp: rdkafka.so finds its librdkafka through an rpath to OUT, so a cache copied
# elsewhere would load whatever librdkafka the system has.
stamp="rdkafka-sys-$sys_version ${flags[*]} $OUT $(cat "$0" <(find "$SRC" -type f | sort | xargs cat) | sha1sum | cut -c1-16)"
if [ -f "$OUT/rdkafka.so" ] && [ "$(cat "$OUT/stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "$OUT/rdkafka.so"
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/php-rdkafka-ref.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rm -rf "$OUT/librdkafka" "$OUT/rdkafka.so" "$OUT/stamp"
: >"$log"
jobs="$(nproc)"

# librdkafka: the C library only (`make libs` would build the C++ one too), installed under OUT.
cp -a "$lrk_src/." "$work/librdkafka/"
(cd "$work/librdkafka" && ./configure --prefix="$OUT/librdkafka" "${flags[@]}" && make -C src -j"$jobs" && make -C src install) \
  >>"$log" 2>&1 || { tail -n 30 "$log" >&2; die "librdkafka build failed (log: $log)"; }

# php-rdkafka against it, with an rpath so PHP finds this librdkafka and not a system one.
cp -a "$SRC/." "$work/php-rdkafka/"
(cd "$work/php-rdkafka" && phpize && LDFLAGS="-Wl,-rpath,$OUT/librdkafka/lib" ./configure --with-rdkafka="$OUT/librdkafka" \
  && make -j"$jobs") >>"$log" 2>&1 || { tail -n 30 "$log" >&2; die "php-rdkafka build failed (log: $log)"; }
cp "$work/php-rdkafka/modules/rdkafka.so" "$OUT/rdkafka.so"

php -n -d "extension=$OUT/rdkafka.so" --ri rdkafka >>"$log" 2>&1 || die "the built rdkafka.so does not load (log: $log)"
echo "$stamp" >"$OUT/stamp"
echo "$OUT/rdkafka.so"
