// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QDateTime>

#include <functional>
#include <memory>

class QIODevice;

namespace verdict {

// A proposal revision as the team server holds it, with its place in the server's order.
struct ServerRevision
{
    Proposal proposal;
    int revision = 1;
    qint64 seq = 0; // pull cursor: strictly increasing in commit order
};

// Where importRevisions put a proposal revision.
struct ImportedRevision
{
    int revision = 1; // the server's number for it
    bool added = false; // false: the server already had it
};

// A decision read from the server, with the sha256 of the revision it was made on (so a
// laptop can map the server's revision number onto its own).
struct ServerDecision
{
    Decision decision;
    QString revisionSha256;
    qint64 seq = 0; // pull cursor: strictly increasing in commit order
};

// The team store: a PostgreSQL database reached through libpqxx (the only file that
// includes pqxx is postgresstore.cpp). Same Store interface as SQLite, plus what the sync
// engine needs. Every write that touches the audit log or assigns a pull cursor takes one
// transaction-scoped advisory lock, so the server's order is the commit order and the
// hash chain never forks. libpqxx exceptions never leave this class: they become Errors
// carrying the SQLSTATE (code "08000" for a lost or failed connection).
class PostgresStore final : public Store
{
public:
    // `connection`: a postgresql:// URL or a libpq key=value string. Passwords come from
    // libpq (PGPASSWORD, ~/.pgpass, service files); `sslmode` etc. pass through. Applies
    // the schema migrations (serialized by an advisory lock) before returning.
    static Result<std::unique_ptr<PostgresStore>> open(const QString &connection);
    // Connects like open, then only reads, in a read-only transaction: the user, the
    // schema version and the proposal count. No advisory lock, no migration (probeStore).
    static Result<StoreProbe> probe(const QString &connection);
    // "libpqxx 7.10.1, libpq 17.6": libpqxx as compiled, libpq as loaded.
    static QString libraryVersion();
    ~PostgresStore() override;

    // The connection string with any password removed: safe to show and to log.
    QString url() const override;
    Result<ImportSummary> importFiles(const std::vector<ParsedFile> &files,
                                      const QString &actor) override;
    Result<std::vector<QueueEntry>> queue() override;
    Result<StoredProposal> proposal(const QString &id, int revision = 0) override;
    Result<Decision> decide(const DecisionRequest &request) override;
    Result<QStringList> searchText(const QStringList &words) override;
    Result<void> forEachRiskList(const std::function<void(const QStringList &)> &each) override;
    Result<std::vector<Decision>> decisions(const QString &proposalId) override;
    Result<std::vector<Decision>> allDecisions(const QDateTime &since = {}) override;
    Result<std::vector<AuditEvent>> auditEvents(const QDateTime &since = {}) override;
    Result<std::optional<std::vector<Diagnostic>>>
    cachedDiagnostics(const QString &artifactSha256, const QString &checkerVersion) override;
    Result<void> cacheDiagnostics(const QString &artifactSha256, const QString &checkerVersion,
                                  const std::vector<Diagnostic> &diagnostics) override;
    Result<void> setDiagnosticCounts(const QString &proposalId, int revision, int errors,
                                     int warnings, int infos) override;
    Result<AuditEvent> recordAuditEvent(const AuditEvent &event) override;
    // A transaction per chunk of an import; the audit CSV streams from COPY.
    StoreCapabilities capabilities() const override { return {false, true}; }

    int schemaVersion() const;
    // The authenticated database user (session_user): who pushes, as the server sees it.
    QString userName() const;

    // --- for the sync engine ---
    // Stores proposal revisions idempotently by (id, sha256): a revision already on the
    // server keeps its number, a new one gets the next. Returns where each one went.
    Result<std::vector<ImportedRevision>> importRevisions(const std::vector<Proposal> &proposals,
                                             const QString &actor);
    // Inserts, in one transaction, the decisions whose uuid the server lacks (the others
    // are skipped: pushes are idempotent), each with its audit event. Revisions must be
    // the server's. Returns how many were new.
    Result<int> pushDecisions(const std::vector<Decision> &decisions);
    Result<std::vector<ServerDecision>> decisionsAfter(qint64 seq, int limit);
    Result<std::vector<ServerRevision>> revisionsAfter(qint64 seq, int limit);

    // Writes the audit log as AuditExport's CSV (same bytes) straight from COPY ... TO
    // STDOUT: the fast path for big logs. Returns the head hash (hash of the last row).
    Result<QString> exportAuditCsv(QIODevice &out, const QDateTime &since = {}) override;

    // Settings table ("quorum", default 1).
    Result<QString> setting(const QString &key) override;
    Result<void> setSetting(const QString &key, const QString &value) override;

    // Test hook, called inside pushDecisions just before COMMIT (to stop the server there).
    void setBeforeCommitHook(std::function<void()> hook);

    // `connection` without its password (URL userinfo or password=...).
    static QString redacted(const QString &connection);

private:
    struct Private;
    explicit PostgresStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace verdict
