#!/usr/bin/env bash
# FFT benchmark (issue 14): the fingerprint spectrogram's 512-point transform of real frames: a plain radix-2 complex FFT
# (what the extractor used first), NWaves' RealFft (what it uses) and FftSharp's ForwardReal, side by side in one
# run, on one thread (ns per frame, bytes allocated per frame).
# The last line of stdout is one JSON object (radix2_ns, nwaves_ns, fftsharp_ns and the ratios to the radix-2).
# Usage: deploy/bench.sh fft
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
dotnet build tests/SearchEngine.Benchmarks -c Release -nologo -v q >&2
exec dotnet tests/SearchEngine.Benchmarks/bin/Release/net10.0/SearchEngine.Benchmarks.dll fft "$@"
