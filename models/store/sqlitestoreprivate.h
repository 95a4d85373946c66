// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteStore's private half, shared by its files: sqlitestore.cpp (open, decisions,
// settings, sync), sqliteimport.cpp (imports), sqlitequeries.cpp (reads) and
// sqlitesearch.cpp (the text search). Only those include this.
#pragma once

#include "audit/hashchain.h"
#include "domain/proposaljson.h"
#include "domain/textform.h"
#include "store/sqlitestatement.h"
#include "store/sqlitestore.h"
#include "store/storerules.h"

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace verdict {

namespace sqlite {

// Error codes callers may act on (Error::code); SQLite failures carry "sqlite:<code>".
inline const QString kNotFound = StoreRules::notFoundCode();
inline const QString kInvalid = StoreRules::invalidCode();

// Now, as the store writes times (TextForm::formatTime).
QString nowText();
// The audit event that records a decision, at the decision's time.
AuditEvent decisionEvent(const Decision &d, const QString &previousVerdict);
// A decision from columns uuid, proposal_id, revision, verdict, reviewer, reason,
// decided_at, supersedes, pushed_by, resolution starting at `first`.
Decision readDecision(const Stmt &s, int first = 0);
// verdict_icontains(haystack, needle), registered on every connection (sqlitesearch.cpp).
void icontains(sqlite3_context *ctx, int argc, sqlite3_value **argv);

} // namespace sqlite

using namespace sqlite;

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

    // Runs `write` with synchronous=NORMAL: for what can always be recomputed (the
    // diagnostics cache, the queue's diagnostic counts), which then need not wait for an
    // fsync each (one per artifact doubled a cold diagnose run; one per proposal made a fresh
    // 100,000-proposal store's first open mostly disk waits). Decisions stay FULL.
    template <typename Write>
    Result<void> withoutFsync(const QString &what, Write write)
    {
        if (auto r = execScript("PRAGMA synchronous = NORMAL", what); !r)
            return r;
        Result<void> written = write();
        if (auto r = execScript("PRAGMA synchronous = FULL", what); !r)
            return r;
        return written;
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
        return StoreRules::quorumFrom(s->text(0));
    }

    // The latest revision of a proposal, 0 when there is no such proposal.
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
        return 0;
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

} // namespace verdict
