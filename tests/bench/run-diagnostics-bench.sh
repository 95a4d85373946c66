#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Diagnostics benchmark, side by side in one run (method and figures: docs/PERFORMANCE.md).
# Builds Release, writes gen_corpus.py's corpus (N reports, one artifact each: SQL, Python,
# shell, JSON, JavaScript) into a temporary folder, then on the same files:
# bench_diagnostics (in process: cold without the linters, cold with them, cold filling the
# cache, cached) and naive_diagnostics.py (a process per artifact: py_compile, bash -n,
# node --check; then again with pyflakes and shellcheck per artifact).
# Usage: tests/bench/run-diagnostics-bench.sh [N]   (default 10000)
#   BUILD_DIR=... to use another build folder (default: build-bench, Release)
#   NAIVE_LINTERS=0 to leave out the naive run with linters (minutes at 10,000)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$here/build-bench}
n=${1:-10000}

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target bench_diagnostics -- -j"$(nproc)" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/tests/bench/gen_corpus.py" "$work/corpus" "$n" >/dev/null

printf '%s, %s cores, load %s; %s; %s\n' "$(uname -sr)" "$(nproc)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(shellcheck --version | sed -n 's/^version: /ShellCheck /p')" \
    "pyflakes $(/usr/bin/python3 -c 'import pyflakes; print(pyflakes.__version__)' 2>/dev/null)"
echo "== bench_diagnostics (Verdict, in process)"
"$build/tests/bench/bench_diagnostics" "$work/corpus"
echo "== naive_diagnostics.py (a process per artifact)"
python3 "$here/tests/bench/naive_diagnostics.py" "$work/corpus"
if [ "${NAIVE_LINTERS:-1}" != 0 ]; then
    echo "== naive_diagnostics.py --linters"
    python3 "$here/tests/bench/naive_diagnostics.py" --linters "$work/corpus"
fi
printf 'load at the end %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
