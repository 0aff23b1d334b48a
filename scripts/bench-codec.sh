#!/usr/bin/env bash
# Measures the flight codec against React 19.3.1's own on the same payloads,
# in one run, and prints the side-by-side table recorded in flight/README.md.
#   ./scripts/bench-codec.sh            # 5 Go runs per benchmark
#   COUNT=10 ./scripts/bench-codec.sh
# Needs node and the npm packages that ./scripts/test.sh installs.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
react=flight/testdata/react
[ -d "$react/node_modules/react-server-dom-webpack" ] || (cd "$react" && npm ci --no-audit --no-fund --loglevel=error)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== React (node $(node --version), NODE_ENV=production, edge builds)" >&2
(cd "$react" && NODE_ENV=production node --conditions react-server bench-codec.mjs) > "$out/react.json"
echo "== Go ($(go version | cut -d' ' -f3))" >&2
go test -run '^$' -bench 'Form10|ReplyArgs|Rows|ReplyList100' -benchmem -count "${COUNT:-5}" ./flight > "$out/go.txt"
node "$react/bench-table.mjs" "$out/react.json" < "$out/go.txt"
