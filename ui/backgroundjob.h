// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QtConcurrent>

#include <atomic>
#include <functional>
#include <memory>

class QLabel;
class QProgressBar;
class QProgressDialog;
class QStatusBar;
class QTimer;
class QToolButton;
class QWidget;

namespace verdict {

// Shared by a worker and the GUI: the worker reports progress and polls for cancellation;
// the GUI reads progress and requests cancellation. Every member is thread-safe.
class JobControl final
{
public:
    void cancel() { m_cancelled = true; }
    bool isCancelled() const { return m_cancelled; }
    void setProgress(qint64 done, qint64 total)
    {
        m_done = done;
        m_total = total;
    }
    qint64 done() const { return m_done; }
    qint64 total() const { return m_total; } // 0: unknown (busy indicator)
    void setText(const QString &text);
    QString text() const;

private:
    std::atomic<bool> m_cancelled{false};
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{0};
    mutable QMutex m_mutex;
    QString m_text;
};

// The GUI side of one background job: a progress bar with a Cancel button in the status bar
// while it runs and, when it runs longer than the dialog delay, a cancellable progress
// dialog (non-modal: the reviewer keeps working). Progress is polled, so a worker reporting
// a million steps never floods the event loop. Deletes itself after finished().
class BackgroundJob final : public QObject
{
    Q_OBJECT

public:
    // `window`: the dialog's parent and the owner of this object; `statusBar` may be null.
    BackgroundJob(const QString &title, QWidget *window, QStatusBar *statusBar = nullptr);
    ~BackgroundJob() override;

    std::shared_ptr<JobControl> control() const { return m_control; }
    // -1 = never show the dialog (status bar only). Default 800 ms.
    void setDialogDelay(int msecs) { m_dialogDelay = msecs; }

    // Runs `work(JobControl &)` on the global thread pool and presents it.
    template <typename Work>
    QFuture<void> run(Work work)
    {
        const std::shared_ptr<JobControl> control = m_control;
        QFuture<void> future = QtConcurrent::run([control, work] { work(*control); });
        watch(future);
        return future;
    }
    // Presents a job started elsewhere that uses control().
    template <typename T>
    void watch(const QFuture<T> &future)
    {
        auto *watcher = new QFutureWatcher<T>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, &BackgroundJob::done);
        begin();
        watcher->setFuture(future);
    }

    bool isRunning() const { return m_running; }
    QProgressDialog *dialog() const { return m_dialog; }

public Q_SLOTS:
    void cancel();

Q_SIGNALS:
    // On the GUI thread, once; `cancelled` when cancel() was requested before the end.
    void finished(bool cancelled);

private:
    void begin();
    void poll();
    void done();

    QString m_title;
    QPointer<QWidget> m_window;
    QPointer<QStatusBar> m_statusBar;
    std::shared_ptr<JobControl> m_control;
    QWidget *m_statusWidget = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_statusProgress = nullptr;
    QProgressDialog *m_dialog = nullptr;
    QTimer *m_poll = nullptr;
    qint64 m_startedMs = 0;
    int m_dialogDelay = 800;
    bool m_running = false;
};

} // namespace verdict
