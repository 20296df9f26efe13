#!/usr/bin/env bash
# Installs the system packages the project needs, only those that are missing (Debian 12 / Ubuntu 22.04+).
#   deploy/install-deps.sh run    what command 1 needs: PostgreSQL, ffmpeg, Tesseract with its English model (text in
#                                 pictures), Node.js/npm (to fetch GloVe)
#   deploy/install-deps.sh test   the above plus what the tests use: sox, espeak-ng, Chromium
#   deploy/install-deps.sh bench  the above plus the benchmark anchors: hnswlib, FAISS, numpy (Debian's python3)
set -euo pipefail
profile=${1:-run}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

want=()
need() { # need COMMAND-OR-FILE PACKAGE...
  local probe=$1; shift
  if [[ $probe == /* ]]; then [ -e "$probe" ] && return 0; else command -v "$probe" >/dev/null 2>&1 && return 0; fi
  want+=("$@")
}
need pg_ctlcluster postgresql
need ffmpeg ffmpeg
need tesseract tesseract-ocr
need /usr/share/tesseract-ocr/5/tessdata/eng.traineddata tesseract-ocr-eng
need npm nodejs npm
if [ "$profile" = test ] || [ "$profile" = bench ]; then
  need sox sox
  need espeak-ng espeak-ng
  need /usr/bin/chromium chromium chromium-driver fonts-dejavu-core
fi
if [ "$profile" = bench ]; then
  /usr/bin/python3 -c 'import hnswlib' 2>/dev/null || want+=(python3-hnswlib)
  /usr/bin/python3 -c 'import faiss' 2>/dev/null || want+=(python3-faiss)
  /usr/bin/python3 -c 'import numpy' 2>/dev/null || want+=(python3-numpy)
fi

if [ ${#want[@]} -gt 0 ]; then
  echo "[deps] installing: ${want[*]}" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >&2
fi
