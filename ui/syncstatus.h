// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QThread>
#include <QWidget>

class QLabel;
class QTimer;

namespace verdict {

class SyncEngine;

// Team sync in the status bar: an icon and words (never colour alone) for off, offline,
// syncing, online and failed, the last successful sync time, and the reason in the tool
// tip. It only shows what it is told: SyncController drives it.
class SyncStatus final : public QWidget
{
    Q_OBJECT

public:
    enum class State { Off, Offline, Syncing, Online, Failed };
    Q_ENUM(State)

    explicit SyncStatus(QWidget *parent = nullptr);
    ~SyncStatus() override;

    // `detail`: why (offline / failed / off), shown in the tool tip.
    void setState(State state, const QString &detail = {});
    void setLastSync(const QDateTime &at);
    State state() const { return m_state; }
    QDateTime lastSync() const { return m_lastSync; }
    QString text() const;
    QString detail() const { return m_detail; }

private:
    void refresh();

    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    State m_state = State::Off;
    QString m_detail;
    QDateTime m_lastSync;
};

// Runs the sync engine on its own thread with its own store connections: on demand (Sync
// now), shortly after a decision, periodically, and after a failure with growing delays
// (backoff). Never shows a dialog: the outcome goes to the status widget only.
class SyncController final : public QObject
{
    Q_OBJECT

public:
    // `localStoreUrl`: the laptop's store (a SQLite path or sqlite:PATH; anything else
    // means the window already works on the server and there is nothing to sync).
    SyncController(const QString &localStoreUrl, SyncStatus *status, QObject *parent = nullptr);
    ~SyncController() override;

    // Empty = sync off. Starts a sync at once when set.
    void setServerUrl(const QString &url);
    QString serverUrl() const { return m_serverUrl; }
    bool isConfigured() const;
    bool isSyncing() const { return m_running; }
    // The delay the next automatic attempt was scheduled with, in ms (-1: none scheduled).
    int nextAttemptMs() const;
    int failures() const { return m_failures; }
    void setPeriod(int msecs) { m_periodMs = msecs; }

public Q_SLOTS:
    void syncNow();
    // After a local decision: sync in a moment (a burst of decisions makes one sync).
    void syncSoon();

Q_SIGNALS:
    // After each attempt; `pulled` when the laptop received proposals or decisions.
    void syncFinished(bool ok, const QString &error, bool pulled);

private:
    void onFinished(bool ok, const QString &error);
    void dropEngine();
    void schedule(int msecs);

    QString m_localPath;
    QString m_serverUrl;
    SyncStatus *m_status;
    QThread m_thread;
    SyncEngine *m_engine = nullptr; // lives in m_thread; deleted there (deleteLater)
    QTimer *m_timer = nullptr;
    bool m_running = false;
    bool m_again = false;
    int m_failures = 0;
    int m_periodMs = 120000;
    QString m_offReason;
};

} // namespace verdict
