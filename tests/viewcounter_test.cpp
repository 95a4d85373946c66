// SPDX-License-Identifier: GPL-3.0-or-later
// The views' counts kept by ViewCounter, changed a row at a time (the recount of those rows
// only) or many at once (every row again, in slices), always equal what a fresh count of
// every row finds.
#include "queue/queuefilterproxy.h"
#include "queue/queuemodel.h"
#include "viewcounter.h"

#include <QSignalSpy>
#include <QTest>

using namespace verdict;

class ViewCounterTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsFollowChanges_data();
    void countsFollowChanges();
};

namespace {

const QStringList kViews = {
    QString(),
    QStringLiteral("status:pending"),
    QStringLiteral("has:error"),
    QStringLiteral("severity>=7 -status:rejected"),
    QStringLiteral("deferred:yes"),
    QStringLiteral("words in the whole text"), // free words: not counted
};

std::vector<QueueEntry> entries(int n)
{
    std::vector<QueueEntry> out;
    for (int i = 0; i < n; ++i) {
        QueueEntry e;
        e.id = QStringLiteral("fsar_%1").arg(i);
        e.severity = i % 10;
        e.targets = QStringList{QStringLiteral("f%1.sql").arg(i)};
        out.push_back(e);
    }
    return out;
}

// What every view matches, counted row by row from scratch.
QVector<int> freshCounts(const QueueFilterProxy &proxy, int rows)
{
    QVector<int> counts;
    for (const QString &text : kViews) {
        const auto query = FilterQuery::parse(text);
        if (!query || !query->textValues().isEmpty()) {
            counts << -1;
            continue;
        }
        int n = 0;
        for (int row = 0; row < rows; ++row)
            n += proxy.accepts(*query, row) ? 1 : 0;
        counts << n;
    }
    return counts;
}

} // namespace

void ViewCounterTest::countsFollowChanges_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("changed"); // rows changed one at a time
    QTest::newRow("one decision") << 500 << 1;
    QTest::newRow("a few") << 500 << 7;
    QTest::newRow("a whole queue's counts, one by one") << 3000 << 3000;
}

void ViewCounterTest::countsFollowChanges()
{
    QFETCH(int, rows);
    QFETCH(int, changed);
    QueueModel model;
    model.setEntries(entries(rows));
    QueueFilterProxy proxy;
    proxy.setQueueModel(&model);
    ViewCounter counter(&model, &proxy);
    counter.setQueries(kViews);
    QVERIFY(QTest::qWaitFor([&] { return !counter.isCounting(); }, 30000));
    QCOMPARE(counter.counts(), freshCounts(proxy, rows));
    QCOMPARE(counter.counts().at(1), rows); // all pending

    // Decisions and diagnostics arriving row by row, and a deferral.
    for (int i = 0; i < changed; ++i) {
        const QString id = QStringLiteral("fsar_%1").arg((i * 7) % rows);
        model.setStatus(id, i % 2 ? Status::Rejected : Status::Approved);
        model.setDiagnosticCounts(id, i % 3, 0, 0);
    }
    proxy.setDeferred({QStringLiteral("fsar_1"), QStringLiteral("fsar_2")});
    QVERIFY(QTest::qWaitFor([&] { return !counter.isCounting(); }, 30000));
    const QVector<int> expected = freshCounts(proxy, rows);
    QCOMPARE(counter.counts(), expected);
    QVERIFY(expected.at(1) < rows);
    QCOMPARE(expected.at(4), 2);
    QCOMPARE(expected.last(), -1);

    // One more decision after that: only its row is matched again, and the counts hold.
    QSignalSpy counted(&counter, &ViewCounter::counted);
    model.setStatus(QStringLiteral("fsar_3"), Status::Changes);
    QVERIFY(counted.wait(5000));
    QCOMPARE(counter.counts(), freshCounts(proxy, rows));
}

QTEST_MAIN(ViewCounterTest)
#include "viewcounter_test.moc"
