#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs, with apt, whatever Verdict needs to build, run and test that is missing.
# Usage: packaging/install-deps.sh [run|test]   ("test" adds PostgreSQL, clang, validators)
set -euo pipefail

mode=${1:-run}
pkgs=(cmake ninja-build g++ pkg-config
      qt6-base-dev qt6-base-dev-tools
      qtbase5-dev qtbase5-dev-tools libkf5syntaxhighlighting-dev
      libqt5svg5 libqt6svg6 libssl-dev libqt5charts5-dev qt6-charts-dev
      libsqlite3-dev libpqxx-dev libpq-dev libpg-query-dev libmimalloc-dev
      python3 bash xvfb xauth)
if [ "$mode" = test ]; then
    pkgs+=(postgresql postgresql-client clang libclang-rt-14-dev
           desktop-file-utils appstream dpkg-dev file netpbm)
fi

missing=()
for p in "${pkgs[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
