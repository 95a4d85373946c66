// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostic.h"

namespace verdict {

QString severityId(DiagnosticSeverity s)
{
    switch (s) {
    case DiagnosticSeverity::Error: return QStringLiteral("error");
    case DiagnosticSeverity::Warning: return QStringLiteral("warning");
    case DiagnosticSeverity::Info: return QStringLiteral("info");
    }
    return {};
}

} // namespace verdict
