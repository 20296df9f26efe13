#!/usr/bin/env bash
# OCR benchmark (issue #18): text in pictures, read by the enrichment pass and found by text queries.
#   deploy/bench.sh ocr                500 pictures: 250 with text (200 upright, 50 turned 90/180/270°), 250 without
#   deploy/bench.sh ocr --quick        60 pictures (30 with text, 6 of them turned)
#   deploy/bench.sh ocr --keep DIR     keep the pictures in DIR/pictures, with DIR/truth.tsv (file, text, angle, size,
#                                      font, plate, case, centre, photo, query) and DIR/results.tsv (per picture: lines
#                                      detected, text read, the query's rank, the cause of a miss); DIR must be empty
#   --seed N                           another set of pictures (default 18)
# Steps: Release builds (benchmarks with query-api, indexer); PostgreSQL (deploy/postgres.sh) with a throwaway database,
# dropped at the end; the default offline pack (deploy/train-pack.sh when it is not in the cache); ocr-prepare draws the
# pictures on ImageNet-sample photos (evaluation only: nothing is tuned on them) with words of a fixed sign-word list;
# 'indexer index' indexes them all into bench-ocr and the text-free ones alone (a manifest) into bench-ocr-no-text;
# ocr-enrich runs the enrichment pass (PictureTextPass, 2 workers) over bench-ocr-no-text, then bench-ocr, each timed
# on its own; query-api (Release, its own background reading off: everything is read) on 127.0.0.1:<free port>;
# ocr-evaluate compares the stored text with the truth, runs one text query per text picture through GET /api/search,
# and the presence check (DetectLines) on every picture. Goals: R@10 upright >= 95 %, R@10 with rotated text >= 85 %,
# text-free pictures skipped by the presence check >= 70 %, text pictures missed <= 3 %, >= 20 text-free pictures/s.
# The last line of output is one JSON object. Run it under nice on a shared machine; the table gives the load average.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=deploy/bench/query-api.sh
source "$root/deploy/bench/query-api.sh"
count=500
keep=""
seed=18
while [ $# -gt 0 ]; do
  case $1 in
    --quick) count=60 ;;
    --keep) keep=${2:?--keep needs a folder}; shift ;;
    --seed) seed=${2:?--seed needs a number}; shift ;;
    *) echo "unknown argument '$1' (usage: deploy/bench.sh ocr [--quick] [--keep DIR] [--seed N])" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "[ocr] $*" >&2; }
if [ -n "$keep" ]; then
  if [ -e "$keep" ] && [ -n "$(ls -A "$keep")" ]; then
    echo "--keep $keep: the folder is not empty (its files would be indexed with the new pictures)" >&2; exit 2
  fi
  mkdir -p "$keep"
  keep=$(cd "$keep" && pwd)
fi
command -v tesseract >/dev/null || { log "tesseract is not installed (apt-get install tesseract-ocr)"; exit 1; }

started=$(date +%s)
log "machine load: $(uptime)"
dotnet build "$root/tests/SearchEngine.Benchmarks" -c Release -nologo -v q >&2
dotnet build "$root/indexer/SearchEngine.Indexer.csproj" -c Release -nologo -v q >&2
bench=(dotnet "$root/tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll")
indexer=(dotnet "$root/indexer/bin/Release/net10.0/searchengine-indexer.dll")

create_throwaway_database ocr

ensure_default_pack

work=$(mktemp -d)
set_dir=${keep:-$work/set}
service_pid=""
clean_up_on_exit

"${bench[@]}" ocr-prepare --output "$set_dir" --count "$count" --seed "$seed"

export ConnectionStrings__Search="$connection" Search__IndexFolder="$work/index"
index() { # collection, then what to index
  local collection=$1; shift
  log "indexing $collection"
  "${indexer[@]}" index "$@" --collection "$collection" --summary-json "$work/$collection.index.json" >"$work/$collection.index.log" 2>&1 \
    || { tail -n 30 "$work/$collection.index.log" >&2; exit 1; }
}
index bench-ocr "$set_dir/pictures"
index bench-ocr-no-text --manifest "$set_dir/no-text.tsv"

# The text-free collection first, each pass timed on its own, in a process of its own.
"${bench[@]}" ocr-enrich --connection "$connection" --collection bench-ocr-no-text --workers 2 --output "$work/enrich-no-text.json"
"${bench[@]}" ocr-enrich --connection "$connection" --collection bench-ocr --workers 2 --output "$work/enrich-all.json"

start_query_api "$connection" "$work/service.log" Search__IndexFolder="$work/index" Ocr__Enabled=false

status=0
"${bench[@]}" ocr-evaluate --url "$url" --connection "$connection" --set "$set_dir" --collection bench-ocr \
  --enrich-no-text "$work/enrich-no-text.json" --enrich-all "$work/enrich-all.json" --results "$set_dir/results.tsv" >"$work/report.txt" || status=$?
if [ $status -ne 0 ]; then log "the evaluation failed; the service's log:"; tail -n 50 "$work/service.log" >&2; fi
log "machine load: $(uptime)"
log "run time $(($(date +%s) - started)) s"
[ -n "$keep" ] && log "pictures kept in $keep/pictures (truth.tsv, results.tsv beside them); index them with: indexer index $keep/pictures --collection NAME, then indexer enrich --collection NAME"
# The report goes out last, so its final line (the JSON object) is the last line of the run, stderr included.
cat "$work/report.txt"
exit $status
