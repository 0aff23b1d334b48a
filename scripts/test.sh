#!/usr/bin/env bash
# The project's one test command: installs what the tests need, then runs
# every test. Safe to run again; installs are skipped when already present.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

log() { printf '== %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: node and npm run React's own client for the conformance
# suite; chromium runs the browser tests in internal/browsertest;
# redis-server is the shared cache of the redis module's tests, which start
# their own on loopback ports; postgresql is the demo's other database, whose
# tests make their own cluster (initdb) and run its server on a loopback
# port. Debian keeps initdb off the PATH, in /usr/lib/postgresql/<version>/bin.
# apt-get update runs only when something is missing.
need=()
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v chromium >/dev/null || need+=(chromium)
command -v redis-server >/dev/null || need+=(redis-server)
command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
# The postgresql package would make a cluster of its own and start it as a
# service: the tests need neither, so a setting of postgresql-common's
# keeps it from making one (and so there is none to start).
no_cluster=/etc/postgresql-common/createcluster.d/goactions-tests.conf
installed=0
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  if [[ " ${need[*]} " == *" postgresql "* ]]; then
    as_root mkdir -p "$(dirname "$no_cluster")"
    echo 'create_main_cluster = false' | as_root tee "$no_cluster" >/dev/null
  fi
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" || installed=$?
fi
# The setting matters only while the package's install script runs, which
# is over: left in place, it would keep every later PostgreSQL install on
# this machine (apt install postgresql-NN) from making its cluster, without
# a word. Removed whether the install worked or not, and when an earlier
# version of this script left it.
if [ -e "$no_cluster" ]; then as_root rm -f "$no_cluster"; fi
[ "$installed" = 0 ] || exit "$installed"

# The demo's pages are templ files whose generated Go (*_templ.go) is
# committed, so that go run and go build need no generator. Each is
# generated again with the pinned templ (go tool templ, from the demo's
# go.mod) into a temporary file and compared with the committed one: a
# .templ edited without regenerating, a generated file edited by hand, or a
# .templ without its generated file (or the reverse) fails here.
check_templ() {
  local dir=$1 tmp stale=0 f gen
  tmp=$(mktemp -d)
  for f in $(cd "$dir" && find . -name '*.templ' -printf '%P\n' | sort); do
    gen=${f%.templ}_templ.go
    (cd "$dir" && go tool templ generate -log-level error -f "$f" -stdout) >"$tmp/out"
    if [ ! -f "$dir/$gen" ]; then
      printf '%s/%s is missing: the generated code of %s is not committed.\n' "$dir" "$gen" "$f" >&2
      stale=1
    elif ! diff -u "$dir/$gen" "$tmp/out" >"$tmp/diff"; then
      printf '%s/%s differs from what go tool templ generate makes of %s:\n' "$dir" "$gen" "$f" >&2
      head -n 40 "$tmp/diff" >&2
      stale=1
    fi
  done
  for gen in $(cd "$dir" && find . -name '*_templ.go' -printf '%P\n' | sort); do
    if [ ! -f "$dir/${gen%_templ.go}.templ" ]; then
      printf '%s/%s has no %s: remove it, or restore its template.\n' "$dir" "$gen" "${gen%_templ.go}.templ" >&2
      stale=1
    fi
  done
  rm -rf "$tmp"
  if [ "$stale" = 1 ]; then
    printf 'The generated templ code is out of date: run (cd %s && go tool templ generate) and commit the *_templ.go files.\n' "$dir" >&2
    return 1
  fi
}
log "templ generate in examples/demo, compared with the committed *_templ.go (first: a stale one fails fast)"
check_templ examples/demo

# npm packages, each folder's pinned by its package-lock.json: React for the
# conformance suite, terser for clientjs's minified runtime. npm ci runs only
# when the lock file changed: npm rewrites its own copy of it, so the stamp
# is ours, the lock file as it was at the last successful npm ci.
npm_ci() {
  local dir=$1 stamp=$1/node_modules/.goactions-lock.json
  [ -f "$dir/package-lock.json" ] || return 0
  if ! cmp -s "$dir/package-lock.json" "$stamp" 2>/dev/null; then
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}
npm_ci flight/testdata/react
npm_ci clientjs

log "go vet"
go vet ./...
log "go test"
go test -count=1 ./...

# The browser tests, the Redis adapter and the demo are nested modules
# (chromedp, go-redis, SQLite and pgx stay out of the root go.mod), which ./...
# from the root does not reach, go.work or not.
log "go vet, go test in internal/browsertest"
(cd internal/browsertest && go vet ./... && go test -count=1 ./...)
log "go vet, go test in redis"
(cd redis && go vet ./... && go test -count=1 ./...)
log "go vet, go test in examples/demo"
(cd examples/demo && go vet ./... && go test -count=1 ./...)
