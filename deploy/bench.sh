#!/usr/bin/env bash
# The one entry point for every benchmark: deploy/bench.sh NAME [--quick] [more args].
# Each benchmark is a Release build, prints a readable table, and ends with one line holding a JSON object.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
usage() {
  echo "usage: deploy/bench.sh NAME [--quick]" >&2
  echo "benchmarks:" >&2
  for f in "$here"/bench/*.sh; do [ -e "$f" ] && echo "  $(basename "$f" .sh)" >&2; done
  exit 2
}
[ $# -ge 1 ] || usage
name=$1; shift
script="$here/bench/$name.sh"
[ -f "$script" ] || { echo "unknown benchmark '$name'" >&2; usage; }
exec bash "$script" "$@"
