// SPDX-License-Identifier: GPL-3.0-or-later
#include "pgtest.h"
#include "domain/utc.h"

#include "audit/auditexport.h"
#include "audit/auditverify.h"
#include "audit/hashchain.h"
#include "report/reportparser.h"
#include "store/postgresmigrations.h"
#include "store/postgresstore.h"
#include "store/pqxxcompat.h"

#include <QBuffer>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace verdict;
using verdict::test::PgTestServer;

class PostgresStoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void migrationsConcurrent();
    void aCurrentSchemaOpensWithoutTheMigrationLock();
    void importIsIdempotent();
    void proposalRoundTrip();
    void status_data();
    void status();
    void appendOnly_data();
    void appendOnly();
    void resolutionNeedsLead();
    void pushedByIsSessionUser();
    void reviewerCannotReadAuditLog();
    void noLoginWritesAnothersDiagnostics();
    void supersedesNamesTheReviewersOwnEarlierDecision();
    void hostileText_data();
    void hostileText();
    void auditExportVerifies();
    void cliWorksAgainstServer();
    void connectionErrors_data();
    void connectionErrors();
    void redacted_data();
    void redacted();
    void probeNeverCreates();
    void probeCounts_data();
    void probeCounts();
    void rollbackKeepsItsSqlstate_data();
    void rollbackKeepsItsSqlstate();

private:
    std::unique_ptr<PostgresStore> open(const QString &db,
                                        const QString &user = QStringLiteral("postgres"));
    QString freshDatabase();
    std::vector<ParsedFile> samples() const;

    PgTestServer m_server;
    int m_databases = 0;
};

std::unique_ptr<PostgresStore> PostgresStoreTest::open(const QString &db, const QString &user)
{
    auto store = PostgresStore::open(m_server.connectionString(db, user));
    if (!store) {
        qWarning("open %s as %s: %s", qPrintable(db), qPrintable(user),
                 qPrintable(store.errorMessage()));
        return nullptr;
    }
    return std::move(store).value();
}

// A new database with the schema created by its owner (the superuser), as a DBA would.
QString PostgresStoreTest::freshDatabase()
{
    const QString name = QStringLiteral("verdict_%1").arg(++m_databases);
    if (!m_server.createDatabase(name))
        return {};
    return open(name) ? name : QString();
}

std::vector<ParsedFile> PostgresStoreTest::samples() const
{
    std::vector<ParsedFile> files;
    const QStringList paths =
        ReportParser::collectFiles({QStringLiteral(VERDICT_SAMPLES)});
    for (const QString &path : paths)
        files.push_back(ReportParser::parseFile(path));
    return files;
}

void PostgresStoreTest::initTestCase()
{
    const QString why = PgTestServer::unavailableReason();
    if (!why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.createTeamRoles(), qPrintable(m_server.errorString()));
}

void PostgresStoreTest::cleanupTestCase()
{
    m_server.stop();
}

void PostgresStoreTest::migrationsConcurrent()
{
    QVERIFY(m_server.createDatabase(QStringLiteral("concurrent")));
    // Two clients connect to an empty database at once: the advisory lock serializes them.
    Result<std::unique_ptr<PostgresStore>> a = makeError(QString());
    Result<std::unique_ptr<PostgresStore>> b = makeError(QString());
    const QString url = m_server.connectionString(QStringLiteral("concurrent"));
    std::thread ta([&] { a = PostgresStore::open(url); });
    std::thread tb([&] { b = PostgresStore::open(url); });
    ta.join();
    tb.join();
    QVERIFY2(a, qPrintable(a.errorMessage()));
    QVERIFY2(b, qPrintable(b.errorMessage()));
    const int latest = postgresMigrations().back().version;
    QCOMPARE(a.value()->schemaVersion(), latest);
    QCOMPARE(b.value()->schemaVersion(), latest);
    QString out;
    QVERIFY(m_server.psql(QStringLiteral("SELECT count(*) FROM verdict_schema"),
                          QStringLiteral("concurrent"), &out));
    QCOMPARE(out.trimmed(), QString::number(postgresMigrations().size()));
}

// A background connection (the store worker's second lane, the checkers' cache) opens a
// schema that is already current: it must not queue behind the migration lock, which
// another client may hold for as long as a migration takes.
void PostgresStoreTest::aCurrentSchemaOpensWithoutTheMigrationLock()
{
    QVERIFY(m_server.createDatabase(QStringLiteral("current")));
    const QString url = m_server.connectionString(QStringLiteral("current"));
    {
        auto first = PostgresStore::open(url); // creates and migrates
        QVERIFY2(first, qPrintable(first.errorMessage()));
    }
    // Another session holds the migration lock (as a client mid-migration would).
    pqxx::connection holder(url.toStdString());
    pqxx::nontransaction n(holder);
    pq::exec(n, "SELECT pg_advisory_lock($1, $2)", 0x56524454, 1);
    // Waiting for the lock would fail after 3 s instead of hanging the test.
    auto again = PostgresStore::open(url + QStringLiteral(" options='-c lock_timeout=3000'"));
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QCOMPARE(again.value()->schemaVersion(), postgresMigrations().back().version);
    pq::exec(n, "SELECT pg_advisory_unlock($1, $2)", 0x56524454, 1);
}

void PostgresStoreTest::importIsIdempotent()
{
    const QString db = freshDatabase();
    QVERIFY(!db.isEmpty());
    auto store = open(db, QStringLiteral("alice"));
    QVERIFY(store);
    const auto files = samples();
    auto first = store->importFiles(files, QStringLiteral("alice"));
    QVERIFY2(first, qPrintable(first.errorMessage()));
    QCOMPARE(first->files, 3);
    QCOMPARE(first->added, 3);
    QCOMPARE(first->unchanged, 0);
    auto again = store->importFiles(files, QStringLiteral("alice"));
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QCOMPARE(again->added, 0);
    QCOMPARE(again->unchanged, 3);

    auto queue = store->queue();
    QVERIFY2(queue, qPrintable(queue.errorMessage()));
    QCOMPARE(int(queue->size()), 3);
    QStringList ids;
    for (const QueueEntry &e : queue.value()) {
        ids << e.id;
        QCOMPARE(e.status, Status::Pending);
        QCOMPARE(e.revision, 1);
    }
    QStringList expected;
    for (const ParsedFile &f : files)
        expected << f.proposals.front().id;
    ids.sort();
    expected.sort();
    QCOMPARE(ids, expected);
}

void PostgresStoreTest::proposalRoundTrip()
{
    const QString db = freshDatabase();
    auto store = open(db);
    QVERIFY(store);
    const auto files = samples();
    QVERIFY(store->importFiles(files, QStringLiteral("lead")));
    for (const ParsedFile &f : files) {
        const Proposal &p = f.proposals.front();
        auto stored = store->proposal(p.id);
        QVERIFY2(stored, qPrintable(stored.errorMessage()));
        const Proposal &s = stored->proposal;
        QCOMPARE(s.sha256, p.sha256);
        QCOMPARE(s.body, p.body);
        QCOMPARE(s.sourceLine, p.sourceLine);
        QCOMPARE(s.severity, p.severity);
        QCOMPARE(s.kind, p.kind);
        QCOMPARE(s.opportunity, p.opportunity);
        QCOMPARE(s.risks, p.risks);
        QCOMPARE(s.mitigations, p.mitigations);
        QCOMPARE(s.problems.size(), p.problems.size());
        QCOMPARE(s.artifacts.size(), p.artifacts.size());
        for (size_t i = 0; i < p.artifacts.size(); ++i) {
            QCOMPARE(s.artifacts[i].content, p.artifacts[i].content);
            QCOMPARE(s.artifacts[i].path, p.artifacts[i].path);
            QCOMPARE(s.artifacts[i].firstLine, p.artifacts[i].firstLine);
        }
        QCOMPARE(stored->latestRevision, 1);
    }
    auto missing = store->proposal(QStringLiteral("fsar_nope"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, QStringLiteral("not-found"));
}

void PostgresStoreTest::status_data()
{
    // "user:verdict" steps; '!' marks a lead's resolution (user lena).
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("status");
    QTest::newRow("none") << QString() << QStringLiteral("pending");
    QTest::newRow("one approval") << QStringLiteral("alice:approve") << QStringLiteral("approved");
    QTest::newRow("disagreement") << QStringLiteral("alice:approve,bob:reject")
                                  << QStringLiteral("conflict");
    QTest::newRow("changed mind") << QStringLiteral("alice:approve,bob:reject,bob:approve")
                                  << QStringLiteral("approved");
    QTest::newRow("lead resolves") << QStringLiteral("alice:approve,bob:reject,!lena:reject")
                                   << QStringLiteral("rejected");
}

void PostgresStoreTest::status()
{
    QFETCH(QString, steps);
    QFETCH(QString, status);
    const QString db = freshDatabase();
    QVERIFY(!db.isEmpty());
    {
        auto owner = open(db);
        QVERIFY(owner->importFiles(samples(), QStringLiteral("lead")));
    }
    const QString id = samples().front().proposals.front().id;
    const QStringList list = steps.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString step : list) {
        const bool resolution = step.startsWith(QLatin1Char('!'));
        if (resolution)
            step.remove(0, 1);
        const QString user = step.section(QLatin1Char(':'), 0, 0);
        auto store = open(db, user);
        QVERIFY(store);
        DecisionRequest r;
        r.proposalId = id;
        r.verdict = verdictFromId(step.section(QLatin1Char(':'), 1)).value();
        r.reviewer = user;
        r.reason = QStringLiteral("because");
        r.resolution = resolution;
        auto decided = store->decide(r);
        QVERIFY2(decided, qPrintable(decided.errorMessage()));
        QCOMPARE(decided->pushedBy, user);
    }
    auto store = open(db, QStringLiteral("alice"));
    auto p = store->proposal(id);
    QVERIFY2(p, qPrintable(p.errorMessage()));
    QCOMPARE(statusId(p->status), status);
    auto queue = store->queue();
    QVERIFY(queue);
    for (const QueueEntry &e : queue.value()) {
        if (e.id == id)
            QCOMPARE(statusId(e.status), status);
    }
    auto all = store->decisions(id);
    QVERIFY(all);
    QCOMPARE(int(all->size()), int(list.size()));
}

void PostgresStoreTest::appendOnly_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message");
    const QString denied = QStringLiteral("permission denied");
    const QString appendOnly = QStringLiteral("append-only");
    QTest::newRow("reviewer updates a decision")
        << QStringLiteral("alice") << QStringLiteral("UPDATE decisions SET verdict = 'reject'")
        << denied;
    QTest::newRow("reviewer deletes a decision")
        << QStringLiteral("alice") << QStringLiteral("DELETE FROM decisions") << denied;
    QTest::newRow("lead deletes audit events")
        << QStringLiteral("lena") << QStringLiteral("DELETE FROM audit_events") << denied;
    QTest::newRow("reviewer moves the chain head")
        << QStringLiteral("alice") << QStringLiteral("UPDATE audit_head SET seq = 0") << denied;
    QTest::newRow("owner updates a decision")
        << QStringLiteral("postgres") << QStringLiteral("UPDATE decisions SET reason = 'x'")
        << appendOnly;
    QTest::newRow("owner deletes audit events")
        << QStringLiteral("postgres") << QStringLiteral("DELETE FROM audit_events")
        << appendOnly;
    QTest::newRow("owner truncates decisions")
        << QStringLiteral("postgres") << QStringLiteral("TRUNCATE decisions CASCADE")
        << appendOnly;
    QTest::newRow("owner rewrites a proposal")
        << QStringLiteral("postgres") << QStringLiteral("UPDATE proposal_revisions SET kind = ''")
        << appendOnly;
    QTest::newRow("reviewer inserts an event")
        << QStringLiteral("alice")
        << QStringLiteral("INSERT INTO audit_events (seq, at, actor, action, subject, outcome, "
                          "previous, detail, prev_hash, hash) VALUES (1000, '', 'x', 'x', 'x', "
                          "'x', '', '', repeat('0', 64), repeat('a', 64))")
        << denied;
    // Even the owner's direct inserts must carry the hash the server computes.
    QTest::newRow("owner inserts an event with a made-up hash")
        << QStringLiteral("postgres")
        << QStringLiteral("INSERT INTO audit_events (seq, at, actor, action, subject, outcome, "
                          "previous, detail, prev_hash, hash) SELECT seq + 1, "
                          "'2026-01-01T00:00:00.000Z', 'x', 'x', 'x', 'x', '', '', hash, "
                          "repeat('a', 64) FROM audit_head")
        << QStringLiteral("does not extend the chain");
    QTest::newRow("owner moves the chain head")
        << QStringLiteral("postgres") << QStringLiteral("UPDATE audit_head SET seq = 0")
        << QStringLiteral("moves only with the audit chain");
}

void PostgresStoreTest::appendOnly()
{
    QFETCH(QString, user);
    QFETCH(QString, sql);
    QFETCH(QString, message);
    static QString db;
    if (db.isEmpty()) {
        db = freshDatabase();
        auto store = open(db, QStringLiteral("alice"));
        QVERIFY(store->importFiles(samples(), QStringLiteral("alice")));
        DecisionRequest r;
        r.proposalId = samples().front().proposals.front().id;
        r.reviewer = QStringLiteral("alice");
        QVERIFY(store->decide(r));
    }
    QString before;
    QVERIFY(m_server.psql(QStringLiteral("SELECT count(*), max(hash) FROM audit_events"), db,
                          &before));
    QVERIFY2(!m_server.psql(sql, db, nullptr, user), "the statement must be refused");
    QVERIFY2(m_server.errorString().contains(message), qPrintable(m_server.errorString()));
    QString after;
    QVERIFY(m_server.psql(QStringLiteral("SELECT count(*), max(hash) FROM audit_events"), db,
                          &after));
    QCOMPARE(after, before);
}

void PostgresStoreTest::resolutionNeedsLead()
{
    const QString db = freshDatabase();
    auto alice = open(db, QStringLiteral("alice"));
    QVERIFY(alice->importFiles(samples(), QStringLiteral("alice")));
    DecisionRequest r;
    r.proposalId = samples().front().proposals.front().id;
    r.reviewer = QStringLiteral("alice");
    r.resolution = true;
    auto refused = alice->decide(r);
    QVERIFY(!refused);
    QVERIFY2(refused.error().code == QLatin1String("42501"), qPrintable(refused.errorMessage()));
    QVERIFY2(refused.errorMessage().contains(QLatin1String("verdict_lead")),
             qPrintable(refused.errorMessage()));
    auto decisions = alice->decisions(r.proposalId);
    QVERIFY(decisions);
    QCOMPARE(int(decisions->size()), 0);

    auto lena = open(db, QStringLiteral("lena"));
    r.reviewer = QStringLiteral("lena");
    auto resolved = lena->decide(r);
    QVERIFY2(resolved, qPrintable(resolved.errorMessage()));
    QVERIFY(resolved->resolution);
}

void PostgresStoreTest::pushedByIsSessionUser()
{
    const QString db = freshDatabase();
    auto bob = open(db, QStringLiteral("bob"));
    QVERIFY(bob->importFiles(samples(), QStringLiteral("bob")));
    Decision d;
    d.uuid = QStringLiteral("6f1c2a4e-0000-4000-8000-000000000001");
    d.proposalId = samples().front().proposals.front().id;
    d.reviewer = QStringLiteral("carol"); // what the laptop claims
    d.pushedBy = QStringLiteral("mallory"); // ignored: the server knows who pushed
    d.decidedAt = utcDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678));
    auto pushed = bob->pushDecisions({d, d});
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(pushed.value(), 1);
    QCOMPARE(bob->pushDecisions({d}).value(), 0);
    auto stored = bob->decisions(d.proposalId);
    QVERIFY(stored);
    QCOMPARE(int(stored->size()), 1);
    QCOMPARE(stored->front().reviewer, QStringLiteral("carol"));
    QCOMPARE(stored->front().pushedBy, QStringLiteral("bob"));
    QCOMPARE(stored->front().decidedAt, d.decidedAt);
    QCOMPARE(stored->front().uuid, d.uuid);
}

void PostgresStoreTest::reviewerCannotReadAuditLog()
{
    const QString db = freshDatabase();
    auto alice = open(db, QStringLiteral("alice"));
    auto events = alice->auditEvents();
    QVERIFY(!events);
    QCOMPARE(events.error().code, QStringLiteral("42501"));
    QVERIFY2(events.errorMessage().contains(QLatin1String("alice")),
             qPrintable(events.errorMessage()));
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    auto csv = alice->exportAuditCsv(out);
    QVERIFY(!csv);
    QCOMPARE(csv.error().code, QStringLiteral("42501"));
    auto lena = open(db, QStringLiteral("lena"));
    QVERIFY(lena->auditEvents());
}

// The approval guard holds back a proposal with an error diagnostic: a reviewer who could
// write "clean" under another's artifact hash, or zero counts under their proposal, would
// wave it through for the team. Each login reads only what its own Verdict computed.
void PostgresStoreTest::noLoginWritesAnothersDiagnostics()
{
    const QString db = freshDatabase();
    auto alice = open(db, QStringLiteral("alice"));
    QVERIFY(alice->importFiles(samples(), QStringLiteral("alice")));
    const QString id = samples().front().proposals.front().id;
    const QString sha = QStringLiteral("ab").repeated(32);
    const QString version = QStringLiteral("checkers-1");
    Diagnostic error;
    error.rule = QStringLiteral("syntax-error");
    error.severity = DiagnosticSeverity::Error;
    error.message = QStringLiteral("unexpected end of input");
    error.artifact = QStringLiteral("generated_1.sql");
    error.line = 12;
    QVERIFY(alice->cacheDiagnostics(sha, version, {error}));
    QVERIFY(alice->setDiagnosticCounts(id, 1, 1, 0, 0));

    // Bob "computes" the same artifact as clean, through the store and by hand.
    auto bob = open(db, QStringLiteral("bob"));
    QVERIFY(bob->cacheDiagnostics(sha, version, {}));
    QVERIFY(bob->setDiagnosticCounts(id, 1, 0, 0, 0));
    QCOMPARE(int(alice->cachedDiagnostics(sha, version)->value_or(std::vector<Diagnostic>()).size()),
             1);
    QVERIFY2(!m_server.psql(QStringLiteral("INSERT INTO diagnostic_cache (written_by, "
                                           "artifact_sha256, checker_version, diagnostics) "
                                           "VALUES ('alice', '%1', 'checkers-2', '[]')")
                                .arg(sha),
                            db, nullptr, QStringLiteral("bob")),
             "a row written in another login's name");
    QVERIFY2(m_server.errorString().contains(QLatin1String("row-level security")),
             qPrintable(m_server.errorString()));
    QString updated;
    QVERIFY(m_server.psql(QStringLiteral("WITH u AS (UPDATE diagnostic_cache SET "
                                         "diagnostics = '[]' RETURNING 1) "
                                         "SELECT count(*) FROM u"),
                          db, &updated, QStringLiteral("bob")));
    QCOMPARE(updated.trimmed(), QStringLiteral("1")); // his own row only

    const auto cached = alice->cachedDiagnostics(sha, version);
    QVERIFY2(cached, qPrintable(cached.errorMessage()));
    QVERIFY(cached->has_value());
    QCOMPARE(int(cached->value().size()), 1);
    QCOMPARE(cached->value().front().rule, QStringLiteral("syntax-error"));
    QVERIFY(!alice->cachedDiagnostics(sha, QStringLiteral("checkers-2"))->has_value());
    const auto queue = alice->queue();
    QVERIFY(queue);
    const auto entry = std::find_if(queue->begin(), queue->end(),
                                    [&](const QueueEntry &e) { return e.id == id; });
    QVERIFY(entry != queue->end());
    QCOMPARE(entry->errors, 1);
    // Bob sees his own answer; a login that computed nothing sees nothing cached.
    QCOMPARE(int(bob->cachedDiagnostics(sha, version)->value().size()), 0);
    auto lena = open(db, QStringLiteral("lena"));
    QVERIFY(!lena->cachedDiagnostics(sha, version)->has_value());
}

// A decision's `supersedes` words its audit event ("previous verdict"): a push naming
// another reviewer's decision, or one that does not exist, would have the server write an
// untrue event. Only the reviewer's own earlier decision on the proposal is accepted.
void PostgresStoreTest::supersedesNamesTheReviewersOwnEarlierDecision()
{
    const QString db = freshDatabase();
    auto alice = open(db, QStringLiteral("alice"));
    QVERIFY(alice->importFiles(samples(), QStringLiteral("alice")));
    const QString id = samples().front().proposals.front().id;
    DecisionRequest request;
    request.proposalId = id;
    request.reviewer = QStringLiteral("alice");
    const auto first = alice->decide(request);
    QVERIFY2(first, qPrintable(first.errorMessage()));

    auto bob = open(db, QStringLiteral("bob"));
    const auto decision = [&](const QString &uuid, const QString &supersedes) {
        Decision d;
        d.uuid = uuid;
        d.proposalId = id;
        d.revision = 1;
        d.verdict = Verdict::Reject;
        d.reviewer = QStringLiteral("bob");
        d.decidedAt = utcDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678));
        d.supersedes = supersedes;
        return d;
    };
    const QString mine = QStringLiteral("6f1c2a4e-0000-4000-8000-00000000000%1");
    for (const QString &claimed : {first->uuid, mine.arg(9)}) {
        const auto refused = bob->pushDecisions({decision(mine.arg(1), claimed)});
        QVERIFY2(!refused, "a decision superseding what is not bob's earlier one");
        QVERIFY2(refused.errorMessage().contains(QLatin1String("not an earlier decision")),
                 qPrintable(refused.errorMessage()));
    }
    QCOMPARE(int(alice->decisions(id)->size()), 1);

    // Bob's own pair in one push, the second superseding the first: accepted, and the
    // event quotes his first verdict.
    const auto pushed =
        bob->pushDecisions({decision(mine.arg(1), QString()), decision(mine.arg(2), mine.arg(1))});
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    QCOMPARE(*pushed, 2);
    // Alice again, online: the server finds her first decision for her.
    const auto again = alice->decide(request);
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QCOMPARE(again->supersedes, first->uuid);
}

void PostgresStoreTest::hostileText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("refusal"); // empty: must round-trip exactly
    QTest::newRow("quotes") << QStringLiteral("it's \"quoted\" \\ back`tick`") << QString();
    QTest::newRow("sql") << QStringLiteral("'); DROP TABLE decisions; --") << QString();
    QTest::newRow("array syntax") << QStringLiteral("{\"a\",NULL}, \\\"") << QString();
    QTest::newRow("csv") << QStringLiteral("a,b\r\n\"c\"\n,") << QString();
    QTest::newRow("unicode")
        << QString::fromUtf8("r\xc3\xa9sum\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x80\xae") << QString();
    QTest::newRow("replacement for invalid utf-8")
        << QString::fromUtf8(QByteArray("bad \xff\xfe bytes")) << QString();
    QTest::newRow("long") << QString(1 << 20, QLatin1Char('x')) << QString();
    QTest::newRow("nul") << QStringLiteral("before") + QChar(0) + QStringLiteral("after")
                         << QStringLiteral("reason contains a NUL character");
}

void PostgresStoreTest::hostileText()
{
    QFETCH(QString, text);
    QFETCH(QString, refusal);
    static QString db;
    if (db.isEmpty()) {
        db = freshDatabase();
        QVERIFY(open(db)->importFiles(samples(), QStringLiteral("lead")));
    }
    auto store = open(db);
    DecisionRequest r;
    r.proposalId = samples().front().proposals.front().id;
    r.verdict = Verdict::Reject;
    r.reviewer = QStringLiteral("alice");
    r.reason = text;
    auto decided = store->decide(r);
    if (!refusal.isEmpty()) {
        QVERIFY(!decided);
        QVERIFY2(decided.errorMessage().contains(refusal), qPrintable(decided.errorMessage()));
        return;
    }
    QVERIFY2(decided, qPrintable(decided.errorMessage()));
    auto all = store->decisions(r.proposalId);
    QVERIFY(all);
    QCOMPARE(all->back().reason, text);
    QCOMPARE(all->back().uuid, decided->uuid);
    auto events = store->auditEvents();
    QVERIFY(events);
    QVERIFY(events->back().detail.endsWith(QStringLiteral("reason: ") + text));
}

void PostgresStoreTest::auditExportVerifies()
{
    const QString db = freshDatabase();
    auto store = open(db);
    QVERIFY(store->importFiles(samples(), QStringLiteral("lead, \"the\" one")));
    DecisionRequest r;
    r.proposalId = samples().front().proposals.front().id;
    r.verdict = Verdict::Changes;
    r.reviewer = QStringLiteral("alice");
    r.reason = QStringLiteral("line one\nline two, with \"quotes\"");
    QVERIFY(store->decide(r));
    AuditEvent e;
    e.actor = QStringLiteral("lena");
    e.action = QStringLiteral("export");
    e.subject = QString(); // empty fields are where PostgreSQL's CSV differs
    e.outcome = QStringLiteral("csv");
    QVERIFY(store->recordAuditEvent(e));

    auto events = store->auditEvents();
    QVERIFY(events);
    QCOMPARE(int(events->size()), 5);
    QBuffer slow;
    slow.open(QIODevice::WriteOnly);
    auto slowHead = AuditExport::write(slow, events.value(), AuditFormat::Csv);
    QVERIFY(slowHead);
    QBuffer fast;
    fast.open(QIODevice::WriteOnly);
    auto fastHead = store->exportAuditCsv(fast);
    QVERIFY2(fastHead, qPrintable(fastHead.errorMessage()));
    QCOMPARE(fast.data(), slow.data());
    QCOMPARE(fastHead.value(), slowHead.value());
    const AuditVerifyReport report = AuditVerify::verify(fast.data(), fastHead.value());
    QVERIFY2(report.ok, qPrintable(report.message));
    QCOMPARE(report.events, 5);
}

// The command-line contract against a team server: import, queue, decide, then a
// streamed CSV export that `verify --head` accepts.
void PostgresStoreTest::cliWorksAgainstServer()
{
    const QString db = m_server.connectionString(freshDatabase());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto cli = [&](const QStringList &args, QByteArray *out = nullptr,
                         QByteArray *err = nullptr) {
        QProcess p;
        p.start(QStringLiteral(VERDICT_CLI_PATH), args);
        p.waitForFinished(60000);
        if (out)
            *out = p.readAllStandardOutput();
        const QByteArray e = p.readAllStandardError();
        if (err)
            *err = e;
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QCOMPARE(cli({QStringLiteral("import"), QStringLiteral("--db"), db,
                  QStringLiteral(VERDICT_SAMPLES)}),
             0);
    QByteArray out;
    QCOMPARE(cli({QStringLiteral("decide"), QStringLiteral("--db"), db,
                  QStringLiteral("--reviewer"), QStringLiteral("alice"),
                  QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9"),
                  QStringLiteral("approve")},
                 &out),
             0);
    QCOMPARE(out.trimmed().size(), 36); // the decision's UUID
    QCOMPARE(cli({QStringLiteral("queue"), QStringLiteral("--db"), db, QStringLiteral("--json")},
                 &out),
             0);
    QVERIFY2(out.contains("\"status\":\"approved\""), out.constData());

    const QString file = dir.filePath(QStringLiteral("audit.csv"));
    QByteArray err;
    QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"),
                  QStringLiteral("csv"), QStringLiteral("-o"), file},
                 nullptr, &err),
             0);
    const QByteArray head = err.trimmed().split(' ').last();
    QCOMPARE(head.size(), 64);
    QCOMPARE(cli({QStringLiteral("verify"), file, QStringLiteral("--head"),
                  QString::fromLatin1(head)}),
             0);
}

void PostgresStoreTest::connectionErrors_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString socket = m_server.socketDir();
    const QString port = QString::number(m_server.port());
    QTest::newRow("wrong password")
        << QStringLiteral("host=%1 port=%2 dbname=postgres user=pwuser password=wrong-secret")
               .arg(socket, port)
        << QStringLiteral("28P01")
        << QStringLiteral("password authentication failed for user \"pwuser\"");
    QTest::newRow("wrong password in url")
        << QStringLiteral("postgresql://pwuser:wrong-secret@/postgres?host=%1&port=%2")
               .arg(socket, port)
        << QStringLiteral("28P01")
        << QStringLiteral("password authentication failed for user \"pwuser\"");
    QTest::newRow("no password")
        << QStringLiteral("host=%1 port=%2 dbname=postgres user=pwuser").arg(socket, port)
        << QStringLiteral("28P01")
        << QStringLiteral("a password is required for user \"pwuser\"");
    QTest::newRow("missing database")
        << QStringLiteral("host=%1 port=%2 dbname=no_such_db user=postgres").arg(socket, port)
        << QStringLiteral("3D000") << QStringLiteral("database \"no_such_db\" does not exist");
    QTest::newRow("wrong host")
        << QStringLiteral("host=%1/nowhere port=%2 dbname=postgres user=postgres "
                          "password=wrong-secret")
               .arg(socket, port)
        << QStringLiteral("08000") << QStringLiteral("cannot connect");
    QTest::newRow("nothing listening")
        << QStringLiteral("host=127.0.0.1 port=1 dbname=postgres user=postgres")
        << QStringLiteral("08000") << QStringLiteral("Connection refused");
}

void PostgresStoreTest::connectionErrors()
{
    QFETCH(QString, connection);
    QFETCH(QString, code);
    QFETCH(QString, message);
    qunsetenv("PGPASSWORD");
    auto store = PostgresStore::open(connection);
    QVERIFY(!store);
    QCOMPARE(store.error().code, code);
    QVERIFY2(store.errorMessage().startsWith(QLatin1String("PostgreSQL: ")),
             qPrintable(store.errorMessage()));
    QVERIFY2(store.errorMessage().contains(message), qPrintable(store.errorMessage()));
    QVERIFY2(!store.errorMessage().contains(QLatin1String("wrong-secret")),
             qPrintable(store.errorMessage()));
    QVERIFY2(!store.errorMessage().contains(QLatin1Char('\n')), "one line");
}

void PostgresStoreTest::redacted_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QString>("expected");
    QTest::newRow("url") << QStringLiteral("postgresql://bob:s3cret@db.example/verdict")
                         << QStringLiteral("postgresql://bob@db.example/verdict");
    QTest::newRow("url query")
        << QStringLiteral("postgres://db/verdict?password=s3cret&sslmode=require")
        << QStringLiteral("postgres://db/verdict?sslmode=require");
    QTest::newRow("key=value") << QStringLiteral("host=db password=s3cret dbname=verdict")
                               << QStringLiteral("host=db dbname=verdict");
    QTest::newRow("quoted") << QStringLiteral("host=db password='s3 cret' sslmode=verify-full")
                            << QStringLiteral("host=db sslmode=verify-full");
    QTest::newRow("none") << QStringLiteral("host=/tmp dbname=x")
                          << QStringLiteral("host=/tmp dbname=x");
}

void PostgresStoreTest::redacted()
{
    QFETCH(QString, connection);
    QFETCH(QString, expected);
    QCOMPARE(PostgresStore::redacted(connection), expected);
}

void PostgresStoreTest::probeNeverCreates()
{
    // A lead testing the connection to a database Verdict never opened: nothing is created.
    QVERIFY(m_server.createDatabase(QStringLiteral("probe_empty")));
    const auto probe = probeStore(m_server.connectionString(QStringLiteral("probe_empty")));
    QVERIFY2(probe, qPrintable(probe.errorMessage()));
    QCOMPARE(probe->schemaVersion, 0);
    QCOMPARE(probe->knownVersion, postgresMigrations().back().version);
    QCOMPARE(probe->proposals, qint64(-1));
    QCOMPARE(probe->user, QStringLiteral("postgres"));
    QCOMPARE(probe->otherTables, 0);
    QString out;
    QVERIFY(m_server.psql(QStringLiteral("SELECT to_regclass('verdict_schema') IS NULL, "
                                         "count(*) FROM pg_tables WHERE schemaname = 'public'"),
                          QStringLiteral("probe_empty"), &out));
    QCOMPARE(out.trimmed(), QStringLiteral("t|0"));
}

void PostgresStoreTest::probeCounts_data()
{
    QTest::addColumn<QString>("user");
    QTest::newRow("owner") << QStringLiteral("postgres");
    QTest::newRow("reviewer") << QStringLiteral("alice");
    QTest::newRow("lead") << QStringLiteral("lena");
}

void PostgresStoreTest::probeCounts()
{
    QFETCH(QString, user);
    const QString db = freshDatabase();
    QVERIFY(!db.isEmpty());
    const QString url = m_server.connectionString(db, user);
    const int known = postgresMigrations().back().version;
    auto empty = PostgresStore::probe(url);
    QVERIFY2(empty, qPrintable(empty.errorMessage()));
    QCOMPARE(empty->schemaVersion, known);
    QCOMPARE(empty->knownVersion, known);
    QCOMPARE(empty->proposals, qint64(0));
    QCOMPARE(empty->user, user);
    QCOMPARE(empty->url, PostgresStore::redacted(url));

    // Three proposals, one of them in two revisions: proposals are counted, not revisions.
    auto store = open(db);
    QVERIFY(store);
    auto files = samples();
    QVERIFY(store->importFiles(files, QStringLiteral("lead")));
    Proposal &changed = files.front().proposals.front();
    changed.body += QStringLiteral("\nchanged");
    changed.sha256 = QString(64, QLatin1Char('f'));
    const auto revised = store->importFiles(files, QStringLiteral("lead"));
    QVERIFY2(revised, qPrintable(revised.errorMessage()));
    QCOMPARE(revised->revised, 1);
    const auto full = probeStore(url);
    QVERIFY2(full, qPrintable(full.errorMessage()));
    QCOMPARE(full->schemaVersion, known);
    QCOMPARE(full->proposals, qint64(3));
    QCOMPARE(full->user, user);
    QString out;
    QVERIFY(m_server.psql(QStringLiteral("SELECT count(*) FROM proposal_revisions"), db, &out));
    QCOMPARE(out.trimmed(), QStringLiteral("4"));
}

void PostgresStoreTest::rollbackKeepsItsSqlstate_data()
{
    QTest::addColumn<QString>("sqlstate");
    QTest::newRow("serialization-failure") << QStringLiteral("40001");
    QTest::newRow("deadlock") << QStringLiteral("40P01");
}

// libpqxx 6.4 and 7.x map these SQLSTATEs to different exception classes (7.x derives
// them from sql_error, 6.4 does not, and 6.4 drops sqlstate()): either way the store must
// report which one the server sent, since a retry policy depends on it. The server raises
// the real SQLSTATE from a trigger, so the path through libpqxx is the real one.
void PostgresStoreTest::rollbackKeepsItsSqlstate()
{
    QFETCH(QString, sqlstate);
    const QString db = freshDatabase();
    QVERIFY(!db.isEmpty());
    QVERIFY2(m_server.psql(QStringLiteral(
                               "CREATE OR REPLACE FUNCTION provoke() RETURNS trigger "
                               "LANGUAGE plpgsql AS $$ BEGIN IF NEW.key = 'provoke' THEN "
                               "RAISE EXCEPTION 'provoked %', NEW.value USING ERRCODE = "
                               "NEW.value; END IF; RETURN NEW; END $$; "
                               "CREATE TRIGGER provoke BEFORE INSERT OR UPDATE ON "
                               "verdict_settings FOR EACH ROW EXECUTE FUNCTION provoke()"),
                           db),
             qPrintable(m_server.errorString()));
    auto store = open(db);
    QVERIFY(store);
    const auto written = store->setSetting(QStringLiteral("provoke"), sqlstate);
    QVERIFY(!written);
    QCOMPARE(written.error().code, sqlstate);
    QVERIFY2(written.errorMessage().contains(QStringLiteral("provoked ") + sqlstate),
             qPrintable(written.errorMessage()));
    QVERIFY2(written.errorMessage().endsWith(QStringLiteral("[SQLSTATE %1]").arg(sqlstate)),
             qPrintable(written.errorMessage()));
    // Nothing was written, and the connection is still usable.
    const auto read = store->setting(QStringLiteral("provoke"));
    QVERIFY2(read, qPrintable(read.errorMessage()));
    QCOMPARE(read.value(), QString());
    QVERIFY(store->setSetting(QStringLiteral("other"), QStringLiteral("1")));
}

QTEST_GUILESS_MAIN(PostgresStoreTest)
#include "postgresstore_test.moc"
