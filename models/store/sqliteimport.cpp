// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore imports: one transaction per import, one audit event per new revision.
#include "store/sqlitestoreprivate.h"

#include "report/sha256.h"

#include <QThreadPool>

namespace verdict {

namespace {

// Finds where an artifact's text lies in its proposal's body: the parser takes both from the
// same report lines, so the artifact starts at the body line of its first line. Artifacts come
// in line order, so the walk over the body's lines is one pass for all of them.
class BodySlicer
{
public:
    BodySlicer(const QString &body, int bodyFirstLine)
        : m_body(body), m_line(bodyFirstLine), m_firstLine(bodyFirstLine)
    {
    }

    // The offset of a.content in the body, or -1 when it is not exactly a slice there.
    qsizetype find(const Artifact &a)
    {
        if (a.content.isEmpty())
            return 0;
        if (a.firstLine < m_firstLine)
            return -1;
        if (a.firstLine < m_line) { // out of order: walk again from the top
            m_line = m_firstLine;
            m_pos = 0;
        }
        while (m_line < a.firstLine) {
            const qsizetype nl = m_body.indexOf(QLatin1Char('\n'), m_pos);
            if (nl < 0)
                return -1;
            m_pos = nl + 1;
            ++m_line;
        }
        if (m_body.size() - m_pos < a.content.size()
            || QStringView(m_body).mid(m_pos, a.content.size()) != QStringView(a.content)) {
            return -1;
        }
        return m_pos;
    }

private:
    const QString &m_body;
    int m_line;
    const int m_firstLine;
    qsizetype m_pos = 0; // start of body line m_line
};

} // namespace

Result<void> SqliteStore::Private::importProposal(const Proposal &p, const QString &atText,
                                                  const QString &actor, ChainTip &tip,
                                                  ImportSummary &summary)
{
    const QString sha = p.sha256.isEmpty() ? sha256Hex(p.body.toUtf8()) : p.sha256;
    const QString &id = p.id; // importChunk refused reports without one

    // One statement decides new / revised / unchanged: the upsert only writes (and only
    // returns a row) when the content differs from the latest revision.
    auto up = prepare("INSERT INTO proposals (id, latest_revision, latest_sha256, created_at) "
                      "VALUES (?1, 1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET "
                      "latest_revision = latest_revision + 1, "
                      "latest_sha256 = excluded.latest_sha256 "
                      "WHERE latest_sha256 <> excluded.latest_sha256 "
                      "RETURNING latest_revision");
    if (!up)
        return up.error();
    up->bind(1, id).bind(2, sha).bind(3, atText);
    const int rc = up->step();
    if (rc == SQLITE_DONE) {
        ++summary.unchanged;
        return {};
    }
    if (rc != SQLITE_ROW)
        return error(QStringLiteral("cannot store proposal %1").arg(id));
    const int revision = up->integer(0);
    const auto storeError = [&id] { return QStringLiteral("cannot store proposal %1").arg(id); };
    if (up->step() != SQLITE_DONE)
        return error(QStringLiteral("cannot store proposal %1").arg(id));

    auto rev = prepare("INSERT INTO revisions (proposal_id, revision, sha256, imported_at, "
                       "source_file, source_line, end_line, timestamp, severity, "
                       "block_execution, kind, opportunity, body_first_line, problem_count) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    if (!rev)
        return rev.error();
    rev->bind(1, id).bind(2, revision).bind(3, sha).bind(4, atText).bind(5, p.sourceFile);
    rev->bind(6, p.sourceLine).bind(7, p.endLine).bind(8, p.timestamp).bind(9, p.severity);
    rev->bind(10, p.blockExecution).bind(11, p.kind).bind(12, p.opportunity);
    rev->bind(13, p.bodyFirstLine).bind(14, static_cast<int>(p.problems.size()));
    if (auto r = runOr(rev.value(), storeError); !r)
        return r;
    const qint64 revId = sqlite3_last_insert_rowid(db.get());

    auto texts = prepare("INSERT INTO revision_texts (rev_id, body, risks, mitigations, "
                         "problems) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!texts)
        return texts.error();
    texts->bind(1, revId).bind(2, p.bodyUtf8.isEmpty() ? p.body.toUtf8() : p.bodyUtf8);
    texts->bind(3, ProposalJson::strings(p.risks));
    texts->bind(4, ProposalJson::strings(p.mitigations));
    texts->bind(5, ProposalJson::problems(p.problems));
    if (auto r = runOr(texts.value(), storeError); !r)
        return r;

    const auto artifactError = [&id] {
        return QStringLiteral("cannot store an artifact of %1").arg(id);
    };
    BodySlicer slicer(p.body, p.bodyFirstLine);
    int idx = 0;
    for (const Artifact &a : p.artifacts) {
        const QString contentSha = a.sha256.isEmpty() ? sha256Hex(a.content.toUtf8()) : a.sha256;
        // The text is stored once: as a range of the body when it is one (nearly always),
        // else in contents.
        const qsizetype from = slicer.find(a);
        if (from < 0) {
            auto content = prepare("INSERT INTO contents (sha256, content) VALUES (?1, ?2) "
                                   "ON CONFLICT (sha256) DO NOTHING");
            if (!content)
                return content.error();
            content->bind(1, contentSha).bind(2, a.content);
            if (auto r = runOr(content.value(), artifactError); !r)
                return r;
        }
        auto art = prepare("INSERT INTO artifacts (rev_id, idx, path, declared_language, "
                           "language, first_line, last_line, fenced, fence_tag, sha256, "
                           "body_from, body_length) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
        if (!art)
            return art.error();
        art->bind(1, revId).bind(2, idx++).bind(3, a.path).bind(4, a.declaredLanguage);
        art->bind(5, a.language).bind(6, a.firstLine).bind(7, a.lastLine);
        art->bind(8, a.fenced ? 1 : 0).bind(9, a.fenceTag).bind(10, contentSha);
        if (from >= 0)
            art->bind(11, qint64(from)).bind(12, qint64(a.content.size()));
        if (auto r = runOr(art.value(), artifactError); !r)
            return r;
    }

    AuditEvent e = StoreRules::importEvent(id, revision, p, sha, actor);
    if (auto r = appendEvent(tip, e, atText); !r)
        return r;
    if (revision == 1)
        ++summary.added;
    else
        ++summary.revised;
    return {};
}

Result<void> SqliteStore::Private::importChunk(const std::vector<ParsedFile> &files,
                                               const QString &atText, const QString &actor,
                                               ChainTip &tip, ImportSummary &summary)
{
    for (const ParsedFile &file : files) {
        ++summary.files;
        if (!file.error.isEmpty()) {
            summary.fileErrors << file.path + QStringLiteral(": ") + file.error;
            continue;
        }
        for (const Proposal &p : file.proposals) {
            ++summary.proposals;
            if (auto refused = StoreRules::refuseProposal(p)) {
                summary.fileErrors << *refused;
                continue;
            }
            if (auto r = importProposal(p, atText, actor, tip, summary); !r)
                return r;
        }
    }
    return {};
}

Result<ImportSummary> SqliteStore::Private::importStream(const ChunkSource &next,
                                                         const QString &actor)
{
    ImportSummary summary;
    if (auto r = begin(); !r)
        return r.error();
    RollbackGuard guard{this};
    auto tip = chainTip();
    if (!tip)
        return tip.error();
    const QString atText = nowText();
    for (;;) {
        const auto chunk = next();
        if (!chunk)
            return chunk.error();
        if (!*chunk)
            break;
        if (auto r = importChunk(**chunk, atText, actor, tip.value(), summary); !r)
            return r.error();
    }
    if (auto r = commit(); !r)
        return r.error();
    guard.active = false;
    return summary;
}

// An import can be redone from its files, so it need not wait for fsync: synchronous=NORMAL
// in WAL mode, the commit survives a crash of the process (not necessarily a power loss
// until the next FULL commit, any decision, syncs the WAL including it). Copying a big
// import from the WAL into the database (a checkpoint) costs as much as the import itself:
// it is left to this connection's close (see ~SqliteStore), not done on the caller's time.
Result<ImportSummary> SqliteStore::Private::relaxedImport(const ChunkSource &next,
                                                          const QString &actor)
{
    if (auto r = execScript("PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0",
                            QStringLiteral("cannot import"));
        !r) {
        return r.error();
    }
    auto result = importStream(next, actor);
    if (result && result->added + result->revised > 0)
        checkpointPending = true;
    if (auto r = execScript("PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 1000",
                            QStringLiteral("cannot import"));
        !r) {
        return r.error();
    }
    return result;
}

Result<ImportSummary> SqliteStore::importFiles(const std::vector<ParsedFile> &files,
                                               const QString &actor)
{
    const std::vector<ParsedFile> *once = &files;
    return d->relaxedImport(
        [&once]() -> Result<const std::vector<ParsedFile> *> {
            return std::exchange(once, nullptr);
        },
        actor);
}

Result<ImportSummary> SqliteStore::importStream(const ParsedFileSource &next,
                                                const QString &actor)
{
    std::vector<ParsedFile> chunk;
    return d->relaxedImport(
        [&next, &chunk]() -> Result<const std::vector<ParsedFile> *> {
            // The stored chunk is freed on the thread pool: tens of thousands of strings,
            // and the writer is the import's one serial stage.
            // The task holds the only reference (moved in, not copied): were this thread to
            // keep one until after the task ran, the chunk would be freed here after all.
            if (!chunk.empty()) {
                auto done = std::make_shared<std::vector<ParsedFile>>(std::move(chunk));
                QThreadPool::globalInstance()->start(
                    [done = std::move(done)]() mutable { done.reset(); });
                chunk = std::vector<ParsedFile>();
            }
            const Result<bool> more = next(chunk);
            if (!more)
                return more.error();
            return *more ? &chunk : nullptr;
        },
        actor);
}

} // namespace verdict
