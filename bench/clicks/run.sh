#!/usr/bin/env bash
# Click-path benchmark through the gateway, in one run:
#   (a) GET /bench/noop   — the gateway hop and a 302, no work (the reference)
#   (b) GET /c/{code}     — a real click: resolve, decide, group-commit to PostgreSQL, 302
#   (c) (b) paced at half of (b)'s peak, for its p99
#   (d) POST /api/conversions — durable attributed conversions
# It reuses a running suite (PERFSUITE_GATEWAY_URL, default http://localhost:5080) or starts the AppHost in
# benchmark mode (infrastructure from ConnectionStrings__* in the environment, else scripts/infra.sh start), creates
# a tenant, campaign, affiliate and link, runs wrk, and writes the results to docs/benchmarks-conversions.md
# (BENCH_OUT to change) with the machine and the CPU split.
#
# A suite already answering at the gateway (e.g. scripts/run.sh, a Debug build with the dashboard and DCP's proxies)
# is measured as it is; stop it first to measure the suite as deployed.
#
#   bench/clicks/run.sh                 # DURATION=20 CONNECTIONS=128 THREADS=1 by default
set -euo pipefail

source "$(cd "$(dirname "${BASH_SOURCE[0]}")/../../scripts" && pwd -P)/lib.sh"
cd "$PERFSUITE_REPO"

GATEWAY="${PERFSUITE_GATEWAY_URL:-http://localhost:5080}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-128}"
THREADS="${THREADS:-1}"
OUT="${BENCH_OUT:-docs/benchmarks-conversions.md}"
WORK="$(mktemp -d)"
command -v wrk >/dev/null || die "wrk is required (apt-get install wrk)"
command -v jq >/dev/null || die "jq is required (apt-get install jq)"

healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$GATEWAY/health" || true)" = 200 ]; }
APPHOST=""
stop_apphost() { if [ -n "$APPHOST" ]; then kill -TERM -- "-$APPHOST" 2>/dev/null || true; sleep 5; fi; rm -rf "$WORK"; }
trap stop_apphost EXIT
if ! healthy; then
  if [ -n "${ConnectionStrings__postgres:-}" ] && [ -n "${ConnectionStrings__rabbitmq:-}" ]; then
    # Infrastructure given by the environment (e.g. `source .local/env.sh` of a running infra): start only the AppHost.
    :
  else
    log "no suite at $GATEWAY: starting the infrastructure (scripts/infra.sh start; left running)"
    scripts/infra.sh start >&2
    # shellcheck disable=SC1091
    source "$PERFSUITE_LOCAL/env.sh"
  fi
  # A fresh database and virtual host per run: no backlog of earlier runs for the services to catch up on meanwhile.
  command -v psql >/dev/null || die "psql is required (apt-get install postgresql-client)"
  BENCH_DB="perfsuite_bench"
  ADMIN_DB="$(printf '%s' "$ConnectionStrings__postgres" | sed 's/Database=[^;]*/Database=postgres/')"
  psql_url() { printf '%s' "$1" | awk -F';' '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[tolower(kv[1])] = kv[2] } }
    END { printf "postgresql://%s@%s:%s/%s", v["username"], v["host"], v["port"], v["database"] }'; }
  psql -q "$(psql_url "$ADMIN_DB")" -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB" >&2 \
    || die "could not create database $BENCH_DB"
  scripts/infra.sh rabbit-vhost-delete bench >/dev/null 2>&1 || true
  scripts/infra.sh rabbit-vhost bench >&2 || die "could not create the RabbitMQ virtual host 'bench'"
  export ConnectionStrings__postgres="$(printf '%s' "$ConnectionStrings__postgres" | sed "s/Database=[^;]*/Database=$BENCH_DB/")"
  export ConnectionStrings__rabbitmq="${ConnectionStrings__rabbitmq%/}/bench"
  # The suite as deployed, not as developed: Release build, no dashboard or telemetry export, no DCP proxy per
  # service (PERFSUITE_BENCHMARK=1, see PerfSuite.AppHost/Program.cs). Stopped at the end.
  log "no suite at $GATEWAY: building Release and starting the AppHost in benchmark mode"
  dotnet build PerfSuite.AppHost -c Release >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; die "build failed"; }
  export PERFSUITE_OPERATOR_KEY="${PERFSUITE_OPERATOR_KEY:-op_$(random_hex 16)}" ASPIRE_ALLOW_UNSECURED_TRANSPORT=true \
    PERFSUITE_BENCHMARK=1 DOTNET_ENVIRONMENT=Production
  (exec setsid nohup dotnet run -c Release --no-build --project PerfSuite.AppHost --no-launch-profile >"$WORK/apphost.log" 2>&1 </dev/null) &
  APPHOST=$!
  for _ in $(seq 1 300); do healthy && break; sleep 1; done
  healthy || { tail -n 40 "$WORK/apphost.log" >&2 || true; die "the suite did not become healthy"; }
fi
OPERATOR_KEY="${PERFSUITE_OPERATOR_KEY:-$(tr -d '[:space:]' <"$PERFSUITE_LOCAL/operator-key")}"

api() { # METHOD PATH [JSON] -> body; fails on a non-2xx answer
  local method="$1" path="$2" data="${3:-}" key="${KEY:-$OPERATOR_KEY}"
  curl -sf -X "$method" "$GATEWAY$path" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' ${data:+-d "$data"}
}

log "setting up a tenant, campaign, affiliate and link ..."
KEY="$(api POST /api/admin/tenants '{"name":"Bench Agency","currency":"USD","timeZone":"UTC"}' | jq -r .apiKey)"
export KEY
ADVERTISER="$(api POST /api/advertisers '{"name":"Bench Advertiser"}' | jq -r .id)"
CAMPAIGN="$(api POST /api/campaigns "{\"advertiserId\":\"$ADVERTISER\",\"name\":\"Bench\",\"channel\":\"affiliate\",\"currency\":\"USD\",\"landingUrl\":\"https://shop.example/landing\",\"payout\":{\"model\":\"cpc\",\"amount\":0.01}}" | jq -r .id)"
api POST "/api/campaigns/$CAMPAIGN/launch" >/dev/null
AFFILIATE="$(api POST /api/affiliates '{"name":"Bench Affiliate","email":"bench@affiliates.example"}' | jq -r .id)"
api POST "/api/affiliates/$AFFILIATE/approve" >/dev/null
# Every click is billable: no duplicate window (wrk is one IP), no click-to-conversion threshold.
api PUT /api/fraud-rules '{"duplicateClickWindowSeconds":0,"minClickToConversionSeconds":0}' >/dev/null
CODE=""
for _ in $(seq 1 60); do
  CODE="$(api POST "/api/campaigns/$CAMPAIGN/links" "{\"affiliateId\":\"$AFFILIATE\"}" 2>/dev/null | jq -r .code || true)"
  [ -n "$CODE" ] && [ "$CODE" != null ] && break
  sleep 0.5
done
[ -n "$CODE" ] || die "could not create a tracking link"
for _ in $(seq 1 60); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$GATEWAY/c/$CODE?vid=warmup")" = 302 ] && break
  sleep 0.5
done
CLICK_ID="$(curl -s -o /dev/null -w '%{redirect_url}' "$GATEWAY/c/$CODE?vid=bench-buyer" | sed -n 's/.*click_id=\([^&]*\).*/\1/p')"
for _ in $(seq 1 32); do api POST /api/keys '{"role":"admin"}' | jq -r .apiKey; done >"$WORK/keys"

# CPU per process group over a run: this repository's services (by the path of their build), PostgreSQL and RabbitMQ
# (shared with anything else using those servers), and the whole machine (/proc/stat, wrk included). Processes
# started during the run (PostgreSQL backends) count from zero.
snapshot() { # -> "pid group ticks" for every process
  local d cmd g
  for d in /proc/[0-9]*; do
    cmd="$(tr '\0' ' ' <"$d/cmdline" 2>/dev/null)" || continue
    case "$cmd" in
      *"$PERFSUITE_REPO/src/PerfSuite.Gateway/bin"*) g=gateway ;;
      *"$PERFSUITE_REPO/src/PerfSuite.Conversions/bin"*) g=conversions ;;
      *"$PERFSUITE_REPO/src/PerfSuite."*"/bin"*) g=services ;;
      *postgres*) g=postgres ;;
      *beam.smp*) g=rabbitmq ;;
      *) continue ;;
    esac
    awk -v p="${d#/proc/}" -v g="$g" '{ sub(/^.*\) /, ""); print p, g, $12 + $13 }' "$d/stat" 2>/dev/null || true
  done
  awk '$1 == "cpu" { print "machine", "machine", $2 + $3 + $4 + $7 + $8 }' /proc/stat
}
cores() { # BEFORE AFTER GROUP -> cores used by the group per second of the run
  awk -v g="$3" -v hz="$HZ" -v s="$DURATION" 'NR == FNR { before[$1] = $3; next }
    $2 == g { t += $3 - ($1 in before ? before[$1] : 0) } END { printf "%.2f", t / hz / s }' <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}
HZ="$(getconf CLK_TCK)"
CPU_GROUPS=(gateway conversions services postgres rabbitmq machine)

run() { # NAME ARGS... -> runs wrk, records rps, p50, p99 and cores per process group
  local name="$1"; shift
  local file before after g
  file="$WORK/$(printf '%s' "$name" | tr -c 'a-z0-9' '_').txt"
  before="$(snapshot)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$file"
  after="$(snapshot)"
  local rps p50 p99 non2xx line
  rps="$(awk '/Requests\/sec/ {print $2}' "$file")"
  p50="$(awk '$1 == "50%" {print $2}' "$file")"
  p99="$(awk '$1 == "99%" {print $2}' "$file")"
  non2xx="$(awk '/Non-2xx or 3xx/ {print $5}' "$file")"
  line="$name|$rps|$p50|$p99|${non2xx:-0}"
  for g in "${CPU_GROUPS[@]}"; do line="$line|$(cores "$before" "$after" "$g")"; done
  echo "$line" >>"$WORK/results"
  log "$name: $rps req/s, p50 $p50, p99 $p99, non-2xx/3xx ${non2xx:-0}"
}

log "warming up ..."
# Long enough for tiered JIT compilation to settle on both paths.
wrk -t1 -c"$CONNECTIONS" -d10s "$GATEWAY/bench/noop" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d10s "$GATEWAY/c/$CODE" >/dev/null
# The first conversions make the services downstream generate and compile their Marten code: not part of a run.
wrk -t1 -c16 -d10s -s bench/clicks/conversions.lua "$GATEWAY/api/conversions" -- "$WORK/keys" "$CLICK_ID" >/dev/null
sleep 10

run "(a) /bench/noop" "$GATEWAY/bench/noop"
run "(b) /c/{code}" "$GATEWAY/c/$CODE"
PEAK="$(awk -F'|' '$1 == "(b) /c/{code}" {print $2}' "$WORK/results")"
DELAY_MS="$(echo "scale=0; $CONNECTIONS * 1000 * 2 / $PEAK" | bc)"
run "(c) /c/{code} at ~half of (b)" -s bench/clicks/paced.lua "$GATEWAY/c/$CODE" -- "$DELAY_MS"
run "(d) POST /api/conversions" -s bench/clicks/conversions.lua "$GATEWAY/api/conversions" -- "$WORK/keys" "$CLICK_ID"

NOOP="$(awk -F'|' '$1 == "(a) /bench/noop" {print $2}' "$WORK/results")"
RATIO="$(echo "scale=2; $PEAK / $NOOP" | bc)"
STORED="$(KEY="$KEY" api GET "/api/conversions/clicks/$CLICK_ID" | jq -r .clickId)"
[ "$STORED" = "$CLICK_ID" ] || die "the bench click is not in the store"

{
  echo "# Benchmarks: Conversions (click path and conversions)"
  echo
  echo "Run: \`bench/clicks/run.sh\` (DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS), $(date -u '+%Y-%m-%d %H:%M UTC'), through the gateway at $GATEWAY."
  echo
  echo "Machine: $(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p' | head -1); load average at the end of the run: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "CPU in cores (of $(nproc)) during each run: gateway, conversions, the other three services, PostgreSQL, RabbitMQ, and the whole machine (wrk included)."
  echo
  echo "| run | req/s | p50 | p99 | non-2xx/3xx | gateway | conversions | other services | postgres | rabbitmq | machine |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  sed 's/|/ | /g; s/^/| /; s/$/ |/' "$WORK/results"
  echo
  echo "Ratio (b)/(a) = **$RATIO** (goal ≥ 0.8). Paced run (c): $CONNECTIONS connections × one request per ${DELAY_MS} ms after each answer."
  echo
  echo '```'
  lscpu | head -15
  echo '```'
} >"$OUT"
log "results written to $OUT"
cat "$OUT"
