# Sourced by scripts/rabbitmq.sh (the test broker) and scripts/rabbitmq-cluster.sh (the fault-injection
# cluster): running one RabbitMQ node of Debian's rabbitmq-server package with all its state in one directory.
#
# The caller sets NODE, AMQP_PORT, DIST_PORT, START_TIMEOUT and SAY (the prefix of messages), calls
# resolve_dirs SUBDIR (or sets the *_DIR/*_FILE variables itself), then export_env, and uses the functions.
# Several nodes in one script: set the variables again and call export_env before talking to the next one.

RMQ_BIN=/usr/lib/rabbitmq/bin   # the real scripts; /usr/sbin wrappers hard-code /var/lib and /var/log paths

say() { echo "${SAY:-rabbitmq}: $*"; }
die() { echo "${SAY:-rabbitmq}: error: $*" >&2; exit 1; }

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

# resolve_dirs SUBDIR: the node's state dir, ${MQ_STATE_DIR:-<repo>/.state}/SUBDIR if the broker's user can
# reach it, else the same SUBDIR under a per-repo /var/tmp dir (e.g. a repo under /root). Deterministic, so
# start/stop/status always agree. Sets RMQ_DIR and the paths in it.
resolve_dirs() {
  local base=${MQ_STATE_DIR:-$REPO/.state}
  RMQ_DIR=$base/$1
  if [ "$IS_ROOT" -eq 1 ]; then
    mkdir -p "$RMQ_DIR"
    if ! setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups -- test -x "$RMQ_DIR" 2>/dev/null; then
      local tmp_base
      tmp_base=/var/tmp/mq-$(printf %s "$base" | sha256sum | cut -c1-12)
      RMQ_DIR=$tmp_base/$1
      FALLBACK=1
      mkdir -p "$RMQ_DIR"
      # /var/tmp is world-writable: refuse a directory someone else planted there.
      [ "$(stat -c %u "$tmp_base")" -eq 0 ] || die "$tmp_base is not owned by root"
    fi
  fi
  MNESIA_DIR=$RMQ_DIR/mnesia
  LOG_DIR=$RMQ_DIR/log
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
    # Braces: a beam that exits meanwhile makes the redirection itself fail, which 2>/dev/null on tr misses.
    { tr '\0' '\n' <"/proc/$p/environ"; } 2>/dev/null | grep -qxF "RABBITMQ_MNESIA_BASE=$MNESIA_DIR" && echo "$p"
  done
  return 0
}

node_running() { pid_alive "$PID_FILE" || [ -n "$(our_beams)" ] || pid_alive "$WRAPPER_PID_FILE"; }

# On failure: the first errors (the cause is usually early, e.g. a bad config key) and the last lines of
# this run's output; only the part of the node log written by this start attempt.
print_log_tail() {
  local f=$LOG_DIR/startup.log node_log=$LOG_DIR/$NODE.log
  if [ -s "$f" ]; then
    echo "${SAY:-rabbitmq}: --- first errors in $f ---"
    grep -m 12 -E '\[error\]|Error' "$f" || true
    echo "${SAY:-rabbitmq}: --- last lines of $f ---"
    tail -n 25 "$f"
  fi
  if [ -s "$node_log" ] && [ "$(stat -c %s "$node_log")" -gt "${NODE_LOG_OFFSET:-0}" ]; then
    echo "${SAY:-rabbitmq}: --- last lines of $node_log ---"
    tail -c +$((${NODE_LOG_OFFSET:-0} + 1)) "$node_log" | tail -n 25
  fi
} >&2

# do_stop [keep-epmd]: stop our node and whatever it left behind. Quiet about things that are already gone.
# keep-epmd: leave epmd alone (one node of several stops; the others are still registered with it).
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
  [ "${1:-}" = keep-epmd ] && return 0
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

# Start the node in the background (after prepare has written its config), not waiting for it.
launch_node() {
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
}

# wait_booted DEADLINE: wait (until $SECONDS reaches DEADLINE) first for the AMQP listener (opened after
# plugins have booted), then for full boot. On failure: the logs, the node stopped, exit.
wait_booted() {
  local deadline=$1
  until port_open "$AMQP_PORT"; do
    if ! pid_alive "$WRAPPER_PID_FILE" && ! pid_alive "$PID_FILE"; then
      print_log_tail; do_stop >/dev/null; die "node $NODE exited during startup"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      print_log_tail; do_stop >/dev/null; die "node $NODE not listening on 127.0.0.1:$AMQP_PORT after ${START_TIMEOUT}s"
    fi
    sleep 0.5
  done
  local left=$((deadline - SECONDS)); [ "$left" -lt 5 ] && left=5
  if ! cli rabbitmqctl -q await_startup --timeout "$left" >/dev/null 2>&1; then
    print_log_tail; do_stop >/dev/null; die "node $NODE did not finish booting"
  fi
}
