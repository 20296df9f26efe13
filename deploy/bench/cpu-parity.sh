#!/usr/bin/env bash
# CPU parity of the image backbone: MobileNetV2 features of 32 Flickr8k dev photos computed natively and under
# qemu-user CPU models without AVX-512 or VNNI (Haswell: AVX2 only; EPYC-Rome: AMD AVX2 only), as stored (int8) and as
# its float32 graph (the offline pack's precision); prints how far each emulated run is from the native one.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
bash deploy/install-deps.sh run
if ! command -v qemu-x86_64 >/dev/null; then
  apt-get install -y -q qemu-user >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q qemu-user >/dev/null; }
fi
images=32; [ "${1:-}" = "--quick" ] && images=8
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q -o artifacts/benchmarks >&2
out=$(mktemp -d)
dotnet=$(readlink -f "$(command -v dotnet)")   # qemu-user needs the ELF itself, not a symbolic link
dotnet artifacts/benchmarks/SearchEngine.Benchmarks.dll cpu-parity dump "$out/native" "$images" >&2
for cpu in Haswell EPYC-Rome; do
  # qemu warns once per feature its TCG lacks (pcid, rtm, ...): noise, not errors.
  qemu-x86_64 -cpu "$cpu" "$dotnet" artifacts/benchmarks/SearchEngine.Benchmarks.dll cpu-parity dump "$out/$cpu" "$images" \
    2> >(grep -v "TCG doesn't support" >&2) >&2
done
dotnet artifacts/benchmarks/SearchEngine.Benchmarks.dll cpu-parity compare "$out/native" "$out/Haswell" "$out/EPYC-Rome"
rm -rf "$out"
