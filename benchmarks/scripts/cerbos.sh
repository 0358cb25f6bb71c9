#!/usr/bin/env bash
# The Cerbos server binary for the benchmark peer, from the npm package `cerbos` (which ships it),
# installed into benchmarks/.cerbos (git-ignored).
#   cerbos.sh install   npm install (idempotent; needs node and npm: apt-get install nodejs npm)
#   cerbos.sh path      print the binary's path
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="$ROOT/benchmarks/.cerbos"
VERSION="${CERBOS_VERSION:-0.51.0}"
binary() { find "$DIR/node_modules/@cerbos" -maxdepth 2 -type f -name 'cerbos-*' -perm -u+x 2>/dev/null | head -n 1; }
case "${1:-}" in
  install)
    if [[ -z "$(binary)" ]]; then
      if ! command -v npm >/dev/null; then
        [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null && apt-get install -y -q nodejs npm >/dev/null
      fi
      mkdir -p "$DIR"
      npm install --prefix "$DIR" --no-audit --no-fund --silent "cerbos@$VERSION" >/dev/null
    fi
    echo "cerbos: $("$(binary)" --version | head -n 1) at $(binary)"
    ;;
  path) binary ;;
  *) sed -n '2,5s/^# \{0,1\}//p' "$0"; exit 2 ;;
esac
