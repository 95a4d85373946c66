#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the screenshots in docs/images from the bundled samples with
# `verdict --screenshot`, so the guides never go stale.
# Usage: packaging/make-screenshots.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
verdict="$build/app/verdict"
[ -x "$verdict" ] || { echo "build Verdict first (no $verdict)" >&2; exit 2; }
out="$here/docs/images"
mkdir -p "$out"
db=$(mktemp -d)/shots.sqlite
trap 'rm -rf "$(dirname "$db")"' EXIT
export QT_QPA_PLATFORM=offscreen
# The pictures never depend on this user's own settings (wrap, theme, reviewer name...).
XDG_CONFIG_HOME="$(dirname "$db")/config"
export XDG_CONFIG_HOME VERDICT_REVIEWER=alice
samples="$here/resources/samples"
"$verdict" --db "$db" --screenshot "$out/queue.png" \
    --select fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9 "$samples"
"$verdict" --db "$db" --screenshot "$out/mismatch.png" \
    --select fsar_331e3e0e-04db-4a82-aa21-56121b549130 "$samples"
"$verdict" --db "$db" --screenshot "$out/self-improvement.png" \
    --select fsar_dc131605-cb34-4849-9754-d5107e117972 "$samples"
# A reviewer's day at 1280x720 (the views pane starts hidden there; F9 shows it): the second
# step of a guarded approval beside the Approve button (sample 003 has errors and writes
# sample 000's file; the queue marks both rows), wrapped code, the reason box at full width
# in the buttons' place. The status bar has the counts in every picture.
"$verdict" --db "$db" --screenshot "$out/guarded.png" --size 1280x720 --keys A \
    --select fsar_331e3e0e-04db-4a82-aa21-56121b549130
# (Alt+Z is remembered: this one has a settings folder of its own, the others do not wrap.)
XDG_CONFIG_HOME="$(dirname "$db")/config-wrap" \
    "$verdict" --db "$db" --screenshot "$out/reading.png" --size 1280x720 --keys Alt+Z \
    --select fsar_331e3e0e-04db-4a82-aa21-56121b549130
"$verdict" --db "$db" --screenshot "$out/reason.png" --size 1280x720 --keys R \
    --select fsar_331e3e0e-04db-4a82-aa21-56121b549130
# Generic risks: sample 000's Risks tab (two tabs right of its code), each risk marked with
# how many proposals share it word for word.
"$verdict" --db "$db" --screenshot "$out/risks.png" --size 1280x720 --keys "],]" \
    --select fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9
# A full diagnostic message beside its line: F8 three times selects sample 003's syntax error
# (the list opens the row whole, the code shows the message under line 4), light and dark.
"$verdict" --db "$db" --screenshot "$out/diagnostic-note.png" --size 1280x720 --keys F8,F8,F8 \
    --select fsar_331e3e0e-04db-4a82-aa21-56121b549130
"$verdict" --db "$db" --theme dark --screenshot "$out/diagnostic-note-dark.png" \
    --size 1280x720 --keys F8,F8,F8 --select fsar_331e3e0e-04db-4a82-aa21-56121b549130

# The guides' other pictures: a queue with decisions in it (recorded with verdict-cli on the
# same database, as a reviewer would), a filter, a history, and the lead's views.
cli="$build/app/verdict-cli"
[ -x "$cli" ] || { echo "build verdict-cli first (no $cli)" >&2; exit 2; }
"$cli" decide --db "$db" --reviewer alice fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9 \
    approve >/dev/null
"$cli" decide --db "$db" --reviewer alice \
    --reason "the .sql file holds Python, and it does not parse" \
    fsar_331e3e0e-04db-4a82-aa21-56121b549130 reject >/dev/null
"$verdict" --db "$db" --screenshot "$out/filter.png" --filter "has:error" \
    --select fsar_331e3e0e-04db-4a82-aa21-56121b549130
"$verdict" --db "$db" --screenshot "$out/history.png" --keys H \
    --select fsar_331e3e0e-04db-4a82-aa21-56121b549130
for view in stats settings export; do
    "$verdict" --db "$db" --screenshot "$out/$view.png" --view "$view"
done
echo "screenshots written to $out"
