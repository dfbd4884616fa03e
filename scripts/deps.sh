#!/usr/bin/env bash
# Installs every system package mq needs to build, test and benchmark. Idempotent: a no-op when all are present.
set -euo pipefail

PACKAGES=(
  # PHP, its headers and run-tests.php; libclang for ext-php-rs' bindgen
  php-cli php-dev libclang-dev
  # PHP's embed SAPI: the Rust unit tests link it
  libphp8.2-embed
  # C toolchain pieces librdkafka's bundled build needs
  build-essential pkg-config libssl-dev zlib1g-dev python3 cmake
  # zstd for the reference php-rdkafka's librdkafka (scripts/php-rdkafka-reference.sh), as mq's has it
  libzstd-dev
  # brokers and broker tooling (maven: scripts/kafka.sh fetches Kafka from Maven Central with it)
  rabbitmq-server openssl kcat maven
  # test and comparison packages (valgrind: make valgrind)
  valgrind phpunit php-amqplib php-amqp php-laravel-framework php-mbstring php-xml php-curl php-sqlite3
  # the Laravel benchmark's reference backends (bench/laravel.php runs its own redis-server)
  redis-server php-redis
  # process inspection used by the broker scripts
  procps psmisc curl
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
else
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  # RabbitMQ must not start as a system service: the project runs its own node (scripts/rabbitmq.sh).
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "deps: cargo not found (install Rust with rustup)" >&2; exit 1; }
command -v java >/dev/null || { echo "deps: java not found (Java 17 is required for Kafka)" >&2; exit 1; }
