// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "diagnostics/diagnosticsengine.h"
#include "report/reportparser.h"

#include <QJsonArray>
#include <QJsonObject>

namespace verdict::cli {

// check [--json] PATH...: every rule over every proposal found; cross-proposal rules see
// all of them. Exit 1 when any error diagnostic or any file that is not a readable report.
int runCheck(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Diagnose the proposals in report files (files or folders). Text output is one\n"
        "GCC-style line per finding: FILE:LINE:COL: error|warning|info: MESSAGE [rule]."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Report files or folders."),
                                 QStringLiteral("PATH..."));
    int exitCode = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("check"), io, &exitCode))
        return exitCode;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        io.err << "verdict-cli check: no PATH given; run 'verdict-cli check --help'\n";
        return ExitUsage;
    }

    QStringList missing;
    const QStringList files = ReportParser::collectFiles(paths, &missing);
    bool failed = false;
    for (const QString &m : missing) {
        io.err << "verdict-cli check: " << m << ": no such file or folder\n";
        failed = true;
    }
    std::vector<Proposal> proposals;
    for (const QString &file : files) {
        ParsedFile parsed = ReportParser::parseFile(file);
        if (!parsed.error.isEmpty()) {
            io.err << file << ": " << parsed.error << '\n';
            failed = true;
            continue;
        }
        for (Proposal &p : parsed.proposals)
            proposals.push_back(std::move(p));
    }

    const std::vector<Diagnostic> diagnostics = DiagnosticsEngine::diagnoseAll(proposals);
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const Diagnostic &d : diagnostics) {
            list.append(QJsonObject{
                {QStringLiteral("file"), d.file},
                {QStringLiteral("proposal_id"), d.proposalId},
                {QStringLiteral("artifact"),
                 d.artifact.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.artifact)},
                {QStringLiteral("line"), d.line},
                {QStringLiteral("column"), d.column},
                {QStringLiteral("severity"), severityId(d.severity)},
                {QStringLiteral("rule"), d.rule},
                {QStringLiteral("message"), d.message},
            });
        }
        io.out << jsonText(QJsonObject{{QStringLiteral("diagnostics"), list}}) << '\n';
    } else {
        for (const Diagnostic &d : diagnostics) {
            // One finding per line, whatever a parser's message holds (io.out makes every
            // other control character a '?').
            QString message = d.message;
            message.replace(QLatin1Char('\n'), QLatin1Char(' '))
                .replace(QLatin1Char('\r'), QLatin1Char(' '))
                .replace(QLatin1Char('\t'), QLatin1Char(' '));
            io.out << d.file << ':' << d.line << ':' << d.column << ": " << severityId(d.severity)
                   << ": " << message << " [" << d.rule << "]\n";
        }
    }
    for (const Diagnostic &d : diagnostics) {
        if (d.severity == DiagnosticSeverity::Error)
            failed = true;
    }
    return failed ? ExitFound : ExitOk;
}

} // namespace verdict::cli
