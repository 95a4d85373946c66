// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

#include "store/sync.h"

namespace verdict::cli {

// verdict-cli sync --server URL [--db PATH]: pushes the laptop's outbox to the team server
// and pulls teammates' proposals and decisions.
int runSync(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Push local decisions (and the proposals they refer to) to the team's PostgreSQL "
        "server, then pull the proposals and decisions the laptop lacks. Safe to interrupt "
        "and repeat: every decision ends up on the server exactly once."));
    addDbOption(parser);
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("Team server: postgresql://... or a libpq key=value string. Default: "
                       "$VERDICT_SERVER. Passwords come from PGPASSWORD or ~/.pgpass."),
        QStringLiteral("URL"));
    parser.addOption(server);
    int exitCode = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("sync"), io, &exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << "verdict-cli sync: unexpected argument '"
               << parser.positionalArguments().first() << "'\n";
        return ExitUsage;
    }
    const QString serverUrl = parser.isSet(server) ? parser.value(server)
                                                   : qEnvironmentVariable("VERDICT_SERVER");
    if (serverUrl.isEmpty()) {
        io.err << "verdict-cli sync: --server URL is required (or set VERDICT_SERVER)\n";
        return ExitUsage;
    }
    QString localUrl = defaultStoreUrl(parser.isSet(QStringLiteral("db"))
                                           ? parser.value(QStringLiteral("db"))
                                           : QString());
    if (localUrl.startsWith(QLatin1String("sqlite:")))
        localUrl = localUrl.mid(7);
    if (localUrl.contains(QLatin1String("://")) || localUrl.contains(QLatin1Char('='))) {
        io.err << "verdict-cli sync: --db must name the local SQLite database; the team "
                  "server goes in --server\n";
        return ExitUsage;
    }

    SyncEngine engine(localUrl, serverUrl);
    const auto report = engine.sync();
    if (!report) {
        io.err << "verdict-cli sync: " << redactStoreUrl(report.errorMessage(), serverUrl)
               << '\n';
        return ExitUsage;
    }
    io.out << "pushed " << report->decisionsPushed << " decision(s) ("
           << report->decisionsAcknowledged - report->decisionsPushed
           << " already on the server) and " << report->proposalsPushed
           << " proposal revision(s); pulled " << report->proposalsPulled
           << " proposal revision(s) and " << report->decisionsPulled << " decision(s)\n";
    return ExitOk;
}

} // namespace verdict::cli
