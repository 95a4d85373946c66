// SPDX-License-Identifier: GPL-3.0-or-later
#include "importtask.h"
#include "statisticsview.h"
#include "store/store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace verdict;

class StatisticsViewTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsInTheBackground();
    void emptyStoreSaysSo();
    void badStoreShowsTheError();
    void escapeAndCtrlWClose_data();
    void escapeAndCtrlWClose();
};

void StatisticsViewTest::loadsInTheBackground()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("v.sqlite"));
    const ImportOutcome imported =
        ImportTask::run(db, {QStringLiteral(VERDICT_SAMPLES)}, QStringLiteral("ann"));
    QVERIFY2(imported.ok, qPrintable(imported.error));
    {
        auto store = openStore(db);
        QVERIFY(store.ok());
        const auto queue = store.value()->queue();
        QVERIFY(queue.ok() && queue->size() >= 2);
        DecisionRequest approve;
        approve.proposalId = queue->at(0).id;
        approve.reviewer = QStringLiteral("ann");
        QVERIFY(store.value()->decide(approve).ok());
        DecisionRequest reject = approve;
        reject.proposalId = queue->at(1).id;
        reject.verdict = Verdict::Reject;
        reject.reviewer = QStringLiteral("bob");
        reject.reason = QStringLiteral("drops a table");
        QVERIFY(store.value()->decide(reject).ok());
    }
    StatisticsView view;
    QSignalSpy loaded(&view, &StatisticsView::loaded);
    view.load(db);
    // load() returned at once: nothing read yet, the view says it is loading, and the
    // store is read on another thread (a synchronous load fails every one of these).
    QVERIFY(view.isLoading());
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(view.data().proposals, 0);
    QVERIFY(loaded.wait(120000));
    QVERIFY(!view.isLoading());
    QVERIFY(view.loadThread() != nullptr);
    QVERIFY(view.loadThread() != QThread::currentThread());
    const StatisticsData &data = view.data();
    QVERIFY2(data.error.isEmpty(), qPrintable(data.error));
    QCOMPARE(data.proposals, imported.summary.added);
    QCOMPARE(data.pending, imported.summary.added - 2);
    QCOMPARE(data.share.approve, 1);
    QCOMPARE(data.share.reject, 1);
    QCOMPARE(data.perHour.reviewers, (QStringList{QStringLiteral("ann"), QStringLiteral("bob")}));
    QVERIFY(!data.rules.empty()); // the samples have findings (e.g. the garbled SQL)
    QCOMPARE(data.queueSize.back().pending, data.pending);

    const QStringList words = view.chartSummaries();
    QCOMPARE(words.size(), 4);
    QVERIFY2(words[0].contains(QStringLiteral("%1 pending now").arg(data.pending)),
             qPrintable(words[0]));
    QVERIFY2(words[1].contains(QLatin1String("ann 1, bob 1")), qPrintable(words[1]));
    QVERIFY2(words[2].contains(QLatin1String("Approve 1 (50 %)"))
                 && words[2].contains(QLatin1String("Reject 1 (50 %)")),
             qPrintable(words[2]));
    QVERIFY2(words[3].contains(data.rules.front().rule), qPrintable(words[3]));
}

void StatisticsViewTest::emptyStoreSaysSo()
{
    QTemporaryDir dir;
    StatisticsView view;
    QSignalSpy loaded(&view, &StatisticsView::loaded);
    view.load(dir.filePath(QStringLiteral("empty.sqlite")));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(view.data().proposals, 0);
    const QStringList words = view.chartSummaries();
    QCOMPARE(words.size(), 4);
    QVERIFY2(words[0].contains(QLatin1String("no proposals yet")), qPrintable(words[0]));
    QVERIFY2(words[2].contains(QLatin1String("none yet")), qPrintable(words[2]));
}

void StatisticsViewTest::badStoreShowsTheError()
{
    QTemporaryDir dir;
    QFile notADatabase(dir.filePath(QStringLiteral("junk.sqlite")));
    QVERIFY(notADatabase.open(QIODevice::WriteOnly));
    notADatabase.write(QByteArray(4096, 'x'));
    notADatabase.close();
    StatisticsView view;
    QSignalSpy loaded(&view, &StatisticsView::loaded);
    view.load(notADatabase.fileName());
    QVERIFY(loaded.wait(30000));
    QVERIFY(!view.data().error.isEmpty());
}

void StatisticsViewTest::escapeAndCtrlWClose_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::newRow("Esc") << int(Qt::Key_Escape) << int(Qt::NoModifier);
    QTest::newRow("Ctrl+W") << int(Qt::Key_W) << int(Qt::ControlModifier);
}

// The statistics window is a window of its own: it closes like the dialogs do.
void StatisticsViewTest::escapeAndCtrlWClose()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    StatisticsView view;
    view.setWindowFlag(Qt::Window);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    QTest::keyClick(&view, Qt::Key(key), Qt::KeyboardModifiers(modifiers));
    QTRY_VERIFY(!view.isVisible());
}

QTEST_MAIN(StatisticsViewTest)
#include "statisticsview_test.moc"
