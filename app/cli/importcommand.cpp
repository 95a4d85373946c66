// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "report/reportparser.h"

#include <QtConcurrent>

namespace verdict::cli {

namespace {

// HOOK(import --diagnose): the diagnostics engine is wired in here once it lands: run every
// checker over `files` (cross-proposal rules see all of them), cache the results and call
// Store::setDiagnosticCounts before import returns. Until then --diagnose only says so.
void runImportDiagnostics(Store &store, const std::vector<ParsedFile> &files, Io &io)
{
    Q_UNUSED(store)
    Q_UNUSED(files)
    io.err << "verdict-cli import: --diagnose: diagnostics are not wired into import yet; "
              "run 'verdict-cli check' on the same paths\n";
}

// Who the audit log names for an import.
QString importActor()
{
    for (const char *var : {"VERDICT_REVIEWER", "USER", "USERNAME"}) {
        const QString value = qEnvironmentVariable(var);
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("unknown");
}

} // namespace

int runImport(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Store the proposals of report files."));
    addDbOption(parser);
    const QCommandLineOption diagnose(QStringLiteral("diagnose"),
                                      QStringLiteral("Also run every diagnostic before "
                                                     "returning."));
    parser.addOption(diagnose);
    parser.addPositionalArgument(QStringLiteral("PATH"),
                                 QStringLiteral("Report files or folders (recursive)."),
                                 QStringLiteral("PATH..."));
    int code = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("import"), io, &code))
        return code;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        io.err << "verdict-cli import: no PATH given; see 'verdict-cli import --help'\n";
        return ExitUsage;
    }

    QStringList missing;
    const QStringList files = ReportParser::collectFiles(paths, &missing);
    for (const QString &path : missing)
        io.err << path << ": error: no such file or directory\n";

    auto store = openStoreOrReport(parser, io);
    if (!store)
        return ExitUsage;

    // Parsing is pure and per file: use every core.
    const QList<ParsedFile> parsedList =
        QtConcurrent::blockingMapped<QList<ParsedFile>>(files, &ReportParser::parseFile);
    std::vector<ParsedFile> parsed(parsedList.cbegin(), parsedList.cend());

    int fileErrors = 0;
    for (const ParsedFile &file : parsed) {
        if (!file.error.isEmpty()) {
            io.err << file.path << ": error: " << file.error << '\n';
            ++fileErrors;
        }
    }
    const auto summary = store->importFiles(parsed, importActor());
    if (!summary) {
        io.err << "verdict-cli import: " << summary.errorMessage() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(diagnose))
        runImportDiagnostics(*store, parsed, io);
    io.out << "imported " << summary->files << (summary->files == 1 ? " file: " : " files: ")
           << summary->added << " new, " << summary->revised << " revised, "
           << summary->unchanged << " unchanged\n";
    if (!missing.isEmpty())
        return ExitUsage;
    return fileErrors > 0 ? ExitFound : ExitOk;
}

} // namespace verdict::cli
