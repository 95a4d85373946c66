// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

namespace verdict::cli {

// Placeholder until its issue lands: says so instead of pretending.
int runSync(const QStringList &, Io &io)
{
    io.err << "verdict-cli sync: not implemented yet\n";
    return ExitUsage;
}

} // namespace verdict::cli
