// SPDX-License-Identifier: GPL-3.0-or-later
// The window never waits on the database. A real PostgreSQL sits behind a proxy that adds
// 300 ms to every chunk in each direction; the test drives select / decide / undo / filter
// through the window by keyboard and records the longest stall of the GUI event loop (how
// late a 5 ms timer fires). It must stay under 50 ms, and every decision must land in the
// database exactly once, in the order it was made.
#include "latencyproxy.h"
#include "pgtest.h"

#include "filterbar.h"
#include "mainwindow.h"
#include "queue/approvalguard.h"
#include "queue/queuemodel.h"
#include "reasonbar.h"
#include "report/reportparser.h"
#include "store/storeworker.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <cstring>

#include <sys/resource.h>

using namespace verdict;
using verdict::test::LatencyProxy;
using verdict::test::PgTestServer;

namespace {

constexpr int kDelayMs = 300;
constexpr int kTickMs = 5;
constexpr int kMaxStallMs = 50;
constexpr int kProposals = 12;

// How late the GUI thread's timer fires: the longest time the event loop was held.
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            const qint64 late = now - m_last - kTickMs;
            if (late > m_worst) {
                m_worst = late;
                m_worstStep = m_step;
            }
            if (late >= kMaxStallMs / 2)
                m_long << QStringLiteral("%1 ms (%2)").arg(late).arg(m_step);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start(kTickMs);
    }
    void step(const QString &name) { m_step = name; }
    qint64 worst() const { return m_worst; }
    QString worstStep() const { return m_worstStep; }
    // Every stall over half the limit, in order: what a failure names.
    QString longStalls() const { return m_long.join(QStringLiteral(", ")); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_worst = 0;
    QString m_step;
    QString m_worstStep;
    QStringList m_long;
};

// Waits as the application does, blocked in its event loop until the next event or timer.
// Not QTest::qWait: it sleeps 10 ms between rounds of events, and under load far longer,
// and the meter would count the test's own sleeps as the window's stalls.
template <typename Done>
bool waitUntil(Done done, int timeoutMs)
{
    if (done())
        return true;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || clock.hasExpired(timeoutMs))
            loop.quit();
    });
    poll.start(1);
    loop.exec();
    return done();
}

// Sample 000 under other ids and targets: plain proposals that no guard holds back.
QStringList writeReports(const QString &dir)
{
    QFile sample(QDir(QStringLiteral(VERDICT_SAMPLES))
                     .filePath(QStringLiteral("000_471f460746578cde.txt")));
    if (!sample.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(sample.readAll());
    QStringList ids;
    for (int i = 0; i < kProposals; ++i) {
        const QString id = QStringLiteral("fsar_stall-%1").arg(i, 2, 10, QLatin1Char('0'));
        QString report = text;
        report.replace(QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9"), id);
        report.replace(QStringLiteral("generated_1.sql"),
                       QStringLiteral("stall_%1.sql").arg(i));
        QFile out(QDir(dir).filePath(QStringLiteral("%1.txt").arg(id)));
        if (!out.open(QIODevice::WriteOnly) || out.write(report.toUtf8()) < 0)
            return {};
        ids << id;
    }
    return ids;
}

} // namespace

class GuiStallTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void theWindowNeverWaitsOnASlowServer();

private:
    QTemporaryDir m_dir;
    PgTestServer m_server;
    QString m_skipped;
};

void GuiStallTest::initTestCase()
{
    // CI builds and tests two systems at once on two cores: the GUI thread's own lateness
    // from waiting for a CPU is not what this test measures. Ahead of them when allowed.
    errno = 0;
    if (setpriority(PRIO_PROCESS, 0, -10) != 0)
        qInfo("running at normal priority (%s)", std::strerror(errno));
    static QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("verdict-guistall-test"));
    m_skipped = PgTestServer::unavailableReason();
    if (!m_skipped.isEmpty())
        return;
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.createDatabase(QStringLiteral("verdict_test")),
             qPrintable(m_server.errorString()));
}

void GuiStallTest::cleanupTestCase()
{
    if (m_server.isRunning())
        m_server.stop();
}

void GuiStallTest::theWindowNeverWaitsOnASlowServer()
{
    if (!m_skipped.isEmpty())
        QSKIP(qPrintable(m_skipped));

    // The reports and the team's settings, written straight to the server (no proxy).
    const QStringList ids = writeReports(m_dir.path());
    QCOMPARE(ids.size(), kProposals);
    {
        auto direct = openStore(m_server.connectionString());
        QVERIFY2(direct.ok(), qPrintable(direct.errorMessage()));
        std::vector<ParsedFile> files;
        for (const QString &file : ReportParser::collectFiles({m_dir.path()}))
            files.push_back(ReportParser::parseFile(file));
        const auto imported = (*direct)->importFiles(files, QStringLiteral("test"));
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QCOMPARE(imported->added, kProposals);
        QVERIFY((*direct)->setSetting(ApprovalGuard::kRulesKey, QStringLiteral("none")).ok());
    }

    LatencyProxy proxy(QDir(m_server.socketDir())
                           .filePath(QStringLiteral(".s.PGSQL.%1").arg(m_server.port())),
                       kDelayMs);
    const quint16 port = proxy.start();
    QVERIFY2(port != 0, qPrintable(proxy.errorString()));
    const QString slowUrl =
        QStringLiteral("host=127.0.0.1 port=%1 dbname=verdict_test user=postgres sslmode=disable")
            .arg(port);

    // The window opens the store itself, on its store thread: nothing waits here (the
    // meter starts once it is built and painted: building widgets is not a database wait).
    QElapsedTimer built;
    built.start();
    MainWindow window(slowUrl, QStringLiteral("alice"));
    window.resize(1280, 720);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.queueView()->setFocus();
    StoreWorker *worker = window.storeWorker();
    QVERIFY2(built.elapsed() < 2 * kDelayMs, "the window waited on the server to open");
    QVERIFY(worker->isBusy()); // still opening the store and reading the queue
    StallMeter meter;
    meter.start();
    auto settle = [&] {
        QVERIFY2(waitUntil([&] { return !worker->isBusy(); }, 60000), "the store never settled");
    };

    meter.step(QStringLiteral("load the queue"));
    waitUntil([&] { return window.queueProxy()->rowCount() == kProposals; }, 60000);
    QCOMPARE(window.queueProxy()->rowCount(), kProposals);
    settle();
    QVERIFY(!window.currentProposalId().isEmpty());

    QStringList expected; // "verdict id" in the order they were made
    meter.step(QStringLiteral("approve"));
    for (int i = 0; i < 3; ++i) {
        const QString id = window.currentProposalId();
        QTest::keyClick(window.queueView(), Qt::Key_A);
        expected << QStringLiteral("approve %1").arg(id);
        // Moving on does not wait for the server.
        QVERIFY(window.currentProposalId() != id);
    }
    settle();

    meter.step(QStringLiteral("reject with a reason"));
    const QString rejected = window.currentProposalId();
    QTest::keyClick(window.queueView(), Qt::Key_R);
    QVERIFY(window.reasonBar()->isAsking());
    QTest::keyClicks(window.reasonBar()->lineEdit(), QStringLiteral("drops a table"));
    QTest::keyClick(window.reasonBar()->lineEdit(), Qt::Key_Return);
    expected << QStringLiteral("reject %1").arg(rejected);
    settle();

    meter.step(QStringLiteral("undo"));
    QTest::keyClick(window.queueView(), Qt::Key_Z, Qt::ControlModifier);
    expected << QStringLiteral("retract %1").arg(rejected);
    settle();
    waitUntil([&] { return window.currentProposalId() == rejected; }, 10000);
    QCOMPARE(window.currentProposalId(), rejected);

    meter.step(QStringLiteral("move"));
    for (const Qt::Key key : {Qt::Key_J, Qt::Key_J, Qt::Key_K, Qt::Key_J})
        QTest::keyClick(window.queueView(), key);
    settle();

    meter.step(QStringLiteral("filter"));
    QTest::keyClick(window.queueView(), Qt::Key_F, Qt::ControlModifier);
    QTest::keyClicks(window.filterBar()->lineEdit(), QStringLiteral("status:pending users"));
    QVERIFY2(waitUntil(
                 [&] {
                     const int rows = window.queueProxy()->rowCount();
                     return rows > 0 && rows < kProposals;
                 },
                 30000),
             "the filter never applied");
    settle();
    QTest::keyClick(window.filterBar()->lineEdit(), Qt::Key_Escape);
    waitUntil([&] { return window.queueProxy()->rowCount() == kProposals; }, 30000);
    QCOMPARE(window.queueProxy()->rowCount(), kProposals);
    settle();

    QVERIFY2(proxy.bytesForwarded() > 0, "nothing went through the slow proxy");
    QVERIFY2(meter.worst() < kMaxStallMs,
             qPrintable(QStringLiteral("the GUI thread stalled %1 ms (step: %2); all over %3 ms: %4")
                            .arg(meter.worst())
                            .arg(meter.worstStep())
                            .arg(kMaxStallMs / 2)
                            .arg(meter.longStalls())));
    qInfo("longest GUI stall: %lld ms", static_cast<long long>(meter.worst()));

    // Every decision exactly once, in order, read straight from the server.
    auto direct = openStore(m_server.connectionString());
    QVERIFY(direct.ok());
    const auto all = (*direct)->allDecisions();
    QVERIFY(all.ok());
    QStringList landed;
    for (const Decision &d : *all)
        landed << QStringLiteral("%1 %2").arg(verdictId(d.verdict), d.proposalId);
    QCOMPARE(landed, expected);
}

QTEST_MAIN(GuiStallTest)
#include "guistall_test.moc"
