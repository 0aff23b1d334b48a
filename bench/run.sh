#!/usr/bin/env bash
# The JS-path increment call, side by side: this package's middleware
# (bench/increment) against the Next.js baseline app, same wrk load, same
# run, runs alternating between the servers. Prints a markdown table with
# both and the ratios; bench/README.md has the figures and how to read them.
#
#   NEXTJS_DIR=/path/to/shared/bench/nextjs ./bench/run.sh
#   NEXTJS_DIR=… DUR=5 CONNS="1 64" ./bench/run.sh
#   NEXTJS_DIR=… REPS=3 ./bench/run.sh          # three rounds; the table shows medians
#   NEXTJS_DIR=… LOGGED=1 ./bench/run.sh        # also a Go server logging each call to a file
#   NEXTJS_DIR=… BARE=1 ./bench/run.sh          # also net/http alone, no framework: the floor
#   NEXTJS_DIR=… GO_ARGS="-cpuprofile /tmp/cpu.pprof" ./bench/run.sh
#
# NEXTJS_DIR (required) is the Next.js baseline app of the project's shared
# bench folder (bench/nextjs beside the project's checkouts), only read:
# it runs from a copy in NEXTJS_WORK (bench/lib.sh, nextjs_setup: npm
# install with better-sqlite3 built from source, then next build, when
# needed). Its own wrk/increment.lua loads it, bench/wrk/increment.lua loads
# the Go server: the same requests but for the header naming the action.
#
# Needs go, node, npm, curl and wrk (Debian/Ubuntu: apt-get install -y wrk).
# Servers listen on 127.0.0.1 only; every step has a timeout; only the
# processes this script starts are stopped, by PID.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
repo=$PWD

: "${NEXTJS_DIR:?set NEXTJS_DIR to the Next.js baseline app, the nextjs directory of the shared bench folder}"
NEXTJS_DIR=$(readlink -f "$NEXTJS_DIR")
DUR=${DUR:-10}              # seconds per wrk run
CONNS=${CONNS:-"1 16 64"}   # wrk connections (concurrency), one thread
REPS=${REPS:-1}             # rounds; with more than one the table shows medians
WARM=${WARM:-5}             # seconds of warm-up load per server before measuring
LOGGED=${LOGGED:-0}         # 1: add a Go server that logs every call to a file
BARE=${BARE:-0}             # 1: add a plain net/http server answering the same (increment -bare)
GO_ARGS=${GO_ARGS:-}        # extra flags for the Go server (-cpuprofile FILE)
GO_PORT=${GO_PORT:-3200}
GOLOG_PORT=${GOLOG_PORT:-3201}
BARE_PORT=${BARE_PORT:-3202}
NEXT_PORT=${NEXT_PORT:-3100}
HOST=127.0.0.1
export NEXT_TELEMETRY_DISABLED=1

# shellcheck source=bench/lib.sh
. bench/lib.sh

for tool in go node npm curl wrk; do
  command -v "$tool" >/dev/null || die "missing $tool (wrk: apt-get install -y wrk)"
done
[ -f "$NEXTJS_DIR/package.json" ] && [ -f "$NEXTJS_DIR/app/actions.ts" ] && [ -f "$NEXTJS_DIR/wrk/increment.lua" ] ||
  die "NEXTJS_DIR=$NEXTJS_DIR does not look like the Next.js baseline (package.json, app/actions.ts, wrk/increment.lua)"

RES="$repo/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RES"
tmp=$(mktemp -d)

# ------------------------------------------------------------ setup (untimed)
nextjs_setup "$NEXTJS_DIR"
NEXTJS_DIR=$NEXTJS_APP # the copy, installed and built
log "go build ./bench/increment"
timeout 300 go build -o "$tmp/increment" ./bench/increment

# ------------------------------------------------------------ servers
declare -A PID PORT SCRIPT ID RSS_IDLE RSS_LOAD
SERVERS="go next"
[ "$LOGGED" = 1 ] && SERVERS="go golog next"
[ "$BARE" = 1 ] && SERVERS="$SERVERS bare"
PORT[go]=$GO_PORT PORT[golog]=$GOLOG_PORT PORT[next]=$NEXT_PORT PORT[bare]=$BARE_PORT
SCRIPT[go]=$repo/bench/wrk/increment.lua SCRIPT[golog]=$repo/bench/wrk/increment.lua SCRIPT[bare]=$repo/bench/wrk/increment.lua
SCRIPT[next]=$NEXTJS_DIR/wrk/increment.lua

trap stop_all EXIT
trap 'exit 130' INT TERM
ports_free

# Each server is started directly with &, so $! is the server itself.
# shellcheck disable=SC2086 # GO_ARGS is a list of flags
PORT=$GO_PORT "$tmp/increment" $GO_ARGS > "$RES/go.out" 2> "$RES/go.err" &
PID[go]=$!
if [ "$LOGGED" = 1 ]; then
  PORT=$GOLOG_PORT "$tmp/increment" -log "$tmp/calls.log" > "$RES/golog.out" 2> "$RES/golog.err" &
  PID[golog]=$!
fi
if [ "$BARE" = 1 ]; then
  PORT=$BARE_PORT "$tmp/increment" -bare > "$RES/bare.out" 2> "$RES/bare.err" &
  PID[bare]=$!
fi
(cd "$NEXTJS_DIR" && exec node node_modules/next/dist/bin/next start -H "$HOST" -p "$NEXT_PORT") > "$RES/next.log" 2>&1 &
PID[next]=$!

wait_ready() {  # $1 = server; GET /posts answers 200 within 30 s
  local s=$1 t
  for t in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://$HOST:${PORT[$s]}/posts" || true)" = 200 ] && return 0
    kill -0 "${PID[$s]}" 2>/dev/null || die "$s exited (logs in $RES)"
    sleep 0.1
  done
  die "$s did not answer GET /posts within 30 s (logs in $RES)"
}
for s in $SERVERS; do wait_ready "$s"; done

ID[go]=$(head -1 "$RES/go.out")
ID[golog]=${ID[go]}
ID[bare]=${ID[go]}
ID[next]=$(nextjs_action_id "$NEXTJS_DIR" increment)

for s in $SERVERS; do
  RSS_IDLE[$s]=$(rss_kb "${PID[$s]}")
  log "$s: pid ${PID[$s]}, port ${PORT[$s]}, action id ${ID[$s]}, $(( $(descendants "${PID[$s]}" | wc -l) )) process(es)"
done

# One request by hand each, kept with the results, so the answers can be seen.
for s in $SERVERS; do
  header=Action-Id
  [ "$s" = next ] && header=Next-Action
  curl -sS -i --max-time 10 -X POST "http://$HOST:${PORT[$s]}/posts" -H "$header: ${ID[$s]}" \
    -H 'Accept: text/x-component' -H 'Content-Type: text/plain;charset=UTF-8' \
    -H "Origin: http://$HOST:${PORT[$s]}" --data-binary '[]' > "$RES/answer-$s.txt" 2>&1 || true
done

load() {  # $1 = server, $2 = connections, $3 = seconds, $4 = output file
  local s=$1
  ACTION_INCREMENT=${ID[$s]} ORIGIN="http://$HOST:${PORT[$s]}" \
    timeout $(($3 + 15)) wrk -t1 -c"$2" -d"$3s" --timeout 10s --latency -s "${SCRIPT[$s]}" \
    "http://$HOST:${PORT[$s]}/posts" > "$4" 2>&1 || true
}

h0=$(host_busy); sleep 2; h1=$(host_busy)
BUSY_BEFORE=$(( 100 * (h1 - h0) / HZ / 2 ))
log "host busy before the benchmark: ${BUSY_BEFORE}% of one core (others' work skews every figure)"
for s in $SERVERS; do
  log "warm-up $s: ${WARM}s at 4 connections"
  load "$s" 4 "$WARM" "$RES/warmup-$s.txt"
done

# ------------------------------------------------------------ measure
# Per round and concurrency every server gets one run; the order rotates so
# that no server always goes first.
declare -A R
n_servers=$(wc -w <<< "$SERVERS")
k=0
for rep in $(seq 1 "$REPS"); do
  for c in $CONNS; do
    read -ra order <<< "$SERVERS"
    order=("${order[@]:k % n_servers}" "${order[@]:0:k % n_servers}")
    k=$((k + 1))
    for s in "${order[@]}"; do
      sleep 1
      out="$RES/wrk-$s-c$c-r$rep.txt"
      t0=$(ticks "${PID[$s]}"); h0=$(host_busy); w0=$(date +%s%N)
      load "$s" "$c" "$DUR" "$out"
      t1=$(ticks "${PID[$s]}"); h1=$(host_busy); w1=$(date +%s%N)
      line=$(grep '^RESULT ' "$out" | sed 's/^RESULT //' || true)
      [ -n "$line" ] || { log "$s c=$c: wrk gave no result (see $out)"; continue; }
      line+=$(cpu_fields "$t0" "$t1" "$h0" "$h1" "$w0" "$w1" "$(get "$line" requests)")
      R[$s,$c,$rep]=$line
      echo "server=$s conc=$c round=$rep $line" >> "$RES/runs.txt"
      log "round $rep, $s, c=$c: $line"
    done
  done
done
for s in $SERVERS; do RSS_LOAD[$s]=$(rss_kb "${PID[$s]}"); done

# ------------------------------------------------------------ report
med() {  # $1 server, $2 concurrency, $3 field: median over the rounds
  local rep
  for rep in $(seq 1 "$REPS"); do
    [ -n "${R[$1,$2,$rep]:-}" ] && get "${R[$1,$2,$rep]}" "$3"
  done | median
}
errors() {  # socket errors + non-2xx / bodies failing the check, summed over the rounds
  local rep e=0 b=0 r
  for rep in $(seq 1 "$REPS"); do
    r=${R[$1,$2,$rep]:-}
    [ -n "$r" ] || continue
    e=$((e + $(get "$r" err_connect) + $(get "$r" err_read) + $(get "$r" err_write) + $(get "$r" err_timeout) + $(get "$r" err_status)))
    b=$((b + $(get "$r" bad_body)))
  done
  echo "$e/$b"
}
name() { case $1 in go) echo "Go (actions)" ;; golog) echo "Go, log to file" ;; next) echo "Next.js" ;; bare) echo "net/http alone" ;; esac; }

{
  echo "JS-path increment, $(date -u +%Y-%m-%d), $(nproc) CPUs, $(go version | cut -d' ' -f3), Next.js $(cd "$NEXTJS_DIR" && node -p 'require("next/package.json").version') on Node $(node -v)"
  echo "wrk -t1, ${DUR}s per run, rounds: $REPS$([ "$REPS" -gt 1 ] && echo ' (medians)'), host busy before start: ${BUSY_BEFORE}% of one core"
  echo
  echo "| conc | server | req/s | p50 ms | p99 ms | CPU ms/request | server CPU % | host CPU % | errors |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
  for c in $CONNS; do for s in $SERVERS; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$c" "$(name "$s")" "$(med "$s" "$c" rps)" \
      "$(med "$s" "$c" p50_ms)" "$(med "$s" "$c" p99_ms)" "$(med "$s" "$c" cpu_ms_req)" \
      "$(med "$s" "$c" srv_pct)" "$(med "$s" "$c" host_pct)" "$(errors "$s" "$c")"
  done; done
  echo
  printf '| conc | CPU ms/request, Next ÷ Go | req/s, Next ÷ Go |'
  [ "$LOGGED" = 1 ] && printf ' CPU ms/request, Next ÷ Go logging |'
  [ "$BARE" = 1 ] && printf ' CPU ms/request, Next ÷ net/http alone |'
  echo
  printf '|---:|---:|---:|'
  [ "$LOGGED" = 1 ] && printf -- '---:|'
  [ "$BARE" = 1 ] && printf -- '---:|'
  echo
  for c in $CONNS; do
    printf '| %s | %s | %s |' "$c" "$(ratio "$(med next "$c" cpu_ms_req)" "$(med go "$c" cpu_ms_req)")" \
      "$(ratio "$(med next "$c" rps)" "$(med go "$c" rps)")"
    [ "$LOGGED" = 1 ] && printf ' %s |' "$(ratio "$(med next "$c" cpu_ms_req)" "$(med golog "$c" cpu_ms_req)")"
    [ "$BARE" = 1 ] && printf ' %s |' "$(ratio "$(med next "$c" cpu_ms_req)" "$(med bare "$c" cpu_ms_req)")"
    echo
  done
  echo
  for s in $SERVERS; do
    awk -v n="$(name "$s")" -v a="${RSS_IDLE[$s]}" -v b="${RSS_LOAD[$s]}" \
      'BEGIN { printf "RSS %s: %.1f MB at start, %.1f MB after the load\n", n, a / 1024, b / 1024 }'
  done
  [ "$LOGGED" = 1 ] && awk -v b="$(wc -c < "$tmp/calls.log")" -v n="$(wc -l < "$tmp/calls.log")" \
    'BEGIN { printf "Go, log to file: %d lines of JSON, %.0f MB (deleted at exit)\n", n, b / 1e6 }'
  echo "(server CPU % and host CPU %: of one core, during the run; errors: socket errors and non-200 / answers failing the body check)"
  echo "raw output: ${RES#"$repo"/}"
} | tee "$RES/summary.md"
