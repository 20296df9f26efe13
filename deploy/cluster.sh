#!/usr/bin/env bash
# Starts a search cluster of Orleans silos on loopback (issue #15): each silo hosts shard replicas of collections
# (src/SearchEngine.Cluster), with its own folder of shard index files, over the same PostgreSQL. Silo i listens on
# 127.0.0.1:(11111+i) for silos and 127.0.0.1:(30000+i) for clients. The member list is in PostgreSQL (migration V006,
# cluster_members; SEARCHENGINE_MEMBERSHIP=Localhost for Orleans' development clustering, where silo 0 keeps it).
# The schema must be migrated already (deploy/run.sh, or searchengine-indexer migrate); silos never change it.
#   deploy/cluster.sh          start 3 silos in the background; returns once every gateway answers
#   deploy/cluster.sh start N  start N silos
#   deploy/cluster.sh stop     stop the silos this script started (pids in artifacts/cluster/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
state=artifacts/cluster
step() { echo "==> $*" >&2; }

stop() {
  shopt -s nullglob
  for pidfile in "$state"/silo*.pid; do
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      step "stopping $(basename "$pidfile" .pid) (pid $pid)"
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
  done
}

command=${1:-start}
silos=${2:-3}
case "$command" in
  stop) stop; exit 0 ;;
  start) ;;
  *) echo "usage: deploy/cluster.sh [start [N] | stop]" >&2; exit 2 ;;
esac

if [ -z "${ConnectionStrings__Search:-}" ]; then
  step "PostgreSQL"
  ConnectionStrings__Search=$(bash deploy/postgres.sh)
fi
export ConnectionStrings__Search

step "build the silo (Release)"
dotnet build silo/SearchEngine.Silo.csproj -c Release -nologo -v q -o artifacts/silo

stop
mkdir -p "$state"
for i in $(seq 0 $((silos - 1))); do
  silo_port=$((11111 + i)) gateway_port=$((30000 + i))
  step "silo $i: silo port $silo_port, gateway port $gateway_port"
  mkdir -p "$state/silo$i/index"
  Cluster__Membership=${SEARCHENGINE_MEMBERSHIP:-PostgreSQL} \
  Cluster__SiloPort=$silo_port Cluster__GatewayPort=$gateway_port Cluster__PrimaryPort=11111 \
  Search__IndexFolder="$root/$state/silo$i/index" \
    nohup dotnet artifacts/silo/searchengine-silo.dll >"$state/silo$i.log" 2>&1 &
  echo $! >"$state/silo$i.pid"
  # The primary first: the others join through it.
  if [ "$i" = 0 ]; then sleep 2; fi
done

step "waiting for the gateways"
for i in $(seq 0 $((silos - 1))); do
  gateway_port=$((30000 + i))
  for attempt in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$gateway_port") 2>/dev/null; then break; fi
    if ! kill -0 "$(cat "$state/silo$i.pid")" 2>/dev/null || [ "$attempt" = 120 ]; then
      echo "silo $i did not start; its log:" >&2
      tail -n 40 "$state/silo$i.log" >&2
      stop
      exit 1
    fi
    sleep 0.5
  done
done
step "$silos silos up; gateways on 127.0.0.1:30000-$((30000 + silos - 1)); logs in $state/; stop with deploy/cluster.sh stop"
