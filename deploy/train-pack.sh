#!/usr/bin/env bash
# Builds the default offline model pack (MobileNetV2 / YAMNet / GloVe features + heads trained here) into the cache:
#   <cache>/packs/offline-1   (cache = $SEARCHENGINE_CACHE or ~/.cache/searchengine)
# Idempotent: when a complete pack with the same configuration hash (data manifest, backbone files, hyper-parameters,
# recipe version) exists, it prints "pack up to date" and exits at once. Backbone features are cached in
# <cache>/features, so a retrain after a hyper-parameter change skips extraction.
# Usage: deploy/train-pack.sh [--force] [--device cpu|cuda|auto] [--threads N] [--no-eval] [--pack-folder DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/deploy/install-deps.sh" run   # ffmpeg decodes the audio: without it every clip would fail
dotnet build "$root/indexer" -c Release -nologo -v quiet >&2
exec dotnet "$root/indexer/bin/Release/net10.0/searchengine-indexer.dll" train "$@"
