#!/usr/bin/env bash
# Walks the page's features on a running server in real Chromium: the embedding map (every document drawn, zoom, a
# lasso that limits the next search), search by a cropped region of a result, an audio result's moments, a word read
# on a sign (text in pictures: the card's explanation and the outlined word), later pages
# by scrolling, and the phone-width layout by keyboard. Run it against command 1 (`deploy/run.sh --detach` first):
#   deploy/walkthrough.sh [URL] [COLLECTION] [TEXT_COLLECTION]      defaults: http://127.0.0.1:8080 sample sample
# (TEXT_COLLECTION: the collection whose pictures' text is searched, e.g. a folder of signs uploaded beside the sample)
# It drives Chromium with the Playwright driver that the browser tests' build carries (tests/SearchEngine.Web.Tests),
# saves screenshots to artifacts/walkthrough/, prints one line per check and ends with one JSON object; exit 1 if a
# check failed or the page threw.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
url=${1:-http://127.0.0.1:8080}
collection=${2:-sample}
text_collection=${3:-$collection}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$root/tests/SearchEngine.Web.Tests" -c Release -nologo -v q >&2
driver="$root/tests/SearchEngine.Web.Tests/bin/Release/net10.0/.playwright"
shots="$root/artifacts/walkthrough"
mkdir -p "$shots"
PLAYWRIGHT_CORE="$driver/package" CHROMIUM=${SEARCHENGINE_CHROMIUM:-/usr/bin/chromium} \
  "$driver/node/linux-x64/node" "$root/deploy/walkthrough/walkthrough.mjs" "$url" "$collection" "$shots" "$text_collection"
