// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresStore imports: proposal revisions through the server's verdict_import_revisions.
#include "store/postgresstoreprivate.h"
#include "store/postgresarrays.h"

#include "domain/proposaljson.h"


namespace verdict {

namespace pg {

// A proposal's text fields that become columns (the rest lives in the JSON document).
std::optional<Error> refuseNulInProposal(const Proposal &p)
{
    const QString owner = QStringLiteral("proposal ") + (p.id.isEmpty() ? p.sourceFile : p.id);
    const std::pair<QString, QString> fields[] = {
        {p.id, QStringLiteral("id")},
        {p.sourceFile, QStringLiteral("source file name")},
        {p.sha256, QStringLiteral("sha256")},
        {p.timestamp.value_or(QString()), QStringLiteral("timestamp")},
        {p.kind.value_or(QString()), QStringLiteral("kind")},
        {p.opportunity.value_or(QString()), QStringLiteral("opportunity")}};
    for (const auto &[value, field] : fields) {
        if (auto e = refuseNul(value, field, owner))
            return e;
    }
    return std::nullopt;
}

} // namespace pg

std::vector<std::pair<int, QString>>
PostgresStore::Private::importRevisions(pqxx::work &w, const std::vector<Proposal> &ps,
                                        const QString &actor)
{
    std::vector<QString> ids, shas, files, targets, languages, documents;
    std::vector<int> lines, problems;
    std::vector<std::optional<QString>> timestamps, kinds, opportunities;
    std::vector<std::optional<int>> severities;
    std::vector<std::optional<bool>> blocks;
    for (const Proposal &p : ps) {
        QStringList t, l;
        for (const Artifact &a : p.artifacts) {
            t.append(a.path);
            l.append(a.language);
        }
        ids.push_back(p.id);
        shas.push_back(p.sha256);
        files.push_back(p.sourceFile);
        lines.push_back(p.sourceLine);
        timestamps.push_back(p.timestamp);
        severities.push_back(p.severity);
        blocks.push_back(p.blockExecution);
        kinds.push_back(p.kind);
        opportunities.push_back(p.opportunity);
        targets.push_back(QString::fromUtf8(ProposalJson::strings(t)));
        languages.push_back(QString::fromUtf8(ProposalJson::strings(l)));
        problems.push_back(int(p.problems.size()));
        documents.push_back(
            QString::fromUtf8(ProposalJson::toText(p)));
    }
    const pqxx::result r = pq::exec(w,
        "SELECT revision, outcome FROM verdict_import_revisions($1::text[], $2::text[], "
        "$3::text[], $4::integer[], $5::text[], $6::integer[], $7::boolean[], $8::text[], "
        "$9::text[], $10::text[], $11::text[], $12::integer[], $13::text[], $14)",
        textArray(ids), textArray(shas), textArray(files), intArray(lines),
        optTextArray(timestamps), optArray(severities), optArray(blocks), optTextArray(kinds),
        optTextArray(opportunities), textArray(targets), textArray(languages),
        intArray(problems), textArray(documents), str(actor));
    std::vector<std::pair<int, QString>> out;
    out.reserve(r.size());
    for (const pqxx::row &row : r)
        out.emplace_back(row[0].as<int>(), qstr(row[1]));
    return out;
}

Result<ImportSummary> PostgresStore::importFiles(const std::vector<ParsedFile> &files,
                                                 const QString &actor)
{
    ImportSummary summary;
    std::vector<Proposal> proposals;
    for (const ParsedFile &f : files) {
        ++summary.files;
        if (!f.error.isEmpty()) {
            summary.fileErrors << f.path + QStringLiteral(": ") + f.error;
            continue;
        }
        for (const Proposal &p : f.proposals) {
            ++summary.proposals;
            if (auto refused = StoreRules::refuseProposal(p)) {
                summary.fileErrors << *refused;
                continue;
            }
            if (auto e = refuseNulInProposal(p))
                return *e;
            proposals.push_back(p);
        }
    }
    if (auto e = refuseNul(actor, QStringLiteral("actor"), QStringLiteral("import")))
        return *e;
    return d->guard<ImportSummary>([&](pqxx::connection &c) -> Result<ImportSummary> {
        pqxx::work w(c);
        d->lockAndHead(w);
        ImportSummary s = summary;
        for (const auto &[revision, outcome] : d->importRevisions(w, proposals, actor)) {
            Q_UNUSED(revision)
            if (outcome.isEmpty())
                ++s.unchanged;
            else if (outcome == QLatin1String("new"))
                ++s.added;
            else
                ++s.revised;
        }
        d->commit(w);
        return s;
    });
}

Result<std::vector<ImportedRevision>>
PostgresStore::importRevisions(const std::vector<Proposal> &proposals, const QString &actor)
{
    for (const Proposal &p : proposals) {
        if (p.id.isEmpty())
            return makeError(QStringLiteral("a proposal without an id cannot be synced"),
                             kInvalid);
        if (auto e = refuseNulInProposal(p))
            return *e;
    }
    using Out = std::vector<ImportedRevision>;
    return d->guard<Out>([&](pqxx::connection &c) -> Result<Out> {
        pqxx::work w(c);
        d->lockAndHead(w);
        Out revisions;
        for (const auto &[revision, outcome] : d->importRevisions(w, proposals, actor))
            revisions.push_back({revision, !outcome.isEmpty()});
        d->commit(w);
        return revisions;
    });
}

} // namespace verdict
