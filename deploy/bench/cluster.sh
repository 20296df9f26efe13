#!/usr/bin/env bash
# Scale-out benchmark (issue #15): a synthetic clustered 256-d collection in a throwaway PostgreSQL database, served by
# 1, 2 and 4 shards (2 replicas each) on separate searchengine-silo processes on loopback (membership in PostgreSQL),
# queried through ShardedSearch from the benchmark process. Reports build time, silo memory, recall@10 vs brute force,
# q/s and p99 at concurrency 8 and 32, fan-out overhead, failover after kill -9 of one silo, lost documents.
#   deploy/bench.sh cluster --quick        50,000 vectors, 200 queries, 4 s per load level (a few minutes)
#   deploy/bench.sh cluster [--vectors N]  full: 2,000,000 vectors by default
# Other arguments go to the C# side (--queries N, --seconds S, --ef N, --shards 1,2,4). The last line is one JSON object.
# Every silo is killed on exit (also on Ctrl-C or failure) and the benchmark database is dropped.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="$root/artifacts/bench-cluster"
mkdir -p "$out"
dotnet build -c Release "$root/silo/SearchEngine.Silo.csproj" -nologo -v q -o "$out/silo" >&2
dotnet build -c Release "$root/tests/SearchEngine.Benchmarks" -nologo -v q >&2
pids="$out/silo.pids"
: >"$pids"
cleanup() {
  # The benchmark kills its silos itself; this catches the ones left if it was killed outright.
  while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$pids"
  rm -f "$pids"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
SEARCHENGINE_BENCH_PIDS=$pids dotnet "$root/tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll" \
  cluster --silo "$out/silo/searchengine-silo.dll" "$@"
