#!/usr/bin/env bash
# scripts/node-line.sh MAJOR: prints the folder holding the `node` binary of that Node line
# (20, 22, 24, 26 …), installed once from the npm registry's `node` package into a cache
# folder ($STINT_NODE_CACHE, default .cache/node in the clone) and reused afterwards.
# Usage: PATH="$(scripts/node-line.sh 24):$PATH" npm test
set -euo pipefail
major="${1:?usage: node-line.sh MAJOR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${STINT_NODE_CACHE:-$root/.cache/node}"
prefix="$cache/node-$major"
bin="$prefix/node_modules/node/bin"

if ! "$bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  # Its own npm cache too: nothing is written to the user's.
  npm install --prefix "$prefix" --cache "$cache/npm-cache" --no-save --no-package-lock \
    --no-audit --no-fund --loglevel=error "node@$major" >&2
  "$bin/node" --version >/dev/null
fi
echo "$bin"
