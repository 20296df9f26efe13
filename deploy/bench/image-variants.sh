#!/usr/bin/env bash
# Image test-time augmentation on Flickr8k dev (issue 12, item 3): recall and time per photo of the default pack's image
# tower as is, averaged with the mirror image, and averaged over five crops. Needs the default pack.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
bash deploy/install-deps.sh run
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q -o artifacts/benchmarks >&2
dotnet artifacts/benchmarks/SearchEngine.Benchmarks.dll image-variants "$@"
