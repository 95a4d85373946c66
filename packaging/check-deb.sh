#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb with CPack from an existing build dir and checks its control data and
# file list: resolved shared-library dependencies, both executables, desktop integration.
# Usage: check-deb.sh BUILD_DIR
set -euo pipefail
build=$1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
fail=0
control=$(dpkg-deb -f "$deb")
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
need_dep() { grep -q "^Depends:.*$1" <<<"$control" || { echo "missing dependency $1"; fail=1; }; }
need_file() { grep -qx "./usr/$1" <<<"$files" || { echo "missing file /usr/$1"; fail=1; }; }
need_dep libqt
need_dep libsqlite3
need_dep libpqxx
need_dep libpg-query
# The allocator is a dependency when the build linked it (VERDICT_MIMALLOC, found).
if grep -q '^MIMALLOC_LIBRARY:FILEPATH=/' "$build/CMakeCache.txt"; then
    need_dep libmimalloc
fi
need_file bin/verdict
need_file bin/verdict-cli
need_file share/applications/dev.verdict.Verdict.desktop
need_file share/metainfo/dev.verdict.Verdict.metainfo.xml
need_file share/mime/packages/dev.verdict.Verdict.xml
need_file share/icons/hicolor/scalable/apps/dev.verdict.Verdict.svg
need_file share/man/man1/verdict-cli.1
need_file share/bash-completion/completions/verdict-cli
# The package installs into a scratch root and its CLI runs from there.
root="$out/root"
dpkg-deb -x "$deb" "$root"
"$root/usr/bin/verdict-cli" --version | grep -q '^verdict-cli ' || { echo "cli does not run"; fail=1; }
echo "$(basename "$deb"): $(grep '^Depends:' <<<"$control")"
[ $fail -eq 0 ] && echo "deb ok" || exit 1
