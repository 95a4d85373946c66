#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes verdict-cli.1 from the program's own --help texts, so the two never disagree.
# Usage: make-manpage.sh PATH/TO/verdict-cli OUT.1
set -euo pipefail
cli=$1 out=$2
esc() { sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\&'/" -e 's/^-/\\-/'; }
{
    echo '.TH VERDICT-CLI 1 "" "Verdict" "User Commands"'
    echo '.SH NAME'
    echo 'verdict-cli \- review AI-generated proposal reports from the command line'
    echo '.SH SYNOPSIS'
    echo '.B verdict-cli'
    echo '.I COMMAND'
    echo '[OPTIONS] [ARGS]'
    echo '.SH DESCRIPTION'
    echo '.nf'
    QT_QPA_PLATFORM=offscreen "$cli" --help | esc
    echo '.fi'
    echo '.SH COMMANDS'
    for c in parse import queue decide export check verify sync; do
        echo ".SS $c"
        echo '.nf'
        QT_QPA_PLATFORM=offscreen "$cli" "$c" --help | esc
        echo '.fi'
    done
    echo '.SH SEE ALSO'
    echo '.BR verdict (1)'
} > "$out"
