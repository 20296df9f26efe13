#!/usr/bin/env bash
# Evaluates the default model pack on the held-out sets (Flickr8k 1k test, UrbanSound8K fold 1, zero-shot ImageNet
# labels); builds the pack first when it is missing (deploy/train-pack.sh, cached). Prints a table; the last line of
# stdout is one JSON object (flickr8k_test.t2i.r1/r5/r10, flickr8k_test.i2t.r1/r5/r10, us8k_fold1.t2a_map,
# us8k_fold1.a2a_p1, imagenet_zeroshot.top1/top5, ...).
# Usage: deploy/bench.sh eval [--pack DIR] [--output report.json]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
args=()
for a in "$@"; do [ "$a" = "--quick" ] || args+=("$a"); done   # eval has no quick mode: the held-out sets are small
pack_given=false
for a in "${args[@]+"${args[@]}"}"; do [ "$a" = "--pack" ] && pack_given=true; done
if [ "$pack_given" = false ]; then
  bash "$root/deploy/train-pack.sh" --no-eval >&2
else
  dotnet build "$root/indexer" -c Release -nologo -v quiet >&2
fi
exec dotnet "$root/indexer/bin/Release/net10.0/searchengine-indexer.dll" eval "${args[@]+"${args[@]}"}"
