// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/sqlitestore.h"

#include "audit/auditevents.h"
#include "audit/hashchain.h"
#include "domain/status.h"
#include "report/sha256.h"
#include "store/sqlitemigrations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThreadPool>
#include <QUuid>
#include <QVarLengthArray>

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>
#include <utility>

namespace verdict {

namespace {

// Error codes callers may act on (Error::code); SQLite failures carry "sqlite:<code>".
const QString kNotFound = QStringLiteral("not-found");
const QString kInvalid = QStringLiteral("invalid");

struct StmtDeleter
{
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtDeleter>;

// A cached prepared statement on loan: bindings cleared and statement reset when it goes,
// so the cache always holds idle statements.
class Stmt final
{
public:
    explicit Stmt(sqlite3_stmt *s) : m_s(s) {}
    Stmt(Stmt &&other) noexcept
        : m_s(std::exchange(other.m_s, nullptr)), m_keep(std::move(other.m_keep))
    {
    }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    Stmt &operator=(Stmt &&) = delete;
    ~Stmt()
    {
        if (m_s) {
            sqlite3_reset(m_s);
            sqlite3_clear_bindings(m_s);
        }
    }

    // Text is bound without a copy (SQLITE_STATIC): the UTF-8 buffers stay alive in m_keep
    // until the statement is reset. Imports bind tens of megabytes.
    Stmt &bind(int i, const QString &v) { return bind(i, v.toUtf8()); }
    Stmt &bind(int i, const QByteArray &utf8)
    {
        // An import binds ~20 texts per report: the first kKept buffers need no allocation.
        m_keep.append(utf8);
        sqlite3_bind_text(m_s, i, m_keep.last().constData(), m_keep.last().size(),
                          SQLITE_STATIC);
        return *this;
    }
    Stmt &bind(int i, qint64 v)
    {
        sqlite3_bind_int64(m_s, i, v);
        return *this;
    }
    Stmt &bind(int i, int v) { return bind(i, static_cast<qint64>(v)); }
    template <typename T>
    Stmt &bind(int i, const std::optional<T> &v)
    {
        if (!v)
            sqlite3_bind_null(m_s, i);
        else
            bind(i, *v);
        return *this;
    }
    Stmt &bind(int i, const std::optional<bool> &v)
    {
        if (!v)
            sqlite3_bind_null(m_s, i);
        else
            bind(i, *v ? 1 : 0);
        return *this;
    }

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_s); }

    bool isNull(int c) const { return sqlite3_column_type(m_s, c) == SQLITE_NULL; }
    qint64 int64(int c) const { return sqlite3_column_int64(m_s, c); }
    int integer(int c) const { return sqlite3_column_int(m_s, c); }
    QString text(int c) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_s, c));
        return QString::fromUtf8(p, sqlite3_column_bytes(m_s, c));
    }
    QByteArray bytes(int c) const
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_s, c));
        return QByteArray(p, sqlite3_column_bytes(m_s, c));
    }
    std::optional<QString> optText(int c) const
    {
        return isNull(c) ? std::nullopt : std::optional<QString>(text(c));
    }
    std::optional<int> optInt(int c) const
    {
        return isNull(c) ? std::nullopt : std::optional<int>(integer(c));
    }

private:
    sqlite3_stmt *m_s;
    static constexpr int kKept = 16;
    QVarLengthArray<QByteArray, kKept> m_keep;
};

QString nowText()
{
    return HashChain::formatTime(QDateTime::currentDateTimeUtc());
}

// Compact JSON, written directly: the import writes three of these per proposal, and
// going through QJsonArray/QJsonDocument cost more than writing the row.
QByteArray jsonList(const QStringList &list)
{
    return HashChain::canonical(list);
}

// [[line, "message"], ...]
QByteArray problemsJson(const std::vector<Problem> &problems)
{
    QByteArray out;
    out.append('[');
    for (size_t i = 0; i < problems.size(); ++i) {
        if (i > 0)
            out.append(',');
        out.append('[');
        out.append(QByteArray::number(problems[i].line));
        out.append(',');
        HashChain::appendJsonString(out, problems[i].message);
        out.append(']');
    }
    out.append(']');
    return out;
}

QStringList listFromJson(const QByteArray &json)
{
    QStringList out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &v : array)
        out << v.toString();
    return out;
}

// The audit event that records a decision, at the decision's time.
AuditEvent decisionEvent(const Decision &d, const QString &previousVerdict)
{
    AuditEvent e = AuditEvents::forDecision(d, previousVerdict);
    e.at = d.decidedAt;
    return e;
}

// verdict_icontains(haystack, needle): 1 when needle occurs in haystack ignoring case, for
// all of Unicode (Qt's case folding), as PostgreSQL's lower() does on a UTF-8 server.
// SQLite's own lower() folds ASCII only, so "ÉTÉ" would not find "été". ASCII text (nearly
// all of it) is compared without decoding; the folded needle is kept across rows.
struct FoldedNeedle
{
    QString folded;
    QByteArray ascii; // the folded needle when it is ASCII, else empty
};

bool isAscii(const unsigned char *p, int n)
{
    for (int i = 0; i < n; ++i) {
        if (p[i] >= 0x80)
            return false;
    }
    return true;
}

unsigned char asciiLower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

bool asciiContains(const unsigned char *hay, int n, const QByteArray &needle)
{
    const int m = int(needle.size());
    const auto *k = reinterpret_cast<const unsigned char *>(needle.constData());
    for (int i = 0; i + m <= n; ++i) {
        int j = 0;
        while (j < m && asciiLower(hay[i + j]) == k[j])
            ++j;
        if (j == m)
            return true;
    }
    return false;
}

bool icontainsWith(const unsigned char *hay, int n, const FoldedNeedle &needle)
{
    if (needle.folded.isEmpty())
        return true;
    if (!needle.ascii.isEmpty() && isAscii(hay, n))
        return asciiContains(hay, n, needle.ascii);
    return QString::fromUtf8(reinterpret_cast<const char *>(hay), n)
        .toCaseFolded()
        .contains(needle.folded);
}

void icontains(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto *hay = sqlite3_value_text(argv[0]);
    const int n = sqlite3_value_bytes(argv[0]);
    if (const auto *kept = static_cast<const FoldedNeedle *>(sqlite3_get_auxdata(ctx, 1))) {
        sqlite3_result_int(ctx, icontainsWith(hay, n, *kept) ? 1 : 0);
        return;
    }
    auto needle = std::make_unique<FoldedNeedle>();
    needle->folded = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_value_text(argv[1])),
                                       sqlite3_value_bytes(argv[1]))
                         .toCaseFolded();
    const QByteArray utf8 = needle->folded.toUtf8();
    if (isAscii(reinterpret_cast<const unsigned char *>(utf8.constData()), int(utf8.size())))
        needle->ascii = utf8;
    sqlite3_result_int(ctx, icontainsWith(hay, n, *needle) ? 1 : 0);
    // Last, and not used afterwards: SQLite may free it at once.
    sqlite3_set_auxdata(ctx, 1, needle.release(),
                        [](void *p) { delete static_cast<FoldedNeedle *>(p); });
}

Decision readDecision(const Stmt &s, int first = 0)
{
    Decision d;
    d.uuid = s.text(first);
    d.proposalId = s.text(first + 1);
    d.revision = s.integer(first + 2);
    d.verdict = verdictFromId(s.text(first + 3)).value_or(Verdict::Retract);
    d.reviewer = s.text(first + 4);
    d.reason = s.text(first + 5);
    d.decidedAt = HashChain::parseTime(s.text(first + 6));
    d.supersedes = s.text(first + 7);
    d.pushedBy = s.text(first + 8);
    d.resolution = s.integer(first + 9) != 0;
    return d;
}

} // namespace

struct SqliteStore::Private
{
    struct DbDeleter
    {
        void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
    };

    // Where the next audit event goes: read once per transaction, advanced in memory.
    struct ChainTip
    {
        qint64 seq = 0;
        QString hash;
    };

    // Declared first, so destroyed last: the cached statements finalize before it closes.
    std::unique_ptr<sqlite3, DbDeleter> db;
    // Keys are the SQL string literals themselves (static storage, stable addresses).
    std::unordered_map<const char *, StmtPtr> cache;
    QString path;
    int schemaVersion = 0;
    bool checkpointPending = false; // an import left its pages in the WAL

    Error error(const QString &what) const
    {
        return makeError(what + QStringLiteral(": ") + QString::fromUtf8(sqlite3_errmsg(db.get())),
                         QStringLiteral("sqlite:%1").arg(sqlite3_extended_errcode(db.get())));
    }

    Result<Stmt> prepare(const char *sql)
    {
        auto it = cache.find(sql);
        if (it == cache.end()) {
            sqlite3_stmt *s = nullptr;
            if (sqlite3_prepare_v3(db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr)
                != SQLITE_OK) {
                return error(QStringLiteral("cannot prepare a statement"));
            }
            it = cache.emplace(sql, StmtPtr(s)).first;
        }
        return Stmt(it->second.get());
    }

    // Runs a statement that returns no rows.
    Result<void> run(Stmt &s, const QString &what)
    {
        const int rc = s.step();
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            return error(what);
        return {};
    }

    // The same, the message built only on failure (an import runs ~5 statements a report).
    template <typename What>
    Result<void> runOr(Stmt &s, What &&what)
    {
        const int rc = s.step();
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            return error(what());
        return {};
    }

    Result<void> exec(const char *sql, const QString &what)
    {
        auto s = prepare(sql);
        if (!s)
            return s.error();
        return run(s.value(), what);
    }

    // Every row of a decisions query (columns as readDecision expects).
    Result<std::vector<Decision>> readDecisions(Stmt &s)
    {
        std::vector<Decision> out;
        int rc;
        while ((rc = s.step()) == SQLITE_ROW)
            out.push_back(readDecision(s));
        if (rc != SQLITE_DONE)
            return error(QStringLiteral("cannot read decisions"));
        return out;
    }

    Result<void> execScript(const char *sql, const QString &what)
    {
        if (sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            return error(what);
        return {};
    }

    Result<void> begin() { return exec("BEGIN IMMEDIATE", QStringLiteral("cannot begin")); }
    Result<void> commit() { return exec("COMMIT", QStringLiteral("cannot commit")); }

    // Rolls back unless dismissed: every early return inside a transaction is safe.
    struct RollbackGuard
    {
        Private *d;
        bool active = true;
        ~RollbackGuard()
        {
            if (active)
                sqlite3_exec(d->db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        }
    };

    Result<int> userVersion()
    {
        auto s = prepare("PRAGMA user_version");
        if (!s)
            return s.error();
        if (s->step() != SQLITE_ROW)
            return error(QStringLiteral("cannot read the schema version"));
        return s->integer(0);
    }

    Result<void> migrate();

    Result<ChainTip> chainTip()
    {
        auto s = prepare("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1");
        if (!s)
            return s.error();
        const int rc = s->step();
        if (rc == SQLITE_ROW)
            return ChainTip{s->int64(0), s->text(1)};
        if (rc != SQLITE_DONE)
            return error(QStringLiteral("cannot read the audit log"));
        return ChainTip{0, HashChain::genesis()};
    }

    // Seals `e` onto the chain and inserts it (inside the caller's transaction).
    Result<void> appendEvent(ChainTip &tip, AuditEvent &e, const QString &atText)
    {
        e.seq = tip.seq + 1;
        const QStringList fields{QString::number(e.seq), atText, e.actor, e.action,
                                 e.subject, e.outcome, e.previous, e.detail};
        e.prevHash = tip.hash;
        e.hash = HashChain::hash(tip.hash, HashChain::canonical(fields));
        auto s = prepare("INSERT INTO audit_events (seq, at, actor, action, subject, outcome, "
                         "previous, detail, prev_hash, hash) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        if (!s)
            return s.error();
        s->bind(1, e.seq).bind(2, atText).bind(3, e.actor).bind(4, e.action);
        s->bind(5, e.subject).bind(6, e.outcome).bind(7, e.previous).bind(8, e.detail);
        s->bind(9, e.prevHash).bind(10, e.hash);
        if (auto r = run(s.value(), QStringLiteral("cannot append to the audit log")); !r)
            return r;
        tip.seq = e.seq;
        tip.hash = e.hash;
        return {};
    }

    Result<std::vector<Decision>> decisionsOn(const QString &id, int revision)
    {
        auto s = prepare("SELECT uuid, proposal_id, revision, verdict, reviewer, reason, "
                         "decided_at, supersedes, pushed_by, resolution FROM decisions "
                         "WHERE proposal_id = ?1 AND revision = ?2 ORDER BY decided_at, seq");
        if (!s)
            return s.error();
        s->bind(1, id).bind(2, revision);
        std::vector<Decision> out;
        int rc;
        while ((rc = s->step()) == SQLITE_ROW)
            out.push_back(readDecision(*s));
        if (rc != SQLITE_DONE)
            return error(QStringLiteral("cannot read decisions"));
        return out;
    }

    Result<int> quorum()
    {
        auto s = prepare("SELECT value FROM settings WHERE key = 'quorum'");
        if (!s)
            return s.error();
        if (s->step() != SQLITE_ROW)
            return 1;
        bool ok = false;
        const int q = s->text(0).toInt(&ok);
        return ok && q > 0 ? q : 1;
    }

    // The latest revision of a proposal, or a not-found error.
    Result<int> latestRevision(const QString &id)
    {
        auto s = prepare("SELECT latest_revision FROM proposals WHERE id = ?1");
        if (!s)
            return s.error();
        s->bind(1, id);
        const int rc = s->step();
        if (rc == SQLITE_ROW)
            return s->integer(0);
        if (rc != SQLITE_DONE)
            return error(QStringLiteral("cannot read proposal %1").arg(id));
        return makeError(QStringLiteral("no proposal with id %1").arg(id), kNotFound);
    }

    // The next chunk to store, nullptr at the end, or an error (then nothing is stored).
    using ChunkSource = std::function<Result<const std::vector<ParsedFile> *>()>;
    Result<ImportSummary> importStream(const ChunkSource &next, const QString &actor);
    Result<void> importChunk(const std::vector<ParsedFile> &files, const QString &atText,
                             const QString &actor, ChainTip &tip, ImportSummary &summary);
    Result<ImportSummary> relaxedImport(const ChunkSource &next, const QString &actor);
    Result<void> importProposal(const Proposal &p, const QString &atText, const QString &actor,
                                ChainTip &tip, ImportSummary &summary);
};

Result<void> SqliteStore::Private::migrate()
{
    const auto &steps = sqliteMigrations();
    const int latest = steps.back().version;
    auto current = userVersion();
    if (!current)
        return current.error();
    if (*current > latest) {
        return makeError(QStringLiteral("%1 has schema version %2, newer than this Verdict "
                                        "understands (%3); use a newer Verdict")
                             .arg(path).arg(*current).arg(latest));
    }
    for (const SqliteMigration &step : steps) {
        if (step.version <= *current)
            continue;
        if (auto r = begin(); !r)
            return r;
        RollbackGuard guard{this};
        // Another process may have migrated while we waited for the write lock.
        auto now = userVersion();
        if (!now)
            return now.error();
        if (*now >= step.version) {
            current = *now;
            continue;
        }
        if (auto r = execScript(step.sql, QStringLiteral("migration to schema version %1 failed")
                                              .arg(step.version));
            !r) {
            return r;
        }
        // PRAGMA takes no bound parameters; the version is our own integer.
        const QByteArray pragma = "PRAGMA user_version = " + QByteArray::number(step.version);
        if (auto r = execScript(pragma.constData(), QStringLiteral("cannot set the schema "
                                                                   "version"));
            !r) {
            return r;
        }
        if (auto r = commit(); !r)
            return r;
        guard.active = false;
        current = step.version;
    }
    schemaVersion = *current;
    return {};
}

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
    // Reports without an id are still kept, under an id derived from their content.
    const QString id = p.id.isEmpty() ? QStringLiteral("noid_") + sha.left(16) : p.id;

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
    texts->bind(3, jsonList(p.risks));
    texts->bind(4, jsonList(p.mitigations));
    texts->bind(5, problemsJson(p.problems));
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

    AuditEvent e;
    e.actor = actor;
    e.action = QStringLiteral("import");
    e.subject = AuditEvents::subject(id, revision);
    e.outcome = revision == 1 ? QStringLiteral("new") : QStringLiteral("revised");
    e.previous = revision == 1 ? QString() : AuditEvents::subject(id, revision - 1);
    e.detail = p.sourceFile + QLatin1Char(':') + QString::number(p.sourceLine)
               + QStringLiteral(" sha256 ") + sha;
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

SqliteStore::SqliteStore(std::unique_ptr<Private> dd) : d(std::move(dd)) {}

SqliteStore::~SqliteStore()
{
    // PASSIVE: never blocks other connections' readers or writers. Runs where the store
    // is destroyed (the CLI's exit, the GUI's background import connection), so a later
    // decision on another connection does not pay for copying the import.
    if (d->checkpointPending)
        sqlite3_wal_checkpoint_v2(d->db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  nullptr);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return makeError(QStringLiteral("cannot create the folder %1").arg(info.absolutePath()));

    // SQLite counts its allocations under a global mutex unless told not to; Verdict never
    // reads the counts. Only possible before SQLite initialises (else a no-op, harmless).
    static const bool configured = [] {
        return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    }();
    Q_UNUSED(configured)

    auto d = std::make_unique<Private>();
    d->path = info.absoluteFilePath();
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(d->path).constData(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    d->db.reset(raw);
    if (rc != SQLITE_OK)
        return d->error(QStringLiteral("cannot open %1").arg(d->path));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 10000);
    if (sqlite3_create_function_v2(raw, "verdict_icontains", 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                   icontains, nullptr, nullptr, nullptr)
        != SQLITE_OK) {
        return d->error(QStringLiteral("cannot open %1").arg(d->path));
    }
    // WAL: readers never block the writer; synchronous=FULL makes every commit durable
    // (imports relax it to NORMAL for their own transaction only).
    // page_size first: it only takes effect on a new, empty database. 16 KB pages make a
    // bulk import ~10% faster (fewer WAL frames, overflow pages and write calls for the
    // ~4 KB report bodies) and cost decisions nothing measurable (docs/PERFORMANCE.md).
    const char *const pragmas[] = {"PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL",
                                   "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
                                   "PRAGMA cache_size = -16000"};
    for (const char *pragma : pragmas) {
        if (auto r = d->execScript(pragma, QStringLiteral("cannot open %1").arg(d->path)); !r)
            return r.error();
    }
    if (auto r = d->migrate(); !r)
        return r.error();
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(d)));
}

QString SqliteStore::libraryVersion()
{
    return QStringLiteral("SQLite ") + QString::fromLatin1(sqlite3_libversion());
}

Result<StoreProbe> SqliteStore::probe(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(QStringLiteral("%1 does not exist").arg(info.absoluteFilePath()),
                         kNotFound);
    auto d = std::make_unique<Private>();
    d->path = info.absoluteFilePath();
    sqlite3 *raw = nullptr;
    // READONLY without CREATE: the file is never created, migrated nor written (a WAL
    // database may get its -wal/-shm side files, as for any reader).
    const int rc = sqlite3_open_v2(QFile::encodeName(d->path).constData(), &raw,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    d->db.reset(raw);
    if (rc != SQLITE_OK)
        return d->error(QStringLiteral("cannot open %1").arg(d->path));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 3000);

    StoreProbe probe;
    probe.url = d->path;
    probe.knownVersion = sqliteMigrations().back().version;
    // The first read is where a file that is not a database fails (SQLITE_NOTADB).
    auto version = d->userVersion();
    if (!version)
        return d->error(QStringLiteral("cannot read %1").arg(d->path));
    probe.schemaVersion = *version;
    if (probe.schemaVersion == 0) {
        auto s = d->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        if (!s)
            return s.error();
        if (s->step() != SQLITE_ROW)
            return d->error(QStringLiteral("cannot read the tables of %1").arg(d->path));
        probe.otherTables = s->integer(0);
        return probe;
    }
    auto s = d->prepare("SELECT count(*) FROM proposals");
    if (s && s->step() == SQLITE_ROW)
        probe.proposals = s->int64(0);
    else if (probe.schemaVersion <= probe.knownVersion)
        return d->error(QStringLiteral("cannot count the proposals in %1").arg(d->path));
    // A newer schema may have moved proposals elsewhere: its count stays unknown (-1).
    return probe;
}

QString SqliteStore::url() const
{
    return d->path;
}

QString SqliteStore::path() const
{
    return d->path;
}

int SqliteStore::schemaVersion() const
{
    return d->schemaVersion;
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
                lastAtTime = HashChain::parseTime(QString::fromUtf8(at));
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
    const int rev = revision == 0 ? *latest : revision;
    if (rev < 1 || rev > *latest) {
        return makeError(QStringLiteral("proposal %1 has no revision %2").arg(id).arg(rev),
                         kNotFound);
    }
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
        sp.importedAt = HashChain::parseTime(s->text(2));
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
        p.risks = listFromJson(s->bytes(13));
        p.mitigations = listFromJson(s->bytes(14));
        const QJsonArray problems = QJsonDocument::fromJson(s->bytes(15)).array();
        for (const QJsonValue &v : problems) {
            const QJsonArray pair = v.toArray();
            p.problems.push_back(Problem{pair.at(0).toInt(), pair.at(1).toString()});
        }
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

Result<Decision> SqliteStore::decide(const DecisionRequest &request)
{
    const QString reviewer = request.reviewer.trimmed();
    if (reviewer.isEmpty())
        return makeError(QStringLiteral("a decision needs a reviewer"), kInvalid);
    if ((request.verdict == Verdict::Reject || request.verdict == Verdict::Changes)
        && request.reason.trimmed().isEmpty()) {
        return makeError(QStringLiteral("%1 needs a reason").arg(verdictId(request.verdict)),
                         kInvalid);
    }
    // The team server (PostgreSQL text) cannot hold NUL; refusing it here keeps an
    // unsyncable decision out of the outbox.
    if (reviewer.contains(QChar(0)) || request.reason.contains(QChar(0)))
        return makeError(QStringLiteral("reviewer and reason must not contain NUL characters"),
                         kInvalid);

    // synchronous=FULL is in effect (set at open, restored after imports): COMMIT returns
    // only once the WAL is on disk.
    if (auto r = d->begin(); !r)
        return r.error();
    Private::RollbackGuard guard{d.get()};
    auto latest = d->latestRevision(request.proposalId);
    if (!latest)
        return latest.error();
    const int rev = request.revision == 0 ? *latest : request.revision;
    if (rev < 1 || rev > *latest) {
        return makeError(QStringLiteral("proposal %1 has no revision %2")
                             .arg(request.proposalId).arg(rev),
                         kNotFound);
    }

    Decision dec;
    QString previousVerdict;
    {
        auto s = d->prepare("SELECT uuid, verdict FROM decisions WHERE proposal_id = ?1 "
                            "AND revision = ?2 AND reviewer = ?3 "
                            "ORDER BY decided_at DESC, seq DESC LIMIT 1");
        if (!s)
            return s.error();
        s->bind(1, request.proposalId).bind(2, rev).bind(3, reviewer);
        const int rc = s->step();
        if (rc == SQLITE_ROW) {
            dec.supersedes = s->text(0);
            previousVerdict = s->text(1);
        } else if (rc != SQLITE_DONE) {
            return d->error(QStringLiteral("cannot read decisions"));
        }
    }
    if (request.verdict == Verdict::Retract
        && (dec.supersedes.isEmpty() || previousVerdict == verdictId(Verdict::Retract))) {
        return makeError(QStringLiteral("%1 has no decision by %2 to retract")
                             .arg(AuditEvents::subject(request.proposalId, rev), reviewer),
                         kInvalid);
    }

    const QString atText = nowText();
    dec.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    dec.proposalId = request.proposalId;
    dec.revision = rev;
    dec.verdict = request.verdict;
    dec.reviewer = reviewer;
    dec.reason = request.reason;
    dec.resolution = request.resolution;
    dec.decidedAt = HashChain::parseTime(atText);
    {
        auto s = d->prepare("INSERT INTO decisions (uuid, proposal_id, revision, verdict, "
                            "reviewer, reason, decided_at, supersedes, resolution) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!s)
            return s.error();
        s->bind(1, dec.uuid).bind(2, dec.proposalId).bind(3, rev);
        s->bind(4, verdictId(dec.verdict)).bind(5, reviewer).bind(6, dec.reason);
        s->bind(7, atText).bind(8, dec.supersedes).bind(9, dec.resolution ? 1 : 0);
        if (auto r = d->run(s.value(), QStringLiteral("cannot store the decision")); !r)
            return r.error();
    }
    {
        auto s = d->prepare("INSERT INTO outbox (decision_uuid, queued_at) VALUES (?1, ?2)");
        if (!s)
            return s.error();
        s->bind(1, dec.uuid).bind(2, atText);
        if (auto r = d->run(s.value(), QStringLiteral("cannot queue the decision for sync")); !r)
            return r.error();
    }
    auto tip = d->chainTip();
    if (!tip)
        return tip.error();
    AuditEvent e = decisionEvent(dec, previousVerdict);
    if (auto r = d->appendEvent(tip.value(), e, atText); !r)
        return r.error();
    if (auto r = d->commit(); !r)
        return r.error();
    guard.active = false;
    return dec;
}

Result<std::vector<Decision>> SqliteStore::decisions(const QString &proposalId)
{
    auto s = d->prepare("SELECT uuid, proposal_id, revision, verdict, reviewer, reason, "
                        "decided_at, supersedes, pushed_by, resolution FROM decisions "
                        "WHERE proposal_id = ?1 ORDER BY decided_at, seq");
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
    s->bind(1, since.isValid() ? HashChain::formatTime(since) : QString());
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
    s->bind(1, since.isValid() ? HashChain::formatTime(since) : QString());
    std::vector<AuditEvent> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
        AuditEvent e;
        e.seq = s->int64(0);
        e.at = HashChain::parseTime(s->text(1));
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

Result<std::optional<std::vector<Diagnostic>>>
SqliteStore::cachedDiagnostics(const QString &artifactSha256, const QString &checkerVersion)
{
    auto s = d->prepare("SELECT diagnostics FROM diagnostic_cache "
                        "WHERE artifact_sha256 = ?1 AND checker_version = ?2");
    if (!s)
        return s.error();
    s->bind(1, artifactSha256).bind(2, checkerVersion);
    const int rc = s->step();
    if (rc == SQLITE_DONE)
        return std::optional<std::vector<Diagnostic>>();
    if (rc != SQLITE_ROW)
        return d->error(QStringLiteral("cannot read the diagnostics cache"));
    return std::optional<std::vector<Diagnostic>>(diagnosticsFromJson(s->bytes(0)));
}

Result<void> SqliteStore::cacheDiagnostics(const QString &artifactSha256,
                                           const QString &checkerVersion,
                                           const std::vector<Diagnostic> &diagnostics)
{
    auto s = d->prepare("INSERT INTO diagnostic_cache (artifact_sha256, checker_version, "
                        "diagnostics) VALUES (?1, ?2, ?3) ON CONFLICT (artifact_sha256, "
                        "checker_version) DO UPDATE SET diagnostics = excluded.diagnostics");
    if (!s)
        return s.error();
    s->bind(1, artifactSha256).bind(2, checkerVersion);
    s->bind(3, diagnosticsToJson(diagnostics));
    // The cache can always be recomputed, so it need not wait for fsync (an fsync per
    // artifact doubled the time of a cold diagnose run); decisions stay FULL.
    if (auto r = d->execScript("PRAGMA synchronous = NORMAL",
                               QStringLiteral("cannot write the diagnostics cache"));
        !r) {
        return r;
    }
    auto written = d->run(s.value(), QStringLiteral("cannot write the diagnostics cache"));
    if (auto r = d->execScript("PRAGMA synchronous = FULL",
                               QStringLiteral("cannot write the diagnostics cache"));
        !r) {
        return r;
    }
    return written;
}

Result<void> SqliteStore::setDiagnosticCounts(const QString &proposalId, int revision,
                                              int errors, int warnings, int infos)
{
    auto s = d->prepare("UPDATE revisions SET errors = ?3, warnings = ?4, infos = ?5 "
                        "WHERE proposal_id = ?1 AND revision = CASE WHEN ?2 = 0 THEN "
                        "(SELECT latest_revision FROM proposals WHERE id = ?1) ELSE ?2 END");
    if (!s)
        return s.error();
    s->bind(1, proposalId).bind(2, revision).bind(3, errors).bind(4, warnings).bind(5, infos);
    if (auto r = d->run(s.value(), QStringLiteral("cannot store diagnostic counts")); !r)
        return r;
    if (sqlite3_changes(d->db.get()) == 0) {
        return makeError(QStringLiteral("no revision %1 of proposal %2")
                             .arg(revision).arg(proposalId),
                         kNotFound);
    }
    return {};
}

Result<AuditEvent> SqliteStore::recordAuditEvent(const AuditEvent &event)
{
    if (auto r = d->begin(); !r)
        return r.error();
    Private::RollbackGuard guard{d.get()};
    auto tip = d->chainTip();
    if (!tip)
        return tip.error();
    AuditEvent e = event;
    const QString atText = HashChain::formatTime(
        event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc());
    e.at = HashChain::parseTime(atText);
    if (auto r = d->appendEvent(tip.value(), e, atText); !r)
        return r.error();
    if (auto r = d->commit(); !r)
        return r.error();
    guard.active = false;
    return e;
}

Result<std::vector<Decision>> SqliteStore::outbox(int limit)
{
    auto s = d->prepare("SELECT d.uuid, d.proposal_id, d.revision, d.verdict, d.reviewer, "
                        "d.reason, d.decided_at, d.supersedes, d.pushed_by, d.resolution "
                        "FROM outbox o JOIN decisions d ON d.uuid = o.decision_uuid "
                        "WHERE o.pushed_at IS NULL ORDER BY o.rowid LIMIT ?1");
    if (!s)
        return s.error();
    s->bind(1, limit);
    std::vector<Decision> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
        out.push_back(readDecision(*s));
    if (rc != SQLITE_DONE)
        return d->error(QStringLiteral("cannot read the outbox"));
    return out;
}

Result<void> SqliteStore::markPushed(const QStringList &uuids)
{
    if (auto r = d->begin(); !r)
        return r;
    Private::RollbackGuard guard{d.get()};
    const QString atText = nowText();
    for (const QString &uuid : uuids) {
        auto s = d->prepare("UPDATE outbox SET pushed_at = ?2 "
                            "WHERE decision_uuid = ?1 AND pushed_at IS NULL");
        if (!s)
            return s.error();
        s->bind(1, uuid).bind(2, atText);
        if (auto r = d->run(s.value(), QStringLiteral("cannot update the outbox")); !r)
            return r;
    }
    if (auto r = d->commit(); !r)
        return r;
    guard.active = false;
    return {};
}

Result<int> SqliteStore::applyRemoteDecisions(const std::vector<Decision> &decisions)
{
    if (auto r = d->begin(); !r)
        return r.error();
    Private::RollbackGuard guard{d.get()};
    auto tip = d->chainTip();
    if (!tip)
        return tip.error();
    int added = 0;
    for (const Decision &dec : decisions) {
        if (dec.uuid.isEmpty() || dec.proposalId.isEmpty() || !dec.decidedAt.isValid())
            return makeError(QStringLiteral("a remote decision lacks uuid, proposal or time"),
                             kInvalid);
        const QString atText = HashChain::formatTime(dec.decidedAt);
        auto s = d->prepare("INSERT INTO decisions (uuid, proposal_id, revision, verdict, "
                            "reviewer, reason, decided_at, supersedes, pushed_by, resolution) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                            "ON CONFLICT (uuid) DO NOTHING");
        if (!s)
            return s.error();
        s->bind(1, dec.uuid).bind(2, dec.proposalId).bind(3, dec.revision);
        s->bind(4, verdictId(dec.verdict)).bind(5, dec.reviewer).bind(6, dec.reason);
        s->bind(7, atText).bind(8, dec.supersedes).bind(9, dec.pushedBy);
        s->bind(10, dec.resolution ? 1 : 0);
        if (auto r = d->run(s.value(), QStringLiteral("cannot store a remote decision")); !r)
            return r.error();
        if (sqlite3_changes(d->db.get()) == 0)
            continue;
        ++added;
        Decision stored = dec;
        stored.decidedAt = HashChain::parseTime(atText);
        // The event is recorded now; the decision keeps the time it was made.
        AuditEvent e = decisionEvent(stored, QString());
        if (auto r = d->appendEvent(tip.value(), e, nowText()); !r)
            return r.error();
    }
    if (auto r = d->commit(); !r)
        return r.error();
    guard.active = false;
    return added;
}

Result<QString> SqliteStore::meta(const QString &key)
{
    auto s = d->prepare("SELECT value FROM settings WHERE key = ?1");
    if (!s)
        return s.error();
    s->bind(1, key);
    const int rc = s->step();
    if (rc == SQLITE_ROW)
        return s->text(0);
    if (rc != SQLITE_DONE)
        return d->error(QStringLiteral("cannot read setting %1").arg(key));
    return QString();
}

Result<void> SqliteStore::setMeta(const QString &key, const QString &value)
{
    auto s = d->prepare("INSERT INTO settings (key, value) VALUES (?1, ?2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!s)
        return s.error();
    s->bind(1, key).bind(2, value);
    return d->run(s.value(), QStringLiteral("cannot write setting %1").arg(key));
}


Result<QStringList> SqliteStore::searchText(const QStringList &words)
{
    // A word at a time (one cached statement), the id sets intersected here. A function,
    // not LIKE: no wildcard in the reviewer's words to escape, and case folded for all of
    // Unicode (verdict_icontains).
    QStringList ids;
    bool first = true;
    for (const QString &word : words) {
        if (word.isEmpty())
            continue;
        auto s = d->prepare(
            "SELECT p.id FROM proposals p JOIN revisions r ON r.proposal_id = p.id "
            "AND r.revision = p.latest_revision JOIN revision_texts t ON t.rev_id = r.rev_id "
            "WHERE verdict_icontains(t.body, ?1) "
            "OR EXISTS (SELECT 1 FROM json_each(t.risks) "
            "WHERE verdict_icontains(json_each.value, ?1)) "
            "OR EXISTS (SELECT 1 FROM json_each(t.mitigations) "
            "WHERE verdict_icontains(json_each.value, ?1)) "
            "OR EXISTS (SELECT 1 FROM artifacts a JOIN contents c ON c.sha256 = a.sha256 "
            "WHERE a.rev_id = r.rev_id AND verdict_icontains(c.content, ?1)) "
            "ORDER BY p.rowid");
        if (!s)
            return s.error();
        s->bind(1, word);
        QStringList found;
        int rc;
        while ((rc = s->step()) == SQLITE_ROW)
            found << s->text(0);
        if (rc != SQLITE_DONE)
            return d->error(QStringLiteral("cannot search the proposals' text"));
        if (first) {
            ids = found;
            first = false;
        } else {
            QHash<QString, bool> in;
            for (const QString &id : std::as_const(found))
                in.insert(id, true);
            QStringList kept;
            for (const QString &id : std::as_const(ids)) {
                if (in.contains(id))
                    kept << id;
            }
            ids = kept;
        }
        if (ids.isEmpty())
            break;
    }
    return ids;
}

} // namespace verdict
