// SPDX-License-Identifier: GPL-3.0-or-later
// The store worker: requests run on its thread, one at a time and in order; answers come
// back on the thread that asked, only while the asker lives; queued decisions survive the
// worker's destruction; a store that cannot be opened answers every request with why.
#include "report/reportparser.h"
#include "store/storeworker.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

namespace {

std::unique_ptr<Store> storeWithSamples(const QString &path)
{
    auto store = openStore(path);
    if (!store)
        return nullptr;
    const auto files = ReportParser::collectFiles({QStringLiteral(VERDICT_SAMPLES)});
    std::vector<ParsedFile> parsed;
    for (const QString &file : files)
        parsed.push_back(ReportParser::parseFile(file));
    if (!(*store)->importFiles(parsed, QStringLiteral("test")))
        return nullptr;
    return std::move(store).value();
}

DecisionRequest request(const QString &id, Verdict verdict, const QString &reason = {})
{
    DecisionRequest r;
    r.proposalId = id;
    r.verdict = verdict;
    r.reviewer = QStringLiteral("alice");
    r.reason = reason;
    return r;
}

} // namespace

class StoreWorkerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("verdict.sqlite"));
        auto store = storeWithSamples(m_path);
        QVERIFY(store);
        auto queue = store->queue();
        QVERIFY(queue.ok());
        QVERIFY(queue->size() >= 3);
        m_ids.clear();
        for (const QueueEntry &e : *queue)
            m_ids << e.id;
    }

    void jobsRunOnTheStoreThreadAnswersOnTheAskingThread()
    {
        StoreWorker worker(m_path);
        const QThread *ranOn = nullptr;
        const QThread *answeredOn = nullptr;
        bool answered = false;
        worker.post(
            this,
            [&ranOn](Store &store) {
                ranOn = QThread::currentThread();
                return store.queue();
            },
            [&](Result<std::vector<QueueEntry>> queue) {
                answeredOn = QThread::currentThread();
                answered = queue.ok() && int(queue->size()) == m_ids.size();
            });
        QVERIFY(worker.isBusy());
        QVERIFY(worker.waitForIdle());
        QVERIFY(answered);
        QCOMPARE(ranOn, worker.storeThread());
        QVERIFY(ranOn != QThread::currentThread());
        QCOMPARE(answeredOn, QThread::currentThread());
    }

    void decisionsLandOnceInOrderAndAnswersComeInOrder()
    {
        StoreWorker worker(m_path);
        const QString id = m_ids.first();
        const QList<Verdict> verdicts = {Verdict::Approve, Verdict::Reject,
                                         Verdict::Changes, Verdict::Approve,
                                         Verdict::Reject};
        QList<Verdict> answers;
        for (Verdict v : verdicts) {
            worker.post(
                this,
                [r = request(id, v, QStringLiteral("because %1").arg(int(v)))](Store &store) {
                    return store.decide(r);
                },
                [&answers](Result<Decision> d) {
                    if (d)
                        answers << d->verdict;
                });
        }
        QVERIFY(worker.waitForIdle());
        QCOMPARE(answers, verdicts);
        const auto stored = worker.wait([id](Store &store) { return store.decisions(id); });
        QVERIFY(stored.ok());
        QList<Verdict> written;
        for (const Decision &d : *stored)
            written << d.verdict;
        QCOMPARE(written, verdicts);
    }

    void anAnswerIsDroppedWhenTheAskerIsGoneButTheRequestRuns()
    {
        StoreWorker worker(m_path);
        auto *asker = new QObject;
        bool called = false;
        worker.post(
            asker,
            [r = request(m_ids.first(), Verdict::Approve)](Store &store) {
                return store.decide(r);
            },
            [&called](Result<Decision>) { called = true; });
        delete asker;
        QVERIFY(worker.waitForIdle());
        QVERIFY(!called);
        const auto stored =
            worker.wait([id = m_ids.first()](Store &store) { return store.decisions(id); });
        QVERIFY(stored.ok());
        QCOMPARE(int(stored->size()), 1);
    }

    void queuedDecisionsSurviveTheWorker()
    {
        {
            StoreWorker worker(m_path);
            for (const QString &id : std::as_const(m_ids))
                worker.post([r = request(id, Verdict::Approve)](Store &store) {
                    return store.decide(r);
                });
        } // destroyed at once, with requests in line
        auto store = openStore(m_path);
        QVERIFY(store.ok());
        auto all = (*store)->allDecisions();
        QVERIFY(all.ok());
        QCOMPARE(int(all->size()), m_ids.size());
    }

    void waitRunsAfterWhatWasPostedBefore()
    {
        StoreWorker worker(m_path);
        worker.post([r = request(m_ids.first(), Verdict::Approve)](Store &store) {
            return store.decide(r);
        });
        const auto all = worker.wait([](Store &store) { return store.allDecisions(); });
        QVERIFY(all.ok());
        QCOMPARE(int(all->size()), 1);
        QVERIFY(worker.waitForIdle());
    }

    void busyAndIdleAreSignalled()
    {
        StoreWorker worker(m_path);
        QSignalSpy busy(&worker, &StoreWorker::busyChanged);
        QSignalSpy idle(&worker, &StoreWorker::idle);
        for (int i = 0; i < 3; ++i)
            worker.post(this, [](Store &store) { return store.queue(); },
                        [](Result<std::vector<QueueEntry>>) {});
        QVERIFY(worker.waitForIdle());
        QCOMPARE(busy.count(), 2); // true once, false once
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
        QCOMPARE(idle.count(), 1);
    }

    void theBackgroundLaneIsASecondConnectionOnItsOwnThread()
    {
        StoreWorker worker(m_path);
        const QThread *ranOn = nullptr;
        const Store *mainStore = worker.wait([](Store &store) { return &store; });
        const Store *bgStore = nullptr;
        worker.post([r = request(m_ids.first(), Verdict::Approve)](Store &store) {
            return store.decide(r);
        });
        int seen = -1;
        worker.postBackground(
            this,
            [&](Store &store) {
                ranOn = QThread::currentThread();
                bgStore = &store;
                return store.allDecisions();
            },
            [&seen](Result<std::vector<Decision>> all) { seen = all ? int(all->size()) : -2; });
        QVERIFY(worker.waitForIdle());
        QCOMPARE(ranOn, worker.backgroundThread());
        QVERIFY(ranOn != worker.storeThread());
        QVERIFY(bgStore != mainStore);
        QCOMPARE(seen, 1); // opened behind the main lane: it sees the decision posted first
    }

    void aStoreThatCannotOpenAnswersWithWhy()
    {
        // A folder that cannot be made: its parent is a regular file.
        QFile plain(m_dir->filePath(QStringLiteral("plain")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        const QString bad = m_dir->filePath(QStringLiteral("plain/folder/verdict.sqlite"));
        StoreWorker worker(bad);
        QString message;
        worker.post(this, [](Store &store) { return store.queue(); },
                    [&message](Result<std::vector<QueueEntry>> queue) {
                        message = queue.ok() ? QStringLiteral("opened") : queue.errorMessage();
                    });
        QVERIFY(worker.waitForIdle());
        QVERIFY2(message.contains(QStringLiteral("plain/folder")), qPrintable(message));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    QStringList m_ids;
};

QTEST_GUILESS_MAIN(StoreWorkerTest)
#include "storeworker_test.moc"
