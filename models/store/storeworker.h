// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/store.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <atomic>
#include <memory>
#include <type_traits>
#include <utility>

namespace verdict {

// The process's one store, on a thread of its own (the shape of Elisa's DatabaseInterface):
// the thread that creates the worker (the GUI thread) posts requests and gets each answer
// back as a call on that thread; it never waits on the database. Requests run one at a
// time, in the order they were posted, so decisions are durable in order; an answer is
// delivered in the same order, and only while the object that asked still exists.
//
//     worker->post(this, [id](Store &s) { return s.proposal(id); },
//                  [this](Result<StoredProposal> p) { show(p); });
//
// Only post() and the accessors may be called from the owning thread; jobs run on the
// store thread and must touch nothing but the store and what they captured by value.
class StoreWorker final : public QObject
{
    Q_OBJECT

public:
    // Takes an open store (tests, the CLI, a store opened before the window).
    // `connectUrl` opens the background connection when the store's own url() cannot (a
    // server password is never in url()); empty: the store's url().
    explicit StoreWorker(std::unique_ptr<Store> store, const QString &connectUrl = {},
                         QObject *parent = nullptr);
    // Opens `url` on the store thread: the caller goes on at once; until the store is open
    // requests wait in line, and if it cannot be opened each request gets that error.
    explicit StoreWorker(const QString &url, QObject *parent = nullptr);
    // Runs what is queued, then stops the thread and closes the store.
    ~StoreWorker() override;

    // The store's URL without any password (to show); a second connection uses the URL as
    // given, kept inside.
    QString url() const { return redactStoreUrl(m_url); }
    // The URL as given, to open another connection in this process (an import, a search);
    // never to show or log.
    QString openUrl() const { return m_url; }

    // Runs job(store) on the store thread; then done(result) on this worker's thread, in
    // `context`'s lifetime (dropped when `context` is destroyed first).
    template <typename Job, typename Done>
    void post(QObject *context, Job job, Done done)
    {
        run(Lane::Main, context, std::move(job), std::move(done));
    }

    // The same on a second connection of the same store, on a thread of its own, for long
    // jobs (an import, statistics, an export) that must not hold up the reviewer's requests.
    // Opened on first use, after the main connection (so the schema is already migrated).
    template <typename Job, typename Done>
    void postBackground(QObject *context, Job job, Done done)
    {
        run(Lane::Background, context, std::move(job), std::move(done));
    }

    // Runs a job whose answer nobody waits for (e.g. caching diagnostics).
    template <typename Job>
    void post(Job job)
    {
        post(this, std::move(job), [](auto &&) {});
    }

    // Runs job(store) on the store thread and waits for it: for the CLI, batch rendering
    // (--screenshot) and tests, never for the interactive window. Requests posted earlier
    // run first.
    template <typename Job>
    auto wait(Job job) -> std::decay_t<std::invoke_result_t<Job &, Store &>>
    {
        using R = std::decay_t<std::invoke_result_t<Job &, Store &>>;
        if (QThread::currentThread() == &m_lanes[0].thread)
            return job(store(Lane::Main));
        std::shared_ptr<R> result;
        enqueueBlocking([&] { result = std::make_shared<R>(job(store(Lane::Main))); });
        return std::move(*result);
    }

    // Requests posted and not yet answered.
    int pending() const { return m_pending.load(); }
    // True while the store thread has something to do (for tests and batch rendering).
    bool isBusy() const { return pending() > 0; }
    // Processes events until every posted request is answered, or `msecs` pass.
    bool waitForIdle(int msecs = 30000);

    // The threads requests run on (tests assert on them).
    const QThread *storeThread() const { return &m_lanes[0].thread; }
    const QThread *backgroundThread() const { return &m_lanes[1].thread; }

Q_SIGNALS:
    // true when the first request is posted, false when the last answer is delivered.
    void busyChanged(bool busy);
    void idle();

private:
    enum class Lane { Main, Background };

    template <typename Job, typename Done>
    void run(Lane lane, QObject *context, Job job, Done done)
    {
        using R = std::decay_t<std::invoke_result_t<Job &, Store &>>;
        QPointer<QObject> guard(context);
        if (m_pending.fetch_add(1) == 0)
            Q_EMIT busyChanged(true);
        enqueue(lane, [this, lane, job = std::move(job), done = std::move(done), guard]() mutable {
            auto result = std::make_shared<R>(job(store(lane)));
            // Back on the owning thread: the guard is only read there.
            QMetaObject::invokeMethod(
                this,
                [this, done = std::move(done), result, guard]() mutable {
                    if (guard)
                        done(std::move(*result));
                    finished();
                },
                Qt::QueuedConnection);
        });
    }

    void enqueue(Lane lane, std::function<void()> job);
    void enqueueBlocking(const std::function<void()> &job);
    void finished();
    Store &store(Lane lane);
    void start();

    struct Thread
    {
        QThread thread;
        QObject *runner = nullptr; // lives on thread; requests are its queued calls
        std::unique_ptr<Store> store; // used on thread only (after construction)
    };

    QString m_url;
    Thread m_lanes[2];
    std::atomic<int> m_pending{0};
};

// A store that could not be opened: every request fails with why.
std::unique_ptr<Store> makeClosedStore(const QString &url, const QString &why);

} // namespace verdict
