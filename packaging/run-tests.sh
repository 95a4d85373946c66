#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Verdict with warnings as errors and runs every test (ctest), in this machine's
# flavour: Qt 6 + KF6 on Debian 13, Qt 5.15 + KF5 on Debian 12. Installs what is missing.
# Usage: packaging/run-tests.sh [ctest arguments, e.g. -R store]
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
flavour=$("$here/packaging/install-deps.sh" test) || exit 2
# A second run must find everything: a package that never reads as installed (a virtual
# name) would send every run-samples.sh to apt, and fail offline.
again=$("$here/packaging/install-deps.sh" test 2>&1 >/dev/null)
if [ -n "$again" ]; then
    echo "install-deps.sh is not idempotent: $again" >&2
    exit 1
fi

jobs=$(nproc)
build="$here/build-ci-qt$flavour"
echo "=== Qt $flavour: configure and build ($build)"
# No build type: unoptimised, no debug info, the quickest build for tests; benchmarks
# build in Release (tests/bench).
if ! cmake -S "$here" -B "$build" -G Ninja \
        -DQT_MAJOR_VERSION="$flavour" -DVERDICT_WERROR=ON >"$build.configure.log" 2>&1; then
    cat "$build.configure.log"
    exit 1
fi
cmake --build "$build" -j "$jobs" || exit 1
echo "=== Qt $flavour: ctest"
"$build/app/verdict-cli" --version
ctest --test-dir "$build" --output-on-failure -j "$jobs" "$@"
