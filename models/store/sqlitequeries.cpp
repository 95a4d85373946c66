// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore reads: the queue, a proposal, decisions and the audit log.
#include "store/sqlitestoreprivate.h"

#include "domain/status.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace verdict {

Result<std::vector<QueueEntry>> SqliteStore::queue()
{
    auto quorum = d->quorum();
    if (!quorum)
        return quorum.error();

    // Plain scans in storage order, no joins: the latest revision of each proposal is
    // picked in memory. Proposals come in the order they were first imported (a proposal's
    // first revision has the smallest rev_id of its revisions, and proposals are never
    // deleted), as ORDER BY proposals.rowid gave. On 100,000 proposals right after an import
    // the joins cost 0.3-0.5 s of index lookups; the scans a fraction of it.
    std::vector<QueueEntry> out;
    std::vector<qint64> revIdOf;  // index in out -> rev_id of the entry's revision
    QHash<QString, int> byId;     // proposal id -> index in out
    {
        auto s = d->prepare("SELECT rev_id, proposal_id, revision, severity, block_execution, "
                            "kind, opportunity, timestamp, imported_at, source_file, "
                            "source_line, problem_count, errors, warnings, infos "
                            "FROM revisions ORDER BY rev_id");
        if (!s)
            return s.error();
        // Rows imported together share their time: parse each distinct text once.
        QByteArray lastAt;
        QDateTime lastAtTime;
        int rc;
        while ((rc = s->step()) == SQLITE_ROW) {
            QString id = s->text(1);
            const int revision = s->integer(2);
            auto it = byId.find(id);
            int i;
            if (it == byId.end()) {
                i = static_cast<int>(out.size());
                byId.insert(id, i);
                out.emplace_back();
                revIdOf.push_back(0);
            } else if (out[size_t(*it)].revision >= revision) {
                continue;
            } else {
                i = *it;
                out[size_t(i)] = QueueEntry();
            }
            QueueEntry &e = out[size_t(i)];
            revIdOf[size_t(i)] = s->int64(0);
            e.id = std::move(id);
            e.revision = revision;
            e.severity = s->optInt(3);
            if (!s->isNull(4))
                e.blockExecution = s->integer(4) != 0;
            e.kind = s->text(5);
            e.opportunity = s->text(6);
            e.timestamp = s->text(7);
            const QByteArray at = s->bytes(8);
            if (at != lastAt) {
                lastAt = at;
                lastAtTime = TextForm::parseTime(QString::fromUtf8(at));
            }
            e.importedAt = lastAtTime;
            e.sourceFile = s->text(9);
            e.sourceLine = s->integer(10);
            e.problems = s->integer(11);
            e.errors = s->integer(12);
            e.warnings = s->integer(13);
            e.infos = s->integer(14);
        }
        if (rc != SQLITE_DONE)
            return d->error(QStringLiteral("cannot read the queue"));
    }
    {
        // rev_id -> index in out, for latest revisions only (rev_ids are dense from 1).
        qint64 maxRevId = 0;
        for (const qint64 r : revIdOf)
            maxRevId = std::max(maxRevId, r);
        std::vector<int> entryOf(size_t(maxRevId) + 1, -1);
        for (size_t i = 0; i < revIdOf.size(); ++i)
            entryOf[size_t(revIdOf[i])] = static_cast<int>(i);
        auto s = d->prepare("SELECT rev_id, path, language FROM artifacts ORDER BY rev_id, idx");
        if (!s)
            return s.error();
        int rc;
        while ((rc = s->step()) == SQLITE_ROW) {
            const qint64 revId = s->int64(0);
            if (revId < 0 || revId > maxRevId)
                continue;
            const int i = entryOf[size_t(revId)];
            if (i < 0)
                continue;
            out[size_t(i)].targets << s->text(1);
            out[size_t(i)].languages << s->text(2);
        }
        if (rc != SQLITE_DONE)
            return d->error(QStringLiteral("cannot read the queue"));
    }
    {
        // Every decision on a latest revision in one pass, grouped in memory.
        std::vector<std::vector<Decision>> decided(out.size());
        auto s = d->prepare("SELECT d.proposal_id, d.reviewer, d.verdict, d.resolution "
                            "FROM decisions d JOIN proposals p ON p.id = d.proposal_id "
                            "AND d.revision = p.latest_revision ORDER BY d.decided_at, d.seq");
        if (!s)
            return s.error();
        int rc;
        while ((rc = s->step()) == SQLITE_ROW) {
            const int i = byId.value(s->text(0), -1);
            if (i < 0)
                continue;
            Decision dec;
            dec.reviewer = s->text(1);
            dec.verdict = verdictFromId(s->text(2)).value_or(Verdict::Retract);
            dec.resolution = s->integer(3) != 0;
            decided[i].push_back(std::move(dec));
        }
        if (rc != SQLITE_DONE)
            return d->error(QStringLiteral("cannot read the queue"));
        for (size_t i = 0; i < out.size(); ++i) {
            if (!decided[i].empty())
                out[i].status = deriveStatus(decided[i], *quorum);
        }
    }
    return out;
}

Result<StoredProposal> SqliteStore::proposal(const QString &id, int revision)
{
    auto latest = d->latestRevision(id);
    if (!latest)
        return latest.error();
    const auto resolved = StoreRules::resolveRevision(id, revision, *latest);
    if (!resolved)
        return resolved.error();
    const int rev = *resolved;
    StoredProposal sp;
    sp.revision = rev;
    sp.latestRevision = *latest;
    Proposal &p = sp.proposal;
    qint64 revId = 0;
    {
        auto s = d->prepare("SELECT r.rev_id, r.sha256, r.imported_at, r.source_file, "
                            "r.source_line, r.end_line, r.timestamp, r.severity, "
                            "r.block_execution, r.kind, r.opportunity, r.body_first_line, "
                            "t.body, t.risks, t.mitigations, t.problems "
                            "FROM revisions r JOIN revision_texts t ON t.rev_id = r.rev_id "
                            "WHERE r.proposal_id = ?1 AND r.revision = ?2");
        if (!s)
            return s.error();
        s->bind(1, id).bind(2, rev);
        if (s->step() != SQLITE_ROW)
            return d->error(QStringLiteral("cannot read proposal %1").arg(id));
        revId = s->int64(0);
        p.id = id;
        p.sha256 = s->text(1);
        sp.importedAt = TextForm::parseTime(s->text(2));
        p.sourceFile = s->text(3);
        p.sourceLine = s->integer(4);
        p.endLine = s->integer(5);
        p.timestamp = s->optText(6);
        p.severity = s->optInt(7);
        if (!s->isNull(8))
            p.blockExecution = s->integer(8) != 0;
        p.kind = s->optText(9);
        p.opportunity = s->optText(10);
        p.bodyFirstLine = s->integer(11);
        p.body = s->text(12);
        p.risks = ProposalJson::stringsFrom(s->bytes(13));
        p.mitigations = ProposalJson::stringsFrom(s->bytes(14));
        p.problems = ProposalJson::problemsFrom(s->bytes(15));
    }
    {
        auto s = d->prepare("SELECT a.path, a.declared_language, a.language, a.first_line, "
                            "a.last_line, a.fenced, a.fence_tag, a.sha256, "
                            "a.body_from, a.body_length, "
                            "CASE WHEN a.body_from IS NULL THEN "
                            "(SELECT c.content FROM contents c WHERE c.sha256 = a.sha256) END "
                            "FROM artifacts a "
                            "WHERE a.rev_id = ?1 ORDER BY a.idx");
        if (!s)
            return s.error();
        s->bind(1, revId);
        int rc;
        while ((rc = s->step()) == SQLITE_ROW) {
            Artifact a;
            a.path = s->text(0);
            a.declaredLanguage = s->text(1);
            a.language = s->text(2);
            a.firstLine = s->integer(3);
            a.lastLine = s->integer(4);
            a.fenced = s->integer(5) != 0;
            a.fenceTag = s->text(6);
            a.sha256 = s->text(7);
            if (s->isNull(8))
                a.content = s->text(10);
            else
                a.content = p.body.mid(qsizetype(s->int64(8)), qsizetype(s->int64(9)));
            p.artifacts.push_back(std::move(a));
        }
        if (rc != SQLITE_DONE)
            return d->error(QStringLiteral("cannot read proposal %1").arg(id));
    }
    auto decided = d->decisionsOn(id, rev);
    if (!decided)
        return decided.error();
    auto quorum = d->quorum();
    if (!quorum)
        return quorum.error();
    sp.status = deriveStatus(*decided, *quorum);
    return sp;
}

Result<std::vector<Decision>> SqliteStore::decisions(const QString &proposalId)
{
    auto s = d->prepare("SELECT uuid, proposal_id, revision, verdict, reviewer, reason, "
                        "decided_at, supersedes, pushed_by, resolution FROM decisions "
                        "WHERE proposal_id = ?1 ORDER BY decided_at, seq"); // storerules.h
    if (!s)
        return s.error();
    s->bind(1, proposalId);
    return d->readDecisions(s.value());
}

Result<std::vector<Decision>> SqliteStore::allDecisions(const QDateTime &since)
{
    auto s = d->prepare("SELECT uuid, proposal_id, revision, verdict, reviewer, reason, "
                        "decided_at, supersedes, pushed_by, resolution FROM decisions "
                        "WHERE decided_at >= ?1 ORDER BY decided_at, seq");
    if (!s)
        return s.error();
    s->bind(1, since.isValid() ? TextForm::formatTime(since) : QString());
    return d->readDecisions(s.value());
}

Result<std::vector<AuditEvent>> SqliteStore::auditEvents(const QDateTime &since)
{
    // From the first event at or after `since` on, in seq order: a contiguous piece of the
    // chain even if the clock once went backwards.
    auto s = d->prepare("SELECT seq, at, actor, action, subject, outcome, previous, detail, "
                        "prev_hash, hash FROM audit_events WHERE seq >= "
                        "(SELECT coalesce(min(seq), 1 << 62) FROM audit_events WHERE at >= ?1) "
                        "ORDER BY seq");
    if (!s)
        return s.error();
    s->bind(1, since.isValid() ? TextForm::formatTime(since) : QString());
    std::vector<AuditEvent> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
        AuditEvent e;
        e.seq = s->int64(0);
        e.at = TextForm::parseTime(s->text(1));
        e.actor = s->text(2);
        e.action = s->text(3);
        e.subject = s->text(4);
        e.outcome = s->text(5);
        e.previous = s->text(6);
        e.detail = s->text(7);
        e.prevHash = s->text(8);
        e.hash = s->text(9);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE)
        return d->error(QStringLiteral("cannot read the audit log"));
    return out;
}

} // namespace verdict
