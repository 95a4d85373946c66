// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace verdict {

// Light or dark application look (Fusion + a palette), for `--theme` and screenshots.
// The code view derives its syntax theme from whichever palette is active.
class AppTheme final
{
public:
    // "light", "dark" or "system" (leave the platform's look). False for other names.
    static bool apply(const QString &name);
};

} // namespace verdict
