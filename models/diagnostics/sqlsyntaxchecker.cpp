// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/sqlsyntaxchecker.h"

#include "diagnostics/languagemismatchchecker.h"
#include "diagnostics/sqlanalysis.h"

namespace verdict {

bool SqlSyntaxChecker::appliesTo(const Artifact &artifact) const
{
    return LanguageMismatchChecker::checkedParser(artifact) == LanguageParser::Sql;
}

std::vector<Diagnostic> SqlSyntaxChecker::check(const Artifact &artifact,
                                                const Proposal &proposal)
{
    if (artifact.content.size() > kMaxCheckedArtifactChars) {
        return {artifactDiagnostic(artifact, proposal, QStringLiteral("not-checked"),
                                   DiagnosticSeverity::Info,
                                   QStringLiteral("SQL not checked: the file is too large"),
                                   1, 1)};
    }
    const auto sql = SqlAnalysis::analyze(artifact.content);
    const QString note = LanguageMismatchChecker::checkedAsNote(artifact);
    std::vector<Diagnostic> out;
    for (const SqlAnalysis::Error &e : sql->errors()) {
        const QString message = QStringLiteral("SQL %1: PostgreSQL would reject this script%2")
                                    .arg(e.message, note);
        out.push_back(artifactDiagnostic(artifact, proposal, QStringLiteral("syntax-error"),
                                         DiagnosticSeverity::Error, message,
                                         sql->textMap().lineOf(e.offset),
                                         sql->textMap().columnOf(e.offset)));
    }
    return out;
}

} // namespace verdict
