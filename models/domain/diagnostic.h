// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

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

// The stores' cache form: a compact JSON array of objects (rule, severity, message, file,
// proposal_id, artifact, line, column). Unreadable input gives an empty list.
QByteArray diagnosticsToJson(const std::vector<Diagnostic> &diagnostics);
std::vector<Diagnostic> diagnosticsFromJson(const QByteArray &json);

} // namespace verdict
