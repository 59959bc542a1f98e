# shellcheck shell=bash
# Shared helpers for the PerfSuite scripts. Source it; do not execute it.

PERFSUITE_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
PERFSUITE_LOCAL="$PERFSUITE_REPO/.local"

# Progress and errors go to stderr so that stdout can carry `export` lines only.
log() { printf '%s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# port_open PORT [HOST] -> 0 when something accepts TCP connections there.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/${2:-127.0.0.1}/$1" >/dev/null 2>&1
}

# pid_alive PID -> 0 when the process exists and is not a zombie (PID 1 may be slow to reap).
pid_alive() {
  [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
  local st
  st="$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null || true)"
  [ "$st" != Z ] && [ "$st" != X ]
}

# read_pid FILE -> prints the pid in FILE (digits only) or nothing.
read_pid() { [ -f "$1" ] && tr -dc '0-9' <"$1" || true; }

# random_hex N_BYTES -> 2*N hex characters from /dev/urandom.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# tail_log FILE [LINES] -> the end of a log file, to stderr, marked.
tail_log() {
  if [ -f "$1" ]; then
    log "----- last ${2:-40} lines of $1 -----"
    tail -n "${2:-40}" "$1" >&2 || true
    log "-----"
  else
    log "(no log file at $1)"
  fi
}
