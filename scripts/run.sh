#!/usr/bin/env bash
# Run the whole suite locally with a seeded demo tenant.
#
#   scripts/run.sh          start infrastructure + AppHost (background), seed the demo tenant
#   scripts/run.sh stop     stop the AppHost (its process group) and the infrastructure
#                           (`stop --keep-infra`: the AppHost only)
#   scripts/run.sh status   say what runs
#
# State in .local/: operator-key, demo-api-key, apphost.log, apphost.pid.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/lib.sh"
cd "$PERFSUITE_REPO"

GATEWAY_URL="${PERFSUITE_GATEWAY_URL:-http://localhost:5080}"
DASHBOARD_URL="http://localhost:18888"
APPHOST_PID="$PERFSUITE_LOCAL/apphost.pid"
APPHOST_LOG="$PERFSUITE_LOCAL/apphost.log"
OPERATOR_KEY_FILE="$PERFSUITE_LOCAL/operator-key"
DEMO_KEY_FILE="$PERFSUITE_LOCAL/demo-api-key"
HEALTH_TIMEOUT="${PERFSUITE_HEALTH_TIMEOUT:-180}"

apphost_pid() {
  local p
  p="$(read_pid "$APPHOST_PID")"
  if [ -n "$p" ] && pid_alive "$p"; then echo "$p"; fi
}

descendants() { # PID -> PID and all its descendants
  ps -eo pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      keep[root] = 1; changed = 1
      while (changed) { changed = 0
        for (i in pids) { p = pids[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } } }
      for (p in keep) print p
    }'
}

any_alive() { local q; for q in "$@"; do pid_alive "$q" && return 0; done; return 1; }

stop_apphost() {
  local p i tree=() q
  p="$(apphost_pid)"
  if [ -z "$p" ]; then
    log "AppHost not running"
    rm -f "$APPHOST_PID"
    return 0
  fi
  # DCP (the Aspire orchestrator) runs in sessions of its own and cleans up the services after the
  # AppHost exits: remember every descendant now and wait for all of them.
  mapfile -t tree < <(descendants "$p")
  # dcp start-apiserver is detached (parent 1) but says whom it serves: `--monitor <AppHost pid>`.
  local dcp mon
  while read -r dcp mon; do
    for q in "${tree[@]}"; do
      if [ "$q" = "$mon" ]; then mapfile -t -O "${#tree[@]}" tree < <(descendants "$dcp"); break; fi
    done
  done < <(ps -eo pid=,args= | sed -n 's/^ *\([0-9][0-9]*\) .*dcp.* --monitor \([0-9][0-9]*\).*/\1 \2/p')
  log "stopping AppHost (process group $p, ${#tree[@]} processes) ..."
  kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true
  for i in $(seq 1 120); do
    any_alive "${tree[@]}" || break
    sleep 0.5
  done
  if any_alive "${tree[@]}"; then
    log "AppHost processes still alive after 60 s: killing them"
    kill -KILL -- "-$p" 2>/dev/null || true
    for q in "${tree[@]}"; do pid_alive "$q" && kill -KILL "$q" 2>/dev/null || true; done
  fi
  rm -f "$APPHOST_PID"
}

http_code() { # URL [curl args...]
  local url="$1"
  shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" 2>/dev/null || true
}

json_field() { # NAME  (reads JSON on stdin, prints the string value of the first "NAME")
  if command -v jq >/dev/null 2>&1; then
    jq -r --arg n "$1" '.[$n] // empty' 2>/dev/null || true
  else
    tr -d '\n' | sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
  fi
}

seed_demo() {
  local resp code body key
  log "seeding the demo tenant ..."
  resp="$(curl -s --max-time 30 -w '\n%{http_code}' -X POST "$GATEWAY_URL/api/admin/tenants" \
    -H "Authorization: Bearer $PERFSUITE_OPERATOR_KEY" -H 'Content-Type: application/json' \
    -d '{"name":"Demo Agency","currency":"USD","timeZone":"UTC"}' || true)"
  code="$(printf '%s\n' "$resp" | tail -n 1)"
  body="$(printf '%s\n' "$resp" | sed '$d')"
  key="$(printf '%s' "$body" | json_field apiKey)"
  if [ -z "$key" ]; then
    die "seeding failed (HTTP ${code:-none}): $body"
  fi
  printf '%s\n' "$key" >"$DEMO_KEY_FILE"
  chmod 600 "$DEMO_KEY_FILE"
}

cmd_start() {
  scripts/infra.sh start >/dev/null </dev/null || die "scripts/infra.sh start failed"
  # shellcheck source=/dev/null
  source "$PERFSUITE_LOCAL/env.sh"

  if [ ! -s "$OPERATOR_KEY_FILE" ]; then
    (umask 077 && echo "${PERFSUITE_OPERATOR_KEY:-op_$(random_hex 16)}" >"$OPERATOR_KEY_FILE")
  fi
  PERFSUITE_OPERATOR_KEY="$(tr -d '[:space:]' <"$OPERATOR_KEY_FILE")"
  export PERFSUITE_OPERATOR_KEY
  export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

  local p i code
  p="$(apphost_pid)"
  if [ -n "$p" ]; then
    log "AppHost already running (pid $p, log $APPHOST_LOG)"
  else
    command -v dotnet >/dev/null 2>&1 || die "dotnet not found on PATH"
    log "starting AppHost (log $APPHOST_LOG) ..."
    # Own session/process group so that `stop` can end it with everything it started.
    (exec setsid nohup dotnet run --project PerfSuite.AppHost --launch-profile http \
        >"$APPHOST_LOG" 2>&1 </dev/null) &
    p=$!
    echo "$p" >"$APPHOST_PID"
  fi

  log "waiting for $GATEWAY_URL/health (up to ${HEALTH_TIMEOUT} s) ..."
  for i in $(seq 1 "$HEALTH_TIMEOUT"); do
    code="$(http_code "$GATEWAY_URL/health")"
    [ "$code" = 200 ] && break
    if ! pid_alive "$p"; then
      tail_log "$APPHOST_LOG" 60
      rm -f "$APPHOST_PID"
      die "the AppHost exited before $GATEWAY_URL/health answered 200"
    fi
    if [ "$i" = "$HEALTH_TIMEOUT" ]; then
      tail_log "$APPHOST_LOG" 60
      die "$GATEWAY_URL/health did not answer 200 within ${HEALTH_TIMEOUT} s (last: ${code:-none}); the AppHost is still running: scripts/run.sh stop"
    fi
    sleep 1
  done

  # The demo key lives in the database: if it was wiped, the key is rejected -> seed again.
  if [ -s "$DEMO_KEY_FILE" ]; then
    code="$(http_code "$GATEWAY_URL/api/campaigns" -H "Authorization: Bearer $(cat "$DEMO_KEY_FILE")")"
    if [ "$code" = 401 ] || [ "$code" = 403 ]; then
      log "the stored demo API key is no longer accepted (HTTP $code): seeding again"
      rm -f "$DEMO_KEY_FILE"
    fi
  fi
  [ -s "$DEMO_KEY_FILE" ] || seed_demo
  local key login
  key="$(cat "$DEMO_KEY_FILE")"
  # The dashboard wants a login token; the AppHost logs a login URL carrying it.
  login="$(sed -n 's/.*Login URL: *\(http[^ ]*\).*/\1/p' "$APPHOST_LOG" 2>/dev/null | tail -n 1 || true)"

  cat <<EOF

PerfSuite is running.
  Gateway:      $GATEWAY_URL
  Dashboard:    $DASHBOARD_URL${login:+   (login: $login)}
  Demo API key: $key   (tenant "Demo Agency"; stored in .local/demo-api-key)
  Operator key: stored in .local/operator-key

Try:
  curl -H "Authorization: Bearer $key" $GATEWAY_URL/api/campaigns

Logs: $APPHOST_LOG
Stop: scripts/run.sh stop
EOF
}

cmd_stop() {
  stop_apphost
  if [ "${1:-}" = "--keep-infra" ]; then return 0; fi
  scripts/infra.sh stop </dev/null
}

cmd_status() {
  local p
  p="$(apphost_pid)"
  if [ -n "$p" ]; then
    echo "AppHost: running (pid $p), health: $(http_code "$GATEWAY_URL/health")"
  else
    echo "AppHost: not running"
  fi
  scripts/infra.sh status
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop "${2:-}" ;;
  status) cmd_status ;;
  *) echo "usage: scripts/run.sh [start|stop [--keep-infra]|status]" >&2; exit 2 ;;
esac
