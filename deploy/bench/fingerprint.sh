#!/usr/bin/env bash
# Audio fingerprint benchmark (issue 14): does a 2-10 s clip find the exact recording, and the second, it comes from?
#   deploy/bench.sh fingerprint            ~3.4 h corpus, 100 clips per condition (300 for the three with goals), scale run towards 10,000 h
#   deploy/bench.sh fingerprint --quick    ~20 min corpus, 12 clips per condition, scale run at 100 h (10,000 h extrapolated)
# Other arguments go to the C# side: --queries N, --memory-gb GB and --scale-minutes M (scale-run budgets, default 8 GB and
# 10 min, 2 for --quick), --cache DIR.
# The corpus (espeak-ng speech as MP4 videos, UrbanSound8K fold 2, FSDD) and the distorted query clips are made with
# ffmpeg and espeak-ng into $SEARCHENGINE_CACHE/fpcorpus (default ~/.cache/searchengine), once per size.
# See docs/fingerprint-benchmark.md. The last line of output is one JSON object.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
for tool in ffmpeg espeak-ng; do
  command -v "$tool" >/dev/null || { echo "fingerprint benchmark needs $tool (apt-get install ffmpeg espeak-ng)" >&2; exit 1; }
done
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q >&2
exec dotnet tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll fingerprint "$@"
