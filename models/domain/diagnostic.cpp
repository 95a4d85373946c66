// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostic.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

QByteArray diagnosticsToJson(const std::vector<Diagnostic> &diagnostics)
{
    QJsonArray array;
    for (const Diagnostic &diag : diagnostics) {
        array.append(QJsonObject{{QStringLiteral("rule"), diag.rule},
                                 {QStringLiteral("severity"), severityId(diag.severity)},
                                 {QStringLiteral("message"), diag.message},
                                 {QStringLiteral("file"), diag.file},
                                 {QStringLiteral("proposal_id"), diag.proposalId},
                                 {QStringLiteral("artifact"), diag.artifact},
                                 {QStringLiteral("line"), diag.line},
                                 {QStringLiteral("column"), diag.column}});
    }
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

std::vector<Diagnostic> diagnosticsFromJson(const QByteArray &json)
{
    std::vector<Diagnostic> out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    out.reserve(size_t(array.size()));
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        Diagnostic diag;
        diag.rule = o.value(QLatin1String("rule")).toString();
        const QString sev = o.value(QLatin1String("severity")).toString();
        diag.severity = sev == QLatin1String("warning") ? DiagnosticSeverity::Warning
                        : sev == QLatin1String("info")  ? DiagnosticSeverity::Info
                                                        : DiagnosticSeverity::Error;
        diag.message = o.value(QLatin1String("message")).toString();
        diag.file = o.value(QLatin1String("file")).toString();
        diag.proposalId = o.value(QLatin1String("proposal_id")).toString();
        diag.artifact = o.value(QLatin1String("artifact")).toString();
        diag.line = o.value(QLatin1String("line")).toInt();
        diag.column = o.value(QLatin1String("column")).toInt();
        out.push_back(std::move(diag));
    }
    return out;
}

} // namespace verdict
