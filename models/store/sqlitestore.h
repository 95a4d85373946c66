// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <memory>

namespace verdict {

// The embedded store: one SQLite file, WAL, decisions committed with synchronous=FULL.
class SqliteStore final : public Store
{
public:
    // Opens or creates the database at `path`, applying migrations step by step.
    static Result<std::unique_ptr<SqliteStore>> open(const QString &path);
    // What the file at `path` holds, read through a read-only connection: never creates
    // the file nor migrates it (see probeStore).
    static Result<StoreProbe> probe(const QString &path);
    // "SQLite 3.40.1" (the library loaded at run time).
    static QString libraryVersion();
    ~SqliteStore() override;

    QString url() const override;
    Result<ImportSummary> importFiles(const std::vector<ParsedFile> &files,
                                      const QString &actor) override;
    // One transaction for the whole stream: readers see all of it or none of it.
    Result<ImportSummary> importStream(const ParsedFileSource &next,
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
    // One transaction per import; the audit CSV is written from auditEvents().
    StoreCapabilities capabilities() const override { return {true, false}; }

    // Schema version after migrations.
    int schemaVersion() const;
    // The database file.
    QString path() const;

    // For the sync engine. Decisions not pushed yet, oldest first, at most `limit`.
    Result<std::vector<Decision>> outbox(int limit);
    Result<void> markPushed(const QStringList &uuids);
    // Inserts the server's decisions that are not here yet (by uuid), each with an audit
    // event and no outbox row. Returns how many were new.
    Result<int> applyRemoteDecisions(const std::vector<Decision> &decisions);
    // The settings table under its older name: the same keys as setting() (which callers
    // outside models/store use), plus the sync engine's cursors. Unset keys read as "".
    Result<QString> meta(const QString &key);
    Result<void> setMeta(const QString &key, const QString &value);
    Result<QString> setting(const QString &key) override { return meta(key); }
    Result<void> setSetting(const QString &key, const QString &value) override
    {
        return setMeta(key, value);
    }

private:
    struct Private;
    explicit SqliteStore(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace verdict
