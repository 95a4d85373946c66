// SPDX-License-Identifier: GPL-3.0-or-later
#include "storeworker.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace verdict {

namespace {

class ClosedStore final : public Store
{
public:
    ClosedStore(QString url, QString why) : m_url(std::move(url)), m_why(std::move(why)) {}

    QString url() const override { return m_url; }
    Result<ImportSummary> importFiles(const std::vector<ParsedFile> &, const QString &) override
    {
        return error();
    }
    Result<std::vector<QueueEntry>> queue() override { return error(); }
    Result<StoredProposal> proposal(const QString &, int) override { return error(); }
    Result<Decision> decide(const DecisionRequest &) override { return error(); }
    Result<QStringList> searchText(const QStringList &) override { return error(); }
    Result<std::vector<Decision>> decisions(const QString &) override { return error(); }
    Result<std::vector<Decision>> allDecisions(const QDateTime &) override { return error(); }
    Result<std::vector<AuditEvent>> auditEvents(const QDateTime &) override { return error(); }
    Result<std::optional<std::vector<Diagnostic>>> cachedDiagnostics(const QString &,
                                                                     const QString &) override
    {
        return error();
    }
    Result<void> cacheDiagnostics(const QString &, const QString &,
                                  const std::vector<Diagnostic> &) override
    {
        return error();
    }
    Result<void> setDiagnosticCounts(const QString &, int, int, int, int) override
    {
        return error();
    }
    Result<QString> setting(const QString &) override { return error(); }
    Result<void> setSetting(const QString &, const QString &) override { return error(); }
    Result<AuditEvent> recordAuditEvent(const AuditEvent &) override { return error(); }
    Result<void> forEachRiskList(const std::function<void(const QStringList &)> &) override
    {
        return error();
    }

private:
    Error error() const { return makeError(m_why); }

    QString m_url;
    QString m_why;
};

} // namespace

std::unique_ptr<Store> makeClosedStore(const QString &url, const QString &why)
{
    return std::make_unique<ClosedStore>(url, why);
}

StoreWorker::StoreWorker(std::unique_ptr<Store> store, const QString &connectUrl,
                         QObject *parent)
    : QObject(parent)
    , m_url(!connectUrl.isEmpty() ? connectUrl : store ? store->url() : QString())
{
    m_lanes[0].store = store ? std::move(store) : makeClosedStore({}, tr("no store is open"));
    start();
}

StoreWorker::StoreWorker(const QString &url, QObject *parent)
    : QObject(parent)
    , m_url(url)
{
    start();
    // The first request: every later one waits in line behind it.
    enqueue(Lane::Main, [this, url] {
        auto opened = openStore(url);
        m_lanes[0].store = opened ? std::move(opened).value()
                                  : makeClosedStore(url, opened.errorMessage());
    });
}

void StoreWorker::start()
{
    m_lanes[0].thread.setObjectName(QStringLiteral("verdict-store"));
    m_lanes[1].thread.setObjectName(QStringLiteral("verdict-store-bg"));
    for (Thread &lane : m_lanes) {
        lane.runner = new QObject;
        lane.runner->moveToThread(&lane.thread);
        lane.thread.start();
    }
}

StoreWorker::~StoreWorker()
{
    // Queued requests still run (a decision posted is a decision written); their answers
    // are dropped with this object. The background lane first: it may be mid-import.
    for (int i = 1; i >= 0; --i) {
        Thread &lane = m_lanes[i];
        QMetaObject::invokeMethod(
            lane.runner, [&lane] { lane.thread.quit(); }, Qt::QueuedConnection);
        lane.thread.wait();
        delete lane.runner;
        lane.store.reset();
    }
}

void StoreWorker::enqueue(Lane lane, std::function<void()> job)
{
    QMetaObject::invokeMethod(m_lanes[lane == Lane::Main ? 0 : 1].runner, std::move(job),
                              Qt::QueuedConnection);
}

void StoreWorker::enqueueBlocking(const std::function<void()> &job)
{
    QMetaObject::invokeMethod(m_lanes[0].runner, job, Qt::BlockingQueuedConnection);
}

Store &StoreWorker::store(Lane lane)
{
    if (lane == Lane::Main)
        return *m_lanes[0].store;
    Thread &bg = m_lanes[1];
    if (!bg.store) {
        // After the main connection is open (and the schema migrated): wait for it here,
        // on the background thread, never on the owning one.
        QMetaObject::invokeMethod(m_lanes[0].runner, [] {}, Qt::BlockingQueuedConnection);
        auto opened = openStore(m_url);
        bg.store = opened ? std::move(opened).value()
                          : makeClosedStore(m_url, opened.errorMessage());
    }
    return *bg.store;
}

void StoreWorker::finished()
{
    if (m_pending.fetch_sub(1) == 1) {
        Q_EMIT busyChanged(false);
        Q_EMIT idle();
    }
}

bool StoreWorker::waitForIdle(int msecs)
{
    QDeadlineTimer deadline(msecs);
    while (isBusy() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents,
                                        50);
    return !isBusy();
}

} // namespace verdict
