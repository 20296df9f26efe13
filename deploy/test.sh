#!/usr/bin/env bash
# Command 2: runs the whole test suite on a fresh machine. Installs what is missing, starts a local PostgreSQL
# cluster when no server is configured, builds, and runs `dotnet test` over the solution.
# Ends with one line "Tests: N passed, N failed, N skipped".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash deploy/install-deps.sh test
if [ -z "${SEARCHENGINE_TEST_POSTGRES:-}" ] && ! [ -S /var/run/docker.sock ]; then
  bash deploy/postgres.sh >/dev/null   # the tests' fixture finds this cluster with pg_lsclusters
fi

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
dotnet build SearchEngine.sln -c Release -nologo -v q
# The query-API and browser tests search with the trained default pack: make it once (cached in ~/.cache/searchengine).
dotnet indexer/bin/Release/net10.0/searchengine-indexer.dll pack ensure-default >/dev/null
set +e
# One test assembly at a time: the browser, media and training suites all want both cores, and timings in one
# suite should not depend on which other suites happen to run beside it.
dotnet test SearchEngine.sln -c Release --no-build -nologo -m:1 \
  --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e
# One summary line over every test assembly, in the plain form CI reads.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for trx in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(trx).getroot().find(".//{*}ResultSummary/{*}Counters")
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"
