#!/usr/bin/env bash
# Base vs full install of the built wheel, in fresh venvs, from the package registries
# without pip's cache: wall time and size on disk (the whole venv, and an empty venv for
# reference). Usage: bash benchmarks/install_size.sh [WORKDIR]   (default /tmp/install-size)
set -uo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/install-size}
rm -rf "$work" && mkdir -p "$work"
python3 -m pip wheel -q --no-deps -w "$work/dist" . >/dev/null 2>&1 \
  || .venv/bin/python -m pip wheel -q --no-deps --no-build-isolation -w "$work/dist" . >/dev/null
wheel=$(ls "$work"/dist/summarizer-*.whl)

fresh() { python3 -m venv "$work/$1" && "$work/$1/bin/pip" install -q --upgrade pip >/dev/null 2>&1; }
timed() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }

fresh empty
fresh base
t_base=$(timed "$work/base/bin/pip" install -q --no-cache-dir "$wheel")
fresh full
t_torch=$(timed "$work/full/bin/pip" install -q --no-cache-dir torch==2.13.0)
t_rest=$(timed "$work/full/bin/pip" install -q --no-cache-dir "$wheel[all]")
mb() { du -sm "$work/$1" | cut -f1; }
echo "empty venv: $(mb empty) MB"
echo "base: ${t_base} s, $(mb base) MB; torch importable: $("$work/base/bin/python" -c 'import torch' 2>/dev/null && echo yes || echo no)"
echo "full: torch ${t_torch} s + rest ${t_rest} s, $(mb full) MB"
