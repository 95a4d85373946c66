// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtest.h"

#include "report/reportparser.h"
#include "store/postgresstore.h"
#include "store/sqlitestore.h"
#include "store/sync.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;
using verdict::test::PgTestServer;

Q_DECLARE_METATYPE(verdict::SyncEngine::Stage)

class SyncTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void teammatesSeeEachOther();
    void conflictResolvedByLead();
    void interrupted_data();
    void interrupted();
    void revisionsMapBySha();
    void hostileReasonRoundTrips();
    void nulReasonIsRefused();
    void offlineState();

private:
    std::unique_ptr<SqliteStore> laptop(const QString &name, bool withSamples = true);
    std::unique_ptr<PostgresStore> server(const QString &user = QStringLiteral("postgres"));
    Decision decide(SqliteStore &store, const QString &id, Verdict verdict,
                    const QString &reviewer, const QString &reason = QStringLiteral("r"));
    int serverCount(const QString &sql);
    std::vector<ParsedFile> samples() const;
    QString sampleId(int i) const { return samples().at(size_t(i)).proposals.front().id; }

    PgTestServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
    int m_databases = 0;
};

std::vector<ParsedFile> SyncTest::samples() const
{
    std::vector<ParsedFile> files;
    const QStringList paths = ReportParser::collectFiles({QStringLiteral(VERDICT_SAMPLES)});
    for (const QString &path : paths)
        files.push_back(ReportParser::parseFile(path));
    return files;
}

std::unique_ptr<SqliteStore> SyncTest::laptop(const QString &name, bool withSamples)
{
    auto store = SqliteStore::open(m_dir->filePath(name + QStringLiteral(".sqlite")));
    if (!store) {
        qWarning("%s", qPrintable(store.errorMessage()));
        return nullptr;
    }
    if (withSamples && !store.value()->importFiles(samples(), name))
        return nullptr;
    return std::move(store).value();
}

std::unique_ptr<PostgresStore> SyncTest::server(const QString &user)
{
    auto store = PostgresStore::open(m_server.connectionString(m_db, user));
    if (!store) {
        qWarning("%s", qPrintable(store.errorMessage()));
        return nullptr;
    }
    return std::move(store).value();
}

Decision SyncTest::decide(SqliteStore &store, const QString &id, Verdict verdict,
                          const QString &reviewer, const QString &reason)
{
    DecisionRequest r;
    r.proposalId = id;
    r.verdict = verdict;
    r.reviewer = reviewer;
    r.reason = reason;
    auto d = store.decide(r);
    if (!d) {
        qWarning("decide: %s", qPrintable(d.errorMessage()));
        return {};
    }
    return d.value();
}

int SyncTest::serverCount(const QString &sql)
{
    QString out;
    if (!m_server.psql(sql, m_db, &out))
        return -1;
    return out.trimmed().toInt();
}

void SyncTest::initTestCase()
{
    const QString why = PgTestServer::unavailableReason();
    if (!why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.createTeamRoles(), qPrintable(m_server.errorString()));
}

void SyncTest::cleanupTestCase()
{
    m_server.stop();
}

// Every test: fresh laptops, fresh team database (schema created by its owner).
void SyncTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = QStringLiteral("team_%1").arg(++m_databases);
    QVERIFY2(m_server.createDatabase(m_db), qPrintable(m_server.errorString()));
    QVERIFY(server());
}

void SyncTest::teammatesSeeEachOther()
{
    auto alice = laptop(QStringLiteral("alice"));
    auto bob = laptop(QStringLiteral("bob"), false);
    QVERIFY(alice && bob);
    auto aliceServer = server(QStringLiteral("alice"));
    auto bobServer = server(QStringLiteral("bob"));
    const Decision a = decide(*alice, sampleId(0), Verdict::Approve, QStringLiteral("alice"));
    QVERIFY(!a.uuid.isEmpty());

    SyncEngine aliceSync(alice.get(), aliceServer.get());
    auto r1 = aliceSync.sync();
    QVERIFY2(r1, qPrintable(r1.errorMessage()));
    QCOMPARE(r1->decisionsPushed, 1);
    QCOMPARE(r1->proposalsPushed, 1); // only the revision the decision refers to
    QCOMPARE(aliceSync.state(), SyncEngine::State::Online);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions WHERE uuid = '%1' "
                                        "AND pushed_by = 'alice'")
                             .arg(a.uuid)),
             1);
    auto outbox = alice->outbox(10);
    QVERIFY(outbox);
    QCOMPARE(int(outbox->size()), 0);

    // Bob's laptop has nothing: he gets the proposal and Alice's decision.
    SyncEngine bobSync(bob.get(), bobServer.get());
    auto r2 = bobSync.sync();
    QVERIFY2(r2, qPrintable(r2.errorMessage()));
    QCOMPARE(r2->proposalsPulled, 1);
    QCOMPARE(r2->decisionsPulled, 1);
    auto p = bob->proposal(sampleId(0));
    QVERIFY2(p, qPrintable(p.errorMessage()));
    QCOMPARE(p->status, Status::Approved);
    auto pulled = bob->decisions(sampleId(0));
    QVERIFY(pulled);
    QCOMPARE(int(pulled->size()), 1);
    QCOMPARE(pulled->front().uuid, a.uuid);
    QCOMPARE(pulled->front().pushedBy, QStringLiteral("alice"));

    // Nothing new: a second sync moves nothing.
    auto r3 = aliceSync.sync();
    QVERIFY(r3);
    QCOMPARE(r3->decisionsPushed, 0);
    QCOMPARE(r3->decisionsPulled, 0);
    QCOMPARE(r3->proposalsPulled, 0);
}

void SyncTest::conflictResolvedByLead()
{
    auto alice = laptop(QStringLiteral("alice"));
    auto bob = laptop(QStringLiteral("bob"));
    auto aliceServer = server(QStringLiteral("alice"));
    auto bobServer = server(QStringLiteral("bob"));
    const QString id = sampleId(1);
    decide(*alice, id, Verdict::Approve, QStringLiteral("alice"));
    decide(*bob, id, Verdict::Reject, QStringLiteral("bob"), QStringLiteral("unsafe SQL"));
    SyncEngine aliceSync(alice.get(), aliceServer.get());
    SyncEngine bobSync(bob.get(), bobServer.get());
    QVERIFY(aliceSync.sync());
    QVERIFY(bobSync.sync());
    QVERIFY(aliceSync.sync());

    // Conflict everywhere, both decisions visible.
    QCOMPARE(alice->proposal(id)->status, Status::Conflict);
    QCOMPARE(bob->proposal(id)->status, Status::Conflict);
    QCOMPARE(aliceServer->proposal(id)->status, Status::Conflict);
    QCOMPARE(int(alice->decisions(id)->size()), 2);

    // The lead resolves on the server; laptops follow.
    auto lena = server(QStringLiteral("lena"));
    DecisionRequest r;
    r.proposalId = id;
    r.verdict = Verdict::Reject;
    r.reviewer = QStringLiteral("lena");
    r.reason = QStringLiteral("agree with bob");
    r.resolution = true;
    auto resolved = lena->decide(r);
    QVERIFY2(resolved, qPrintable(resolved.errorMessage()));
    QVERIFY(aliceSync.sync());
    QVERIFY(bobSync.sync());
    QCOMPARE(alice->proposal(id)->status, Status::Rejected);
    QCOMPARE(bob->proposal(id)->status, Status::Rejected);
    QCOMPARE(aliceServer->proposal(id)->status, Status::Rejected);
}

void SyncTest::interrupted_data()
{
    QTest::addColumn<SyncEngine::Stage>("stage");
    QTest::addColumn<int>("onServerAfterCrash");
    QTest::newRow("before push") << SyncEngine::Stage::BeforePush << 0;
    QTest::newRow("after push, before the outbox is marked")
        << SyncEngine::Stage::AfterPush << 3;
    QTest::newRow("after the outbox is marked") << SyncEngine::Stage::AfterMarkPushed << 3;
    QTest::newRow("after pulling proposals") << SyncEngine::Stage::AfterPullProposals << 3;
}

void SyncTest::interrupted()
{
    QFETCH(SyncEngine::Stage, stage);
    QFETCH(int, onServerAfterCrash);
    auto alice = laptop(QStringLiteral("alice"));
    auto aliceServer = server(QStringLiteral("alice"));
    for (int i = 0; i < 3; ++i)
        decide(*alice, sampleId(i), Verdict::Approve, QStringLiteral("alice"));
    {
        // A process "killed" at `stage`.
        SyncEngine crashing(alice.get(), aliceServer.get());
        crashing.setFaultHook([stage](SyncEngine::Stage s) { return s != stage; });
        auto r = crashing.sync();
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("interrupted"));
    }
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions")), onServerAfterCrash);
    SyncEngine retry(alice.get(), aliceServer.get());
    auto r = retry.sync();
    QVERIFY2(r, qPrintable(r.errorMessage()));
    QCOMPARE(r->decisionsPushed, 3 - onServerAfterCrash);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(DISTINCT uuid) FROM decisions")), 3);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions")), 3);
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM audit_events "
                                        "WHERE action = 'decision'")),
             3);
    QCOMPARE(int(alice->outbox(10)->size()), 0);
    QCOMPARE(int(alice->decisions(sampleId(0))->size()), 1);
}

void SyncTest::revisionsMapBySha()
{
    // Bob first imports an older report under the same id on the server's side: the
    // server's revision 1 is different content from Alice's revision 1.
    std::vector<ParsedFile> older = samples();
    Proposal &p = older.front().proposals.front();
    p.body += QStringLiteral("\n(older draft)");
    p.sha256 = QString(64, QLatin1Char('b'));
    auto lena = server(QStringLiteral("lena"));
    QVERIFY(lena->importFiles({older.front()}, QStringLiteral("lena")));

    auto alice = laptop(QStringLiteral("alice"));
    auto aliceServer = server(QStringLiteral("alice"));
    const Decision d = decide(*alice, sampleId(0), Verdict::Approve, QStringLiteral("alice"));
    QCOMPARE(d.revision, 1);
    SyncEngine sync(alice.get(), aliceServer.get());
    auto r = sync.sync();
    QVERIFY2(r, qPrintable(r.errorMessage()));
    // On the server Alice's content is revision 2, and her decision follows it.
    QCOMPARE(serverCount(QStringLiteral("SELECT revision FROM decisions WHERE uuid = '%1'")
                             .arg(d.uuid)),
             2);
    // The older draft came down as a new local revision; her decision stays on hers.
    auto mine = alice->decisions(sampleId(0));
    QVERIFY(mine);
    QCOMPARE(int(mine->size()), 1);
    QCOMPARE(mine->front().revision, 1);
    QCOMPARE(alice->proposal(sampleId(0), 1)->proposal.sha256, samples()[0].proposals[0].sha256);
}

void SyncTest::hostileReasonRoundTrips()
{
    const QString hostile = QStringLiteral("'); DELETE FROM decisions; -- \"{,}\" \\")
                            + QString(100000, QLatin1Char('y'))
                            + QString::fromUtf8("\xf0\x9f\x98\x80\r\n");
    auto alice = laptop(QStringLiteral("alice"));
    auto bob = laptop(QStringLiteral("bob"), false);
    auto aliceServer = server(QStringLiteral("alice"));
    auto bobServer = server(QStringLiteral("bob"));
    decide(*alice, sampleId(2), Verdict::Changes, QStringLiteral("alice \"the\" reviewer"),
           hostile);
    QVERIFY(SyncEngine(alice.get(), aliceServer.get()).sync());
    QVERIFY(SyncEngine(bob.get(), bobServer.get()).sync());
    auto got = bob->decisions(sampleId(2));
    QVERIFY(got);
    QCOMPARE(int(got->size()), 1);
    QCOMPARE(got->front().reason, hostile);
    QCOMPARE(got->front().reviewer, QStringLiteral("alice \"the\" reviewer"));
}

void SyncTest::nulReasonIsRefused()
{
    auto alice = laptop(QStringLiteral("alice"));
    auto aliceServer = server(QStringLiteral("alice"));
    const Decision d = decide(*alice, sampleId(0), Verdict::Reject, QStringLiteral("alice"),
                              QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
    if (d.uuid.isEmpty())
        QSKIP("the local store refuses NUL already");
    SyncEngine sync(alice.get(), aliceServer.get());
    auto r = sync.sync();
    QVERIFY(!r);
    QVERIFY2(r.errorMessage().contains(QLatin1String("reason contains a NUL character")),
             qPrintable(r.errorMessage()));
    QVERIFY2(r.errorMessage().contains(d.uuid), qPrintable(r.errorMessage()));
    QCOMPARE(serverCount(QStringLiteral("SELECT count(*) FROM decisions")), 0);
}

void SyncTest::offlineState()
{
    auto alice = laptop(QStringLiteral("alice"));
    decide(*alice, sampleId(0), Verdict::Approve, QStringLiteral("alice"));
    const QString path = m_dir->filePath(QStringLiteral("alice.sqlite"));
    alice.reset();
    SyncEngine engine(path, QStringLiteral("host=%1/gone dbname=x user=alice")
                                .arg(m_server.socketDir()));
    QSignalSpy states(&engine, &SyncEngine::stateChanged);
    QSignalSpy finished(&engine, &SyncEngine::finished);
    engine.syncNow();
    QCOMPARE(engine.state(), SyncEngine::State::Offline);
    QVERIFY2(engine.lastError().startsWith(QLatin1String("PostgreSQL: cannot connect")),
             qPrintable(engine.lastError()));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(states.count(), 2); // Syncing, then Offline
    QCOMPARE(states.at(0).at(0).value<SyncEngine::State>(), SyncEngine::State::Syncing);

    SyncEngine online(path, m_server.connectionString(m_db, QStringLiteral("alice")));
    online.syncNow();
    QCOMPARE(online.state(), SyncEngine::State::Online);
    QCOMPARE(online.lastReport().decisionsPushed, 1);
}

QTEST_GUILESS_MAIN(SyncTest)
#include "sync_test.moc"
