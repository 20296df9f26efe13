#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1 and that the role and database `searchengine` exist on it.
# Installs Debian's postgresql package and starts (or creates) a local cluster with pg_ctlcluster when needed.
# Prints the connection string on stdout; everything else goes to stderr. Safe to run again.
set -euo pipefail
log() { echo "[postgres] $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

role=${SEARCHENGINE_PG_ROLE:-searchengine}
password=${SEARCHENGINE_PG_PASSWORD:-searchengine}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing postgresql (apt)"
  as_root apt-get update -qq >&2 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

cluster=$(pg_lsclusters -h 2>/dev/null | head -n 1 || true)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  log "creating cluster $version/main"
  as_root pg_createcluster "$version" main >&2
  cluster=$(pg_lsclusters -h | head -n 1)
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  log "starting cluster $version/$name on port $port"
  as_root pg_ctlcluster "$version" "$name" start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p "$port" || { log "cluster $version/$name did not come up on port $port"; exit 1; }

as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
-- CREATEROLE lets 'searchengine-indexer migrate' create the query API's read-only role (least privilege for the API).
ALTER ROLE $role CREATEROLE;
SQL
if ! as_postgres psql -tAq -p "$port" -c "SELECT 1 FROM pg_database WHERE datname = '$role'" | grep -q 1; then
  as_postgres createdb -p "$port" -O "$role" "$role" >&2
fi
echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$role"
