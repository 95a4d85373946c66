// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/decision.h"

#include <QIcon>

namespace verdict {

// Icons from resources/verdict.qrc, with drawn fallbacks when no SVG plugin is installed.
class Icons final
{
public:
    static QIcon application();
    static QIcon status(Status status);
};

} // namespace verdict
