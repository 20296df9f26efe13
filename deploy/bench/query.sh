#!/usr/bin/env bash
# Query benchmark: load on the running query API plus the rerank on/off evaluation.
#   deploy/bench.sh query            100,000 generated documents, full request counts, 2,000 caption queries per split
#   deploy/bench.sh query --quick    10,000 generated documents, few requests, 400 caption queries per split
# Steps: Release build; PostgreSQL (deploy/postgres.sh) with a dedicated database searchengine_bench (created when
# missing); the default offline pack (deploy/train-pack.sh when it is not in the cache); the collections (generated
# N-document collection with Flickr8k train captions; Flickr8k dev and test images with caption #0; UrbanSound8K fold 1),
# each kept between runs; the rerank evaluation in-process; then query-api (Release) on 127.0.0.1:<free port>, the load
# client against it, and the service stopped again. The last line of output is one JSON object.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/bench/query-api.sh
source "$root/deploy/bench/query-api.sh"
quick=false
pack_args=()
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=true ;;
    --pack) pack_args=(--pack "$2"); shift ;;   # another installed pack instead of the default one
    *) echo "unknown argument '$1' (usage: deploy/bench.sh query [--quick] [--pack ID])" >&2; exit 2 ;;
  esac
  shift
done
if [ "$quick" = true ]; then generated=10000; rerank_queries=400; else generated=100000; rerank_queries=2000; fi
log() { echo "[query] $*" >&2; }

log "machine load: $(uptime)"
dotnet build "$root/tests/SearchEngine.Benchmarks" -c Release -nologo -v q >&2
bench=(dotnet "$root/tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll")

base=$(bash "$root/deploy/postgres.sh")
database=${SEARCHENGINE_BENCH_DATABASE:-searchengine_bench}   # a dedicated database, never the main one
if ! PGPASSWORD=searchengine psql "host=127.0.0.1 user=searchengine dbname=searchengine" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
  log "creating database $database"
  PGPASSWORD=searchengine psql "host=127.0.0.1 user=searchengine dbname=searchengine" -qc "CREATE DATABASE $database" >&2
fi
connection="${base%Database=*}Database=$database"

[ ${#pack_args[@]} -gt 0 ] || ensure_default_pack

work=$(mktemp -d)
service_pid=""
cleanup() {
  stop_query_api
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM   # a signal ends the script; EXIT then stops the service

"${bench[@]}" query-prepare --connection "$connection" --generated "$generated" --rerank-queries "$rerank_queries" --output "$work/rerank.json" "${pack_args[@]+"${pack_args[@]}"}" | grep -v '^{' || true
[ -s "$work/rerank.json" ] || { log "the rerank evaluation wrote no result"; exit 1; }

start_query_api "$connection" "$work/service.log"

load_args=(--url "$url" --collection "bench-generated-$generated" --documents "$generated"
  --image-collection bench-flickr8k-test --audio-collection bench-us8k-fold1 --rerank "$work/rerank.json" --service-pid "$service_pid")
[ "$quick" = true ] && load_args+=(--quick)
status=0
"${bench[@]}" query-load "${load_args[@]}" >"$work/load.txt" || status=$?
log "machine load: $(uptime)"
# The load report goes out last, so its final line (the JSON object) is the last line of the run, stderr included.
cat "$work/load.txt"
exit $status
