# Shell helpers shared by bench/run.sh and bench/demo.sh; sourced, not run.
# They expect bash with set -euo pipefail, RES (the results folder) and an
# associative array PID (server name -> process id) in the caller.

log() { printf '[%5s] %s\n' "$SECONDS s" "$*" >&2; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# nextjs_setup prepares the Next.js baseline app of $1 in a copy of it,
# NEXTJS_WORK (by default goactions-bench/nextjs in the user's cache
# folder), and sets NEXTJS_APP to the copy: the baseline's folder is only
# read (it may be read-only). Its files but node_modules and .next are
# copied when they differ; then, when missing, npm install as the
# baseline's own run.sh does it (npm ci refuses its lock file, which lacks
# the other platforms' entries that npm 11 wants), with better-sqlite3
# compiled against the local Node headers; then next build when the
# sources are newer than the build. Only packages are downloaded.
nextjs_setup() {
  local src=$1 dir=${NEXTJS_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/goactions-bench/nextjs} f
  mkdir -p "$dir"
  while IFS= read -r f; do
    cmp -s "$src/$f" "$dir/$f" || install -D -m 644 "$src/$f" "$dir/$f"
  done < <(cd "$src" && find . \( -path ./node_modules -o -path ./.next \) -prune -o -type f -print)
  if [ ! -f "$dir/node_modules/next/package.json" ] ||
     [ ! -f "$dir/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ]; then
    log "npm install in $dir (better-sqlite3 built from source)"
    [ -d /usr/include/node ] && export npm_config_nodedir=${npm_config_nodedir:-/usr}
    (cd "$dir" && npm_config_build_from_source=true timeout 1800 npm install --no-audit --no-fund) > "$RES/npm-install.log" 2>&1 ||
      { tail -30 "$RES/npm-install.log"; die "npm install failed (log: $RES/npm-install.log)"; }
  fi
  if [ ! -f "$dir/.next/BUILD_ID" ] ||
     [ -n "$(cd "$dir" && find app lib next.config.ts package.json -newer .next/BUILD_ID -print -quit)" ]; then
    log "next build in $dir"
    (cd "$dir" && timeout 900 node node_modules/next/dist/bin/next build) > "$RES/next-build.log" 2>&1 ||
      { tail -30 "$RES/next-build.log"; die "next build failed (log: $RES/next-build.log)"; }
  fi
  NEXTJS_APP=$dir
}

# nextjs_action_id prints the id of the action exported as $2 from
# app/actions.ts of the built baseline app in $1.
nextjs_action_id() {
  (cd "$1" && timeout 10 node -e '
    const refs = require("./.next/server/server-reference-manifest.json").node;
    const id = Object.keys(refs).find(k => refs[k].exportedName === process.argv[1] && refs[k].filename === "app/actions.ts");
    if (!id) process.exit(1);
    console.log(id);' "$2") || die "no $2 action in $1/.next/server/server-reference-manifest.json"
}

# stop_pid stops one process this script started: TERM, up to 10 s, KILL.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}

# stop_all, the scripts' exit trap, stops every server in PID and removes
# the temporary folder tmp.
stop_all() {
  local s
  for s in "${!PID[@]}"; do stop_pid "${PID[$s]}"; done
  rm -rf "$tmp"
}

# ports_free fails unless no server answers on the PORT of each of SERVERS
# (HOST): a server already there is not ours to stop or to measure.
ports_free() {
  local s
  for s in $SERVERS; do
    if curl -s -o /dev/null --max-time 1 "http://$HOST:${PORT[$s]}/"; then
      die "port ${PORT[$s]} is in use; not starting $s (set ${s^^}_PORT)"
    fi
  done
}

# CPU and memory of a server: its process and any children it started.
descendants() {  # $1 = pid; prints it and every process below it
  local all
  all=$(ps -e -o pid=,ppid=)
  awk -v root="$1" '{ parent[$1] = $2 } END {
    print root; n = 1; list[1] = root
    for (i = 1; i <= n; i++) for (p in parent) if (parent[p] == list[i]) { list[++n] = p; print p } }' <<< "$all"
}
ticks() {  # utime+stime, fields 14 and 15 of /proc/PID/stat (after the ")" of comm)
  local p sum=0 t
  for p in $(descendants "$1"); do
    t=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}
rss_kb() {
  local p sum=0 r
  for p in $(descendants "$1"); do
    r=$(ps -o rss= -p "$p" 2>/dev/null | tr -d ' ') || continue
    sum=$((sum + ${r:-0}))
  done
  echo "$sum"
}
host_busy() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
HZ=$(getconf CLK_TCK)

# get prints the value of field $2 in a line of name=value pairs $1.
get() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<< "$1"; }
median() {  # the median of the numbers on stdin, "-" when none
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.3g", a / b; else print "-" }'; }

# cpu_fields prints " cpu_ms_req=… srv_pct=… host_pct=…" for a run of
# $7 requests: server ticks $1→$2, host ticks $3→$4, wall ns $5→$6.
cpu_fields() {
  awk -v t0="$1" -v t1="$2" -v h0="$3" -v h1="$4" -v w0="$5" -v w1="$6" -v n="$7" -v hz="$HZ" 'BEGIN {
    wall = (w1 - w0) / 1e9; srv = (t1 - t0) / hz; host = (h1 - h0) / hz
    printf " cpu_ms_req=%.3f srv_pct=%.0f host_pct=%.0f", (n > 0 ? 1000 * srv / n : 0), 100 * srv / wall, 100 * host / wall }'
}
