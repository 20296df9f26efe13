#!/usr/bin/env bash
# Embedding-map benchmark (issue 17): UMAP layout time (src/SearchEngine.Maps) of synthetic clustered 256-d unit vectors
# at 10k and 100k points on 2 threads, the time of each stage, and trustworthiness at k = 10 of the 10k layout.
# Then the page's Map view in Chromium (DevTools protocol, through Playwright) over a generated 100k-point map: the
# time to its first frame and the frames per second while dragging. Goals: layout of 100k <= 2 min, trustworthiness
# >= 0.9, first draw <= 1000 ms, pan >= 50 fps. The last line of stdout is one JSON object with layout_s_10k,
# layout_s_100k, trustworthiness_10k, first_draw_ms_100k and pan_fps (--page-only: those two alone).
# The page part needs Chromium at /usr/bin/chromium (or $SEARCHENGINE_CHROMIUM): deploy/install-deps.sh test.
#   deploy/bench.sh map [--sizes 10000,100000] [--threads 2] [--seed 42] [--page-only | --no-page] [--page-points 100000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q >&2
exec dotnet tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll map "$@"
