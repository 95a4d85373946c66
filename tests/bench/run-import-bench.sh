#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Import benchmark, side by side in one run (method and figures: docs/PERFORMANCE.md).
# Builds Release, generates corpora with gen_reports.py in a temporary folder, then for each
# size: bench_import (in process: streamed import, then queue() = "queue ready"), the same
# in-process import with the phases apart ("whole"), `verdict-cli import` end to end
# (process start to exit, fresh database), and naive_import.py (Python: re, hashlib, sqlite3,
# one transaction) over the same files. Prints a table.
# Usage: tests/bench/run-import-bench.sh [SIZES...]   (default: 10000 100000)
#   BUILD_DIR=... to use another build folder (default: build-bench, Release)
#   SETTLE_S=...  pause after `sync` between runs (default 5 s)
# On a machine busy with other work, run it as root under `nice -n -20` (the figures in
# docs/PERFORMANCE.md were taken that way; they say so).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$here/build-bench}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target bench_import verdict-cli -- -j"$(nproc)" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bench="$build/tests/bench/bench_import"
cli="$build/app/verdict-cli"

# Runs a command, prints "WALL_S PEAK_RSS_KB" (GNU time when present, else wall only).
timed() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" \
            || { cat "$work/err" >&2; return 1; }
        cat "$work/time"
    else
        local start end
        start=$(date +%s.%N)
        "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; return 1; }
        end=$(date +%s.%N)
        echo "$(echo "$end - $start" | bc) -"
    fi
}
field() { grep -o "$1=[^ ]*" <<<"$2" | cut -d= -f2; }
# Each run writes the database twice (WAL, then checkpoint): let the kernel write the last
# run's pages back first, or it competes with the next run for the disk.
settle() { sync; sleep "${SETTLE_S:-5}"; }

printf '%s, %s cores, load %s\n' "$(uname -sr)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-7s %-7s | %-34s | %-15s | %-15s | %-9s\n' reports files MB \
    "in process: ms (peak RSS MB)" "verdict-cli" "naive_import.py" "speed-up"
printf '%-8s %-7s %-7s | %-34s | %-15s | %-15s | %-9s\n' "" "" "" \
    "stream  whole(parse+store)  reimp" "s (RSS MB)" "s (RSS MB)" "cli/naive"
for n in "${sizes[@]}"; do
    corpus="$work/corpus-$n"
    python3 "$here/tests/bench/gen_reports.py" "$corpus" "$n" >/dev/null
    settle
    s=$("$bench" stream "$corpus")
    settle
    w=$("$bench" whole "$corpus")
    settle
    rm -f "$work"/cli.sqlite*
    read -r cli_s cli_kb < <(timed "$cli" import --db "$work/cli.sqlite" "$corpus")
    rm -f "$work"/cli.sqlite*
    settle
    rm -f "$work"/naive.sqlite*
    read -r py_s py_kb < <(timed python3 "$here/tests/bench/naive_import.py" \
        "$work/naive.sqlite" "$corpus")
    row='%-8s %-7s %-7.1f | %5.0f (%4d)  %5.0f+%-5.0f(%4d)  %5.0f | %5.2f (%5d) | %5.2f (%5d)'
    printf "$row | %5.1fx\n" \
        "$n" "$(field files "$s")" "$(echo "$(field bytes "$s") / 1000000" | bc -l)" \
        "$(field total_ms "$s")" "$(( $(field vmhwm_kb "$s") / 1024 ))" \
        "$(field parse_ms "$w")" "$(field store_ms "$w")" "$(( $(field vmhwm_kb "$w") / 1024 ))" \
        "$(field reimport_ms "$s")" \
        "$cli_s" "$(( ${cli_kb/-/0} / 1024 ))" "$py_s" "$(( ${py_kb/-/0} / 1024 ))" \
        "$(echo "$py_s / $cli_s" | bc -l)"
    echo "  stream: $s" >>"$work/details"
    echo "  whole:  $w" >>"$work/details"
    rm -rf "$corpus"
done
echo "details (ms, kB):"
cat "$work/details"
