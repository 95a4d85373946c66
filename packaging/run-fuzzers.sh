#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address) and runs each for SECONDS,
# seeded with the sample reports and every fixture in tests/data. New corpus entries and
# any crash/timeout/OOM reproducer land in fuzz-out/<target>/ (git-ignored).
# Usage: packaging/run-fuzzers.sh [SECONDS=300] [TARGET...]
#   env BUILD_DIR (default build-fuzz), FUZZ_NICE (default 10)
set -euo pipefail

seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_reportparser fuzz_checkers fuzz_proposalview)
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
out=$root/fuzz-out
"$root/packaging/install-deps.sh" fuzz >/dev/null

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVERDICT_FUZZ=ON \
      -DVERDICT_BUILD_TESTS=OFF -DVERDICT_BUILD_BENCH=OFF >/dev/null
ninja -C "$build" -j2 "${targets[@]}"

# Seeds: copied flat (libFuzzer reads corpus folders one level deep).
seeds=$out/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
i=0
while IFS= read -r -d '' f; do
    cp "$f" "$seeds/seed-$i"
    i=$((i + 1))
done < <(find "$root/resources/samples" "$root/tests/data" -type f -size -1024k -print0)

status=0
for t in "${targets[@]}"; do
    mkdir -p "$out/$t/corpus" "$out/$t/crashes"
    echo "== $t: ${seconds}s, log in $out/$t/log.txt" >&2
    # One process (the machine has 2 shared cores), bounded per input in time and memory.
    # fontconfig keeps a cache for the life of the process (fuzz_proposalview draws text).
    if ! LSAN_OPTIONS="suppressions=$root/fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
        nice -n "${FUZZ_NICE:-10}" "$build/fuzz/$t" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
        -print_final_stats=1 -artifact_prefix="$out/$t/crashes/" \
        "$out/$t/corpus" "$seeds" >"$out/$t/log.txt" 2>&1; then
        echo "!! $t found a problem: see $out/$t/log.txt and $out/$t/crashes/" >&2
        status=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" \
        "$out/$t/log.txt" >&2 || true
done
exit $status
