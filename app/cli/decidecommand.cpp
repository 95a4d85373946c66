// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"

namespace verdict::cli {

int runDecide(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Record a decision on the latest revision of a proposal. Prints the decision id once "
        "it is durable."));
    addDbOption(parser);
    const QCommandLineOption reviewerOption(
        QStringLiteral("reviewer"), QStringLiteral("Who decides (default: $VERDICT_REVIEWER)."),
        QStringLiteral("NAME"));
    const QCommandLineOption reasonOption(
        QStringLiteral("reason"), QStringLiteral("Why; required for reject and changes."),
        QStringLiteral("TEXT"));
    const QCommandLineOption resolveOption(
        QStringLiteral("resolve"),
        QStringLiteral("A lead's decision that resolves a conflict (on a team server only "
                       "members of verdict_lead may)."));
    parser.addOption(reviewerOption);
    parser.addOption(reasonOption);
    parser.addOption(resolveOption);
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Proposal id."));
    parser.addPositionalArgument(QStringLiteral("VERDICT"),
                                 QStringLiteral("approve, reject, changes or retract."));
    int code = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("decide"), io, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        io.err << "verdict-cli decide: expected ID and approve|reject|changes; see "
                  "'verdict-cli decide --help'\n";
        return ExitUsage;
    }
    const auto verdict = verdictFromId(positional.at(1));
    if (!verdict) {
        io.err << "verdict-cli decide: '" << positional.at(1)
               << "' is not a verdict; use approve, reject, changes or retract\n";
        return ExitUsage;
    }
    DecisionRequest request;
    request.proposalId = positional.at(0);
    request.verdict = *verdict;
    request.reviewer = parser.isSet(reviewerOption) ? parser.value(reviewerOption)
                                                    : qEnvironmentVariable("VERDICT_REVIEWER");
    request.reason = parser.value(reasonOption);
    request.resolution = parser.isSet(resolveOption);
    if (request.reviewer.trimmed().isEmpty()) {
        io.err << "verdict-cli decide: --reviewer NAME is required (or set VERDICT_REVIEWER)\n";
        return ExitUsage;
    }
    if ((request.verdict == Verdict::Reject || request.verdict == Verdict::Changes)
        && request.reason.trimmed().isEmpty()) {
        io.err << "verdict-cli decide: " << positional.at(1) << " needs --reason TEXT\n";
        return ExitUsage;
    }
    auto store = openStoreOrReport(parser, io);
    if (!store)
        return ExitUsage;
    const auto decision = store->decide(request);
    if (!decision) {
        io.err << "verdict-cli decide: " << decision.errorMessage() << '\n';
        if (decision.error().code == QLatin1String("not-found"))
            return ExitFound;
        return ExitUsage;
    }
    // decide() returned: the decision is committed and synced to disk.
    io.out << decision->uuid << '\n';
    io.out.flush();
    return ExitOk;
}

} // namespace verdict::cli
