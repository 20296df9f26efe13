#!/usr/bin/env bash
# FFT benchmark (issue 14): the fingerprint spectrogram's 512-point transform of real frames, the library's own radix-2
# beside NWaves' RealFft and FftSharp's ForwardReal in one run, on one thread (ns per frame, bytes allocated per frame).
# The last line of stdout is one JSON object (own_ns, nwaves_ns, fftsharp_ns and the ratios to the own).
# Usage: deploy/bench.sh fft
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q >&2
exec dotnet tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll fft "$@"
