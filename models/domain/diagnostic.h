// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace verdict {

enum class DiagnosticSeverity { Error, Warning, Info };

QString severityId(DiagnosticSeverity s); // "error" "warning" "info"

// One finding. Lines and columns are 1-based and refer to the report's source file.
struct Diagnostic
{
    QString rule;       // stable id: "syntax-error", "secret", ...
    DiagnosticSeverity severity = DiagnosticSeverity::Error;
    QString message;    // what is wrong and why it matters
    QString file;       // report file
    QString proposalId;
    QString artifact;   // artifact path inside the proposal; empty for proposal-level rules
    int line = 0;
    int column = 0;
};

} // namespace verdict
