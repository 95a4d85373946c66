#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds Verdict (if needed) and opens it on the bundled sample reports, using the
# embedded SQLite database. Without a display it renders the window to a PNG instead.
# Usage: packaging/run-samples.sh [extra verdict arguments]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/packaging/install-deps.sh" run >/dev/null

build="$here/build"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DVERDICT_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target verdict verdict-cli -j "$(nproc)" >/dev/null

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$build/app/verdict" "$@" "$here/resources/samples"
fi
out="${TMPDIR:-/tmp}/verdict-samples.png"
QT_QPA_PLATFORM=offscreen "$build/app/verdict" --screenshot "$out" "$@" \
    "$here/resources/samples"
echo "No display found: rendered the main window to $out"
