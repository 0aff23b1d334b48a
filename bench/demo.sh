#!/usr/bin/env bash
# The demo app (examples/demo) against the Next.js baseline app, side by
# side in one run: the baseline's wrk scenarios on /posts (increment via
# the JS path, createPost via the no-JS form, GET /posts) at 1, 16 and 64
# connections, server CPU per request, RSS idle and after the load, cold
# start to the first page and the client JS of /posts; then the project's
# targets, each met or not. bench/README.md has the figures.
#
#   ./bench/demo.sh                                      # the demo alone
#   NEXTJS_DIR=/path/to/shared/bench/nextjs ./bench/demo.sh
#   NEXTJS_DIR=… DUR=5 CONNS="1 64" SCENARIOS="get" ./bench/demo.sh
#   NEXTJS_DIR=… REPS=3 ./bench/demo.sh                  # three rounds; medians
#
# NEXTJS_DIR (optional) is the Next.js baseline app of the project's shared
# bench folder, only read: it runs from a copy in NEXTJS_WORK (bench/lib.sh,
# nextjs_setup: npm install and next build there when needed), and its own
# wrk/*.lua load it.
# bench/wrk/*.lua load the demo: the same requests, but for the header
# naming the action (Action-Id) and the form's answer (a 303 to the new
# post, where Next.js answers 200 with the page).
#
# The demo is built once with go build, started with a fresh DATA_DIR in a
# temporary folder (removed at exit) and seeded with SEED posts through its
# form, as is the Next.js app, before anything is measured. It logs each
# action call to stderr, as it does when run by hand; that goes to a file
# in the results.
#
# Needs go, curl, wrk and gzip, and node and npm with NEXTJS_DIR. Servers
# listen on 127.0.0.1 only; every step has a timeout; only the processes
# this script starts are stopped, by PID.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
repo=$PWD

NEXTJS_DIR=${NEXTJS_DIR:-}
DUR=${DUR:-10}                          # seconds per wrk run
CONNS=${CONNS:-"1 16 64"}               # wrk connections (concurrency), one thread
SCENARIOS=${SCENARIOS:-"increment form get"}
REPS=${REPS:-1}                         # rounds; with more than one the table shows medians
WARM=${WARM:-3}                         # seconds of warm-up load per server and scenario
COLD_REPS=${COLD_REPS:-3}               # cold starts per server; the table shows the median
SEED=${SEED:-60}                        # posts created before measuring (the page lists 50)
DEMO_PORT=${DEMO_PORT:-3300}
NEXT_PORT=${NEXT_PORT:-3100}
HOST=127.0.0.1
export NEXT_TELEMETRY_DISABLED=1

# shellcheck source=bench/lib.sh
. bench/lib.sh

tools="go curl wrk gzip"
[ -n "$NEXTJS_DIR" ] && tools+=" node npm"
for tool in $tools; do
  command -v "$tool" >/dev/null || die "missing $tool (wrk: apt-get install -y wrk)"
done
SERVERS=demo
if [ -n "$NEXTJS_DIR" ]; then
  NEXTJS_DIR=$(readlink -f "$NEXTJS_DIR")
  for f in package.json app/actions.ts wrk/increment.lua wrk/form.lua wrk/get.lua; do
    [ -f "$NEXTJS_DIR/$f" ] || die "NEXTJS_DIR=$NEXTJS_DIR does not look like the Next.js baseline (no $f)"
  done
  SERVERS="demo next"
fi

RES="$repo/bench/results/demo-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RES"
tmp=$(mktemp -d)

# ------------------------------------------------------------ setup (untimed)
if [ -n "$NEXTJS_DIR" ]; then
  nextjs_setup "$NEXTJS_DIR"
  NEXTJS_DIR=$NEXTJS_APP # the copy, installed and built
fi
log "go build ./examples/demo"
(cd examples/demo && timeout 300 go build -o "$tmp/demo" .)

# ------------------------------------------------------------ servers
declare -A PID PORT SCRIPTS ID_INC ID_CREATE RSS_IDLE RSS_LOAD COLD JS
COLD[demo]="" COLD[next]=""
PORT[demo]=$DEMO_PORT PORT[next]=$NEXT_PORT
SCRIPTS[demo]=$repo/bench/wrk SCRIPTS[next]=$NEXTJS_DIR/wrk
base() { echo "http://$HOST:${PORT[$1]}"; }

trap stop_all EXIT
trap 'exit 130' INT TERM
ports_free

start() {  # $1 = server, $2 = log name, $3 = the demo's DATA_DIR
  # Each server is started directly with &, so $! is the server itself.
  case $1 in
    demo) DATA_DIR=$3 PORT=$DEMO_PORT "$tmp/demo" > "$RES/$2.log" 2>&1 & ;;
    next) (cd "$NEXTJS_DIR" && exec node node_modules/next/dist/bin/next start -H "$HOST" -p "$NEXT_PORT") > "$RES/$2.log" 2>&1 & ;;
  esac
  PID[$1]=$!
}
stop() { stop_pid "${PID[$1]}"; unset "PID[$1]"; }

# wait_ready polls GET /posts every 10 ms until it answers 200 and prints
# the milliseconds since $2 (date +%s%N when the server was spawned).
wait_ready() {
  local s=$1 t0=$2
  while :; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$(base "$s")/posts" || true)" = 200 ]; then
      echo $((($(date +%s%N) - t0) / 1000000))
      return 0
    fi
    kill -0 "${PID[$s]}" 2>/dev/null || die "$s exited (logs in $RES)"
    [ $((($(date +%s%N) - t0) / 1000000000)) -lt 30 ] || die "$s did not answer GET /posts within 30 s (logs in $RES)"
    sleep 0.01
  done
}

# ------------------------------------------------------------ cold start
# Spawn to the first 200 on GET /posts, the servers alternating; the demo
# starts on an empty DATA_DIR each time (creating and migrating its
# database), as the Next.js app starts on its empty in-memory database.
for i in $(seq 1 "$COLD_REPS"); do
  for s in $SERVERS; do
    t0=$(date +%s%N)
    start "$s" "cold-$s-$i" "$tmp/cold-$i"
    ms=$(wait_ready "$s" "$t0")
    stop "$s"
    COLD[$s]+="$ms "
    log "cold start $s $i: ${ms} ms"
  done
done

# ------------------------------------------------------------ start, seed
for s in $SERVERS; do
  start "$s" "$s" "$tmp/data"
  wait_ready "$s" "$(date +%s%N)" > /dev/null
  RSS_IDLE[$s]=$(rss_kb "${PID[$s]}")
done

# The demo's action ids: createPost's from the form's hidden field,
# incrementLike's from the actions module the page's script imports.
html=$(curl -sS --max-time 10 "$(base demo)/posts")
ID_CREATE[demo]=$(grep -o 'name="\$ACTION_ID_[0-9a-f]*"' <<< "$html" | head -1 | sed 's/.*ACTION_ID_\([0-9a-f]*\)"/\1/')
module=$(grep -o 'import { incrementLike } from "[^"]*"' <<< "$html" | sed 's/.*from "\(.*\)"/\1/; s#\\/#/#g')
ID_INC[demo]=$(curl -sS --max-time 10 "$(base demo)$module" | sed -n 's/.*incrementLike = createAction("\([0-9a-f]*\)".*/\1/p')
[ -n "${ID_CREATE[demo]}" ] && [ -n "${ID_INC[demo]}" ] || die "no createPost or incrementLike id on the demo's /posts"
if [ -n "$NEXTJS_DIR" ]; then
  ID_INC[next]=$(nextjs_action_id "$NEXTJS_DIR" increment)
  ID_CREATE[next]=$(nextjs_action_id "$NEXTJS_DIR" createPost)
fi

total_posts() {  # the total the page's heading shows
  curl -sS --max-time 10 "$(base "$1")/posts" | grep -o '<h1>Posts ([^0-9]*[0-9]*' | grep -o '[0-9]*$' || echo 0
}
for s in $SERVERS; do
  for i in $(seq 1 "$SEED"); do
    curl -sS -o /dev/null --max-time 10 -X POST "$(base "$s")/posts" -H "Origin: $(base "$s")" \
      -F "\$ACTION_ID_${ID_CREATE[$s]}=" -F "title=Seed post $i" -F "content=The body of seed post $i." || true
  done
  n=$(total_posts "$s")
  [ "$n" -ge 50 ] || die "$s has $n posts after seeding, not 50"
  log "$s: pid ${PID[$s]}, port ${PORT[$s]}, increment ${ID_INC[$s]}, createPost ${ID_CREATE[$s]}, $n posts"
done

# One request of each scenario by hand, kept with the results.
for s in $SERVERS; do
  header=Action-Id
  [ "$s" = next ] && header=Next-Action
  curl -sS -i --max-time 10 -X POST "$(base "$s")/posts" -H "$header: ${ID_INC[$s]}" \
    -H 'Accept: text/x-component' -H 'Content-Type: text/plain;charset=UTF-8' \
    -H "Origin: $(base "$s")" --data-binary '[]' > "$RES/answer-$s-increment.txt" 2>&1 || true
  curl -sS -i --max-time 10 -X POST "$(base "$s")/posts" -H "Origin: $(base "$s")" -H 'Accept: text/html' \
    -F "\$ACTION_ID_${ID_CREATE[$s]}=" -F "title=bench title" -F "content=bench content" > "$RES/answer-$s-form.txt" 2>&1 || true
  curl -sS -i --max-time 10 "$(base "$s")/posts" -H 'Accept: text/html' > "$RES/answer-$s-get.txt" 2>&1 || true
done

# ------------------------------------------------------------ client JS
# What a browser running modules loads for /posts: every <script src>
# (but nomodule ones), every inline <script type="module">, and the modules
# these import statically, each raw and gzip -9.
js_bytes() {  # $1 = server; prints "raw gzip files"
  local s=$1 dir="$RES/js-$1" html queue=() seen=" " raw=0 gz=0 n=0 f u ref k=0
  mkdir -p "$dir"
  html="$dir/posts.html"
  curl -sS --max-time 10 "$(base "$s")/posts" -o "$html"
  while read -r tag; do
    grep -qi 'nomodule' <<< "$tag" && continue
    u=$(sed -E 's/.*src="([^"]+)".*/\1/' <<< "$tag")
    if grep -q 'type="module"' <<< "$tag"; then queue+=("module $u"); else queue+=("script $u"); fi
  done < <(grep -o '<script[^>]*src="[^"]*"[^>]*>' "$html" | sort -u)
  # inline module scripts, one file each, named as the page's URL
  awk -v dir="$dir" 'BEGIN { RS = "</script>" } {
    i = match($0, /<script[^>]*>[^<]*$/); if (!i) next
    tag = substr($0, RSTART); open = substr(tag, 1, index(tag, ">"))
    if (open ~ /src=/ || open !~ /type="module"/) next
    printf "%s", substr(tag, length(open) + 1) > (dir "/inline-" (++n) ".js") }' "$html"
  for f in "$dir"/inline-*.js; do [ -e "$f" ] && queue+=("inline $f"); done
  while [ ${#queue[@]} -gt 0 ] && [ $k -lt 100 ]; do
    read -r kind u <<< "${queue[0]}"
    queue=("${queue[@]:1}")
    k=$((k + 1))
    if [ "$kind" = inline ]; then
      f=$u u=/posts
    else
      case "$seen" in *" $u "*) continue ;; esac
      seen+="$u "
      f="$dir/$(basename "${u%%\?*}")"
      curl -sS --max-time 10 "$(base "$s")$u" -o "$f"
    fi
    raw=$((raw + $(wc -c < "$f"))); gz=$((gz + $(gzip -9 -c "$f" | wc -c))); n=$((n + 1))
    [ "$kind" = script ] && continue
    # static imports of a module: import … from "x", import "x"
    while read -r ref; do
      case $ref in
        /*) ;;
        ./*) ref="${u%/*}/${ref#./}" ;;
        *) continue ;;
      esac
      queue+=("module $ref")
    done < <(grep -oE '(from|import)[[:space:]]*"[^"]+"' "$f" | sed -E 's/.*"([^"]+)"/\1/; s#\\/#/#g')
  done
  echo "$raw $gz $n"
}
for s in $SERVERS; do
  JS[$s]=$(js_bytes "$s")
  log "$s client JS of /posts (raw, gzip, files): ${JS[$s]}"
done

# ------------------------------------------------------------ load
load() {  # $1 = server, $2 = scenario, $3 = connections, $4 = seconds, $5 = output file
  local s=$1
  ACTION_INCREMENT=${ID_INC[$s]} ACTION_CREATE=${ID_CREATE[$s]} ORIGIN=$(base "$s") \
    timeout $(($4 + 15)) wrk -t1 -c"$3" -d"$4s" --timeout 10s --latency -s "${SCRIPTS[$s]}/$2.lua" \
    "$(base "$s")/posts" > "$5" 2>&1 || true
}

h0=$(host_busy); sleep 2; h1=$(host_busy)
BUSY_BEFORE=$((100 * (h1 - h0) / HZ / 2))
log "host busy before the benchmark: ${BUSY_BEFORE}% of one core (others' work skews every figure)"
for s in $SERVERS; do for scen in $SCENARIOS; do
  log "warm-up $s $scen: ${WARM}s at 4 connections"
  load "$s" "$scen" 4 "$WARM" "$RES/warmup-$s-$scen.txt"
done; done

# Per round, scenario and concurrency every server gets one run; the order
# rotates so that no server always goes first.
declare -A R
read -ra servers <<< "$SERVERS"
k=0
for rep in $(seq 1 "$REPS"); do
  for scen in $SCENARIOS; do
    for c in $CONNS; do
      order=("${servers[@]:k % ${#servers[@]}}" "${servers[@]:0:k % ${#servers[@]}}")
      k=$((k + 1))
      for s in "${order[@]}"; do
        sleep 1
        out="$RES/wrk-$s-$scen-c$c-r$rep.txt"
        t0=$(ticks "${PID[$s]}"); h0=$(host_busy); w0=$(date +%s%N)
        load "$s" "$scen" "$c" "$DUR" "$out"
        t1=$(ticks "${PID[$s]}"); h1=$(host_busy); w1=$(date +%s%N)
        line=$(grep '^RESULT ' "$out" | sed 's/^RESULT //' || true)
        [ -n "$line" ] || { log "$s $scen c=$c: wrk gave no result (see $out)"; continue; }
        line+=$(cpu_fields "$t0" "$t1" "$h0" "$h1" "$w0" "$w1" "$(get "$line" requests)")
        R[$s,$scen,$c,$rep]=$line
        echo "server=$s scenario=$scen conc=$c round=$rep $line" >> "$RES/runs.txt"
        log "round $rep, $s, $scen, c=$c: $line"
      done
    done
  done
done
for s in $SERVERS; do RSS_LOAD[$s]=$(rss_kb "${PID[$s]}"); done
POSTS_AFTER=""
for s in $SERVERS; do POSTS_AFTER+="$s $(total_posts "$s"), "; done

# ------------------------------------------------------------ report
med() {  # $1 server, $2 scenario, $3 concurrency, $4 field: median over the rounds
  local rep
  for rep in $(seq 1 "$REPS"); do
    [ -n "${R[$1,$2,$3,$rep]:-}" ] && get "${R[$1,$2,$3,$rep]}" "$4"
  done | median
}
errors() {  # socket errors + status ≥ 400 / other answers failing the check, over the rounds
  local rep e=0 b=0 r
  for rep in $(seq 1 "$REPS"); do
    r=${R[$1,$2,$3,$rep]:-}
    [ -n "$r" ] || continue
    e=$((e + $(get "$r" err_connect) + $(get "$r" err_read) + $(get "$r" err_write) + $(get "$r" err_timeout) + $(get "$r" err_status)))
    b=$((b + $(get "$r" bad_body)))
  done
  echo "$e/$b"
}
field() { [ -n "${2:-}" ] && awk -v i="$1" '{ print $i }' <<< "$2" || echo -; }  # $1-th word of $2
cold() { tr ' ' '\n' <<< "${COLD[$1]:-}" | grep . | median; }
mb() { awk -v k="${1:-0}" 'BEGIN { if (k > 0) printf "%.1f", k / 1024; else print "-" }'; }
v() { [ -n "$NEXTJS_DIR" ] && echo "$1" || echo -; }  # a Next.js figure, "-" without it

# target: name, Next ÷ demo ratio, factor wanted → a row with met / not met
target() {
  local verdict
  verdict=$(awk -v r="$2" -v f="$3" 'BEGIN { if (r == "-" || r == "") print "not measured"; else if (r + 0 >= f) print "met"; else print "not met" }')
  printf '| %s | %s× | %s | %s |\n' "$1" "$3" "$2" "$verdict"
}
min_ratio() {  # the smallest of the ratios on stdin ("-" if any is missing)
  awk 'BEGIN { m = "" } $1 == "-" { miss = 1 } $1 != "-" && (m == "" || $1 + 0 < m) { m = $1 + 0 } END { print (miss || m == "") ? "-" : m }'
}

{
  echo "Demo vs Next.js, $(date -u +%Y-%m-%d), $(nproc) CPUs, $(go version | cut -d' ' -f3)$([ -n "$NEXTJS_DIR" ] && echo ", Next.js $(cd "$NEXTJS_DIR" && node -p 'require("next/package.json").version') on Node $(node -v)")"
  echo "wrk -t1, ${DUR}s per run, rounds: $REPS$([ "$REPS" -gt 1 ] && echo ' (medians)'), host busy before start: ${BUSY_BEFORE}% of one core"
  echo
  echo "| scenario | conc | req/s Go | req/s Next | p50 ms Go | p50 ms Next | p99 ms Go | p99 ms Next | CPU ms/req Go | CPU ms/req Next | CPU Next ÷ Go | p99 Next ÷ Go | errors Go | errors Next |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for scen in $SCENARIOS; do for c in $CONNS; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$scen" "$c" \
      "$(med demo "$scen" "$c" rps)" "$(v "$(med next "$scen" "$c" rps)")" \
      "$(med demo "$scen" "$c" p50_ms)" "$(v "$(med next "$scen" "$c" p50_ms)")" \
      "$(med demo "$scen" "$c" p99_ms)" "$(v "$(med next "$scen" "$c" p99_ms)")" \
      "$(med demo "$scen" "$c" cpu_ms_req)" "$(v "$(med next "$scen" "$c" cpu_ms_req)")" \
      "$(ratio "$(med next "$scen" "$c" cpu_ms_req)" "$(med demo "$scen" "$c" cpu_ms_req)")" \
      "$(ratio "$(med next "$scen" "$c" p99_ms)" "$(med demo "$scen" "$c" p99_ms)")" \
      "$(errors demo "$scen" "$c")" "$(v "$(errors next "$scen" "$c")")"
  done; done
  echo
  echo "| | Go (demo) | Next.js | Next ÷ Go |"
  echo "|---|---:|---:|---:|"
  printf '| RSS idle, MB | %s | %s | %s |\n' "$(mb "${RSS_IDLE[demo]}")" "$(mb "${RSS_IDLE[next]:-}")" "$(ratio "${RSS_IDLE[next]:-}" "${RSS_IDLE[demo]}")"
  printf '| RSS after the load, MB | %s | %s | %s |\n' "$(mb "${RSS_LOAD[demo]}")" "$(mb "${RSS_LOAD[next]:-}")" "$(ratio "${RSS_LOAD[next]:-}" "${RSS_LOAD[demo]}")"
  printf '| cold start to first /posts, ms (median of %s: all) | %s (%s) | %s (%s) | %s |\n' "$COLD_REPS" \
    "$(cold demo)" "${COLD[demo]% }" "$(v "$(cold next)")" "$(v "${COLD[next]% }")" "$(ratio "$(cold next)" "$(cold demo)")"
  printf '| client JS of /posts, bytes raw (files) | %s (%s) | %s (%s) | %s |\n' "$(field 1 "${JS[demo]}")" "$(field 3 "${JS[demo]}")" \
    "$(field 1 "${JS[next]:-}")" "$(field 3 "${JS[next]:-}")" "$(ratio "$(field 1 "${JS[next]:-}")" "$(field 1 "${JS[demo]}")")"
  printf '| client JS of /posts, bytes gzip -9 | %s | %s | %s |\n' "$(field 2 "${JS[demo]}")" "$(field 2 "${JS[next]:-}")" \
    "$(ratio "$(field 2 "${JS[next]:-}")" "$(field 2 "${JS[demo]}")")"
  echo
  echo "| target (Next ÷ Go at least) | wanted | measured | |"
  echo "|---|---:|---:|---|"
  for scen in $SCENARIOS; do
    target "server CPU per request, $scen (lowest over $CONNS connections)" \
      "$(for c in $CONNS; do ratio "$(med next "$scen" "$c" cpu_ms_req)" "$(med demo "$scen" "$c" cpu_ms_req)"; echo; done | min_ratio)" 20
  done
  for scen in $SCENARIOS; do
    target "p99 at 64 connections, $scen" "$(ratio "$(med next "$scen" 64 p99_ms)" "$(med demo "$scen" 64 p99_ms)")" 20
  done
  target "RSS idle" "$(ratio "${RSS_IDLE[next]:-}" "${RSS_IDLE[demo]}")" 5
  target "RSS after the load" "$(ratio "${RSS_LOAD[next]:-}" "${RSS_LOAD[demo]}")" 5
  target "cold start (median)" "$(ratio "$(cold next)" "$(cold demo)")" 10
  target "client JS, gzip" "$(ratio "$(field 2 "${JS[next]:-}")" "$(field 2 "${JS[demo]}")")" 20
  target "client JS, raw" "$(ratio "$(field 1 "${JS[next]:-}")" "$(field 1 "${JS[demo]}")")" 20
  echo
  echo "(errors: socket errors and status ≥ 400 / other answers failing the check; the demo's form answers 303 to /posts/<n>,"
  echo " the Next.js one 200 with the page. Client JS: <script src> but nomodule, inline module scripts and their static imports."
  echo " Posts at the end: ${POSTS_AFTER%, }.)"
  echo "raw output: ${RES#"$repo"/}"
} | tee "$RES/summary.md"
