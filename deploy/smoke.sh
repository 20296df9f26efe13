#!/usr/bin/env bash
# Smoke test of command 1 (deploy/run.sh) from this checkout: it must end with the API answering /health and
# /ready and the web page loading. Stops the service afterwards.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
port=${SEARCHENGINE_PORT:-8080}
url="http://127.0.0.1:$port"
cleanup() { [ -f artifacts/run/query-api.pid ] && kill "$(cat artifacts/run/query-api.pid)" 2>/dev/null || true; }
trap cleanup EXIT

bash deploy/run.sh --detach
# Bodies are read whole before grep looks at them: grep -q stops at its first match, and under pipefail the curl it
# cut off (exit 23, "failed writing body") would fail a check that passed.
health=$(curl -fsS "$url/health") && grep -q '"ok"' <<<"$health" || { echo "smoke: /health did not report ok" >&2; exit 1; }
# Ready (database reachable, every index loaded and caught up) follows health once the indexes are open.
for _ in $(seq 1 60); do curl -fsS "$url/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "$url/ready" >/dev/null || { echo "smoke: /ready failed" >&2; curl -sS "$url/ready" >&2; exit 1; }
found=$(curl -fsS "$url/api/search?collection=${SEARCHENGINE_COLLECTION:-sample}&q=a+dog+running&k=3") && grep -q '"uri"' <<<"$found" || { echo "smoke: a text search found nothing" >&2; exit 1; }
# The sample's files are served from inside the media roots (the first hit's media answers 200).
first=$(curl -fsS "$url/api/search?collection=${SEARCHENGINE_COLLECTION:-sample}&q=a+dog+running&k=1&modality=image") || { echo "smoke: an image search failed" >&2; exit 1; }
media=$(grep -o '"media_url":"[^"]*"' <<<"$first" | head -n 1 | cut -d'"' -f4 || true)
[ -n "$media" ] && curl -fsS -o /dev/null "$url$media" || { echo "smoke: the first image hit's media ($media) was not served" >&2; exit 1; }
page=$(curl -fsS "$url/") && grep -qi '<title>' <<<"$page" || { echo "smoke: the page did not load" >&2; exit 1; }
echo "smoke: command 1 serves $url (health, ready, page): ok"
# Re-running command 1 must be safe and fast: everything is cached or skipped.
cleanup
start=$(date +%s)
bash deploy/run.sh --detach
echo "smoke: second run of command 1 took $(( $(date +%s) - start )) s"
