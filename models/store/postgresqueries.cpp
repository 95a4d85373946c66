// SPDX-License-Identifier: GPL-3.0-or-later
// PostgresStore reads: the queue, a proposal, decisions, the text search, the audit log
// and the sync engine's pull cursors.
#include "store/postgresstoreprivate.h"
#include "store/postgresarrays.h"

#include "domain/proposaljson.h"
#include "domain/status.h"


#include <map>

namespace verdict {

Result<std::vector<QueueEntry>> PostgresStore::queue()
{
    return d->guard<std::vector<QueueEntry>>(
        [&](pqxx::connection &c) -> Result<std::vector<QueueEntry>> {
            pqxx::work w(c);
            const int quorum = d->quorum(w);
            // first_seq: where the proposal's first revision went, its place in the queue.
            const char latest[] = "WITH latest AS (SELECT proposal_id, max(revision) AS "
                                  "revision, min(seq) AS first_seq FROM proposal_revisions "
                                  "GROUP BY proposal_id) ";
            const pqxx::result rows = w.exec(
                std::string(latest)
                + "SELECT r.proposal_id, r.revision, r.severity, r.block_execution, r.kind, "
                  "r.opportunity, r.targets, r.languages, r.timestamp, r.imported_at, "
                  "r.source_file, r.source_line, r.problem_count, c.errors, c.warnings, "
                  "c.infos FROM proposal_revisions r JOIN latest l "
                  "USING (proposal_id, revision) LEFT JOIN diagnostic_counts c "
                  "ON c.written_by = session_user AND c.proposal_id = r.proposal_id "
                  "AND c.revision = r.revision ORDER BY l.first_seq");
            const pqxx::result decided = w.exec(
                std::string(latest) + "SELECT " + kDecisionColumns
                + " FROM decisions d JOIN latest l USING (proposal_id, revision) "
                  "ORDER BY d.decided_at, d.seq");
            std::map<QString, std::vector<Decision>> byProposal;
            for (const pqxx::row &row : decided) {
                Decision dec = readDecision(row);
                byProposal[dec.proposalId].push_back(std::move(dec));
            }
            std::vector<QueueEntry> out;
            out.reserve(rows.size());
            for (const pqxx::row &row : rows) {
                QueueEntry e;
                e.id = qstr(row[0]);
                e.revision = row[1].as<int>();
                if (!row[2].is_null())
                    e.severity = row[2].as<int>();
                if (!row[3].is_null())
                    e.blockExecution = row[3].as<bool>();
                e.kind = qstr(row[4]);
                e.opportunity = qstr(row[5]);
                e.targets = ProposalJson::stringsFrom(qstr(row[6]).toUtf8());
                e.languages = ProposalJson::stringsFrom(qstr(row[7]).toUtf8());
                e.timestamp = qstr(row[8]);
                e.importedAt = TextForm::parseTime(qstr(row[9]));
                e.sourceFile = qstr(row[10]);
                e.sourceLine = row[11].as<int>();
                e.problems = row[12].as<int>();
                if (!row[13].is_null()) {
                    e.errors = row[13].as<int>();
                    e.warnings = row[14].as<int>();
                    e.infos = row[15].as<int>();
                }
                const auto it = byProposal.find(e.id);
                e.status = it == byProposal.end() ? Status::Pending
                                                  : deriveStatus(it->second, quorum);
                out.push_back(std::move(e));
            }
            return out;
        });
}

Result<StoredProposal> PostgresStore::proposal(const QString &id, int revision)
{
    return d->guard<StoredProposal>([&](pqxx::connection &c) -> Result<StoredProposal> {
        pqxx::work w(c);
        const pqxx::result latest = pq::exec(w,
            "SELECT max(revision) FROM proposal_revisions WHERE proposal_id = $1", str(id));
        if (latest[0][0].is_null())
            return makeError(QStringLiteral("no proposal %1").arg(id), kNotFound);
        const int last = latest[0][0].as<int>();
        const int rev = revision == 0 ? last : revision;
        const pqxx::result r = pq::exec(w,
            "SELECT document, imported_at FROM proposal_revisions "
            "WHERE proposal_id = $1 AND revision = $2",
            str(id), rev);
        if (r.empty())
            return makeError(QStringLiteral("proposal %1 has no revision %2").arg(id).arg(rev),
                             kNotFound);
        StoredProposal sp;
        sp.proposal = ProposalJson::fromText(qstr(r[0][0]).toUtf8());
        sp.importedAt = TextForm::parseTime(qstr(r[0][1]));
        sp.revision = rev;
        sp.latestRevision = last;
        sp.status = deriveStatus(d->decisionsOn(w, id, rev), d->quorum(w));
        return sp;
    });
}

Result<std::vector<Decision>> PostgresStore::decisions(const QString &proposalId)
{
    return d->guard<std::vector<Decision>>(
        [&](pqxx::connection &c) -> Result<std::vector<Decision>> {
            pqxx::work w(c);
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kDecisionColumns
                    + " FROM decisions d WHERE d.proposal_id = $1 "
                      "ORDER BY d.decided_at, d.seq", // storerules.h: decision order
                str(proposalId));
            std::vector<Decision> out;
            for (const pqxx::row &row : r)
                out.push_back(readDecision(row));
            return out;
        });
}

Result<QStringList> PostgresStore::searchText(const QStringList &words)
{
    std::vector<QString> needles;
    for (const QString &w : words) {
        if (!w.isEmpty())
            needles.push_back(w);
    }
    if (needles.empty())
        return QStringList();
    for (const QString &w : needles) {
        if (auto refused = refuseNul(w, QStringLiteral("a search word"), QStringLiteral("search")))
            return *refused;
    }
    return d->guard<QStringList>([&](pqxx::connection &c) -> Result<QStringList> {
        pqxx::work w(c);
        // One lower-cased text per latest revision (body, artifacts, risks, mitigations,
        // newline-separated), kept when strpos finds every word in it.
        const pqxx::result r = pq::exec(w,
            "WITH latest AS (SELECT proposal_id, max(revision) AS revision, min(seq) AS seq "
            "FROM proposal_revisions GROUP BY proposal_id), "
            "texts AS (SELECT l.seq, r.proposal_id, lower(concat_ws(E'\\n', j.d->>'body', "
            "(SELECT string_agg(a->>'content', E'\\n') "
            "FROM jsonb_array_elements(j.d->'artifacts') a), "
            "(SELECT string_agg(x, E'\\n') FROM jsonb_array_elements_text(j.d->'risks') x), "
            "(SELECT string_agg(x, E'\\n') "
            "FROM jsonb_array_elements_text(j.d->'mitigations') x))) AS t "
            "FROM proposal_revisions r JOIN latest l USING (proposal_id, revision), "
            "LATERAL (SELECT r.document::jsonb AS d) j) "
            "SELECT proposal_id FROM texts WHERE NOT EXISTS (SELECT 1 "
            "FROM unnest($1::text[]) AS word WHERE strpos(t, lower(word)) = 0) ORDER BY seq",
            textArray(needles));
        QStringList ids;
        for (const pqxx::row &row : r)
            ids << qstr(row[0]);
        return ids;
    });
}

Result<void> PostgresStore::forEachRiskList(const std::function<void(const QStringList &)> &each)
{
    return d->guard<void>([&](pqxx::connection &c) -> Result<void> {
        pqxx::work w(c);
        // Row by row from a cursor-less stream would need libpqxx 7; the two JSON arrays per
        // proposal are small, and the caller keeps only what repeats.
        const pqxx::result r = pq::exec(w,
            "WITH latest AS (SELECT proposal_id, max(revision) AS revision, min(seq) AS seq "
            "FROM proposal_revisions GROUP BY proposal_id) "
            "SELECT (r.document::jsonb->'risks')::text, "
            "(r.document::jsonb->'mitigations')::text "
            "FROM proposal_revisions r JOIN latest l USING (proposal_id, revision) ORDER BY l.seq");
        for (const pqxx::row &row : r) {
            each(ProposalJson::stringsFrom(QByteArray::fromStdString(row[0].c_str()))
                 + ProposalJson::stringsFrom(QByteArray::fromStdString(row[1].c_str())));
        }
        return {};
    });
}

Result<std::vector<Decision>> PostgresStore::allDecisions(const QDateTime &since)
{
    return d->guard<std::vector<Decision>>(
        [&](pqxx::connection &c) -> Result<std::vector<Decision>> {
            pqxx::work w(c);
            const QString from = since.isValid() ? TextForm::formatTime(since) : QString();
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kDecisionColumns
                    + " FROM decisions d WHERE d.decided_at >= $1 "
                      "ORDER BY d.decided_at, d.seq",
                str(from));
            std::vector<Decision> out;
            out.reserve(r.size());
            for (const pqxx::row &row : r)
                out.push_back(readDecision(row));
            return out;
        });
}

Result<std::vector<ServerDecision>> PostgresStore::decisionsAfter(qint64 seq, int limit)
{
    return d->guard<std::vector<ServerDecision>>(
        [&](pqxx::connection &c) -> Result<std::vector<ServerDecision>> {
            pqxx::work w(c);
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kDecisionColumns
                    + ", r.sha256, d.seq FROM decisions d JOIN proposal_revisions r "
                      "USING (proposal_id, revision) WHERE d.seq > $1 ORDER BY d.seq "
                      "LIMIT $2",
                seq, limit);
            std::vector<ServerDecision> out;
            out.reserve(r.size());
            for (const pqxx::row &row : r)
                out.push_back({readDecision(row), qstr(row[10]), row[11].as<qint64>()});
            return out;
        });
}

Result<std::vector<ServerRevision>> PostgresStore::revisionsAfter(qint64 seq, int limit)
{
    return d->guard<std::vector<ServerRevision>>(
        [&](pqxx::connection &c) -> Result<std::vector<ServerRevision>> {
            pqxx::work w(c);
            const pqxx::result r = pq::exec(w,
                "SELECT document, revision, seq FROM proposal_revisions WHERE seq > $1 "
                "ORDER BY seq LIMIT $2",
                seq, limit);
            std::vector<ServerRevision> out;
            for (const pqxx::row &row : r)
                out.push_back({ProposalJson::fromText(qstr(row[0]).toUtf8()), row[1].as<int>(),
                               row[2].as<qint64>()});
            return out;
        });
}

Result<std::vector<AuditEvent>> PostgresStore::auditEvents(const QDateTime &since)
{
    return d->guard<std::vector<AuditEvent>>(
        [&](pqxx::connection &c) -> Result<std::vector<AuditEvent>> {
            pqxx::work w(c);
            const QString from = since.isValid() ? TextForm::formatTime(since) : QString();
            const pqxx::result r = pq::exec(w,
                std::string("SELECT ") + kEventColumns
                    + " FROM audit_events WHERE seq >= (SELECT coalesce(min(seq), "
                      "9223372036854775807) FROM audit_events WHERE at >= $1) ORDER BY seq",
                str(from));
            std::vector<AuditEvent> out;
            out.reserve(r.size());
            for (const pqxx::row &row : r)
                out.push_back(readEvent(row));
            return out;
        });
}

} // namespace verdict
