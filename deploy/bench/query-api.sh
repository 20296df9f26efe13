# Sourced by the benchmarks that load the real query API over HTTP (query.sh, ingest.sh, ocr.sh).
# start_query_api CONNECTION LOG [NAME=VALUE ...]: starts the Release query API on 127.0.0.1:<a free port> with the
# per-client rate limits lifted (one benchmark client would otherwise be answered mostly with 429s) and the extra
# settings given, waits until /ready answers, and sets url and service_pid; prints the log and exits when it does not.
start_query_api() {
  local connection=$1 service_log=$2
  shift 2
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  url="http://127.0.0.1:$port"
  log "starting query-api on $url"
  env ConnectionStrings__Search="$connection" ASPNETCORE_URLS="$url" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    QueryApi__RateLimits__RequestsPerWindow=100000000 QueryApi__RateLimits__UploadsPerWindow=100000000 "$@" \
    dotnet "$root/query-api/bin/Release/net10.0/SearchEngine.QueryApi.dll" --contentRoot "$root/query-api" >"$service_log" 2>&1 &
  service_pid=$!
  local ready=false
  for _ in $(seq 1 600); do
    if curl -fsS "$url/ready" >/dev/null 2>&1; then ready=true; break; fi
    kill -0 "$service_pid" 2>/dev/null || break
    sleep 1
  done
  if [ "$ready" != true ]; then
    log "query-api did not become ready; its log:"; cat "$service_log" >&2; exit 1
  fi
  log "query-api ready"
}

# ensure_default_pack: trains the default offline pack (deploy/train-pack.sh) when the cache holds none.
ensure_default_pack() {
  if ! ls "${SEARCHENGINE_CACHE:-$HOME/.cache/searchengine}"/packs/*/pack.json >/dev/null 2>&1; then
    log "no default pack in the cache: building it (deploy/train-pack.sh)"
    bash "$root/deploy/train-pack.sh" --no-eval >&2
  fi
}

# stop_query_api: stops the API start_query_api started, if it still runs (for the scripts' EXIT traps).
stop_query_api() {
  if [ -n "${service_pid:-}" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
}

# create_throwaway_database NAME: creates database searchengine_bench_NAME_<pid> (never the main one) on the local
# cluster and sets database and connection to it; drop_throwaway_database (for the EXIT traps) drops it.
create_throwaway_database() {
  local base
  base=$(bash "$root/deploy/postgres.sh")
  database="searchengine_bench_$1_$$"
  PGPASSWORD=searchengine psql "host=127.0.0.1 user=searchengine dbname=searchengine" -qc "CREATE DATABASE $database" >&2
  connection="${base%Database=*}Database=$database"
}

drop_throwaway_database() {
  if [ -n "${database:-}" ]; then
    PGPASSWORD=searchengine psql "host=127.0.0.1 user=searchengine dbname=searchengine" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >&2 || true
  fi
}

# clean_up_on_exit: on exit, or on a signal, stop the API start_query_api started, drop the throwaway database and
# delete the scratch folder $work.
clean_up_on_exit() {
  trap 'stop_query_api; drop_throwaway_database; rm -rf "${work:-}"' EXIT
  trap "exit 130" INT TERM   # a signal ends the script; EXIT then cleans up
}
