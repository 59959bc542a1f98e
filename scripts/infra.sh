#!/usr/bin/env bash
# Local infrastructure for PerfSuite: PostgreSQL and RabbitMQ as plain processes (no Docker).
#
#   scripts/infra.sh start               start (or reuse) PostgreSQL + RabbitMQ, print `export` lines
#   scripts/infra.sh stop                stop them (and any extra brokers), harmless if not running
#   scripts/infra.sh status              say what runs
#   scripts/infra.sh env                 print the `export` lines only
#   scripts/infra.sh rabbit-start NAME PORT [DIST_PORT]
#                                        start an extra broker NAME@localhost on PORT (fault tests)
#   scripts/infra.sh rabbit-stop NAME    stop it; its data stays, so rabbit-start resumes it
#   scripts/infra.sh rabbit-vhost VHOST [NAME]
#                                        create a virtual host (idempotent) on the main broker (or
#                                        on extra broker NAME; one per test run), give guest full
#                                        permissions on it, print its amqp:// URL on stdout
#   scripts/infra.sh rabbit-vhost-delete VHOST [NAME]
#
# Progress goes to stderr; stdout carries only `export` lines, so `eval "$(scripts/infra.sh start)"`
# works. The same lines are written to .local/env.sh.
#
# Ports (override with environment variables):
#   PostgreSQL         PERFSUITE_PG_PORT          55432  (127.0.0.1 only)
#   RabbitMQ AMQP      PERFSUITE_RABBIT_PORT      55672  (127.0.0.1 only)
#   RabbitMQ dist      PERFSUITE_RABBIT_DIST_PORT 25673  (not 25672: a system RabbitMQ uses that;
#                                                        never 35672-35682: the CLI tools use them)
#   epmd               PERFSUITE_EPMD_PORT        54369  (shared by all our brokers)
#   main node name     PERFSUITE_RABBIT_NODE      perfsuite (-> perfsuite@localhost)
#   extra broker dist  PORT+10000, or PORT-30000 when PORT+10000 > 65535 (55680 -> 25680)
#
# State lives in .local/ (git-ignored):
#   .local/pg/{data,run,pg.log}       PostgreSQL data, unix socket dir, server log
#   .local/rabbitmq/{home,mnesia,log,rabbitmq.conf,rabbitmq.pid,launcher.pid}
#   .local/rabbitmq-NAME/...          extra brokers
#   .local/env.sh                     the export lines
#
# PostgreSQL data location: initdb refuses root, so as root the server runs as the `postgres` OS
# user, which must be able to reach and write the data dir. We never loosen permissions of
# directories we do not own. If `postgres` cannot traverse the repo path (or the unix socket path
# would exceed the 107-byte limit), the PostgreSQL state goes to /var/tmp/perfsuite-<sha1 of repo
# path, 12 chars>/pg instead and .local/pg becomes a symlink to it. When not root, everything
# runs as the current user inside .local/pg.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"

REPO="$PERFSUITE_REPO"
LOCAL="$PERFSUITE_LOCAL"
INFRA_SCRIPT="$REPO/scripts/infra.sh"

PG_PORT="${PERFSUITE_PG_PORT:-55432}"
RABBIT_PORT="${PERFSUITE_RABBIT_PORT:-55672}"
RABBIT_DIST_PORT="${PERFSUITE_RABBIT_DIST_PORT:-25673}"
EPMD_PORT="${PERFSUITE_EPMD_PORT:-54369}"
PG_DB=perfsuite
RABBIT_BIN=/usr/lib/rabbitmq/bin
MAIN_RABBIT_NAME="${PERFSUITE_RABBIT_NODE:-perfsuite}"  # node name: MAIN_RABBIT_NAME@localhost

# ---------------------------------------------------------------- environment / docker

DOCKER_MODE=""
docker_mode() {
  if [ -z "$DOCKER_MODE" ]; then
    DOCKER_MODE=no
    if [ "${PERFSUITE_USE_DOCKER:-}" = 1 ] && command -v docker >/dev/null 2>&1 \
      && timeout 5 docker info >/dev/null 2>&1; then
      DOCKER_MODE=yes
    fi
  fi
  [ "$DOCKER_MODE" = yes ]
}

env_lines() {
  if docker_mode; then
    echo "export PERFSUITE_USE_DOCKER=1"
  else
    echo "export ConnectionStrings__postgres=\"Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$PG_DB;Pooling=true;Maximum Pool Size=100\""
    echo "export ConnectionStrings__rabbitmq=\"amqp://guest:guest@127.0.0.1:$RABBIT_PORT\""
  fi
  echo "export PERFSUITE_INFRA_SCRIPT=\"$INFRA_SCRIPT\""
}

write_env() {
  mkdir -p "$LOCAL"
  env_lines >"$LOCAL/env.sh.tmp"
  mv -f "$LOCAL/env.sh.tmp" "$LOCAL/env.sh"
  env_lines
}

ensure_local() {
  mkdir -p "$LOCAL"
  # .local is ours: make sure the postgres user may traverse it (a umask of 077 would block it).
  chmod 755 "$LOCAL"
}

# lock NAME FD: serialise concurrent invocations (tests may call rabbit-start/stop in parallel).
lock() {
  ensure_local
  eval "exec $2>\"\$LOCAL/.lock-$1\""
  flock -w 300 "$2" || die "could not get lock $LOCAL/.lock-$1 within 300 s"
}

# ---------------------------------------------------------------- packages

APT_UPDATED=0
apt_install() {
  local sudo=()
  if ! is_root; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      die "missing Debian packages: $*. Install them, e.g.: sudo apt-get install -y $*"
    fi
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages ($*) and no apt-get to install them"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update ..."
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update \
      </dev/null >&2 || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install -y $* ..."
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$@" \
    </dev/null >&2 || die "apt-get install $* failed"
}

pg_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r x; do
        [ -x "$x/initdb" ] && echo "$x"; done | tail -n 1)"
  echo "$d"
}

ensure_packages() {
  local missing=()
  [ -n "$(pg_bindir)" ] || missing+=(postgresql)
  [ -x "$RABBIT_BIN/rabbitmq-server" ] || missing+=(rabbitmq-server)
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
  PG_BIN="$(pg_bindir)"
  [ -n "$PG_BIN" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin"
  [ -x "$RABBIT_BIN/rabbitmq-server" ] || die "$RABBIT_BIN/rabbitmq-server not found"
}

# ---------------------------------------------------------------- PostgreSQL

# Run a PostgreSQL server command as its owner: `postgres` when we are root, else ourselves.
pg_run() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

pg_can_use() { # DIR -> 0 when the server user can write DIR
  if is_root; then
    (cd / && runuser -u postgres -- test -w "$1" -a -x "$1") 2>/dev/null
  else
    test -w "$1" -a -x "$1"
  fi
}

pg_own() { # make DIR (created if needed) belong to the server user
  mkdir -p "$1"
  if is_root; then chown postgres:postgres "$1"; fi
}

# Sets PG_BASE (a real path) holding data/, run/ and pg.log.
resolve_pg_base() {
  local link="$LOCAL/pg" fallback sock
  if is_root && ! id postgres >/dev/null 2>&1; then
    die "running as root but there is no 'postgres' OS user (install the postgresql package)"
  fi
  ensure_local
  if [ -L "$link" ]; then
    PG_BASE="$(readlink -f "$link" || true)"
    [ -n "$PG_BASE" ] || die "$link is a dangling symlink"
    pg_own "$PG_BASE"
    return
  fi
  sock="$link/run/.s.PGSQL.$PG_PORT"
  if [ "${#sock}" -le 100 ]; then
    pg_own "$link"
    if pg_can_use "$link"; then PG_BASE="$link"; return; fi
  fi
  # Fall back to /var/tmp (see header comment).
  fallback="/var/tmp/perfsuite-$(printf '%s' "$REPO" | sha1sum | cut -c1-12)/pg"
  if [ -d "$link" ] && [ ! -L "$link" ]; then
    if [ -n "$(ls -A "$link" 2>/dev/null)" ]; then
      die "$link exists but the PostgreSQL server user cannot use it; remove it (rm -rf $link) and retry"
    fi
    rmdir "$link"
  fi
  mkdir -p "$(dirname "$fallback")"
  chmod 755 "$(dirname "$fallback")"
  pg_own "$fallback"
  pg_can_use "$fallback" || die "the PostgreSQL server user cannot write $fallback"
  ln -sfn "$fallback" "$link"
  log "PostgreSQL state is in $fallback (symlinked from $link)"
  PG_BASE="$fallback"
}

pg_running() { # uses postmaster.pid + liveness (pg_ctl status)
  [ -f "$PG_BASE/data/postmaster.pid" ] && pg_run "$PG_BIN/pg_ctl" status -D "$PG_BASE/data" >/dev/null 2>&1
}

psql_admin() {
  PGCONNECT_TIMEOUT=10 "$PG_BIN/psql" -X -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
    -v ON_ERROR_STOP=1 -tAq "$@"
}

pg_start() {
  resolve_pg_base
  local data="$PG_BASE/data" logf="$PG_BASE/pg.log"
  pg_own "$PG_BASE/run"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initdb $data ..."
    pg_run "$PG_BIN/initdb" -D "$data" --auth=trust -E UTF8 --no-locale -U postgres >&2 \
      || die "initdb failed for $data"
  fi
  local have want
  have="$(cat "$data/PG_VERSION")"
  want="$(basename "$(dirname "$PG_BIN")")"
  if [ "${have%%.*}" != "${want%%.*}" ]; then
    die "$data was created by PostgreSQL $have but the binaries are $want; remove $PG_BASE to start afresh"
  fi
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT ($data)"
  else
    if port_open "$PG_PORT"; then
      die "port $PG_PORT is already used by another process (set PERFSUITE_PG_PORT)"
    fi
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT ..."
    if ! pg_run "$PG_BIN/pg_ctl" -D "$data" -w -t 60 -l "$logf" start \
        -o "-p $PG_PORT -k $PG_BASE/run -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on -c shared_buffers=256MB -c shared_preload_libraries=pg_stat_statements" \
        </dev/null >&2 8>&- 9>&-; then
      tail_log "$logf"
      die "PostgreSQL did not start within 60 s (log: $logf)"
    fi
  fi
  local i exists=""
  for i in $(seq 1 30); do
    if exists="$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" 2>/dev/null)"; then break; fi
    [ "$i" = 30 ] && { tail_log "$logf"; die "cannot connect to PostgreSQL on 127.0.0.1:$PG_PORT"; }
    sleep 1
  done
  if [ "$exists" != 1 ]; then
    log "creating database $PG_DB"
    psql_admin -c "CREATE DATABASE $PG_DB" >&2 || die "CREATE DATABASE $PG_DB failed"
  fi
}

pg_stop() {
  local link="$LOCAL/pg"
  [ -e "$link" ] || return 0
  PG_BASE="$(readlink -f "$link")"
  [ -f "$PG_BASE/data/postmaster.pid" ] || { log "PostgreSQL not running"; return 0; }
  PG_BIN="$(pg_bindir)"
  [ -n "$PG_BIN" ] || { log "no PostgreSQL binaries; cannot stop"; return 0; }
  if pg_running; then
    log "stopping PostgreSQL ..."
    pg_run "$PG_BIN/pg_ctl" stop -D "$PG_BASE/data" -m fast -t 60 </dev/null >&2 \
      || die "PostgreSQL did not stop within 60 s"
  else
    log "PostgreSQL not running"
  fi
}

pg_status() {
  local link="$LOCAL/pg"
  PG_BIN="$(pg_bindir)"
  if [ -e "$link" ] && [ -n "$PG_BIN" ]; then
    PG_BASE="$(readlink -f "$link")"
    if pg_running; then
      echo "PostgreSQL: running on 127.0.0.1:$PG_PORT (data $PG_BASE/data)"
      return 0
    fi
  fi
  echo "PostgreSQL: not running"
}

# ---------------------------------------------------------------- RabbitMQ

rabbit_dir() { # NAME
  if [ "$1" = "$MAIN_RABBIT_NAME" ]; then echo "$LOCAL/rabbitmq"; else echo "$LOCAL/rabbitmq-$1"; fi
}

# Sets RENV: the environment for rabbitmq-server and rabbitmqctl of one broker.
rabbit_env() { # NAME PORT DIST_PORT
  local dir
  dir="$(rabbit_dir "$1")"
  RENV=(
    "HOME=$dir/home"
    "RABBITMQ_NODENAME=$1@localhost"
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
    "RABBITMQ_NODE_PORT=$2"
    "RABBITMQ_DIST_PORT=$3"
    "ERL_EPMD_PORT=$EPMD_PORT"
    "ERL_EPMD_ADDRESS=127.0.0.1"
    "RABBITMQ_MNESIA_BASE=$dir/mnesia"
    "RABBITMQ_LOG_BASE=$dir/log"
    "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config"
    "RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins"
    "RABBITMQ_PID_FILE=$dir/rabbitmq.pid"
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  )
}

is_beam() { pid_alive "$1" && grep -q beam "/proc/$1/comm" 2>/dev/null; }

rabbit_beam_pid() { # DIR -> pid of the live broker VM, or nothing
  local p
  p="$(read_pid "$1/rabbitmq.pid")"
  if [ -n "$p" ] && is_beam "$p"; then echo "$p"; fi
}

rabbit_launcher_pid() { # DIR -> pid of the live launcher (session leader), or nothing
  local p
  p="$(read_pid "$1/launcher.pid")"
  if [ -n "$p" ] && pid_alive "$p"; then echo "$p"; fi
}

rabbit_logs() { # DIR NAME
  tail_log "$1/log/launcher.log" 30
  tail_log "$1/log/$2@localhost.log" 40
}

rabbit_start() { # NAME PORT DIST_PORT
  local name="$1" port="$2" dist="$3" dir pid
  dir="$(rabbit_dir "$name")"
  # Lock fds 8/9 must not leak into the servers (they would hold the locks forever).
  lock "rabbit-$name" 8
  rabbit_env "$name" "$port" "$dist"
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  if [ ! -s "$dir/home/.erlang.cookie" ]; then
    (umask 077 && random_hex 20 | tr 'a-f' 'A-F' >"$dir/home/.erlang.cookie")
  fi
  chmod 400 "$dir/home/.erlang.cookie"
  cat >"$dir/rabbitmq.conf" <<EOF
# generated by scripts/infra.sh
listeners.tcp.default = 127.0.0.1:$port
log.file.level = info
log.console = false
EOF
  echo '[].' >"$dir/enabled_plugins"
  : >"$dir/rabbitmq-env.conf"

  pid="$(rabbit_beam_pid "$dir")"
  if [ -n "$pid" ] && port_open "$port"; then
    log "RabbitMQ $name@localhost already running on 127.0.0.1:$port (pid $pid)"
    flock -u 8
    return 0
  fi
  if [ -z "$pid" ] && [ -z "$(rabbit_launcher_pid "$dir")" ]; then
    if port_open "$port"; then
      die "port $port is already used by another process (RabbitMQ $name)"
    fi
    if port_open "$dist"; then
      die "distribution port $dist is already used by another process (RabbitMQ $name)"
    fi
    rm -f "$dir/rabbitmq.pid"
    log "starting RabbitMQ $name@localhost on 127.0.0.1:$port ..."
    # `exec` keeps the pid: $! is the session leader (setsid does not fork: no job control here).
    (cd "$dir" && exec setsid nohup env "${RENV[@]}" "$RABBIT_BIN/rabbitmq-server" \
        >"$dir/log/launcher.log" 2>&1 </dev/null 8>&- 9>&-) &
    echo $! >"$dir/launcher.pid"
  fi
  if ! (cd "$dir" && timeout 90 env "${RENV[@]}" "$RABBIT_BIN/rabbitmqctl" wait --timeout 60 \
        "$dir/rabbitmq.pid" </dev/null >"$dir/log/wait.log" 2>&1); then
    cat "$dir/log/wait.log" >&2 || true
    rabbit_logs "$dir" "$name"
    rabbit_kill "$dir"
    die "RabbitMQ $name@localhost did not become ready within 60 s"
  fi
  local i
  for i in $(seq 1 50); do
    port_open "$port" && break
    [ "$i" = 50 ] && { rabbit_logs "$dir" "$name"; die "RabbitMQ $name@localhost is up but port $port is not open"; }
    sleep 0.2
  done
  log "RabbitMQ $name@localhost ready on 127.0.0.1:$port"
  flock -u 8
}

# Stop the broker in DIR: SIGTERM to the VM (graceful: durable queues are kept), SIGKILL to the
# whole launcher session after 30 s.
rabbit_kill() { # DIR
  local dir="$1" beam launcher i
  beam="$(rabbit_beam_pid "$dir")"
  launcher="$(rabbit_launcher_pid "$dir")"
  [ -n "$beam" ] && kill -TERM "$beam" 2>/dev/null || true
  if [ -z "$beam" ] && [ -n "$launcher" ]; then kill -TERM -- "-$launcher" 2>/dev/null || true; fi
  for i in $(seq 1 150); do
    { [ -n "$beam" ] && pid_alive "$beam"; } || { [ -n "$launcher" ] && pid_alive "$launcher"; } || break
    sleep 0.2
  done
  if { [ -n "$beam" ] && pid_alive "$beam"; } || { [ -n "$launcher" ] && pid_alive "$launcher"; }; then
    log "RabbitMQ in $dir did not stop within 30 s: killing it"
    [ -n "$launcher" ] && kill -KILL -- "-$launcher" 2>/dev/null || true
    [ -n "$beam" ] && kill -KILL "$beam" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$dir/rabbitmq.pid" "$dir/launcher.pid"
}

rabbit_stop() { # NAME PORT(optional, to wait for it to close)
  local name="$1" port="${2:-}" dir i
  dir="$(rabbit_dir "$name")"
  [ -d "$dir" ] || { log "RabbitMQ $name: nothing to stop"; return 0; }
  lock "rabbit-$name" 8
  if [ -z "$port" ] && [ -f "$dir/rabbitmq.conf" ]; then
    port="$(sed -n 's/^listeners\.tcp\.default = .*:\([0-9]*\)$/\1/p' "$dir/rabbitmq.conf")"
  fi
  if [ -n "$(rabbit_beam_pid "$dir")$(rabbit_launcher_pid "$dir")" ]; then
    log "stopping RabbitMQ $name@localhost ..."
    rabbit_kill "$dir"
  else
    rm -f "$dir/rabbitmq.pid" "$dir/launcher.pid"
    log "RabbitMQ $name@localhost not running"
  fi
  if [ -n "$port" ]; then
    for i in $(seq 1 100); do
      port_open "$port" || break
      [ "$i" = 100 ] && die "port $port is still open after stopping RabbitMQ $name"
      sleep 0.1
    done
  fi
  flock -u 8
}

rabbit_status() { # NAME
  local dir pid port
  dir="$(rabbit_dir "$1")"
  pid="$(rabbit_beam_pid "$dir" 2>/dev/null || true)"
  port="$( [ -f "$dir/rabbitmq.conf" ] && sed -n 's/^listeners\.tcp\.default = .*:\([0-9]*\)$/\1/p' "$dir/rabbitmq.conf" || true)"
  if [ -n "$pid" ]; then
    echo "RabbitMQ $1@localhost: running on 127.0.0.1:${port:-?} (pid $pid)"
  else
    echo "RabbitMQ $1@localhost: not running"
  fi
}

extra_names() {
  local d
  for d in "$LOCAL"/rabbitmq-*; do
    [ -d "$d" ] && basename "$d" | sed 's/^rabbitmq-//'
  done
  return 0
}

# rabbitmqctl against a running broker (the CLI needs only HOME for the cookie, node, epmd port).
rabbit_ctl() { # NAME args...
  local name="$1" dir
  shift
  dir="$(rabbit_dir "$name")"
  [ -n "$(rabbit_beam_pid "$dir")" ] || die "RabbitMQ $name@localhost is not running"
  (cd "$dir" && timeout 60 env "HOME=$dir/home" "RABBITMQ_NODENAME=$name@localhost" \
      "ERL_EPMD_PORT=$EPMD_PORT" "$RABBIT_BIN/rabbitmqctl" "$@" </dev/null)
}

rabbit_vhost() { # VHOST NAME
  local out
  if ! out="$(rabbit_ctl "$2" add_vhost "$1" 2>&1)"; then
    case "$out" in
      *already*exists*) ;;
      *) printf '%s\n' "$out" >&2; die "could not create vhost $1 on $2@localhost" ;;
    esac
  fi
  rabbit_ctl "$2" set_permissions -p "$1" guest '.*' '.*' '.*' >/dev/null \
    || die "could not set permissions for guest on vhost $1"
  local port="$RABBIT_PORT"
  if [ "$2" != "$MAIN_RABBIT_NAME" ]; then
    port="$(sed -n 's/^listeners\.tcp\.default = .*:\([0-9]*\)$/\1/p' "$(rabbit_dir "$2")/rabbitmq.conf")"
  fi
  echo "amqp://guest:guest@127.0.0.1:$port/$1"
}

rabbit_vhost_delete() { # VHOST NAME
  local out
  if ! out="$(rabbit_ctl "$2" delete_vhost "$1" 2>&1)"; then
    case "$out" in
      *"does not exist"*|*no_such_vhost*|*"not found"*) ;;
      *) printf '%s\n' "$out" >&2; die "could not delete vhost $1 on $2@localhost" ;;
    esac
  fi
}

check_vhost() {
  [[ "$1" =~ ^[A-Za-z0-9_.-]+$ ]] || die "vhost name must match [A-Za-z0-9_.-]+: '$1'"
}

check_name() {
  [[ "$1" =~ ^[A-Za-z0-9_-]+$ ]] || die "broker name must match [A-Za-z0-9_-]+: '$1'"
  [ "$1" != "$MAIN_RABBIT_NAME" ] || die "'$MAIN_RABBIT_NAME' is the main broker's name"
}

check_port() {
  [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 1024 ] && [ "$1" -le 65535 ] || die "bad port: '$1'"
}

epmd_kill() {
  if command -v epmd >/dev/null 2>&1; then
    ERL_EPMD_PORT="$EPMD_PORT" timeout 10 epmd -kill >/dev/null 2>&1 || true
  fi
}

# ---------------------------------------------------------------- commands

cmd_start() {
  lock infra 9
  if docker_mode; then
    log "A Docker engine is available and PERFSUITE_USE_DOCKER=1: the AppHost may use containers;"
    log "not starting local PostgreSQL/RabbitMQ."
    write_env
    return 0
  fi
  ensure_packages
  pg_start
  rabbit_start "$MAIN_RABBIT_NAME" "$RABBIT_PORT" "$RABBIT_DIST_PORT"
  write_env
}

cmd_stop() {
  lock infra 9
  local n
  pg_stop
  for n in $(extra_names); do rabbit_stop "$n"; done
  rabbit_stop "$MAIN_RABBIT_NAME" "$RABBIT_PORT"
  epmd_kill
}

cmd_status() {
  local n
  pg_status
  rabbit_status "$MAIN_RABBIT_NAME"
  for n in $(extra_names); do rabbit_status "$n"; done
  if command -v epmd >/dev/null 2>&1 && ERL_EPMD_PORT="$EPMD_PORT" timeout 5 epmd -names >/dev/null 2>&1; then
    echo "epmd: running on port $EPMD_PORT"
  else
    echo "epmd: not running"
  fi
  if docker_mode; then echo "Docker: available and PERFSUITE_USE_DOCKER=1"; fi
}

usage() {
  sed -n '2,15p' "$INFRA_SCRIPT" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  [ $# -gt 0 ] && shift
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) env_lines ;;
    rabbit-start)
      [ $# -ge 2 ] || usage
      check_name "$1"; check_port "$2"
      local dist="${3:-}"
      if [ -z "$dist" ]; then
        if [ $(($2 + 10000)) -le 65535 ]; then dist=$(($2 + 10000)); else dist=$(($2 - 30000)); fi
      fi
      check_port "$dist"
      [ -x "$RABBIT_BIN/rabbitmq-server" ] || ensure_packages
      rabbit_start "$1" "$2" "$dist"
      ;;
    rabbit-stop)
      [ $# -ge 1 ] || usage
      check_name "$1"
      rabbit_stop "$1"
      ;;
    rabbit-vhost|rabbit-vhost-delete)
      [ $# -ge 1 ] || usage
      check_vhost "$1"
      local broker="${2:-$MAIN_RABBIT_NAME}"
      [ "$broker" = "$MAIN_RABBIT_NAME" ] || check_name "$broker"
      if [ "$cmd" = rabbit-vhost ]; then rabbit_vhost "$1" "$broker"; else rabbit_vhost_delete "$1" "$broker"; fi
      ;;
    *) usage ;;
  esac
}

main "$@"
