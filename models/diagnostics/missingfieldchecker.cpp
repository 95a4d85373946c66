// SPDX-License-Identifier: GPL-3.0-or-later
#include "diagnostics/missingfieldchecker.h"

#include "report/reportparser.h"

#include <QRegularExpression>

namespace verdict {

std::vector<Diagnostic> MissingFieldChecker::check(const Proposal &proposal)
{
    struct Field
    {
        QString name;
        bool missing;
        QString why;
    };
    const Field fields[] = {
        {QStringLiteral("id"), proposal.id.trimmed().isEmpty(),
         QStringLiteral("decisions cannot be recorded against it nor revisions tracked")},
        {QStringLiteral("timestamp"), !proposal.timestamp.has_value(),
         QStringLiteral("its age and order against other proposals are unknown")},
        {QStringLiteral("severity"), !proposal.severity.has_value(),
         QStringLiteral("it cannot be triaged by severity")},
        {QStringLiteral("block_execution"), !proposal.blockExecution.has_value(),
         QStringLiteral("nobody can tell whether it may run before it is reviewed")},
    };
    std::vector<Diagnostic> out;
    for (const Field &f : fields) {
        if (!f.missing)
            continue;
        Diagnostic d;
        d.rule = QStringLiteral("missing-field");
        d.severity = DiagnosticSeverity::Error;
        d.file = proposal.sourceFile;
        d.proposalId = proposal.id;
        d.line = proposal.sourceLine > 0 ? proposal.sourceLine : 1;
        d.column = 1;
        QString problem;
        for (const Problem &p : proposal.problems) {
            // The parser's problem for this field names it ("block_execution", not "id" in
            // "fsar_id" nor in "invalid").
            const QRegularExpression re(QStringLiteral("(^|[^A-Za-z_])%1([^A-Za-z_]|$)")
                                            .arg(QRegularExpression::escape(f.name)));
            if (re.match(p.message).hasMatch()) {
                d.line = p.line > 0 ? p.line : d.line;
                problem = p.message;
                break;
            }
        }
        d.message = problem.isEmpty()
                        ? QStringLiteral("field %1 is missing or malformed: %2")
                              .arg(f.name, f.why)
                        : QStringLiteral("field %1: %2: %3").arg(f.name, problem, f.why);
        out.push_back(d);
    }
    for (const Problem &p : proposal.problems) {
        if (!ReportParser::isDuplicateId(p))
            continue;
        Diagnostic d;
        d.rule = QStringLiteral("duplicate-id");
        d.severity = DiagnosticSeverity::Error;
        d.file = proposal.sourceFile;
        d.proposalId = proposal.id;
        d.line = p.line > 0 ? p.line : std::max(1, proposal.sourceLine);
        d.column = 1;
        d.message = p.message
                    + QStringLiteral(": the store keeps both as one proposal, the later report "
                                     "as its latest revision, so the earlier one cannot be "
                                     "decided on its own");
        out.push_back(d);
    }
    return out;
}

} // namespace verdict
