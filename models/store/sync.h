// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace verdict {

class PostgresStore;
class SqliteStore;

struct SyncReport
{
    int proposalsPushed = 0;  // revisions the server did not have
    int decisionsPushed = 0;  // new on the server
    int decisionsAcknowledged = 0; // outbox rows marked pushed (new + already there)
    int proposalsPulled = 0;  // revisions the laptop did not have
    int decisionsPulled = 0;  // teammates' decisions new to the laptop
};

// Offline-first sync between the laptop's SQLite store and the team's PostgreSQL server:
// pushes the outbox (and the proposal revisions its decisions refer to), then pulls the
// proposals and decisions the laptop lacks. Safe to interrupt anywhere: pushes are
// idempotent by decision uuid and the outbox is marked only after the server committed;
// pull cursors advance only after the laptop stored what it pulled.
//
// The object lives in one thread (stores are not thread-safe): the GUI moves it to a
// worker thread and calls syncNow() through a queued connection; state changes arrive as
// signals. Errors are values (lastError()); no exception crosses.
class SyncEngine final : public QObject
{
    Q_OBJECT

public:
    enum class State { Offline, Online, Syncing };
    Q_ENUM(State)

    // Points an interruption can be simulated at (tests): the hook returns false to stop
    // there as if the process had been killed.
    enum class Stage { BeforePush, AfterPush, AfterMarkPushed, AfterPullProposals };
    using FaultHook = std::function<bool(Stage)>;

    // Opens both stores itself, lazily, in the thread syncNow() runs in.
    SyncEngine(const QString &localPath, const QString &serverUrl, QObject *parent = nullptr);
    // Uses stores the caller owns (and keeps alive, on this thread).
    SyncEngine(SqliteStore *local, PostgresStore *server, QObject *parent = nullptr);
    ~SyncEngine() override;

    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    SyncReport lastReport() const { return m_lastReport; }

    void setBatchSize(int decisions) { m_batchSize = decisions > 0 ? decisions : 1; }
    void setFaultHook(FaultHook hook) { m_faultHook = std::move(hook); }

    // One full sync, blocking (network): never on the GUI thread.
    Result<SyncReport> sync();

    // Laptop meta keys holding this server's pull cursors.
    static QString cursorKey(const QString &serverUrl, const QString &what);

public Q_SLOTS:
    // sync(), reporting through the signals only.
    void syncNow();

Q_SIGNALS:
    void stateChanged(verdict::SyncEngine::State state);
    void finished(bool ok, const QString &error);

private:
    Result<void> ensureStores();
    Result<SyncReport> run();
    void setState(State state);

    QString m_localPath;
    QString m_serverUrl;
    std::unique_ptr<SqliteStore> m_ownLocal;
    std::unique_ptr<PostgresStore> m_ownServer;
    SqliteStore *m_local = nullptr;
    PostgresStore *m_server = nullptr;
    State m_state = State::Offline;
    QString m_lastError;
    SyncReport m_lastReport;
    int m_batchSize = 2000;
    FaultHook m_faultHook;
};

} // namespace verdict
