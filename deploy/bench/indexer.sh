#!/usr/bin/env bash
# Indexing benchmark (Release): end-to-end throughput of the real indexer on the 8,091 Flickr8k images and on the
# UrbanSound8K clips in the shared folder (folds 1-2, via their labels.tsv as a manifest), and the vector-only path
# (PostgreSQL COPY + HNSW catch-up, no decoding or embedding) on generated documents. Each run goes into a fresh
# database. Prints a table and, as its last line, one JSON object with flickr8k_images_per_s, vector_docs_per_s and
# peak_rss_mb (the largest peak RSS of the runs), plus the per-run details.
#   deploy/bench.sh indexer [--quick]      --quick: 1,000 images, 200 clips, 10,000 vectors
# Environment: ConnectionStrings__Search (else deploy/postgres.sh), SEARCHENGINE_BENCH_PACK (a pack folder or id;
# else `pack ensure-default`, which trains the offline pack once), SEARCHENGINE_BENCH_VECTORS (default 100000),
# SEARCHENGINE_BENCH_CLIPS (UrbanSound8K clips to index; default all 1,761).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
quick=false
[ "${1:-}" = --quick ] && quick=true
step() { echo "==> $*" >&2; }

out="$root/artifacts/bench/indexer-run"
rm -rf "$out"; mkdir -p "$out"
step "build (Release)"
dotnet build indexer/SearchEngine.Indexer.csproj -c Release -nologo -v q -o artifacts/bench/indexer 2>&1 | tail -n 3 >&2
indexer() { dotnet artifacts/bench/indexer/searchengine-indexer.dll "$@"; }

step "PostgreSQL: a fresh database"
base=${ConnectionStrings__Search:-$(bash deploy/postgres.sh)}
field() { sed -n "s/.*\(^\|;\)$1=\([^;]*\).*/\2/Ip" <<<"$base" | head -n 1; }
export PGHOST=$(field Host) PGPORT=$(field Port) PGUSER=$(field Username) PGPASSWORD=$(field Password)
PGPORT=${PGPORT:-5432}
db=se_bench_indexer
psql -d "$(field Database)" -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >&2
export ConnectionStrings__Search="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$db"
export Search__IndexFolder="$out/index"

pack=${SEARCHENGINE_BENCH_PACK:-}
if [ -z "$pack" ]; then
  step "default model pack"
  pack=$(indexer pack ensure-default)
fi
echo "    pack: $pack" >&2

shared=${SEARCHENGINE_SHARED:-$(cd "$root/.." && pwd)/shared}
flickr="$shared/datasets/flickr8k/images"
urban="$shared/datasets/urbansound8k/labels.tsv"
vectors=${SEARCHENGINE_BENCH_VECTORS:-100000}
if $quick; then
  find "$flickr" -name '*.jpg' | sort >"$out/all-images.txt"
  { echo path; head -n 1000 "$out/all-images.txt"; } >"$out/flickr.tsv"
  sed -n "1p;2,201s|^|$shared/datasets/urbansound8k/|p" "$urban" >"$out/urban.tsv"
  flickr_args=(--manifest "$out/flickr.tsv"); urban_args=(--manifest "$out/urban.tsv"); vectors=10000
elif [ -n "${SEARCHENGINE_BENCH_CLIPS:-}" ]; then
  flickr_args=("$flickr")
  sed -n "1p;2,$((SEARCHENGINE_BENCH_CLIPS + 1))s|^|$shared/datasets/urbansound8k/|p" "$urban" >"$out/urban.tsv"
  urban_args=(--manifest "$out/urban.tsv")
else
  flickr_args=("$flickr"); urban_args=(--manifest "$urban")
fi

run() { # name, then indexer arguments; peak RSS from GNU time, summary as JSON
  local name=$1; shift
  step "$name"
  /usr/bin/time -f %M -o "$out/$name.rss" dotnet artifacts/bench/indexer/searchengine-indexer.dll "$@" \
    --summary-json "$out/$name.json" >"$out/$name.log" 2>"$out/$name.err" || { tail -n 30 "$out/$name.err" >&2; exit 1; }
  head -n 3 "$out/$name.log" >&2
}
run flickr8k index "${flickr_args[@]}" --collection bench-flickr8k --pack "$pack"
run urbansound8k index "${urban_args[@]}" --collection bench-urbansound8k --pack "$pack"
step "vector-only: $vectors documents into PostgreSQL + HNSW"
/usr/bin/time -f %M -o "$out/vectors.rss" dotnet artifacts/bench/indexer/searchengine-indexer.dll bench-vectors --count "$vectors" \
  >"$out/vectors.json" 2>"$out/vectors.err" || { tail -n 30 "$out/vectors.err" >&2; exit 1; }

python3 - "$out" "$pack" "$(uptime)" <<'PY'
import json, sys
out, pack, uptime = sys.argv[1], sys.argv[2], sys.argv[3]
def rss(name): return round(int(open(f"{out}/{name}.rss").read().split()[-1]) / 1024, 1)
runs = {n: json.load(open(f"{out}/{n}.json")) for n in ("flickr8k", "urbansound8k")}
vec = json.loads(open(f"{out}/vectors.json").read().strip().splitlines()[-1])
print(f"{'run':<14}{'docs':>8}{'failed':>8}{'seconds':>10}{'docs/s':>10}{'peak MB':>10}{'PG share':>10}")
result = {"pack": pack, "load": uptime.split("load average:")[-1].strip()}
for name, r in runs.items():
    stages = r["stage_seconds"]
    pg = (stages.get("check", 0) + stages.get("store", 0)) / r["seconds"] if r["seconds"] else 0
    print(f"{name:<14}{r['indexed']:>8}{r['failed']:>8}{r['seconds']:>10.1f}{r['documents_per_s']:>10.1f}{rss(name):>10}{pg:>10.2f}")
    result[name] = {"documents": r["indexed"], "failed": r["failed"], "seconds": r["seconds"], "documents_per_s": r["documents_per_s"],
                    "peak_rss_mb": rss(name), "pg_time_share": round(pg, 3), "stage_seconds": stages}
print(f"{'vectors':<14}{vec['vector_docs']:>8}{0:>8}{vec['seconds']:>10.1f}{vec['vector_docs_per_s']:>10.1f}{rss('vectors'):>10}{vec['pg_time_share']:>10.2f}")
vec["peak_rss_mb"] = rss("vectors")
result["vectors"] = vec
summary = {"flickr8k_images_per_s": runs["flickr8k"]["documents_per_s"],
           "urbansound8k_clips_per_s": runs["urbansound8k"]["documents_per_s"],
           "vector_docs_per_s": vec["vector_docs_per_s"],
           "peak_rss_mb": max(rss("flickr8k"), rss("urbansound8k"), rss("vectors"))}
summary.update(result)
print(json.dumps(summary))
PY
