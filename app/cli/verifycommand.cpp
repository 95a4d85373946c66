// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "audit/auditverify.h"
#include "audit/hashchain.h"

#include <QFile>

namespace verdict::cli {

int runVerify(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Verify an audit export (CSV or JSONL): its hash chain, and that every byte is what "
        "export writes. Exit 0 when intact, 1 with the first broken line."));
    const QCommandLineOption headOption(
        QStringLiteral("head"),
        QStringLiteral("The head hash printed by export: the last event must carry it."),
        QStringLiteral("HASH"));
    const QCommandLineOption partialOption(
        QStringLiteral("partial"),
        QStringLiteral("Accept an export made with --since (not starting at the first "
                       "event); its first prev_hash is trusted."));
    parser.addOption(headOption);
    parser.addOption(partialOption);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The export."));
    int code = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("verify"), io, &code))
        return code;
    if (parser.positionalArguments().size() != 1) {
        io.err << "verdict-cli verify: expected one FILE; see 'verdict-cli verify --help'\n";
        return ExitUsage;
    }
    const QString head = parser.value(headOption).toLower();
    if (parser.isSet(headOption) && !HashChain::isHash(head)) {
        io.err << "verdict-cli verify: --head must be 64 hex digits\n";
        return ExitUsage;
    }
    const QString path = parser.positionalArguments().first();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        io.err << "verdict-cli verify: cannot read " << path << ": " << file.errorString()
               << '\n';
        return ExitUsage;
    }
    const AuditVerifyReport report =
        AuditVerify::verify(file.readAll(), head, parser.isSet(partialOption));
    if (!report.ok) {
        io.err << path << ':' << report.line
               << (report.altered ? ": not as exported: " : ": chain broken: ")
               << report.message << '\n';
        return ExitFound;
    }
    io.out << "ok: " << report.events << " events, head " << report.head << '\n';
    return ExitOk;
}

} // namespace verdict::cli
