#!/usr/bin/env bash
# Runs a private, loopback-only RabbitMQ node for the test suite, using Debian's rabbitmq-server package.
#
#   scripts/rabbitmq.sh ctl ARGS rabbitmqctl aimed at this node (as its user, with its cookie)
#   scripts/rabbitmq.sh start    start the node (or reuse one already answering AMQP), wait until it is ready
#   scripts/rabbitmq.sh stop     stop the node and everything it started (idempotent)
#   scripts/rabbitmq.sh status   print endpoints and whether the node runs (exit 0 running, 3 not)
#
# Endpoints (all 127.0.0.1, user guest/guest):
#   AMQP  MQ_AMQP_PORT  (5672)   AMQPS MQ_AMQPS_PORT (5671)   management MQ_MGMT_PORT (15672)
#   stream MQ_STREAM_PORT (5552) Erlang distribution MQ_DIST_PORT (25672)
# State (mnesia, logs, config, pid, certs/) lives in ${MQ_STATE_DIR:-<repo>/.state}/rabbitmq, or under
# /var/tmp/mq-<hash of that path> when the rabbitmq user cannot reach it (e.g. a repo under /root).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NODE=${MQ_RABBITMQ_NODE:-mq-test@localhost}
AMQP_PORT=${MQ_AMQP_PORT:-5672}
AMQPS_PORT=${MQ_AMQPS_PORT:-5671}
MGMT_PORT=${MQ_MGMT_PORT:-15672}
STREAM_PORT=${MQ_STREAM_PORT:-5552}
DIST_PORT=${MQ_DIST_PORT:-25672}
START_TIMEOUT=${MQ_RABBITMQ_START_TIMEOUT:-60}
RMQ_BIN=/usr/lib/rabbitmq/bin   # the real scripts; /usr/sbin wrappers hard-code /var/lib and /var/log paths

say() { echo "rabbitmq: $*"; }
die() { echo "rabbitmq: error: $*" >&2; exit 1; }

IS_ROOT=0; [ "$(id -u)" -eq 0 ] && IS_ROOT=1

# Run a command as the broker's user. As root we drop to `rabbitmq` (as the packaged service does) so
# files in mnesia/log keep the ownership the package expects; setpriv execs, leaving no extra process.
as_rmq() {
  if [ "$IS_ROOT" -eq 1 ]; then
    setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups -- "$@"
  else
    "$@"
  fi
}

# The package may still be being installed by scripts/deps.sh in another process: wait for it.
wait_for_package() {
  local waited=0
  until dpkg-query -W -f='${Status}' rabbitmq-server 2>/dev/null | grep -q "install ok installed"; do
    if ! pgrep -x apt-get >/dev/null && ! pgrep -x dpkg >/dev/null; then
      die "rabbitmq-server is not installed (run scripts/deps.sh)"
    fi
    [ "$waited" -eq 0 ] && say "waiting for the rabbitmq-server package installation to finish"
    [ "$waited" -ge 900 ] && die "gave up waiting for the package installation after ${waited}s"
    sleep 2; waited=$((waited + 2))
  done
  [ -x "$RMQ_BIN/rabbitmq-server" ] || die "$RMQ_BIN/rabbitmq-server missing"
}

# Pick the state dir: the project one if the broker's user can reach it, else a per-repo /var/tmp dir.
# Deterministic, so start/stop/status always agree.
resolve_dirs() {
  local base=${MQ_STATE_DIR:-$REPO/.state}
  RMQ_DIR=$base/rabbitmq
  if [ "$IS_ROOT" -eq 1 ]; then
    mkdir -p "$RMQ_DIR"
    if ! setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups -- test -x "$RMQ_DIR" 2>/dev/null; then
      RMQ_DIR=/var/tmp/mq-$(printf %s "$base" | sha256sum | cut -c1-12)/rabbitmq
      FALLBACK=1
      mkdir -p "$RMQ_DIR"
      # /var/tmp is world-writable: refuse a directory someone else planted there.
      [ "$(stat -c %u "${RMQ_DIR%/rabbitmq}")" -eq 0 ] || die "${RMQ_DIR%/rabbitmq} is not owned by root"
    fi
  fi
  MNESIA_DIR=$RMQ_DIR/mnesia
  LOG_DIR=$RMQ_DIR/log
  CERT_DIR=$RMQ_DIR/certs
  HOME_DIR=$RMQ_DIR/home            # holds the node's .erlang.cookie, shared by server and CLI tools
  RUN_DIR=$RMQ_DIR/run
  PID_FILE=$RUN_DIR/rabbitmq.pid    # beam.smp pid, written by the broker itself (hence in a dir it owns)
  WRAPPER_PID_FILE=$RUN_DIR/wrapper.pid
  EPMD_MARK=$RMQ_DIR/epmd.ours      # present when epmd was started by us, so stop may kill it
}

# Environment understood by rabbitmq-server and the CLI tools. Every path points into RMQ_DIR so nothing
# from /etc/rabbitmq or /var/lib/rabbitmq (a possible system node) is read or shared.
export_env() {
  export HOME=$HOME_DIR LC_ALL=C.UTF-8
  export RABBITMQ_NODENAME=$NODE
  export RABBITMQ_MNESIA_BASE=$MNESIA_DIR
  export RABBITMQ_LOG_BASE=$LOG_DIR
  export RABBITMQ_PID_FILE=$PID_FILE
  export RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf
  export RABBITMQ_CONFIG_FILES=$RMQ_DIR/conf.d            # drop-in dir; empty unless a test adds overrides
  export RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config
  export RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf  # not created: ignore /etc/rabbitmq/rabbitmq-env.conf
  export RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$AMQP_PORT
  export RABBITMQ_DIST_PORT=$DIST_PORT
  # Keep Erlang distribution (epmd, the node's dist port, the CLI tools' own nodes) on loopback.
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export ERL_CRASH_DUMP=$LOG_DIR/erl_crash.dump
}

cli() { # cli TOOL ARGS...: a CLI tool aimed at our node, as the broker's user (same HOME, same cookie)
  local tool=$1; shift
  note_epmd
  as_rmq timeout 90 "$RMQ_BIN/$tool" -n "$NODE" "$@"
}

# CLI tools and the node start epmd on demand; remember when that happens so `stop` removes it again.
note_epmd() {
  if ! epmd_running; then : >"$EPMD_MARK"; fi
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# True when a RabbitMQ answers AMQP on the port: send the 0-9-1 protocol header and look for the
# server's connection.start, whose properties name the product.
is_rabbitmq() {
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf 'AMQP\x00\x00\x09\x01' >&3 && dd bs=4096 count=1 status=none <&3" \
    2>/dev/null | grep -aq RabbitMQ
}

# Liveness that ignores zombies: exited children of PID 1 can linger unreaped for a moment.
running() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${st:0:1}" != Z ]; }
pid_alive() { [ -s "$1" ] && running "$(cat "$1")"; }
epmd_running() { pgrep -x -r R,S,D,T epmd >/dev/null; }

# beam.smp processes of our node, found by their environment (the node name is set at runtime, so it is
# not on the command line); covers a lost or stale pid file.
our_beams() {
  local p
  for p in $(pgrep -x beam.smp || true); do
    tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qxF "RABBITMQ_MNESIA_BASE=$MNESIA_DIR" && echo "$p"
  done
  return 0
}

make_certs() {
  [ -s "$CERT_DIR/ca.pem" ] && [ -s "$CERT_DIR/server.pem" ] && [ -s "$CERT_DIR/client.pem" ] && return 0
  say "generating CA, server and client certificates in $CERT_DIR"
  local tmp; tmp=$(mktemp -d "$RMQ_DIR/certs.XXXXXX")
  (
    cd "$tmp"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 -subj "/CN=mq test CA" \
      -keyout ca.key -out ca.pem -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign"
    sign() { # sign NAME CN EXTENSIONS
      openssl req -new -newkey rsa:2048 -nodes -subj "/CN=$2" -keyout "$1.key" -out "$1.csr"
      printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" "$3" >"$1.ext"
      openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 8)" \
        -days 3650 -sha256 -extfile "$1.ext" -out "$1.pem"
      rm -f "$1.csr" "$1.ext"
    }
    sign server localhost "extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1"
    sign client mq-test-client "extendedKeyUsage=clientAuth"
  ) >/dev/null 2>"$tmp.err" || { cat "$tmp.err" >&2; rm -rf "$tmp" "$tmp.err"; die "certificate generation failed"; }
  rm -f "$tmp.err"
  # Keys stay with the user running this script (and the tests); the server key is also readable by
  # group rabbitmq because the broker drops to that user.
  chmod 644 "$tmp"/*.pem; chmod 600 "$tmp/ca.key" "$tmp/client.key"; chmod 640 "$tmp/server.key"
  if [ "$IS_ROOT" -eq 1 ]; then chgrp rabbitmq "$tmp/server.key"; fi
  chmod 755 "$tmp"
  rm -rf "$CERT_DIR"; mv "$tmp" "$CERT_DIR"   # atomic-ish: never leave a half-generated set behind
}

write_config() {
  mkdir -p "$RMQ_DIR/conf.d"
  # Regenerated on every start so port overrides take effect.
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Generated by scripts/rabbitmq.sh on each start; put overrides in conf.d/*.conf instead.
listeners.tcp.1 = 127.0.0.1:$AMQP_PORT
listeners.ssl.1 = 127.0.0.1:$AMQPS_PORT
ssl_options.cacertfile = $CERT_DIR/ca.pem
ssl_options.certfile = $CERT_DIR/server.pem
ssl_options.keyfile = $CERT_DIR/server.key
# Ask for a client certificate (for mutual-TLS tests) but accept clients without one.
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = false
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
stream.listeners.tcp.1 = 127.0.0.1:$STREAM_PORT
# Stream clients reconnect to the advertised host; "localhost" may resolve to ::1, which we don't bind.
stream.advertised_host = 127.0.0.1
stream.advertised_port = $STREAM_PORT
# guest/guest is accepted from loopback only (the default, stated for clarity).
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
  echo '[rabbitmq_management,rabbitmq_stream].' >"$RMQ_DIR/enabled_plugins"
  chmod 644 "$RMQ_DIR/rabbitmq.conf" "$RMQ_DIR/enabled_plugins"
}

prepare() {
  mkdir -p "$MNESIA_DIR" "$LOG_DIR" "$HOME_DIR" "$RUN_DIR"
  chmod 755 "$RMQ_DIR"
  # A private cookie, readable by the server and by the CLI tools we run as the same user with this HOME.
  if [ ! -s "$HOME_DIR/.erlang.cookie" ]; then
    openssl rand -hex 20 | tr -d '\n' >"$HOME_DIR/.erlang.cookie"
  fi
  chmod 400 "$HOME_DIR/.erlang.cookie"
  [ "$IS_ROOT" -eq 1 ] && chown -R rabbitmq:rabbitmq "$MNESIA_DIR" "$LOG_DIR" "$HOME_DIR" "$RUN_DIR"
  make_certs
  write_config
}

# On failure: the first errors (the cause is usually early, e.g. a bad config key) and the last lines of
# this run's output; only the part of the node log written by this start attempt.
print_log_tail() {
  local f=$LOG_DIR/startup.log node_log=$LOG_DIR/$NODE.log
  if [ -s "$f" ]; then
    echo "rabbitmq: --- first errors in $f ---"
    grep -m 12 -E '\[error\]|Error' "$f" || true
    echo "rabbitmq: --- last lines of $f ---"
    tail -n 25 "$f"
  fi
  if [ -s "$node_log" ] && [ "$(stat -c %s "$node_log")" -gt "${NODE_LOG_OFFSET:-0}" ]; then
    echo "rabbitmq: --- last lines of $node_log ---"
    tail -c +$((${NODE_LOG_OFFSET:-0} + 1)) "$node_log" | tail -n 25
  fi
} >&2

# Stop our node and whatever it left behind. Quiet about things that are already gone.
do_stop() {
  local p wrapper=""
  [ -s "$WRAPPER_PID_FILE" ] && wrapper=$(cat "$WRAPPER_PID_FILE")
  if pid_alive "$PID_FILE" || [ -n "$(our_beams)" ]; then
    say "stopping node $NODE"
    # Graceful, so the next start needn't recover mnesia; `stop PIDFILE` returns once beam.smp has exited.
    cli rabbitmqctl stop "$PID_FILE" >/dev/null 2>&1 || say "rabbitmqctl stop failed; terminating the process"
  fi
  # Leftovers: the beam (if rabbitmqctl could not reach it) and the rabbitmq-server shell wrapper.
  for p in $(our_beams) $wrapper; do
    if running "$p"; then kill -TERM "$p" 2>/dev/null || true; fi
  done
  for _ in $(seq 1 50); do
    if [ -z "$(our_beams)" ] && { [ -z "$wrapper" ] || ! running "$wrapper"; }; then break; fi
    sleep 0.2
  done
  for p in $(our_beams) $wrapper; do
    if running "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
  done
  rm -f "$PID_FILE" "$WRAPPER_PID_FILE"
  # epmd only if it was started on our behalf; a system node's epmd is left alone.
  local kill_epmd=0
  if [ -e "$EPMD_MARK" ] && epmd_running; then
    epmd -kill >/dev/null 2>&1 || true
    kill_epmd=1
  fi
  # Wait (briefly) until the exited processes are reaped too, so `pgrep` right after stop finds nothing.
  for _ in $(seq 1 30); do
    if { [ -z "$wrapper" ] || [ ! -e "/proc/$wrapper" ]; } && { [ "$kill_epmd" -eq 0 ] || ! pgrep -x epmd >/dev/null; }; then
      break
    fi
    sleep 0.1
  done
  if [ -e "$EPMD_MARK" ]; then
    # epmd refuses -kill while other nodes are registered with it; those are not ours to break.
    if epmd_running; then say "epmd still has other nodes registered; left running"; else rm -f "$EPMD_MARK"; fi
  fi
}

cmd_start() {
  local t0=$SECONDS
  wait_for_package
  resolve_dirs
  [ "${FALLBACK:-0}" -eq 1 ] && say "rabbitmq user cannot reach ${MQ_STATE_DIR:-$REPO/.state}; using $RMQ_DIR"
  export_env

  if pid_alive "$PID_FILE" || pid_alive "$WRAPPER_PID_FILE"; then
    say "node $NODE already running, reusing it"
  elif port_open "$AMQP_PORT"; then
    if is_rabbitmq "$AMQP_PORT"; then
      say "a RabbitMQ not started by this script answers on 127.0.0.1:$AMQP_PORT; reusing it" \
        "(its TLS/management/stream setup may differ, and 'stop' will not stop it)"
      say ready; return 0
    else
      die "127.0.0.1:$AMQP_PORT is taken by something that is not RabbitMQ (set MQ_AMQP_PORT)"
    fi
  else
    # Leftovers of a crashed run (an orphaned beam, stale pid files) would hold ports or mnesia locks.
    do_stop >/dev/null
    local port
    for port in "$AMQPS_PORT" "$MGMT_PORT" "$STREAM_PORT" "$DIST_PORT"; do
      if port_open "$port"; then die "127.0.0.1:$port is already in use (see MQ_*_PORT in $0)"; fi
    done
    prepare
    note_epmd
    NODE_LOG_OFFSET=$(stat -c %s "$LOG_DIR/$NODE.log" 2>/dev/null || echo 0)
    say "starting node $NODE (state in $RMQ_DIR)"
    # Foreground mode in a new session, in the background: the server's own shell wrapper turns SIGTERM
    # into a clean shutdown, and its stdout/stderr (early boot errors) land in startup.log.
    local drop=()
    [ "$IS_ROOT" -eq 1 ] && drop=(setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups --)
    ( cd "$RMQ_DIR" && exec setsid "${drop[@]}" "$RMQ_BIN/rabbitmq-server" ) \
      </dev/null >"$LOG_DIR/startup.log" 2>&1 &
    echo $! >"$WRAPPER_PID_FILE"
  fi

  # Wait, bounded: first for the AMQP listener (opened after plugins have booted), then for full boot.
  local deadline=$((SECONDS + START_TIMEOUT))
  until port_open "$AMQP_PORT"; do
    if ! pid_alive "$WRAPPER_PID_FILE" && ! pid_alive "$PID_FILE"; then
      print_log_tail; do_stop >/dev/null; die "node exited during startup"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      print_log_tail; do_stop >/dev/null; die "not listening on 127.0.0.1:$AMQP_PORT after ${START_TIMEOUT}s"
    fi
    sleep 0.5
  done
  local left=$((deadline - SECONDS)); [ "$left" -lt 5 ] && left=5
  if ! cli rabbitmqctl -q await_startup --timeout "$left" >/dev/null 2>&1; then
    print_log_tail; do_stop >/dev/null; die "node did not finish booting"
  fi
  say "ready (amqp 127.0.0.1:$AMQP_PORT, amqps :$AMQPS_PORT, management :$MGMT_PORT, stream :$STREAM_PORT; certs in $CERT_DIR; $((SECONDS - t0))s)"
}

cmd_stop() {
  resolve_dirs
  export_env
  if ! pid_alive "$PID_FILE" && [ -z "$(our_beams)" ] && ! pid_alive "$WRAPPER_PID_FILE"; then
    do_stop   # still tidies an epmd we started
    say "not running"
    return 0
  fi
  do_stop
  say stopped
}

cmd_status() {
  resolve_dirs
  export_env
  say "node $NODE, state $RMQ_DIR, certs $CERT_DIR"
  if pid_alive "$PID_FILE" && port_open "$AMQP_PORT"; then
    say "running (pid $(cat "$PID_FILE")): amqp 127.0.0.1:$AMQP_PORT, amqps :$AMQPS_PORT," \
      "management http://127.0.0.1:$MGMT_PORT, stream :$STREAM_PORT"
  elif is_rabbitmq "$AMQP_PORT"; then
    say "not running, but another RabbitMQ answers on 127.0.0.1:$AMQP_PORT"
  else
    say "not running"; return 3
  fi
}

# rabbitmqctl aimed at our node, e.g. `ctl set_vm_memory_high_watermark 0.0001` (tests use it).
cmd_ctl() {
  resolve_dirs
  export_env
  cli rabbitmqctl "$@"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  ctl) shift; cmd_ctl "$@" ;;
  *) echo "usage: $0 start|stop|status|ctl ARGS..." >&2; exit 2 ;;
esac
