// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditexport.h"
#include "audit/auditverify.h"
#include "audit/hashchain.h"
#include "report/reportparser.h"
#include "store/sqlitemigrations.h"
#include "store/sqlitestore.h"
#include "domain/utc.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sqlite3.h>

#include <csignal>
#include <cstdio>

using namespace verdict;

Q_DECLARE_METATYPE(verdict::Status)

// Store tests build Proposal values directly: they test the store, not the parser.
class SqliteStoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createsSchemaAndParentFolders();
    void migratesVersion1();
    void refusesNewerSchema();
    void import_data();
    void import();
    void roundTrip();
    void roundTripReports_data();
    void roundTripReports();
    void revisionKeepsDecisions();
    void decideRejects_data();
    void decideRejects();
    void supersedes();
    void queueStatus_data();
    void queueStatus();
    void appendOnly_data();
    void appendOnly();
    void auditChain();
    void auditEventsSince();
    void outboxAndRemoteDecisions();
    void meta();
    void diagnostics();
    void durableAfterKill();

private:
    std::unique_ptr<SqliteStore> openStore();
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

QString sha(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// A proposal whose content (and so sha256) is determined by `content`.
Proposal makeProposal(const QString &id, const QString &content)
{
    Proposal p;
    p.sourceFile = QStringLiteral("reports/%1.txt").arg(id.isEmpty() ? QStringLiteral("x") : id);
    p.sourceLine = 1;
    p.endLine = 20;
    p.id = id;
    p.timestamp = QStringLiteral("2026-01-02T19:12:25.611Z");
    p.severity = 6;
    p.blockExecution = false;
    p.kind = QStringLiteral("idea_implementation");
    p.opportunity = QStringLiteral("Make.com Scenario Generation");
    p.body = QStringLiteral("idea_implementation: Create or update the file a.sql ...\n")
             + content;
    p.bodyFirstLine = 8;
    Artifact a;
    a.path = QStringLiteral("generated_1.sql");
    a.declaredLanguage = QStringLiteral("sql");
    a.language = QStringLiteral("sql");
    a.firstLine = 10;
    a.lastLine = 12;
    a.content = QStringLiteral("CREATE TABLE t (a int);\n-- ") + content;
    a.sha256 = sha(a.content);
    p.artifacts.push_back(a);
    p.risks = QStringList{QStringLiteral("Data loss")};
    p.mitigations = QStringList{QStringLiteral("Back up first")};
    p.sha256 = sha(p.body);
    return p;
}

// "id=content,id=content" -> one file holding those proposals ("=content" has no id).
ParsedFile makeFile(const QString &spec)
{
    ParsedFile f;
    f.path = QStringLiteral("reports/batch.txt");
    const QStringList items = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList parts = item.split(QLatin1Char('='));
        f.proposals.push_back(makeProposal(parts.at(0), parts.at(1)));
    }
    return f;
}

struct RawDb
{
    explicit RawDb(const QString &path)
    {
        sqlite3_open(QFile::encodeName(path).constData(), &db);
        sqlite3_busy_timeout(db, 5000);
    }
    ~RawDb() { sqlite3_close(db); }
    // SQLite's error message, empty on success.
    QString exec(const char *sql)
    {
        char *message = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK)
            return {};
        const QString out = QString::fromUtf8(message);
        sqlite3_free(message);
        return out;
    }
    QString scalar(const char *sql)
    {
        sqlite3_stmt *s = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
        QString out;
        if (s && sqlite3_step(s) == SQLITE_ROW)
            out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
        sqlite3_finalize(s);
        return out;
    }
    sqlite3 *db = nullptr;
};

DecisionRequest request(const QString &id, Verdict v, const QString &reviewer,
                        const QString &reason = QString())
{
    DecisionRequest r;
    r.proposalId = id;
    r.verdict = v;
    r.reviewer = reviewer;
    r.reason = reason;
    return r;
}

// Run as a child: decide on `id` forever, printing each uuid once decide() returned.
int decideChild(const QString &path, const QString &id)
{
    auto store = SqliteStore::open(path);
    if (!store)
        return 3;
    for (int i = 0;; ++i) {
        const Verdict v = i % 2 ? Verdict::Approve : Verdict::Changes;
        auto d = (*store)->decide(request(id, v, QStringLiteral("child"),
                                          QStringLiteral("round %1").arg(i)));
        if (!d)
            return 4;
        std::printf("%s\n", d->uuid.toLatin1().constData());
        std::fflush(stdout);
    }
}

} // namespace

void SqliteStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("verdict.sqlite"));
}

std::unique_ptr<SqliteStore> SqliteStoreTest::openStore()
{
    auto store = SqliteStore::open(m_path);
    if (!store)
        qWarning("%s", qPrintable(store.errorMessage()));
    return store ? std::move(store).value() : nullptr;
}

void SqliteStoreTest::createsSchemaAndParentFolders()
{
    m_path = m_dir->filePath(QStringLiteral("a/b/verdict.sqlite"));
    const int latest = sqliteMigrations().back().version;
    {
        auto store = openStore();
        QVERIFY(store);
        QCOMPARE(store->schemaVersion(), latest);
        QCOMPARE(store->path(), QFileInfo(m_path).absoluteFilePath());
        QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    }
    // Reopening is idempotent: no migration re-runs, data stays.
    auto again = openStore();
    QVERIFY(again);
    QCOMPARE(again->schemaVersion(), latest);
    QCOMPARE(again->queue()->size(), size_t(1));
    RawDb raw(m_path);
    QCOMPARE(raw.scalar("PRAGMA user_version"), QString::number(latest));
    QCOMPARE(raw.scalar("PRAGMA journal_mode"), QStringLiteral("wal"));
}

void SqliteStoreTest::migratesVersion1()
{
    {
        // A database as Verdict with schema 1 left it: one proposal, one decision.
        RawDb raw(m_path);
        QCOMPARE(raw.exec(sqliteMigrations().front().sql), QString());
        QCOMPARE(raw.exec("PRAGMA user_version = 1"), QString());
        QCOMPARE(raw.exec(R"sql(
            INSERT INTO proposals VALUES ('p1', 1, 'abc', '2026-01-01T00:00:00.000Z');
            INSERT INTO revisions (proposal_id, revision, sha256, imported_at, source_file,
                source_line, end_line, body_first_line, problem_count)
                VALUES ('p1', 1, 'abc', '2026-01-01T00:00:00.000Z', 'old.txt', 1, 9, 8, 0);
            INSERT INTO revision_texts VALUES (1, 'body', '[]', '[]', '[]');
            INSERT INTO artifacts VALUES (1, 0, 'a.sql', 'sql', 'sql', 3, 3, 0, '', 'c1');
            INSERT INTO contents VALUES ('c1', 'SELECT 1;');
            INSERT INTO decisions (uuid, proposal_id, revision, verdict, reviewer, decided_at)
                VALUES ('u1', 'p1', 1, 'approve', 'alice', '2026-01-01T01:00:00.000Z');
        )sql"),
                 QString());
    }
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), sqliteMigrations().back().version);
    const auto queue = store->queue();
    QVERIFY(queue.ok());
    QCOMPARE(queue->size(), size_t(1));
    QCOMPARE(queue->front().status, Status::Approved);
    QCOMPARE(queue->front().sourceFile, QStringLiteral("old.txt"));
    // v2 introduced the outbox: decisions made before it were never pushed.
    const auto outbox = store->outbox(10);
    QVERIFY(outbox.ok());
    QCOMPARE(outbox->size(), size_t(1));
    QCOMPARE(outbox->front().uuid, QStringLiteral("u1"));
    QVERIFY(store->cacheDiagnostics(QStringLiteral("abc"), QStringLiteral("1"), {}).ok());
    // v3 stores new artifacts' text as a range of the body; older rows keep theirs.
    const auto stored = store->proposal(QStringLiteral("p1"));
    QVERIFY(stored.ok());
    QCOMPARE(stored->proposal.artifacts.size(), size_t(1));
    QCOMPARE(stored->proposal.artifacts.front().content, QStringLiteral("SELECT 1;"));
}

void SqliteStoreTest::refusesNewerSchema()
{
    {
        RawDb raw(m_path);
        QCOMPARE(raw.exec("PRAGMA user_version = 99"), QString());
    }
    auto store = SqliteStore::open(m_path);
    QVERIFY(!store);
    QVERIFY2(store.errorMessage().contains(QLatin1String("newer")),
             qPrintable(store.errorMessage()));
}

void SqliteStoreTest::import_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<int>("added");
    QTest::addColumn<int>("revised");
    QTest::addColumn<int>("unchanged");
    QTest::addColumn<QStringList>("queue"); // id@revision, import order

    QTest::newRow("same report twice is one proposal")
        << QStringLiteral("p1=a,p2=b") << QStringLiteral("p1=a,p2=b") << 0 << 0 << 2
        << QStringList{QStringLiteral("p1@1"), QStringLiteral("p2@1")};
    QTest::newRow("changed content is a new revision")
        << QStringLiteral("p1=a,p2=b") << QStringLiteral("p1=a2,p2=b") << 0 << 1 << 1
        << QStringList{QStringLiteral("p1@2"), QStringLiteral("p2@1")};
    QTest::newRow("reverting content is another revision")
        << QStringLiteral("p1=a,p1=b") << QStringLiteral("p1=a") << 0 << 1 << 0
        << QStringList{QStringLiteral("p1@3")};
    QTest::newRow("new proposal next to known ones")
        << QStringLiteral("p1=a") << QStringLiteral("p1=a,p3=c") << 1 << 0 << 1
        << QStringList{QStringLiteral("p1@1"), QStringLiteral("p3@1")};
    QTest::newRow("two revisions in one import")
        << QString() << QStringLiteral("p1=a,p1=b,p1=b") << 1 << 1 << 1
        << QStringList{QStringLiteral("p1@2")};
    // A report without an id is refused (storecontract_test, both stores).
}

void SqliteStoreTest::import()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(int, added);
    QFETCH(int, revised);
    QFETCH(int, unchanged);
    QFETCH(QStringList, queue);

    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(first)}, QStringLiteral("alice")).ok());
    ParsedFile broken;
    broken.path = QStringLiteral("broken.bin");
    broken.error = QStringLiteral("not a report");
    const auto summary = store->importFiles({makeFile(second), broken}, QStringLiteral("alice"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->files, 2);
    QCOMPARE(summary->proposals, added + revised + unchanged);
    QCOMPARE(summary->added, added);
    QCOMPARE(summary->revised, revised);
    QCOMPARE(summary->unchanged, unchanged);
    QCOMPARE(summary->fileErrors, QStringList{QStringLiteral("broken.bin: not a report")});

    QStringList got;
    const auto entries = store->queue();
    QVERIFY(entries.ok());
    for (const QueueEntry &e : *entries) {
        got << e.id + QLatin1Char('@') + QString::number(e.revision);
        // Only the latest revision's artifact, not one per revision.
        QCOMPARE(e.targets, QStringList{QStringLiteral("generated_1.sql")});
        QCOMPARE(e.languages, QStringList{QStringLiteral("sql")});
    }
    QCOMPARE(got, queue);
}

void SqliteStoreTest::roundTrip()
{
    auto store = openStore();
    QVERIFY(store);
    Proposal p = makeProposal(QStringLiteral("fsar_1"), QStringLiteral("x"));
    p.severity.reset();
    p.kind.reset();
    p.problems.push_back(Problem{3, QStringLiteral("severity: not a number")});
    Artifact b = p.artifacts.front();
    b.path = QStringLiteral("b.py");
    b.fenced = true;
    b.fenceTag = QStringLiteral("python");
    b.language = QStringLiteral("python");
    b.content = QString::fromUtf8("print('h\xc3\xa9')\n\ttab \"q\"");
    b.sha256 = sha(b.content);
    p.artifacts.push_back(b);
    // The same content twice is stored once but read back for both artifacts.
    Artifact c = p.artifacts.front();
    c.path = QStringLiteral("copy.sql");
    p.artifacts.push_back(c);
    ParsedFile f;
    f.path = p.sourceFile;
    f.proposals.push_back(p);
    QVERIFY(store->importFiles({f}, QStringLiteral("alice")).ok());

    const auto got = store->proposal(QStringLiteral("fsar_1"));
    QVERIFY2(got.ok(), qPrintable(got.errorMessage()));
    QCOMPARE(got->revision, 1);
    QCOMPARE(got->latestRevision, 1);
    QCOMPARE(got->status, Status::Pending);
    QVERIFY(got->importedAt.isValid());
    const Proposal &q = got->proposal;
    QCOMPARE(q.id, p.id);
    QCOMPARE(q.sourceFile, p.sourceFile);
    QCOMPARE(q.sourceLine, p.sourceLine);
    QCOMPARE(q.endLine, p.endLine);
    QCOMPARE(q.timestamp, p.timestamp);
    QVERIFY(!q.severity);
    QCOMPARE(q.blockExecution, std::optional<bool>(false));
    QVERIFY(!q.kind);
    QCOMPARE(q.opportunity, p.opportunity);
    QCOMPARE(q.body, p.body);
    QCOMPARE(q.bodyFirstLine, p.bodyFirstLine);
    QCOMPARE(q.risks, p.risks);
    QCOMPARE(q.mitigations, p.mitigations);
    QCOMPARE(q.problems.size(), size_t(1));
    QCOMPARE(q.problems.front().line, 3);
    QCOMPARE(q.problems.front().message, p.problems.front().message);
    QCOMPARE(q.sha256, p.sha256);
    QCOMPARE(q.artifacts.size(), size_t(3));
    for (size_t i = 0; i < q.artifacts.size(); ++i) {
        const Artifact &x = q.artifacts[i];
        const Artifact &y = p.artifacts[i];
        QCOMPARE(x.path, y.path);
        QCOMPARE(x.declaredLanguage, y.declaredLanguage);
        QCOMPARE(x.language, y.language);
        QCOMPARE(x.firstLine, y.firstLine);
        QCOMPARE(x.lastLine, y.lastLine);
        QCOMPARE(x.fenced, y.fenced);
        QCOMPARE(x.fenceTag, y.fenceTag);
        QCOMPARE(x.content, y.content);
        QCOMPARE(x.sha256, y.sha256);
    }
    const auto entries = store->queue();
    QCOMPARE(entries->front().targets,
             (QStringList{QStringLiteral("generated_1.sql"), QStringLiteral("b.py"),
                          QStringLiteral("copy.sql")}));
    QCOMPARE(entries->front().languages,
             (QStringList{QStringLiteral("sql"), QStringLiteral("python"),
                          QStringLiteral("sql")}));
    QCOMPARE(entries->front().problems, 1);
    QCOMPARE(entries->front().errors, -1);

    const auto missing = store->proposal(QStringLiteral("nope"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, QStringLiteral("not-found"));
    QVERIFY(!store->proposal(QStringLiteral("fsar_1"), 2));
}

void SqliteStoreTest::roundTripReports_data()
{
    QTest::addColumn<QString>("file");
    // Every fixture that holds reports (empty.txt and prose_only.txt hold none).
    for (const QString &folder :
         {QStringLiteral(VERDICT_TEST_DATA "/reports"), QStringLiteral(VERDICT_SAMPLES)}) {
        const QDir dir(folder);
        for (const QString &name : dir.entryList({QStringLiteral("*.txt")}, QDir::Files)) {
            if (!ReportParser::parseFile(dir.filePath(name)).proposals.empty())
                QTest::newRow(qPrintable(name)) << dir.filePath(name);
        }
    }
}

// Parsed reports read back exactly: artifacts' text is stored as a range of the body
// (schema v3), so this checks the ranges on real CRLF, BOM, inline and unfenced layouts.
void SqliteStoreTest::roundTripReports()
{
    QFETCH(QString, file);
    const ParsedFile parsed = ReportParser::parseFile(file);
    QVERIFY(!parsed.proposals.empty());
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({parsed}, QStringLiteral("alice")).ok());
    QHash<QString, int> seen;
    for (const Proposal &p : parsed.proposals)
        ++seen[p.id];
    for (const Proposal &p : parsed.proposals) {
        if (p.id.isEmpty() || seen.value(p.id) != 1)
            continue; // several revisions of one id: covered by import()
        const auto got = store->proposal(p.id);
        QVERIFY2(got.ok(), qPrintable(got.errorMessage()));
        const Proposal &q = got->proposal;
        QCOMPARE(q.body, p.body);
        QCOMPARE(q.sha256, p.sha256);
        QCOMPARE(q.artifacts.size(), p.artifacts.size());
        for (size_t i = 0; i < q.artifacts.size(); ++i) {
            QCOMPARE(q.artifacts[i].content, p.artifacts[i].content);
            QCOMPARE(q.artifacts[i].sha256, p.artifacts[i].sha256);
            QCOMPARE(q.artifacts[i].firstLine, p.artifacts[i].firstLine);
        }
    }
}

void SqliteStoreTest::revisionKeepsDecisions()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    const auto approved = store->decide(request(QStringLiteral("p1"), Verdict::Approve,
                                                QStringLiteral("alice")));
    QVERIFY(approved.ok());
    QCOMPARE(approved->revision, 1);
    QCOMPARE(store->queue()->front().status, Status::Approved);

    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a2"))}, QStringLiteral("t")).ok());
    const auto entry = store->queue()->front();
    QCOMPARE(entry.revision, 2);
    QCOMPARE(entry.status, Status::Pending); // the approval was of revision 1
    QCOMPARE(store->proposal(QStringLiteral("p1"), 1)->status, Status::Approved);
    QCOMPARE(store->proposal(QStringLiteral("p1"))->status, Status::Pending);
    const auto all = store->decisions(QStringLiteral("p1"));
    QCOMPARE(all->size(), size_t(1));
    QCOMPARE(all->front().uuid, approved->uuid);
    QCOMPARE(all->front().revision, 1);

    // A decision on an explicit older revision names it.
    DecisionRequest onOld = request(QStringLiteral("p1"), Verdict::Reject,
                                    QStringLiteral("bob"), QStringLiteral("old one is bad"));
    onOld.revision = 1;
    QCOMPARE(store->decide(onOld)->revision, 1);
    const auto latest = store->decide(request(QStringLiteral("p1"), Verdict::Approve,
                                              QStringLiteral("bob")));
    QCOMPARE(latest->revision, 2);
    QCOMPARE(store->queue()->front().status, Status::Approved);
}

void SqliteStoreTest::decideRejects_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("revision");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("reviewer");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("code");

    const QString p1 = QStringLiteral("p1");
    const QString alice = QStringLiteral("alice");
    QTest::newRow("reject without reason") << p1 << 0 << QStringLiteral("reject") << alice
                                           << QString() << QStringLiteral("invalid");
    QTest::newRow("changes with blank reason") << p1 << 0 << QStringLiteral("changes") << alice
                                               << QStringLiteral("  \n")
                                               << QStringLiteral("invalid");
    QTest::newRow("no reviewer") << p1 << 0 << QStringLiteral("approve") << QStringLiteral(" ")
                                 << QString() << QStringLiteral("invalid");
    QTest::newRow("unknown proposal") << QStringLiteral("nope") << 0 << QStringLiteral("approve")
                                      << alice << QString() << QStringLiteral("not-found");
    QTest::newRow("unknown revision") << p1 << 2 << QStringLiteral("approve") << alice
                                      << QString() << QStringLiteral("not-found");
    QTest::newRow("NUL in reason") << p1 << 0 << QStringLiteral("reject") << alice
                                   << QStringLiteral("bad").append(QChar(0)).append(u'x')
                                   << QStringLiteral("invalid");
    QTest::newRow("retract with nothing to retract") << p1 << 0 << QStringLiteral("retract")
                                                     << alice << QString()
                                                     << QStringLiteral("invalid");
}

void SqliteStoreTest::decideRejects()
{
    QFETCH(QString, id);
    QFETCH(int, revision);
    QFETCH(QString, verdict);
    QFETCH(QString, reviewer);
    QFETCH(QString, reason);
    QFETCH(QString, code);

    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    const qsizetype eventsBefore = store->auditEvents()->size();
    DecisionRequest r = request(id, *verdictFromId(verdict), reviewer, reason);
    r.revision = revision;
    const auto d = store->decide(r);
    QVERIFY(!d);
    QCOMPARE(d.error().code, code);
    QVERIFY(!d.errorMessage().isEmpty());
    // Nothing was written.
    QCOMPARE(store->allDecisions()->size(), size_t(0));
    QCOMPARE(store->outbox(10)->size(), size_t(0));
    QCOMPARE(qsizetype(store->auditEvents()->size()), eventsBefore);
}

void SqliteStoreTest::supersedes()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    const auto first = store->decide(request(QStringLiteral("p1"), Verdict::Approve,
                                             QStringLiteral("alice")));
    const auto other = store->decide(request(QStringLiteral("p1"), Verdict::Approve,
                                             QStringLiteral("bob")));
    const auto second = store->decide(request(QStringLiteral("p1"), Verdict::Reject,
                                              QStringLiteral("alice"), QStringLiteral("no")));
    const auto retract = store->decide(request(QStringLiteral("p1"), Verdict::Retract,
                                               QStringLiteral("alice")));
    QVERIFY(first && other && second && retract);
    QCOMPARE(first->supersedes, QString());
    QCOMPARE(other->supersedes, QString()); // another reviewer's decision replaces nothing
    QCOMPARE(second->supersedes, first->uuid);
    QCOMPARE(retract->supersedes, second->uuid);
    QVERIFY(!QUuid::fromString(first->uuid).isNull());
    QCOMPARE(first->decidedAt.timeSpec(), Qt::UTC);

    // Nothing is updated or deleted: all four are there, oldest first.
    const auto all = store->decisions(QStringLiteral("p1"));
    QStringList uuids;
    for (const Decision &d : *all)
        uuids << d.uuid;
    QCOMPARE(uuids, (QStringList{first->uuid, other->uuid, second->uuid, retract->uuid}));
    QCOMPARE(all->at(2).reason, QStringLiteral("no"));
    QCOMPARE(store->queue()->front().status, Status::Approved); // alice retracted, bob approves

    // The audit event of the superseding decision records what it replaced.
    const auto events = store->auditEvents();
    const AuditEvent &e = events->at(events->size() - 2);
    QCOMPARE(e.action, QStringLiteral("decision"));
    QCOMPARE(e.actor, QStringLiteral("alice"));
    QCOMPARE(e.subject, QStringLiteral("p1@1"));
    QCOMPARE(e.outcome, QStringLiteral("reject"));
    QCOMPARE(e.previous, QStringLiteral("approve"));
    QCOMPARE(e.detail, QStringLiteral("decision ") + second->uuid + QStringLiteral("; supersedes ")
                           + first->uuid + QStringLiteral("; reason: no"));

    // A lead's resolution is stored as one and settles the status.
    DecisionRequest lead = request(QStringLiteral("p1"), Verdict::Reject, QStringLiteral("lead"),
                                   QStringLiteral("final"));
    lead.resolution = true;
    const auto resolved = store->decide(lead);
    QVERIFY(resolved.ok());
    QCOMPARE(resolved->resolution, true);
    QCOMPARE(store->decisions(QStringLiteral("p1"))->back().resolution, true);
    QCOMPARE(store->queue()->front().status, Status::Rejected);
}

void SqliteStoreTest::queueStatus_data()
{
    QTest::addColumn<QString>("decisions"); // reviewer:verdict, in order
    QTest::addColumn<QString>("quorum");    // settings value, empty = unset
    QTest::addColumn<Status>("status");

    QTest::newRow("no decision") << QString() << QString() << Status::Pending;
    QTest::newRow("one approval") << QStringLiteral("alice:approve") << QString()
                                  << Status::Approved;
    QTest::newRow("approval below quorum") << QStringLiteral("alice:approve")
                                           << QStringLiteral("2") << Status::Pending;
    QTest::newRow("approvals reach quorum") << QStringLiteral("alice:approve,bob:approve")
                                            << QStringLiteral("2") << Status::Approved;
    QTest::newRow("same reviewer twice is one vote")
        << QStringLiteral("alice:approve,alice:approve") << QStringLiteral("2")
        << Status::Pending;
    QTest::newRow("reject") << QStringLiteral("alice:reject") << QString() << Status::Rejected;
    QTest::newRow("changes") << QStringLiteral("alice:changes") << QString() << Status::Changes;
    QTest::newRow("disagreement") << QStringLiteral("alice:approve,bob:reject") << QString()
                                  << Status::Conflict;
    QTest::newRow("changed mind") << QStringLiteral("alice:reject,alice:approve") << QString()
                                  << Status::Approved;
    QTest::newRow("retracted") << QStringLiteral("alice:approve,alice:retract") << QString()
                               << Status::Pending;
    QTest::newRow("bad quorum setting means 1") << QStringLiteral("alice:approve")
                                                << QStringLiteral("x") << Status::Approved;
}

void SqliteStoreTest::queueStatus()
{
    QFETCH(QString, decisions);
    QFETCH(QString, quorum);
    QFETCH(Status, status);

    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a,p2=b"))}, QStringLiteral("t")).ok());
    if (!quorum.isEmpty())
        QVERIFY(store->setMeta(QStringLiteral("quorum"), quorum).ok());
    const QStringList items = decisions.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QStringList parts = item.split(QLatin1Char(':'));
        const auto d = store->decide(request(QStringLiteral("p1"), *verdictFromId(parts.at(1)),
                                             parts.at(0), QStringLiteral("why")));
        QVERIFY2(d.ok(), qPrintable(d.errorMessage()));
    }
    const auto queue = store->queue();
    QVERIFY(queue.ok());
    QCOMPARE(queue->size(), size_t(2));
    QCOMPARE(queue->at(0).id, QStringLiteral("p1"));
    QCOMPARE(queue->at(0).status, status);
    QCOMPARE(queue->at(1).status, Status::Pending); // decisions on p1 never leak to p2
    QCOMPARE(store->proposal(QStringLiteral("p1"))->status, status);
}

void SqliteStoreTest::appendOnly_data()
{
    QTest::addColumn<QByteArray>("sql");
    QTest::newRow("update decision") << QByteArray("UPDATE decisions SET verdict = 'reject'");
    QTest::newRow("delete decision") << QByteArray("DELETE FROM decisions");
    QTest::newRow("update audit event") << QByteArray("UPDATE audit_events SET actor = 'eve'");
    QTest::newRow("delete audit event") << QByteArray("DELETE FROM audit_events WHERE seq = 2");
}

void SqliteStoreTest::appendOnly()
{
    QFETCH(QByteArray, sql);
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    QVERIFY(store->decide(request(QStringLiteral("p1"), Verdict::Approve,
                                  QStringLiteral("alice"))).ok());
    RawDb raw(m_path);
    const QString error = raw.exec(sql.constData());
    QVERIFY2(error.contains(QLatin1String("append-only")), qPrintable(error));
    QCOMPARE(raw.scalar("SELECT count(*) FROM decisions"), QStringLiteral("1"));
    QCOMPARE(raw.scalar("SELECT count(*) FROM audit_events"), QStringLiteral("2"));
    QCOMPARE(raw.scalar("SELECT verdict FROM decisions"), QStringLiteral("approve"));
}

void SqliteStoreTest::auditChain()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a,p2=b,p3=c"))},
                               QStringLiteral("alice")).ok());
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a,p2=b2"))},
                               QStringLiteral("bob")).ok());
    QVERIFY(store->decide(request(QStringLiteral("p2"), Verdict::Changes, QStringLiteral("bob"),
                                  QStringLiteral("needs, \"quotes\"\nand lines"))).ok());
    AuditEvent exported;
    exported.actor = QStringLiteral("lead");
    exported.action = QStringLiteral("export");
    exported.subject = QStringLiteral("stdout");
    exported.outcome = QStringLiteral("csv");
    const auto recorded = store->recordAuditEvent(exported);
    QVERIFY(recorded.ok());
    QCOMPARE(recorded->seq, qint64(6));

    const auto events = store->auditEvents();
    QVERIFY(events.ok());
    QStringList summary;
    QString prev = HashChain::genesis();
    for (const AuditEvent &e : *events) {
        summary << QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(e.seq).arg(e.actor, e.action, e.subject, e.outcome);
        QCOMPARE(e.prevHash, prev);
        QCOMPARE(HashChain::computeHash(e), e.hash);
        QCOMPARE(e.at.timeSpec(), Qt::UTC);
        prev = e.hash;
    }
    QCOMPARE(summary, (QStringList{
                          QStringLiteral("1 alice import p1@1 new"),
                          QStringLiteral("2 alice import p2@1 new"),
                          QStringLiteral("3 alice import p3@1 new"),
                          QStringLiteral("4 bob import p2@2 revised"),
                          QStringLiteral("5 bob decision p2@2 changes"),
                          QStringLiteral("6 lead export stdout csv"),
                      }));
    QCOMPARE(recorded->hash, prev);

    for (const AuditFormat format : {AuditFormat::Csv, AuditFormat::Jsonl}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const auto head = AuditExport::write(buffer, *events, format);
        QCOMPARE(*head, prev);
        const AuditVerifyReport report = AuditVerify::verify(buffer.data(), *head);
        QVERIFY2(report.ok, qPrintable(report.message));
        QCOMPARE(report.events, 6);
    }
}

void SqliteStoreTest::auditEventsSince()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    AuditEvent old;
    old.at = utcDateTime(QDate(2030, 1, 1), QTime(0, 0));
    old.actor = old.action = old.subject = old.outcome = QStringLiteral("x");
    QVERIFY(store->recordAuditEvent(old).ok());
    old.at = utcDateTime(QDate(2030, 1, 2), QTime(0, 0));
    QVERIFY(store->recordAuditEvent(old).ok());

    QCOMPARE(store->auditEvents()->size(), size_t(3));
    const auto since = store->auditEvents(utcDateTime(QDate(2030, 1, 1), QTime(0, 0)));
    QCOMPARE(since->size(), size_t(2));
    QCOMPARE(since->front().seq, qint64(2));
    QCOMPARE(store->auditEvents(utcDateTime(QDate(2031, 1, 1), QTime(0, 0)))->size(),
             size_t(0));
    // A partial export verifies from its first prev_hash.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto head = AuditExport::write(buffer, *since, AuditFormat::Jsonl);
    QVERIFY(!AuditVerify::verify(buffer.data(), *head).ok);
    QVERIFY(AuditVerify::verify(buffer.data(), *head, true).ok);
}

void SqliteStoreTest::outboxAndRemoteDecisions()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    const auto a = store->decide(request(QStringLiteral("p1"), Verdict::Approve,
                                         QStringLiteral("alice")));
    const auto b = store->decide(request(QStringLiteral("p1"), Verdict::Approve,
                                         QStringLiteral("bob")));
    auto pending = store->outbox(10);
    QCOMPARE(pending->size(), size_t(2));
    QCOMPARE(pending->at(0).uuid, a->uuid);
    QCOMPARE(pending->at(1).uuid, b->uuid);
    QCOMPARE(store->outbox(1)->size(), size_t(1));

    QVERIFY(store->markPushed({a->uuid}).ok());
    pending = store->outbox(10);
    QCOMPARE(pending->size(), size_t(1));
    QCOMPARE(pending->front().uuid, b->uuid);

    Decision remote;
    remote.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    remote.proposalId = QStringLiteral("p1");
    remote.revision = 1;
    remote.verdict = Verdict::Reject;
    remote.reviewer = QStringLiteral("carol");
    remote.reason = QStringLiteral("remote reason");
    remote.decidedAt = utcDateTime(QDate(2030, 1, 1), QTime(1, 2, 3, 4));
    remote.pushedBy = QStringLiteral("carol@server");
    Decision unknownProposal = remote;
    unknownProposal.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    unknownProposal.proposalId = QStringLiteral("not-here-yet");
    const qsizetype eventsBefore = store->auditEvents()->size();
    // Already-known uuids (ours, or sent twice) are skipped.
    const auto added = store->applyRemoteDecisions({remote, *a, remote, unknownProposal});
    QVERIFY2(added.ok(), qPrintable(added.errorMessage()));
    QCOMPARE(*added, 2);
    QCOMPARE(store->outbox(10)->size(), size_t(1)); // remote decisions are not pushed back
    QCOMPARE(qsizetype(store->auditEvents()->size()), eventsBefore + 2);
    QCOMPARE(store->queue()->front().status, Status::Conflict);
    const auto all = store->decisions(QStringLiteral("p1"));
    QCOMPARE(all->back().uuid, remote.uuid);
    QCOMPARE(all->back().decidedAt, remote.decidedAt);
    QCOMPARE(all->back().pushedBy, remote.pushedBy);
    QCOMPARE(*store->applyRemoteDecisions({remote}), 0);
}

void SqliteStoreTest::meta()
{
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(*store->meta(QStringLiteral("sync.cursor")), QString());
    QVERIFY(store->setMeta(QStringLiteral("sync.cursor"), QStringLiteral("42")).ok());
    QVERIFY(store->setMeta(QStringLiteral("sync.cursor"), QStringLiteral("43")).ok());
    QCOMPARE(*store->meta(QStringLiteral("sync.cursor")), QStringLiteral("43"));
}

void SqliteStoreTest::diagnostics()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    QVERIFY(!store->cachedDiagnostics(QStringLiteral("abc"), QStringLiteral("1"))->has_value());
    Diagnostic d;
    d.rule = QStringLiteral("secret");
    d.severity = DiagnosticSeverity::Warning;
    d.message = QStringLiteral("looks like a key");
    d.file = QStringLiteral("r.txt");
    d.proposalId = QStringLiteral("p1");
    d.artifact = QStringLiteral("a.sql");
    d.line = 12;
    d.column = 4;
    QVERIFY(store->cacheDiagnostics(QStringLiteral("abc"), QStringLiteral("1"), {d, d}).ok());
    const auto cached = store->cachedDiagnostics(QStringLiteral("abc"), QStringLiteral("1"));
    QVERIFY(cached->has_value());
    QCOMPARE((*cached)->size(), size_t(2));
    const Diagnostic &c = (*cached)->front();
    QCOMPARE(c.rule, d.rule);
    QCOMPARE(c.severity, d.severity);
    QCOMPARE(c.message, d.message);
    QCOMPARE(c.file, d.file);
    QCOMPARE(c.proposalId, d.proposalId);
    QCOMPARE(c.artifact, d.artifact);
    QCOMPARE(c.line, 12);
    QCOMPARE(c.column, 4);
    QVERIFY(!store->cachedDiagnostics(QStringLiteral("abc"), QStringLiteral("2"))->has_value());

    QVERIFY(store->setDiagnosticCounts(QStringLiteral("p1"), 0, 1, 2, 3).ok());
    const QueueEntry e = store->queue()->front();
    QCOMPARE(e.errors, 1);
    QCOMPARE(e.warnings, 2);
    QCOMPARE(e.infos, 3);
    QVERIFY(!store->setDiagnosticCounts(QStringLiteral("nope"), 0, 1, 2, 3));
}

// An acknowledged decision survives the process dying right after: the child prints each
// uuid only once decide() returned, and is SIGKILLed while deciding more.
void SqliteStoreTest::durableAfterKill()
{
    {
        auto store = openStore();
        QVERIFY(store);
        QVERIFY(store->importFiles({makeFile(QStringLiteral("p1=a"))}, QStringLiteral("t")).ok());
    }
    QStringList acknowledged;
    for (int round = 0; round < 5; ++round) {
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("--decide-child"), m_path, QStringLiteral("p1")});
        child.start();
        QVERIFY(child.waitForStarted());
        QByteArray out;
        // Kill after a different number of acknowledgements each round.
        while (out.count('\n') < 1 + round * 3) {
            QVERIFY2(child.waitForReadyRead(20000), "child stopped deciding");
            out += child.readAllStandardOutput();
        }
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(20000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        out += child.readAllStandardOutput();
        const QList<QByteArray> lines = out.split('\n');
        for (const QByteArray &line : lines) {
            if (line.size() == 36) // only whole uuids were acknowledged
                acknowledged << QString::fromLatin1(line);
        }
    }
    auto store = openStore();
    QVERIFY(store);
    QSet<QString> stored;
    const auto all = store->decisions(QStringLiteral("p1"));
    QVERIFY(all.ok());
    for (const Decision &d : *all)
        stored.insert(d.uuid);
    for (const QString &uuid : acknowledged)
        QVERIFY2(stored.contains(uuid), qPrintable(uuid + QStringLiteral(" was lost")));
    QVERIFY(acknowledged.size() >= 5);
    RawDb raw(m_path);
    QCOMPARE(raw.scalar("PRAGMA integrity_check"), QStringLiteral("ok"));
    // The audit log is intact too.
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto events = store->auditEvents();
    QVERIFY(AuditExport::write(buffer, *events, AuditFormat::Csv).ok());
    QVERIFY(AuditVerify::verify(buffer.data()).ok);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--decide-child") == 0)
        return decideChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    SqliteStoreTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "sqlitestore_test.moc"
