#!/usr/bin/env bash
# Ingest benchmark: uploads over HTTP to the real query API (POST /api/collections/{name}/documents).
#   deploy/bench.sh ingest            400 pictures per phase
#   deploy/bench.sh ingest --quick    100 pictures per phase
# Steps: Release build; PostgreSQL (deploy/postgres.sh) with a throwaway database, dropped at the end; the default
# offline pack (deploy/train-pack.sh when it is not in the cache); ingest-prepare migrates, makes the empty collection,
# a write key and the 640x480 JPEG pictures (3 phases' worth); query-api (Release) on 127.0.0.1:<free port> with its
# index and upload store in a temporary folder; ingest-load uploads one picture per request with 1 and then 4 clients
# (pictures/s), then with 4 clients that search by each picture after its 201 until it is the top hit
# (time-to-searchable, p50/p99). Goals: >= 50 pictures/s with 4 clients; time-to-searchable p99 <= 2 s.
# The last line of output is one JSON object.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/bench/query-api.sh
source "$root/deploy/bench/query-api.sh"
per_phase=400
while [ $# -gt 0 ]; do
  case $1 in
    --quick) per_phase=100 ;;
    *) echo "unknown argument '$1' (usage: deploy/bench.sh ingest [--quick])" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "[ingest] $*" >&2; }

log "machine load: $(uptime)"
dotnet build "$root/tests/SearchEngine.Benchmarks" -c Release -nologo -v q >&2
bench=(dotnet "$root/tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll")

create_throwaway_database ingest

ensure_default_pack

work=$(mktemp -d)
service_pid=""
clean_up_on_exit

# Three phases' pictures and one for the warm-up upload.
"${bench[@]}" ingest-prepare --connection "$connection" --images "$work/pictures" --count $((per_phase * 3 + 1)) --key-file "$work/key"

start_query_api "$connection" "$work/service.log" Search__IndexFolder="$work/index"

status=0
"${bench[@]}" ingest-load --url "$url" --images "$work/pictures" --key-file "$work/key" >"$work/load.txt" || status=$?
if [ $status -ne 0 ]; then log "the load failed; the service's log:"; tail -n 50 "$work/service.log" >&2; fi
log "machine load: $(uptime)"
# The report goes out last, so its final line (the JSON object) is the last line of the run, stderr included.
cat "$work/load.txt"
exit $status
