#!/usr/bin/env bash
# Embedding-map benchmark (issue 17): UMAP layout time (src/SearchEngine.Maps) of synthetic clustered 256-d unit vectors
# at 10k and 100k points on 2 threads, the time of each stage, and trustworthiness at k = 10 of the 10k layout.
# Goals: layout of 100k <= 2 min, trustworthiness >= 0.9. The last line of stdout is one JSON object with
# layout_s_10k, layout_s_100k and trustworthiness_10k (the page's first_draw_ms_100k and pan_fps come from its own run).
#   deploy/bench.sh map [--sizes 10000,100000] [--threads 2] [--seed 42]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q >&2
exec dotnet tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll map "$@"
