// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

namespace verdict::cli {

// Placeholder until its issue lands: says so instead of pretending.
int runDecide(const QStringList &, Io &io)
{
    io.err << "verdict-cli decide: not implemented yet\n";
    return ExitUsage;
}

} // namespace verdict::cli
