#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds both Qt flavours with warnings as errors and runs every test (ctest) in each.
# Usage: packaging/run-tests.sh            (from anywhere; installs what is missing)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/packaging/install-deps.sh" test || exit 2

jobs=$(nproc)
status=0
# Qt 5 (+ KF5SyntaxHighlighting) first, Qt 6 last so the run ends with its ctest summary.
for flavour in 5 6; do
    build="$here/build-ci-qt$flavour"
    echo "=== Qt $flavour: configure and build ($build)"
    # No build type: unoptimised, no debug info, the quickest build for tests (two
    # flavours must fit CI's time); benchmarks build in Release (tests/bench).
    if ! cmake -S "$here" -B "$build" -G Ninja \
            -DQT_MAJOR_VERSION=$flavour -DVERDICT_WERROR=ON >"$build.configure.log" 2>&1; then
        cat "$build.configure.log"; status=1; continue
    fi
    if ! cmake --build "$build" -j "$jobs"; then
        status=1; continue
    fi
    echo "=== Qt $flavour: ctest"
    ctest --test-dir "$build" --output-on-failure -j "$jobs" || status=1
done
exit $status
