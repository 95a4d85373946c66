// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "diagnostics/diagnosticsengine.h"
#include "report/reportparser.h"
#include "store/importer.h"

#include <QtConcurrent>

namespace verdict::cli {

namespace {

// --diagnose: every checker over the whole queue (so cross-proposal rules see all of it),
// results cached in the store and per-proposal counts written, before import returns.
bool runImportDiagnostics(Store &store, Io &io)
{
    auto queue = store.queue();
    if (!queue) {
        io.err << "verdict-cli import: --diagnose: " << queue.errorMessage() << '\n';
        return false;
    }
    std::vector<StoredProposal> proposals;
    proposals.reserve(queue->size());
    for (const QueueEntry &entry : *queue) {
        auto p = store.proposal(entry.id, entry.revision);
        if (!p) {
            io.err << "verdict-cli import: --diagnose: " << p.errorMessage() << '\n';
            return false;
        }
        proposals.push_back(std::move(p).value());
    }
    DiagnosticsEngine engine;
    engine.setStoreUrl(store.url());
    int errors = 0;
    int warnings = 0;
    QObject::connect(&engine, &DiagnosticsEngine::proposalDiagnosed, &engine,
                     [&](const QString &, int, const std::vector<Diagnostic> &list) {
                         for (const Diagnostic &d : list) {
                             errors += d.severity == DiagnosticSeverity::Error;
                             warnings += d.severity == DiagnosticSeverity::Warning;
                         }
                     }, Qt::DirectConnection);
    engine.diagnose(proposals, *queue);
    engine.waitForDone();
    io.out << "diagnosed " << proposals.size() << " proposals: " << errors << " errors, "
           << warnings << " warnings\n";
    return true;
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

    // Streamed: chunks of files parse on every core while the previous chunk is stored,
    // all in one transaction; memory stays at about two chunks whatever the folder's size.
    int fileErrors = 0;
    Importer::Options options;
    options.fileError = [&io, &fileErrors](const ParsedFile &file) {
        io.err << file.path << ": error: " << file.error << '\n';
        ++fileErrors;
    };
    options.reportError = [&io, &fileErrors](const Proposal &report, const Problem &problem) {
        io.err << report.sourceFile << ':' << problem.line << ": error: " << problem.message
               << '\n';
        ++fileErrors;
    };
    const auto summary = Importer::run(*store, files, actorName(), options);
    if (!summary) {
        io.err << "verdict-cli import: " << summary.errorMessage() << '\n';
        return ExitUsage;
    }
    io.out << "imported " << summary->files << (summary->files == 1 ? " file: " : " files: ")
           << summary->added << " new, " << summary->revised << " revised, "
           << summary->unchanged << " unchanged\n";
    if (parser.isSet(diagnose) && !runImportDiagnostics(*store, io))
        return ExitUsage;
    if (!missing.isEmpty())
        return ExitUsage;
    return fileErrors > 0 ? ExitFound : ExitOk;
}

} // namespace verdict::cli
