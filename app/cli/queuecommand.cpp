// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/cli.h"
#include "queue/filterquery.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

namespace verdict::cli {

namespace {

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject toJson(const QueueEntry &e)
{
    // Counts not computed yet read as 0, as DESIGN.md's contract says.
    QJsonObject diagnostics{{QStringLiteral("error"), std::max(0, e.errors)},
                            {QStringLiteral("warning"), std::max(0, e.warnings)},
                            {QStringLiteral("info"), std::max(0, e.infos)}};
    return QJsonObject{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("revision"), e.revision},
        {QStringLiteral("severity"), e.severity ? QJsonValue(*e.severity) : QJsonValue()},
        {QStringLiteral("block_execution"),
         e.blockExecution ? QJsonValue(*e.blockExecution) : QJsonValue()},
        {QStringLiteral("kind"), orNull(e.kind)},
        {QStringLiteral("opportunity"), orNull(e.opportunity)},
        {QStringLiteral("targets"), QJsonArray::fromStringList(e.targets)},
        {QStringLiteral("status"), statusId(e.status)},
        {QStringLiteral("diagnostics"), diagnostics},
    };
}

void printTable(const std::vector<QueueEntry> &entries, Output &out)
{
    const QStringList header{QStringLiteral("ID"), QStringLiteral("REV"), QStringLiteral("SEV"),
                             QStringLiteral("STATUS"), QStringLiteral("KIND"),
                             QStringLiteral("TARGETS")};
    std::vector<QStringList> rows{header};
    for (const QueueEntry &e : entries) {
        // Report text is untrusted: made printable before the columns are measured.
        rows.push_back({printable(e.id), QString::number(e.revision),
                        e.severity ? QString::number(*e.severity) : QStringLiteral("-"),
                        statusId(e.status),
                        e.kind.isEmpty() ? QStringLiteral("-") : printable(e.kind),
                        printable(e.targets.join(QLatin1Char(' ')))});
    }
    std::vector<int> width(header.size(), 0);
    for (const QStringList &row : rows) {
        for (int c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], static_cast<int>(row.at(c).size()));
    }
    for (const QStringList &row : rows) {
        QString line;
        for (int c = 0; c < row.size(); ++c) {
            const QString &cell = row.at(c);
            line += c + 1 < row.size() ? cell.leftJustified(width[c] + 2) : cell;
        }
        out << line << '\n';
    }
}

} // namespace

int runQueue(const QStringList &args, Io &io)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List proposals and their status."));
    addDbOption(parser);
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption filter(QStringLiteral("filter"),
                                    QStringLiteral("Only proposals matching EXPR, e.g. 'severity>=7 status:pending lang:sql has:error target:NAME text:\"words\" reviewer:NAME -kind:X'."),
                                    QStringLiteral("EXPR"));
    parser.addOption(json);
    parser.addOption(filter);
    int code = ExitOk;
    if (!parseArgs(parser, args, QStringLiteral("queue"), io, &code))
        return code;
    if (!parser.positionalArguments().isEmpty()) {
        io.err << "verdict-cli queue: unexpected argument '"
               << parser.positionalArguments().first() << "'\n";
        return ExitUsage;
    }
    FilterQuery query;
    if (parser.isSet(filter)) {
        auto parsed = FilterQuery::parse(parser.value(filter));
        if (!parsed) {
            io.err << "verdict-cli queue: malformed --filter: " << parsed.errorMessage() << '\n';
            return ExitUsage;
        }
        query = std::move(parsed).value();
    }
    auto store = openStoreOrReport(parser, io);
    if (!store)
        return ExitUsage;
    auto all = store->queue();
    if (!all) {
        io.err << "verdict-cli queue: " << all.errorMessage() << '\n';
        return ExitUsage;
    }
    std::vector<QueueEntry> kept;
    const std::vector<QueueEntry> *entries = &all.value();
    if (!query.isEmpty()) {
        QHash<QString, QStringList> reviewers;
        FilterContext context;
        if (query.usesKey(QStringLiteral("reviewer"))) {
            const auto decisions = store->allDecisions();
            if (!decisions) {
                io.err << "verdict-cli queue: " << decisions.errorMessage() << '\n';
                return ExitUsage;
            }
            reviewers = FilterQuery::reviewersByProposal(decisions.value());
            // "reviewer:me" is whoever decide would record: $VERDICT_REVIEWER, else $USER.
            context.me = qEnvironmentVariable("VERDICT_REVIEWER").trimmed();
            if (context.me.isEmpty())
                context.me = qEnvironmentVariable("USER").trimmed();
        }
        context.reviewers = &reviewers;
        // Free words and text: search the proposals' whole text too, as the GUI does.
        TextMatches textMatches;
        if (query.usesKey(QStringLiteral("text"))) {
            auto found = FilterQuery::searchStore(*store, query.textValues());
            if (!found) {
                io.err << "verdict-cli queue: " << found.errorMessage() << '\n';
                return ExitUsage;
            }
            textMatches = std::move(found).value();
        }
        context.textMatches = &textMatches;
        for (const QueueEntry &e : all.value()) {
            if (query.matches(e, context))
                kept.push_back(e);
        }
        entries = &kept;
    }
    if (parser.isSet(json)) {
        QJsonArray proposals;
        for (const QueueEntry &e : *entries)
            proposals.append(toJson(e));
        const QJsonObject root{{QStringLiteral("proposals"), proposals}};
        io.out << jsonText(root) << '\n';
    } else {
        printTable(*entries, io.out);
    }
    return ExitOk;
}

} // namespace verdict::cli
