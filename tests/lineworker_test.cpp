// SPDX-License-Identifier: GPL-3.0-or-later
// LineWorker::exchange: many lines to several long-lived workers at once, as CheckerSet
// asks its Python, node and bash workers about a batch. Real processes (bash scripts as
// workers), each answering a line per line read.
#include "diagnostics/childprocess.h"

#include <QStandardPaths>
#include <QTest>

using namespace verdict;

namespace {

// A bash worker running `loop`, which reads "$l" a line at a time.
std::unique_ptr<LineWorker> bashWorker(const QString &loop)
{
    const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
    return std::make_unique<LineWorker>(
        bash, QStringList{QStringLiteral("--norc"), QStringLiteral("-c"), loop},
        checkerEnvironment());
}

LineWorker::Batch batchOf(LineWorker *worker, const QList<QByteArray> &lines, int timeoutMs)
{
    LineWorker::Batch b;
    b.worker = worker;
    b.lines.assign(lines.cbegin(), lines.cend());
    b.timeoutMs = timeoutMs;
    return b;
}

using Status = LineWorker::Status;

} // namespace

class LineWorkerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyLineIsAnsweredInOrderByEachWorker();
    void moreThanTheSocketsHoldNeverBlocks();
    void aLineThatHangsTimesOutAndTheLinesAfterItAreAnswered();
    void aWorkerDyingOnALineFailsThatLineOnly();
    void aWorkerThatCannotStartLeavesEveryLineNotStarted();
    void aRunawayAnswerEndsTheRun();
    void requestIsAnExchangeOfOneLine();
};

// Two workers, answering differently; each answer is its own line's, in order, and one run
// of each worker serves all of them.
void LineWorkerTest::everyLineIsAnsweredInOrderByEachWorker()
{
    auto upper = bashWorker(QStringLiteral("while IFS= read -r l; do echo \"U:${l^^}\"; done"));
    auto count = bashWorker(QStringLiteral("while IFS= read -r l; do echo \"${#l}\"; done"));
    QList<QByteArray> a, b;
    for (int i = 0; i < 300; ++i) {
        a << "line " + QByteArray::number(i);
        b << QByteArray(i, 'x');
    }
    LineWorker::Batch first = batchOf(upper.get(), a, 5000);
    LineWorker::Batch second = batchOf(count.get(), b, 5000);
    LineWorker::exchange({&first, &second});
    for (int i = 0; i < 300; ++i) {
        QCOMPARE(first.status[size_t(i)], Status::Ok);
        QCOMPARE(first.responses[size_t(i)], "U:LINE " + QByteArray::number(i));
        QCOMPARE(second.status[size_t(i)], Status::Ok);
        QCOMPARE(second.responses[size_t(i)], QByteArray::number(i));
    }
    QCOMPARE(upper->starts(), 1);
    QCOMPARE(count->starts(), 1);
}

// Megabytes each way: the worker's answers fill its socket while lines are still being
// written to it. Written and read in turn, nothing waits on the other.
void LineWorkerTest::moreThanTheSocketsHoldNeverBlocks()
{
    auto echo = bashWorker(QStringLiteral("while IFS= read -r l; do printf '%s\\n' \"$l\"; done"));
    QList<QByteArray> lines;
    for (int i = 0; i < 64; ++i)
        lines << QByteArray(48 * 1024, char('a' + i % 26));
    LineWorker::Batch batch = batchOf(echo.get(), lines, 20000);
    LineWorker::exchange({&batch});
    for (int i = 0; i < lines.size(); ++i) {
        QCOMPARE(batch.status[size_t(i)], Status::Ok);
        QVERIFY(batch.responses[size_t(i)] == lines[i]);
    }
}

// The line that hangs is cut off at its timeout; the worker is started again for the lines
// after it, which are answered (counted from when the worker was free for each).
void LineWorkerTest::aLineThatHangsTimesOutAndTheLinesAfterItAreAnswered()
{
    auto worker = bashWorker(QStringLiteral(
        "while IFS= read -r l; do [ \"$l\" = hang ] && sleep 30; echo \"ok:$l\"; done"));
    LineWorker::Batch batch = batchOf(worker.get(), {"a", "hang", "b", "c"}, 400);
    QElapsedTimer timer;
    timer.start();
    LineWorker::exchange({&batch});
    QVERIFY2(timer.elapsed() < 10000, "the hanging line was not cut off");
    const std::vector<Status> expected{Status::Ok, Status::TimedOut, Status::Ok, Status::Ok};
    QVERIFY(batch.status == expected);
    QCOMPARE(batch.responses[0], QByteArray("ok:a"));
    QCOMPARE(batch.responses[1], QByteArray());
    QCOMPARE(batch.responses[2], QByteArray("ok:b"));
    QCOMPARE(batch.responses[3], QByteArray("ok:c"));
    QCOMPARE(worker->starts(), 2);
}

void LineWorkerTest::aWorkerDyingOnALineFailsThatLineOnly()
{
    auto worker = bashWorker(QStringLiteral(
        "while IFS= read -r l; do [ \"$l\" = die ] && exit 3; echo \"ok:$l\"; done"));
    auto other = bashWorker(QStringLiteral("while IFS= read -r l; do echo \"o:$l\"; done"));
    LineWorker::Batch batch = batchOf(worker.get(), {"a", "die", "b", "die", "c"}, 5000);
    LineWorker::Batch beside = batchOf(other.get(), {"x", "y"}, 5000);
    LineWorker::exchange({&batch, &beside});
    const std::vector<Status> expected{Status::Ok, Status::Died, Status::Ok, Status::Died,
                                       Status::Ok};
    QVERIFY(batch.status == expected);
    QCOMPARE(batch.responses[4], QByteArray("ok:c"));
    QCOMPARE(worker->starts(), 3);
    QVERIFY(beside.status == std::vector<Status>(2, Status::Ok));
    QCOMPARE(beside.responses[1], QByteArray("o:y"));
    QCOMPARE(other->starts(), 1);
}

void LineWorkerTest::aWorkerThatCannotStartLeavesEveryLineNotStarted()
{
    LineWorker missing(QStringLiteral("/nonexistent/verdict-worker"), {}, checkerEnvironment());
    LineWorker::Batch batch = batchOf(&missing, {"a", "b"}, 1000);
    LineWorker::exchange({&batch});
    QVERIFY(batch.status == std::vector<Status>(2, Status::NotStarted));
}

// A worker that writes without end and never a newline is stopped (bounded memory), and the
// line it was on fails; the next line gets a fresh run.
void LineWorkerTest::aRunawayAnswerEndsTheRun()
{
    auto worker = bashWorker(QStringLiteral(
        "while IFS= read -r l; do if [ \"$l\" = flood ]; then while :; do printf '%01024d' 0; "
        "done; fi; echo \"ok:$l\"; done"));
    LineWorker::Batch batch = batchOf(worker.get(), {"flood", "after"}, 10000);
    LineWorker::exchange({&batch});
    QCOMPARE(batch.status[0], Status::Died);
    QCOMPARE(batch.status[1], Status::Ok);
    QCOMPARE(batch.responses[1], QByteArray("ok:after"));
}

void LineWorkerTest::requestIsAnExchangeOfOneLine()
{
    auto worker = bashWorker(QStringLiteral("while IFS= read -r l; do echo \"<$l>\"; done"));
    QByteArray response;
    QCOMPARE(worker->request("one", &response, 5000), Status::Ok);
    QCOMPARE(response, QByteArray("<one>"));
    QCOMPARE(worker->request("two", &response, 5000), Status::Ok);
    QCOMPARE(response, QByteArray("<two>"));
    QCOMPARE(worker->starts(), 1);
}

QTEST_GUILESS_MAIN(LineWorkerTest)
#include "lineworker_test.moc"
