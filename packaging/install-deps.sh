#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs, with apt, whatever Verdict needs to build, run and test that is missing, for
# the release /etc/os-release names: Debian 13 (Qt 6 + KF6) or Debian 12 (Qt 5.15 + KF5).
# Usage: packaging/install-deps.sh [run|test|fuzz]
#   run:  build and run the app, with the tools its checkers call (python3, node, bash,
#         pyflakes, shellcheck)
#   test: also what the test suite needs (a PostgreSQL server, desktop/AppStream
#         validators, dpkg-dev for the package check, netpbm for screenshots,
#         python3-jsonschema to validate the SARIF output)
#   fuzz: also clang and its sanitizer runtime (packaging/run-fuzzers.sh)
# Prints the Qt flavour it installed for on stdout ("5" or "6"), nothing else.
set -euo pipefail

mode=${1:-run}
case "$mode" in run|test|fuzz) ;; *)
    echo "usage: $0 [run|test|fuzz]" >&2; exit 2 ;;
esac

id="" version=""
if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    . /etc/os-release
    id=${ID:-} version=${VERSION_ID:-}
fi

common=(cmake ninja-build g++ pkg-config
        libssl-dev libsqlite3-dev libpqxx-dev libpq-dev libpg-query-dev libmimalloc-dev
        python3 python3-pyflakes nodejs bash shellcheck xvfb xauth)
testing=(postgresql postgresql-client desktop-file-utils appstream dpkg-dev file netpbm
         python3-jsonschema)
case "$id:$version" in
debian:13)
    flavour=6
    # Real package names only: a virtual one (libqt6opengl6-dev is provided by qt6-base-dev
    # here) never reads as installed, and would send every run to apt, offline too.
    stack=(qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6svg6
           libkf6syntaxhighlighting-dev)
    clang=(clang libclang-rt-19-dev)
    ;;
debian:12)
    flavour=5
    stack=(qtbase5-dev qtbase5-dev-tools libqt5charts5-dev libqt5svg5
           libkf5syntaxhighlighting-dev)
    clang=(clang libclang-rt-14-dev)
    ;;
*)
    echo "install-deps: ${PRETTY_NAME:-this system} is not a supported release (Debian 12 or" \
         "13); install Qt 6 + KF6 SyntaxHighlighting (or Qt 5.15 + KF5), Qt Charts, libpqxx," \
         "libpq, libpg_query, SQLite 3, OpenSSL, mimalloc, CMake, Ninja, a C++17 compiler," \
         "python3 with pyflakes, node, shellcheck, and for tests PostgreSQL and Xvfb" >&2
    exit 2
    ;;
esac

pkgs=("${common[@]}" "${stack[@]}")
case "$mode" in
test) pkgs+=("${testing[@]}") ;;
fuzz) pkgs+=("${testing[@]}" "${clang[@]}") ;;
esac

missing=()
for p in "${pkgs[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}" >&2
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq >&2
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >/dev/null
fi
echo "$flavour"
