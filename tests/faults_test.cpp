// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtest.h"

#include "audit/auditverify.h"
#include "report/reportparser.h"
#include "store/postgresstore.h"
#include "store/sqlitestore.h"
#include "store/sync.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace verdict;
using verdict::test::PgTestServer;

// The faults the team store and sync must survive, against a real server.
class FaultsTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void serverStoppedMidSync_data();
    void serverStoppedMidSync();
    void tenLaptopsSyncAtOnce();
    void tenClientsDecideAtOnce();

private:
    std::vector<ParsedFile> samples() const;
    int serverCount(const QString &sql);
    void verifyChain(int expectedEvents);

    PgTestServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    int m_databases = 0;
};

std::vector<ParsedFile> FaultsTest::samples() const
{
    std::vector<ParsedFile> files;
    const QStringList paths = ReportParser::collectFiles({QStringLiteral(VERDICT_SAMPLES)});
    for (const QString &path : paths)
        files.push_back(ReportParser::parseFile(path));
    return files;
}

int FaultsTest::serverCount(const QString &sql)
{
    QString out;
    if (!m_server.psql(sql, m_db, &out))
        return -1;
    return out.trimmed().toInt();
}

// The server's log exports and verifies end to end.
void FaultsTest::verifyChain(int expectedEvents)
{
    auto lead = PostgresStore::open(m_server.connectionString(m_db, QStringLiteral("lena")));
    QVERIFY2(lead, qPrintable(lead.errorMessage()));
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    auto head = lead.value()->exportAuditCsv(csv);
    QVERIFY2(head, qPrintable(head.errorMessage()));
    const AuditVerifyReport report = AuditVerify::verify(csv.data(), head.value());
    QVERIFY2(report.ok, qPrintable(report.message));
    QCOMPARE(report.events, expectedEvents);
}

void FaultsTest::initTestCase()
{
    const QString why = PgTestServer::unavailableReason();
    if (!why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.createTeamRoles(), qPrintable(m_server.errorString()));
}

void FaultsTest::cleanupTestCase()
{
    m_server.stop();
}

void FaultsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    if (!m_server.isRunning())
        QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
    m_db = QStringLiteral("faults_%1").arg(++m_databases);
    QVERIFY2(m_server.createDatabase(m_db), qPrintable(m_server.errorString()));
    QVERIFY(PostgresStore::open(m_server.connectionString(m_db)));
}

void FaultsTest::serverStoppedMidSync_data()
{
    QTest::addColumn<QString>("when");
    QTest::addColumn<int>("committedBeforeStop");
    QTest::newRow("during the second batch's commit") << QStringLiteral("commit") << 1;
    QTest::newRow("after the second batch committed") << QStringLiteral("after push") << 2;
    QTest::newRow("before the second batch") << QStringLiteral("before push") << 1;
}

void FaultsTest::serverStoppedMidSync()
{
    QFETCH(QString, when);
    QFETCH(int, committedBeforeStop);
    auto local = SqliteStore::open(m_dir->filePath(QStringLiteral("laptop.sqlite")));
    QVERIFY(local);
    QVERIFY(local.value()->importFiles(samples(), QStringLiteral("alice")));
    QStringList uuids;
    for (const ParsedFile &f : samples()) {
        DecisionRequest r;
        r.proposalId = f.proposals.front().id;
        r.reviewer = QStringLiteral("alice");
        auto d = local.value()->decide(r);
        QVERIFY2(d, qPrintable(d.errorMessage()));
        uuids << d->uuid;
    }
    auto server = PostgresStore::open(m_server.connectionString(m_db, QStringLiteral("alice")));
    QVERIFY(server);

    SyncEngine engine(local.value().get(), server.value().get());
    engine.setBatchSize(1); // three batches: the fault hits the second
    int pushes = 0;
    bool stopped = false;
    auto stop = [&] {
        stopped = true;
        QVERIFY2(m_server.stop(true), qPrintable(m_server.errorString()));
    };
    if (when == QLatin1String("commit")) {
        // Commits alternate: import the batch's revision, then push its decision.
        int commits = 0;
        server.value()->setBeforeCommitHook([&] {
            if (++commits == 4)
                stop();
        });
    } else {
        const auto stage = when == QLatin1String("after push") ? SyncEngine::Stage::AfterPush
                                                               : SyncEngine::Stage::BeforePush;
        engine.setFaultHook([&](SyncEngine::Stage s) {
            if (s == stage && ++pushes == 2)
                stop();
            return true;
        });
    }
    auto broken = engine.sync();
    QVERIFY(stopped);
    QVERIFY(!broken);
    QVERIFY2(engine.state() == SyncEngine::State::Offline,
             qPrintable(broken.errorMessage() + QStringLiteral(" / ") + broken.error().code));
    QVERIFY2(broken.errorMessage().startsWith(QLatin1String("PostgreSQL: ")),
             qPrintable(broken.errorMessage()));

    QVERIFY2(m_server.restart(), qPrintable(m_server.errorString()));
    server.value()->setBeforeCommitHook({});
    engine.setFaultHook({});
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions")), committedBeforeStop);

    // Same engine, same store object: it reconnects and completes.
    auto done = engine.sync();
    QVERIFY2(done, qPrintable(done.errorMessage()));
    QCOMPARE(engine.state(), SyncEngine::State::Online);
    QCOMPARE(done->decisionsPushed, 3 - committedBeforeStop);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions")), 3);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(DISTINCT uuid) FROM decisions")), 3);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions WHERE uuid IN ('%1')")
                             .arg(uuids.join(QStringLiteral("', '")))),
             3);
    QCOMPARE(int(local.value()->outbox(10)->size()), 0);
    QCOMPARE(int(local.value()->allDecisions()->size()), 3);
    verifyChain(3 + 3);
}

void FaultsTest::tenLaptopsSyncAtOnce()
{
    constexpr int kClients = 10;
    const auto files = samples();
    std::vector<QString> paths;
    for (int i = 0; i < kClients; ++i) {
        const QString path = m_dir->filePath(QStringLiteral("laptop%1.sqlite").arg(i));
        auto local = SqliteStore::open(path);
        QVERIFY(local);
        QVERIFY(local.value()->importFiles(files, QStringLiteral("r%1").arg(i)));
        for (const ParsedFile &f : files) {
            DecisionRequest r;
            r.proposalId = f.proposals.front().id;
            r.reviewer = QStringLiteral("r%1").arg(i);
            r.verdict = i % 2 ? Verdict::Reject : Verdict::Approve;
            r.reason = QStringLiteral("reviewer %1 thinks so").arg(i);
            QVERIFY(local.value()->decide(r));
        }
        paths.push_back(path);
    }

    // Ten laptops push the same proposals and conflicting decisions at the same moment.
    std::vector<QString> errors(kClients);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
        threads.emplace_back([&, i] {
            SyncEngine engine(paths[size_t(i)],
                              m_server.connectionString(m_db, i % 2 ? QStringLiteral("bob")
                                                                    : QStringLiteral("alice")));
            ++ready;
            while (ready.load() < kClients)
                std::this_thread::yield();
            auto r = engine.sync();
            if (!r)
                errors[size_t(i)] = r.errorMessage();
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (int i = 0; i < kClients; ++i)
        QVERIFY2(errors[size_t(i)].isEmpty(), qPrintable(errors[size_t(i)]));

    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions")), 3 * kClients);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(DISTINCT uuid) FROM decisions")),
             3 * kClients);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM proposal_revisions")), 3);
    auto server = PostgresStore::open(m_server.connectionString(m_db));
    QVERIFY(server);
    auto queue = server.value()->queue();
    QVERIFY(queue);
    QCOMPARE(int(queue->size()), 3);
    for (const QueueEntry &e : queue.value())
        QCOMPARE(e.status, Status::Conflict);
    verifyChain(3 + 3 * kClients);

    // Every laptop ends with everyone's decisions and the same conflicts.
    for (int i = 0; i < kClients; ++i) {
        SyncEngine engine(paths[size_t(i)], m_server.connectionString(m_db));
        auto r = engine.sync();
        QVERIFY2(r, qPrintable(r.errorMessage()));
        auto local = SqliteStore::open(paths[size_t(i)]);
        QVERIFY(local);
        QCOMPARE(int(local.value()->allDecisions()->size()), 3 * kClients);
        for (const ParsedFile &f : files)
            QCOMPARE(local.value()->proposal(f.proposals.front().id)->status, Status::Conflict);
    }
}

void FaultsTest::tenClientsDecideAtOnce()
{
    constexpr int kClients = 10;
    constexpr int kRounds = 10;
    const auto files = samples();
    {
        auto owner = PostgresStore::open(m_server.connectionString(m_db));
        QVERIFY(owner.value()->importFiles(files, QStringLiteral("lead")));
    }
    // Ten people, ten logins: quorum and disagreement count logins, not claimed names.
    for (int i = 0; i < kClients; ++i) {
        QVERIFY2(m_server.psql(QStringLiteral("CREATE ROLE r%1 LOGIN IN ROLE verdict_reviewer")
                                   .arg(i)),
                 qPrintable(m_server.errorString()));
    }
    std::vector<QString> errors(kClients);
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
        threads.emplace_back([&, i] {
            auto store = PostgresStore::open(
                m_server.connectionString(m_db, QStringLiteral("r%1").arg(i)));
            if (!store) {
                errors[size_t(i)] = store.errorMessage();
                return;
            }
            for (int round = 0; round < kRounds; ++round) {
                for (const ParsedFile &f : files) {
                    DecisionRequest r;
                    r.proposalId = f.proposals.front().id;
                    r.reviewer = QStringLiteral("r%1").arg(i);
                    r.verdict = (i + round) % 2 ? Verdict::Reject : Verdict::Approve;
                    r.reason = QStringLiteral("round %1").arg(round);
                    auto d = store.value()->decide(r);
                    if (!d) {
                        errors[size_t(i)] = d.errorMessage();
                        return;
                    }
                }
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (int i = 0; i < kClients; ++i)
        QVERIFY2(errors[size_t(i)].isEmpty(), qPrintable(errors[size_t(i)]));
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions")),
             kClients * kRounds * 3);
    // Each decision after a reviewer's first supersedes exactly the one before it.
    QCOMPARE(serverCount(QStringLiteral("SELECT count(DISTINCT supersedes) FROM decisions "
                                        "WHERE supersedes <> ''")),
             kClients * (kRounds - 1) * 3);
    verifyChain(3 + kClients * kRounds * 3);
    auto server = PostgresStore::open(m_server.connectionString(m_db));
    for (const QueueEntry &e : server.value()->queue().value())
        QCOMPARE(e.status, Status::Conflict);
}

QTEST_GUILESS_MAIN(FaultsTest)
#include "faults_test.moc"
