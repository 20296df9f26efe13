#!/usr/bin/env bash
# Encoder benchmark (issue: encoders): images/s and audio real-time factor of the default pack, batch 1/8/32,
# decode/preprocess/inference breakdown. Needs the default pack (deploy/run.sh or `searchengine-indexer pack ensure-default`).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
bash deploy/install-deps.sh run
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q -o artifacts/benchmarks >&2
dotnet artifacts/benchmarks/SearchEngine.Benchmarks.dll encoders "$@"
