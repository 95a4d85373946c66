// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace verdict {

// Which external linter a checker can use, and its version (part of the cache key: another
// version may find other things). Probing starts a process, so each answer is kept for the
// life of the program, per requested path: every pool thread's checker set asks.
struct ToolProbe
{
    QString program; // absolute path of what to run; empty when there is none usable
    QString version; // the linter's version, e.g. "2.5.0"

    // A python3 that can import pyflakes: `python` when given, else /usr/bin/python3
    // (Debian's, where python3-pyflakes installs), else the python3 on PATH.
    static ToolProbe pyflakes(const QString &python = {});
    // `shellcheck` when given, else the one on PATH; it must answer --version.
    static ToolProbe shellcheck(const QString &shellcheck = {});
};

} // namespace verdict
