#!/usr/bin/env bash
# Writes the source tree of mq's PIE package (mq/ext-mq) into DIR: the repository at REF (default HEAD),
# with ext/composer.json, the php-ext manifest, as its root composer.json. The repository's own root
# composer.json is the Laravel library (mq/mq): one composer.json cannot be both (README, "Install with PIE").
#   scripts/pie-package.sh DIR [REF]
# DIR is what a release publishes as the mq/ext-mq repository, and what `pie repository:add path DIR`
# installs from locally.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: scripts/pie-package.sh DIR [REF]}"
ref="${2:-HEAD}"

if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
  echo "pie-package: $out is not empty" >&2
  exit 1
fi
mkdir -p "$out"
git -C "$ROOT" archive --format=tar "$ref" | tar -x -C "$out"
cp "$out/ext/composer.json" "$out/composer.json"
echo "pie-package: $(git -C "$ROOT" rev-parse --short "$ref") written to $out"
