// SPDX-License-Identifier: GPL-3.0-or-later
// The Store contract: every public Store method, through the interface only (openStore),
// with the same rows against SQLite (a file in a temporary directory) and a real
// PostgreSQL (one throwaway server for the executable, a fresh database per row; skipped
// without the server binaries). A behaviour both backends must share belongs here.
#include "audit/auditexport.h"
#include "domain/utc.h"
#include "domain/textform.h"
#include "pgtest.h"
#include "store/store.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;
using verdict::test::PgTestServer;

namespace {

QString sha(const QString &text)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Proposal makeProposal(const QString &id, const QString &body, int line = 1)
{
    Proposal p;
    p.id = id;
    p.sourceFile = QStringLiteral("reports/contract.txt");
    p.sourceLine = line;
    p.endLine = line + 20;
    p.timestamp = QStringLiteral("2026-01-02T19:12:25.611Z");
    p.severity = 6;
    p.blockExecution = false;
    p.kind = QStringLiteral("idea_implementation");
    p.opportunity = QStringLiteral("Opportunity of %1").arg(id);
    p.body = body;
    p.bodyFirstLine = line + 6;
    Artifact a;
    a.path = QStringLiteral("generated_1.sql");
    a.declaredLanguage = QStringLiteral("sql");
    a.language = QStringLiteral("sql");
    a.firstLine = line + 8;
    a.lastLine = line + 8;
    a.content = QStringLiteral("SELECT 1; -- ") + body;
    a.sha256 = sha(a.content);
    p.artifacts.push_back(a);
    p.risks = QStringList{QStringLiteral("A risk")};
    p.mitigations = QStringList{QStringLiteral("A mitigation")};
    p.problems = {Problem{line + 2, QStringLiteral("bad severity")}};
    p.sha256 = sha(id + QLatin1Char('|') + body);
    return p;
}

ParsedFile makeFile(const QString &path, std::vector<Proposal> proposals)
{
    ParsedFile f;
    f.path = path;
    for (Proposal &p : proposals)
        p.sourceFile = path;
    f.proposals = std::move(proposals);
    return f;
}

DecisionRequest request(const QString &id, Verdict verdict, const QString &reviewer,
                        const QString &reason = {}, int revision = 0)
{
    DecisionRequest r;
    r.proposalId = id;
    r.revision = revision;
    r.verdict = verdict;
    r.reviewer = reviewer;
    r.reason = reason;
    return r;
}

QStringList seqs(const std::vector<AuditEvent> &events)
{
    QStringList out;
    for (const AuditEvent &e : events)
        out << QString::number(e.seq);
    return out;
}

// What an event says, without what only its store can know (time, hashes, the server's
// stamp of the database user).
QString words(const AuditEvent &e)
{
    QString detail = e.detail;
    detail.remove(QRegularExpression(QStringLiteral("; database user \\S+$")));
    detail.remove(QRegularExpression(QStringLiteral("decision [0-9a-f-]{36}")));
    detail.remove(QRegularExpression(QStringLiteral("; supersedes [0-9a-f-]{36}")));
    detail.remove(QRegularExpression(QStringLiteral("; synced, pushed by [^;]+")));
    return QStringList{e.actor, e.action, e.subject, e.outcome, e.previous, detail}.join(
        QLatin1Char('|'));
}

} // namespace

class StoreContractTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void urlReopensTheSameStore_data() { backends(); }
    void urlReopensTheSameStore();
    void importIsIdempotentAndRevises_data() { backends(); }
    void importIsIdempotentAndRevises();
    void importStreamSumsItsChunks_data() { backends(); }
    void importStreamSumsItsChunks();
    void reportWithoutIdIsRefusedByFileAndLine_data() { backends(); }
    void reportWithoutIdIsRefusedByFileAndLine();
    void queueShowsEachProposalOnce_data() { backends(); }
    void queueShowsEachProposalOnce();
    void proposalReadsEveryRevision_data() { backends(); }
    void proposalReadsEveryRevision();
    void decideRefusesInvalidRequests_data();
    void decideRefusesInvalidRequests();
    void decideSupersedesAndRetracts_data() { backends(); }
    void decideSupersedesAndRetracts();
    void quorumSettingDecidesStatus_data() { backends(); }
    void quorumSettingDecidesStatus();
    void decisionsAreOldestFirstAcrossRevisions_data() { backends(); }
    void decisionsAreOldestFirstAcrossRevisions();
    void allDecisionsSince_data() { backends(); }
    void allDecisionsSince();
    void auditEventsSinceIsAChainRun_data() { backends(); }
    void auditEventsSinceIsAChainRun();
    void sameEventsOnBothBackends();
    void searchText_data() { backends(); }
    void searchText();
    void forEachRiskListReadsEachLatestRevision_data() { backends(); }
    void forEachRiskListReadsEachLatestRevision();
    void diagnosticsCache_data() { backends(); }
    void diagnosticsCache();
    void diagnosticCountsShowInTheQueue_data() { backends(); }
    void diagnosticCountsShowInTheQueue();
    void settings_data() { backends(); }
    void settings();
    void recordAuditEventExtendsTheChain_data() { backends(); }
    void recordAuditEventExtendsTheChain();
    void statisticsReadsQueueDecisionsAndQuorum_data() { backends(); }
    void statisticsReadsQueueDecisionsAndQuorum();
    void capabilities_data() { backends(); }
    void capabilities();

private:
    void backends();
    // A fresh, empty store of the row's backend (skips the row without a server).
    std::unique_ptr<Store> fresh(const QString &backend);
    // Moves one audit event's time (a clock that went back): a test-only write.
    bool backdate(Store &store, const QString &backend, qint64 seq, const QDateTime &at);
    // Imports p1 (two revisions) and p2.
    void fill(Store &store);
    // The events a fixed script leaves, as words().
    QStringList scriptEvents(const QString &backend);

    QTemporaryDir m_dir;
    PgTestServer m_server;
    QString m_pgSkipped;
    int m_count = 0;
    QString m_lastDatabase;
};

void StoreContractTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_pgSkipped = PgTestServer::unavailableReason();
    if (m_pgSkipped.isEmpty())
        QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

void StoreContractTest::backends()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

std::unique_ptr<Store> StoreContractTest::fresh(const QString &backend)
{
    ++m_count;
    QString url;
    if (backend == QLatin1String("postgres")) {
        if (!m_pgSkipped.isEmpty())
            return nullptr;
        m_lastDatabase = QStringLiteral("contract_%1").arg(m_count);
        if (!m_server.createDatabase(m_lastDatabase)) {
            qWarning("%s", qPrintable(m_server.errorString()));
            return nullptr;
        }
        url = m_server.connectionString(m_lastDatabase);
    } else {
        url = m_dir.filePath(QStringLiteral("contract_%1.sqlite").arg(m_count));
    }
    auto store = openStore(url);
    if (!store) {
        qWarning("%s", qPrintable(store.errorMessage()));
        return nullptr;
    }
    return std::move(store).value();
}

#define FRESH_STORE(name)                                                                  \
    QFETCH(QString, backend);                                                              \
    if (backend == QLatin1String("postgres") && !m_pgSkipped.isEmpty())                    \
        QSKIP(qPrintable(m_pgSkipped));                                                    \
    std::unique_ptr<Store> name = fresh(backend);                                          \
    QVERIFY(name)

bool StoreContractTest::backdate(Store &store, const QString &backend, qint64 seq,
                                 const QDateTime &at)
{
    if (backend == QLatin1String("postgres")) {
        // As the superuser with the append-only triggers off (replica role): only a test
        // can do this, and only the time changes (the hashes are left as they were).
        return m_server.psql(QStringLiteral("SET session_replication_role = replica; "
                                            "UPDATE audit_events SET at = '%1' WHERE seq = %2")
                                 .arg(TextForm::formatTime(at))
                                 .arg(seq),
                             m_lastDatabase);
    }
    Q_UNUSED(store)
    return false;
}

void StoreContractTest::fill(Store &store)
{
    const auto first = store.importFiles(
        {makeFile(QStringLiteral("reports/a.txt"),
                  {makeProposal(QStringLiteral("p1"), QStringLiteral("first body"), 1),
                   makeProposal(QStringLiteral("p2"), QStringLiteral("second body"), 40)})},
        QStringLiteral("importer"));
    QVERIFY2(first, qPrintable(first.errorMessage()));
    const auto second = store.importFiles(
        {makeFile(QStringLiteral("reports/b.txt"),
                  {makeProposal(QStringLiteral("p1"), QStringLiteral("first body, revised"), 3)})},
        QStringLiteral("importer"));
    QVERIFY2(second, qPrintable(second.errorMessage()));
}

void StoreContractTest::urlReopensTheSameStore()
{
    FRESH_STORE(store);
    fill(*store);
    QVERIFY(!store->url().isEmpty());
    auto again = openStore(store->url());
    QVERIFY2(again, qPrintable(again.errorMessage()));
    const auto queue = again.value()->queue();
    QVERIFY2(queue, qPrintable(queue.errorMessage()));
    QCOMPARE(int(queue->size()), 2);
}

void StoreContractTest::importIsIdempotentAndRevises()
{
    FRESH_STORE(store);
    const ParsedFile file = makeFile(
        QStringLiteral("reports/a.txt"),
        {makeProposal(QStringLiteral("p1"), QStringLiteral("one")),
         makeProposal(QStringLiteral("p2"), QStringLiteral("two"), 30)});
    ParsedFile broken;
    broken.path = QStringLiteral("reports/binary.bin");
    broken.error = QStringLiteral("not a report");

    auto first = store->importFiles({file, broken}, QStringLiteral("importer"));
    QVERIFY2(first, qPrintable(first.errorMessage()));
    QCOMPARE(first->files, 2);
    QCOMPARE(first->proposals, 2);
    QCOMPARE(first->added, 2);
    QCOMPARE(first->revised, 0);
    QCOMPARE(first->unchanged, 0);
    QCOMPARE(first->fileErrors,
             QStringList{QStringLiteral("reports/binary.bin: not a report")});

    auto again = store->importFiles({file}, QStringLiteral("importer"));
    QVERIFY2(again, qPrintable(again.errorMessage()));
    QCOMPARE(again->added, 0);
    QCOMPARE(again->unchanged, 2);

    auto revised = store->importFiles(
        {makeFile(QStringLiteral("reports/c.txt"),
                  {makeProposal(QStringLiteral("p1"), QStringLiteral("one, changed"))})},
        QStringLiteral("importer"));
    QVERIFY2(revised, qPrintable(revised.errorMessage()));
    QCOMPARE(revised->revised, 1);
    QCOMPARE(revised->added, 0);

    // One import event per new or revised proposal, none for unchanged ones.
    const auto events = store->auditEvents();
    QVERIFY2(events, qPrintable(events.errorMessage()));
    QStringList subjects;
    for (const AuditEvent &e : *events) {
        QCOMPARE(e.action, QStringLiteral("import"));
        subjects << e.subject + QLatin1Char(' ') + e.outcome;
    }
    QCOMPARE(subjects, (QStringList{QStringLiteral("p1@1 new"), QStringLiteral("p2@1 new"),
                                    QStringLiteral("p1@2 revised")}));
}

void StoreContractTest::importStreamSumsItsChunks()
{
    FRESH_STORE(store);
    std::vector<std::vector<ParsedFile>> chunks = {
        {makeFile(QStringLiteral("reports/1.txt"),
                  {makeProposal(QStringLiteral("s1"), QStringLiteral("a"))})},
        {makeFile(QStringLiteral("reports/2.txt"),
                  {makeProposal(QStringLiteral("s2"), QStringLiteral("b")),
                   makeProposal(QStringLiteral("s1"), QStringLiteral("a"), 1)})},
    };
    size_t next = 0;
    const auto summary = store->importStream(
        [&](std::vector<ParsedFile> &chunk) -> Result<bool> {
            if (next == chunks.size())
                return false;
            chunk = chunks[next++];
            return true;
        },
        QStringLiteral("importer"));
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QCOMPARE(summary->files, 2);
    QCOMPARE(summary->proposals, 3);
    QCOMPARE(summary->added, 2);
    QCOMPARE(summary->unchanged, 1);

    // A failing source: the error comes back.
    const auto failed = store->importStream(
        [](std::vector<ParsedFile> &) -> Result<bool> {
            return makeError(QStringLiteral("disk on fire"));
        },
        QStringLiteral("importer"));
    QVERIFY(!failed);
    QCOMPARE(failed.errorMessage(), QStringLiteral("disk on fire"));
}

void StoreContractTest::reportWithoutIdIsRefusedByFileAndLine()
{
    FRESH_STORE(store);
    // The parser keeps a report without an id (with a problem); nothing could decide on
    // it by id, so a store refuses it and says where it is, and stores the rest.
    const auto summary = store->importFiles(
        {makeFile(QStringLiteral("reports/mixed.txt"),
                  {makeProposal(QString(), QStringLiteral("nameless"), 12),
                   makeProposal(QStringLiteral("named"), QStringLiteral("fine"), 40)})},
        QStringLiteral("importer"));
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QCOMPARE(summary->proposals, 2);
    QCOMPARE(summary->added, 1);
    QCOMPARE(summary->fileErrors,
             QStringList{
                 QStringLiteral("reports/mixed.txt:12: proposal without an id not stored")});
    const auto queue = store->queue();
    QVERIFY2(queue, qPrintable(queue.errorMessage()));
    QCOMPARE(int(queue->size()), 1);
    QCOMPARE(queue->front().id, QStringLiteral("named"));
    const auto events = store->auditEvents();
    QVERIFY2(events, qPrintable(events.errorMessage()));
    QCOMPARE(int(events->size()), 1);
}

void StoreContractTest::queueShowsEachProposalOnce()
{
    FRESH_STORE(store);
    fill(*store);
    QVERIFY(store->decide(request(QStringLiteral("p2"), Verdict::Reject, QStringLiteral("alice"),
                                  QStringLiteral("drops a table"))));
    const auto queue = store->queue();
    QVERIFY2(queue, qPrintable(queue.errorMessage()));
    QCOMPARE(int(queue->size()), 2);
    const QueueEntry &p1 = queue->at(0);
    QCOMPARE(p1.id, QStringLiteral("p1"));
    QCOMPARE(p1.revision, 2);
    QCOMPARE(p1.severity, std::optional<int>(6));
    QCOMPARE(p1.blockExecution, std::optional<bool>(false));
    QCOMPARE(p1.kind, QStringLiteral("idea_implementation"));
    QCOMPARE(p1.opportunity, QStringLiteral("Opportunity of p1"));
    QCOMPARE(p1.targets, QStringList{QStringLiteral("generated_1.sql")});
    QCOMPARE(p1.languages, QStringList{QStringLiteral("sql")});
    QCOMPARE(p1.status, Status::Pending);
    QCOMPARE(p1.timestamp, QStringLiteral("2026-01-02T19:12:25.611Z"));
    QVERIFY(p1.importedAt.isValid());
    QCOMPARE(p1.sourceFile, QStringLiteral("reports/b.txt"));
    QCOMPARE(p1.sourceLine, 3);
    QCOMPARE(p1.problems, 1);
    QCOMPARE(p1.errors, -1);
    const QueueEntry &p2 = queue->at(1);
    QCOMPARE(p2.id, QStringLiteral("p2"));
    QCOMPARE(p2.status, Status::Rejected);
}

void StoreContractTest::proposalReadsEveryRevision()
{
    FRESH_STORE(store);
    fill(*store);
    const auto latest = store->proposal(QStringLiteral("p1"));
    QVERIFY2(latest, qPrintable(latest.errorMessage()));
    QCOMPARE(latest->revision, 2);
    QCOMPARE(latest->latestRevision, 2);
    QCOMPARE(latest->proposal.body, QStringLiteral("first body, revised"));
    QCOMPARE(latest->proposal.id, QStringLiteral("p1"));
    QCOMPARE(int(latest->proposal.artifacts.size()), 1);
    QCOMPARE(latest->proposal.artifacts.front().content,
             QStringLiteral("SELECT 1; -- first body, revised"));
    QCOMPARE(latest->proposal.risks, QStringList{QStringLiteral("A risk")});
    QCOMPARE(latest->proposal.mitigations, QStringList{QStringLiteral("A mitigation")});
    QCOMPARE(int(latest->proposal.problems.size()), 1);
    QCOMPARE(latest->proposal.problems.front().message, QStringLiteral("bad severity"));
    QCOMPARE(latest->status, Status::Pending);

    const auto first = store->proposal(QStringLiteral("p1"), 1);
    QVERIFY2(first, qPrintable(first.errorMessage()));
    QCOMPARE(first->revision, 1);
    QCOMPARE(first->latestRevision, 2);
    QCOMPARE(first->proposal.body, QStringLiteral("first body"));

    QVERIFY(!store->proposal(QStringLiteral("p1"), 3));
    QVERIFY(!store->proposal(QStringLiteral("nobody")));
}

void StoreContractTest::decideRefusesInvalidRequests_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("proposal");
    QTest::addColumn<int>("revision");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("reviewer");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    struct Row
    {
        const char *name;
        QString proposal;
        int revision;
        Verdict verdict;
        QString reviewer;
        QString reason;
        QString code;
        QString message;
    };
    const QString p1 = QStringLiteral("p1");
    const std::vector<Row> rows = {
        {"no reviewer", p1, 0, Verdict::Approve, QStringLiteral("  "), {},
         QStringLiteral("invalid"), QStringLiteral("a decision needs a reviewer")},
        {"reject without a reason", p1, 0, Verdict::Reject, QStringLiteral("alice"),
         QStringLiteral(" "), QStringLiteral("invalid"), QStringLiteral("reject needs a reason")},
        {"changes without a reason", p1, 0, Verdict::Changes, QStringLiteral("alice"), {},
         QStringLiteral("invalid"), QStringLiteral("changes needs a reason")},
        {"NUL in the reason", p1, 0, Verdict::Reject, QStringLiteral("alice"),
         QStringLiteral("a") + QChar(0) + QStringLiteral("b"), QStringLiteral("invalid"),
         QStringLiteral("reason contains a NUL character")},
        {"NUL in the proposal id", QStringLiteral("p") + QChar(0), 0, Verdict::Approve,
         QStringLiteral("alice"), {}, QStringLiteral("invalid"),
         QStringLiteral("proposal id contains a NUL character")},
        {"unknown proposal", QStringLiteral("nobody"), 0, Verdict::Approve,
         QStringLiteral("alice"), {}, QStringLiteral("not-found"),
         QStringLiteral("no proposal with id nobody")},
        {"revision beyond the latest", p1, 3, Verdict::Approve, QStringLiteral("alice"), {},
         QStringLiteral("not-found"), QStringLiteral("proposal p1 has no revision 3")},
        {"retract with nothing to retract", p1, 0, Verdict::Retract, QStringLiteral("alice"),
         {}, QStringLiteral("invalid"), QStringLiteral("p1@2 has no decision by alice")},
        {"retract twice", p1, 0, Verdict::Retract, QStringLiteral("bob"), {},
         QStringLiteral("invalid"), QStringLiteral("p1@2 has no decision by bob")},
        {"retract someone else's", p1, 1, Verdict::Retract, QStringLiteral("alice"), {},
         QStringLiteral("invalid"), QStringLiteral("p1@1 has no decision by alice")},
    };
    for (const char *backend : {"sqlite", "postgres"}) {
        for (const Row &r : rows) {
            QTest::addRow("%s: %s", backend, r.name)
                << QString::fromLatin1(backend) << r.proposal << r.revision << int(r.verdict)
                << r.reviewer << r.reason << r.code << r.message;
        }
    }
}

void StoreContractTest::decideRefusesInvalidRequests()
{
    QFETCH(QString, proposal);
    QFETCH(int, revision);
    QFETCH(int, verdict);
    QFETCH(QString, reviewer);
    QFETCH(QString, reason);
    QFETCH(QString, code);
    QFETCH(QString, message);
    FRESH_STORE(store);
    fill(*store);
    // bob decided and retracted on the latest revision; carol decided on revision 1.
    QVERIFY(store->decide(request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("bob"))));
    QVERIFY(store->decide(request(QStringLiteral("p1"), Verdict::Retract, QStringLiteral("bob"))));
    QVERIFY(store->decide(
        request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("carol"), {}, 1)));
    const auto before = store->auditEvents();
    QVERIFY2(before, qPrintable(before.errorMessage()));

    const auto decided = store->decide(
        request(proposal, Verdict(verdict), reviewer, reason, revision));
    QVERIFY(!decided);
    QCOMPARE(decided.error().code, code);
    QVERIFY2(decided.errorMessage().contains(message), qPrintable(decided.errorMessage()));
    // Nothing written.
    QCOMPARE(int(store->decisions(QStringLiteral("p1"))->size()), 3);
    QCOMPARE(seqs(store->auditEvents().value()), seqs(*before));
}

void StoreContractTest::decideSupersedesAndRetracts()
{
    FRESH_STORE(store);
    fill(*store);
    const auto approve =
        store->decide(request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral(" alice ")));
    QVERIFY2(approve, qPrintable(approve.errorMessage()));
    QCOMPARE(approve->proposalId, QStringLiteral("p1"));
    QCOMPARE(approve->revision, 2);
    QCOMPARE(approve->verdict, Verdict::Approve);
    QCOMPARE(approve->reviewer, QStringLiteral("alice"));
    QVERIFY(approve->supersedes.isEmpty());
    QVERIFY(approve->decidedAt.isValid());
    QCOMPARE(approve->uuid.size(), 36);
    QCOMPARE(store->proposal(QStringLiteral("p1"))->status, Status::Approved);

    const auto reject = store->decide(request(QStringLiteral("p1"), Verdict::Reject,
                                              QStringLiteral("alice"), QStringLiteral("no")));
    QVERIFY2(reject, qPrintable(reject.errorMessage()));
    QCOMPARE(reject->supersedes, approve->uuid);
    QCOMPARE(reject->reason, QStringLiteral("no"));
    QCOMPARE(store->proposal(QStringLiteral("p1"))->status, Status::Rejected);

    const auto retract =
        store->decide(request(QStringLiteral("p1"), Verdict::Retract, QStringLiteral("alice")));
    QVERIFY2(retract, qPrintable(retract.errorMessage()));
    QCOMPARE(retract->supersedes, reject->uuid);
    QCOMPARE(store->proposal(QStringLiteral("p1"))->status, Status::Pending);

    const auto events = store->auditEvents();
    QVERIFY2(events, qPrintable(events.errorMessage()));
    QCOMPARE(int(events->size()), 6); // 3 imports, 3 decisions
    const AuditEvent &last = events->back();
    QCOMPARE(last.action, QStringLiteral("decision"));
    QCOMPARE(last.subject, QStringLiteral("p1@2"));
    QCOMPARE(last.outcome, QStringLiteral("retract"));
    QCOMPARE(last.previous, QStringLiteral("reject"));
    QCOMPARE(last.actor, QStringLiteral("alice"));
}

void StoreContractTest::quorumSettingDecidesStatus()
{
    FRESH_STORE(store);
    fill(*store);
    QVERIFY(store->setSetting(QStringLiteral("quorum"), QStringLiteral("2")));
    QCOMPARE(store->quorum().value(), 2);
    // One approval of two needed. (Who counts as a second person differs by design: a
    // reviewer name on a laptop, a login on the team server; see deriveStatus.)
    QVERIFY(store->decide(
        request(QStringLiteral("p2"), Verdict::Approve, QStringLiteral("alice"))));
    QCOMPARE(store->proposal(QStringLiteral("p2"))->status, Status::Pending);
    QCOMPARE(store->queue()->at(1).status, Status::Pending);
    QVERIFY(store->setSetting(QStringLiteral("quorum"), QStringLiteral("1")));
    QCOMPARE(store->proposal(QStringLiteral("p2"))->status, Status::Approved);
    QCOMPARE(store->queue()->at(1).status, Status::Approved);
    QVERIFY(store->setSetting(QStringLiteral("quorum"), QStringLiteral("nonsense")));
    QCOMPARE(store->quorum().value(), 1);
}

void StoreContractTest::decisionsAreOldestFirstAcrossRevisions()
{
    FRESH_STORE(store);
    fill(*store);
    // A decision on the latest revision, then one on the older revision: oldest first
    // means in time, whatever the revision.
    const auto onLatest =
        store->decide(request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("alice")));
    QVERIFY2(onLatest, qPrintable(onLatest.errorMessage()));
    QTest::qWait(5); // a later millisecond
    const auto onFirst = store->decide(
        request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("bob"), {}, 1));
    QVERIFY2(onFirst, qPrintable(onFirst.errorMessage()));
    QVERIFY(onLatest->decidedAt < onFirst->decidedAt);

    const auto decided = store->decisions(QStringLiteral("p1"));
    QVERIFY2(decided, qPrintable(decided.errorMessage()));
    QCOMPARE(int(decided->size()), 2);
    QCOMPARE(decided->at(0).uuid, onLatest->uuid);
    QCOMPARE(decided->at(0).revision, 2);
    QCOMPARE(decided->at(1).uuid, onFirst->uuid);
    QCOMPARE(decided->at(1).revision, 1);
    QVERIFY(store->decisions(QStringLiteral("p2"))->empty());
}

void StoreContractTest::allDecisionsSince()
{
    FRESH_STORE(store);
    fill(*store);
    const auto a =
        store->decide(request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("alice")));
    QVERIFY2(a, qPrintable(a.errorMessage()));
    QTest::qWait(5);
    const auto b =
        store->decide(request(QStringLiteral("p2"), Verdict::Approve, QStringLiteral("bob")));
    QVERIFY2(b, qPrintable(b.errorMessage()));
    const auto all = store->allDecisions();
    QVERIFY2(all, qPrintable(all.errorMessage()));
    QCOMPARE(int(all->size()), 2);
    QCOMPARE(all->at(0).uuid, a->uuid);
    QCOMPARE(all->at(1).uuid, b->uuid);
    const auto since = store->allDecisions(b->decidedAt);
    QVERIFY2(since, qPrintable(since.errorMessage()));
    QCOMPARE(int(since->size()), 1);
    QCOMPARE(since->front().uuid, b->uuid);
    QVERIFY(store->allDecisions(b->decidedAt.addSecs(3600))->empty());
}

void StoreContractTest::auditEventsSinceIsAChainRun()
{
    FRESH_STORE(store);
    fill(*store); // events 1-3
    QVERIFY(store->decide(
        request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("alice"))));
    // Event 5 claims a time long before the others: the clock went back.
    const QDateTime longAgo = utcDateTime(QDate(2000, 1, 1), QTime(0, 0));
    AuditEvent exported;
    exported.actor = QStringLiteral("lena");
    exported.action = QStringLiteral("export");
    exported.subject = QStringLiteral("stdout");
    exported.outcome = QStringLiteral("csv");
    exported.at = longAgo;
    const auto recorded = store->recordAuditEvent(exported);
    QVERIFY2(recorded, qPrintable(recorded.errorMessage()));
    if (recorded->at != longAgo)
        QVERIFY(backdate(*store, backend, recorded->seq, longAgo));
    QVERIFY(store->decide(request(QStringLiteral("p2"), Verdict::Approve, QStringLiteral("bob"))));

    const auto all = store->auditEvents();
    QVERIFY2(all, qPrintable(all.errorMessage()));
    QCOMPARE(int(all->size()), 6);
    QCOMPARE(all->at(4).at, longAgo);
    const QDateTime since = all->at(3).at; // the decision before the backwards clock

    const auto run = store->auditEvents(since);
    QVERIFY2(run, qPrintable(run.errorMessage()));
    // From the first event at or after `since` to the end, the old-stamped one included.
    int first = 0;
    while (all->at(first).at < since)
        ++first;
    const std::vector<AuditEvent> expected(all->begin() + first, all->end());
    QCOMPARE(seqs(*run), seqs(expected));
    QVERIFY(seqs(*run).contains(QString::number(recorded->seq)));
    for (size_t i = 1; i < run->size(); ++i)
        QCOMPARE(run->at(i).prevHash, run->at(i - 1).hash);

    // The CSV export of the same `since` holds the same events, byte for byte.
    QBuffer exportedCsv;
    exportedCsv.open(QIODevice::WriteOnly);
    const auto head = store->exportAuditCsv(exportedCsv, since);
    QVERIFY2(head, qPrintable(head.errorMessage()));
    QBuffer expectedCsv;
    expectedCsv.open(QIODevice::WriteOnly);
    const auto expectedHead = AuditExport::write(expectedCsv, *run, AuditFormat::Csv);
    QCOMPARE(*head, *expectedHead);
    QCOMPARE(exportedCsv.data(), expectedCsv.data());

    QVERIFY(store->auditEvents(QDateTime::currentDateTimeUtc().addDays(1))->empty());
}

QStringList StoreContractTest::scriptEvents(const QString &backend)
{
    std::unique_ptr<Store> store = fresh(backend);
    if (!store)
        return {QStringLiteral("no store")};
    fill(*store);
    const DecisionRequest script[] = {
        request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("alice")),
        request(QStringLiteral("p1"), Verdict::Reject, QStringLiteral("alice"),
                QStringLiteral("on second thought")),
        request(QStringLiteral("p1"), Verdict::Retract, QStringLiteral("alice")),
        request(QStringLiteral("p2"), Verdict::Changes, QStringLiteral("bob"),
                QStringLiteral("rename it")),
    };
    for (const DecisionRequest &r : script) {
        if (const auto decided = store->decide(r); !decided)
            return {decided.errorMessage()};
    }
    QStringList out;
    for (const AuditEvent &e : store->auditEvents().value())
        out << words(e);
    return out;
}

void StoreContractTest::sameEventsOnBothBackends()
{
    if (!m_pgSkipped.isEmpty())
        QSKIP(qPrintable(m_pgSkipped));
    const QStringList sqlite = scriptEvents(QStringLiteral("sqlite"));
    const QStringList postgres = scriptEvents(QStringLiteral("postgres"));
    QCOMPARE(sqlite.size(), 7);
    QCOMPARE(postgres, sqlite);
}

void StoreContractTest::searchText()
{
    FRESH_STORE(store);
    fill(*store);
    QCOMPARE(store->searchText({QStringLiteral("SECOND")}).value(),
             QStringList{QStringLiteral("p2")});
    QCOMPARE(store->searchText({QStringLiteral("body")}).value(),
             (QStringList{QStringLiteral("p1"), QStringLiteral("p2")}));
    // Only the latest revision counts; every word must be there.
    QCOMPARE(store->searchText({QStringLiteral("revised")}).value(),
             QStringList{QStringLiteral("p1")});
    QVERIFY(store->searchText({QStringLiteral("first"), QStringLiteral("second")})->isEmpty());
    QVERIFY(store->searchText({})->isEmpty());
}

void StoreContractTest::forEachRiskListReadsEachLatestRevision()
{
    FRESH_STORE(store);
    Proposal p1 = makeProposal(QStringLiteral("p1"), QStringLiteral("one"), 1);
    p1.risks = QStringList{QStringLiteral("old risk")};
    Proposal p2 = makeProposal(QStringLiteral("p2"), QStringLiteral("two"), 20);
    p2.risks = QStringList{QStringLiteral("Slow failure by 2028-01-02"), QStringLiteral("x")};
    p2.mitigations = QStringList{QStringLiteral("Add audits")};
    QVERIFY(store->importFiles({makeFile(QStringLiteral("reports/a.txt"), {p1, p2})},
                               QStringLiteral("importer"))
                .ok());
    Proposal revised = makeProposal(QStringLiteral("p1"), QStringLiteral("one, revised"), 1);
    revised.risks = QStringList{QStringLiteral("new risk")};
    revised.mitigations = QStringList();
    QVERIFY(store->importFiles({makeFile(QStringLiteral("reports/b.txt"), {revised})},
                               QStringLiteral("importer"))
                .ok());
    QList<QStringList> seen;
    const auto read = store->forEachRiskList([&seen](const QStringList &texts) { seen << texts; });
    QVERIFY2(read, qPrintable(read.errorMessage()));
    // Queue order, the latest revision only, risks then mitigations.
    const QList<QStringList> expected{
        {QStringLiteral("new risk")},
        {QStringLiteral("Slow failure by 2028-01-02"), QStringLiteral("x"),
         QStringLiteral("Add audits")}};
    QCOMPARE(seen, expected);
}

void StoreContractTest::diagnosticsCache()
{
    FRESH_STORE(store);
    const QString artifact = sha(QStringLiteral("SELECT 1;"));
    auto none = store->cachedDiagnostics(artifact, QStringLiteral("v1"));
    QVERIFY2(none, qPrintable(none.errorMessage()));
    QVERIFY(!none->has_value());

    Diagnostic d;
    d.rule = QStringLiteral("syntax-error");
    d.severity = DiagnosticSeverity::Warning;
    d.message = QStringLiteral("near \"SELEC\": syntax error");
    d.file = QStringLiteral("reports/a.txt");
    d.proposalId = QStringLiteral("p1");
    d.artifact = QStringLiteral("generated_1.sql");
    d.line = 9;
    d.column = 3;
    QVERIFY(store->cacheDiagnostics(artifact, QStringLiteral("v1"), {d}));
    QVERIFY(store->cacheDiagnostics(artifact, QStringLiteral("v2"), {}));

    auto cached = store->cachedDiagnostics(artifact, QStringLiteral("v1"));
    QVERIFY2(cached, qPrintable(cached.errorMessage()));
    QVERIFY(cached->has_value());
    QCOMPARE(int((*cached)->size()), 1);
    const Diagnostic &back = (*cached)->front();
    QCOMPARE(back.rule, d.rule);
    QCOMPARE(back.severity, d.severity);
    QCOMPARE(back.message, d.message);
    QCOMPARE(back.artifact, d.artifact);
    QCOMPARE(back.line, 9);
    QCOMPARE(back.column, 3);
    // An empty result is cached too (nothing found is an answer), per checker version.
    auto empty = store->cachedDiagnostics(artifact, QStringLiteral("v2"));
    QVERIFY(empty->has_value());
    QVERIFY((*empty)->empty());
    // Caching again replaces.
    QVERIFY(store->cacheDiagnostics(artifact, QStringLiteral("v1"), {}));
    QVERIFY((*store->cachedDiagnostics(artifact, QStringLiteral("v1")))->empty());
}

void StoreContractTest::diagnosticCountsShowInTheQueue()
{
    FRESH_STORE(store);
    fill(*store);
    QVERIFY(store->setDiagnosticCounts(QStringLiteral("p1"), 2, 3, 2, 1));
    QVERIFY(store->setDiagnosticCounts(QStringLiteral("p2"), 1, 0, 0, 4));
    QVERIFY(store->setDiagnosticCounts(QStringLiteral("p2"), 1, 0, 1, 5)); // replaces
    // Counts of an older revision do not show on the latest.
    QVERIFY(store->setDiagnosticCounts(QStringLiteral("p1"), 1, 9, 9, 9));
    const auto queue = store->queue();
    QVERIFY2(queue, qPrintable(queue.errorMessage()));
    QCOMPARE(queue->at(0).errors, 3);
    QCOMPARE(queue->at(0).warnings, 2);
    QCOMPARE(queue->at(0).infos, 1);
    QCOMPARE(queue->at(1).errors, 0);
    QCOMPARE(queue->at(1).warnings, 1);
    QCOMPARE(queue->at(1).infos, 5);
}

void StoreContractTest::settings()
{
    FRESH_STORE(store);
    QCOMPARE(store->setting(QStringLiteral("reason_presets")).value(), QString());
    QVERIFY(store->setSetting(QStringLiteral("reason_presets"), QStringLiteral("[\"a\"]")));
    QVERIFY(store->setSetting(QStringLiteral("disabled_rules"), QStringLiteral("secret")));
    QCOMPARE(store->setting(QStringLiteral("reason_presets")).value(),
             QStringLiteral("[\"a\"]"));
    QVERIFY(store->setSetting(QStringLiteral("reason_presets"), QString()));
    QCOMPARE(store->setting(QStringLiteral("reason_presets")).value(), QString());
    QCOMPARE(store->setting(QStringLiteral("disabled_rules")).value(), QStringLiteral("secret"));
    QCOMPARE(store->quorum().value(), 1);
    // Another connection sees them: settings live in the database.
    auto other = openStore(store->url());
    QVERIFY2(other, qPrintable(other.errorMessage()));
    QCOMPARE(other.value()->setting(QStringLiteral("disabled_rules")).value(),
             QStringLiteral("secret"));
}

void StoreContractTest::recordAuditEventExtendsTheChain()
{
    FRESH_STORE(store);
    fill(*store);
    const auto before = store->auditEvents();
    QVERIFY2(before, qPrintable(before.errorMessage()));
    AuditEvent e;
    e.actor = QStringLiteral("lena");
    e.action = QStringLiteral("export");
    e.subject = QStringLiteral("audit.csv");
    e.outcome = QStringLiteral("csv");
    e.detail = QStringLiteral("events 3; head x");
    const auto recorded = store->recordAuditEvent(e);
    QVERIFY2(recorded, qPrintable(recorded.errorMessage()));
    QCOMPARE(recorded->seq, before->back().seq + 1);
    QCOMPARE(recorded->prevHash, before->back().hash);
    QCOMPARE(recorded->hash.size(), 64);
    QVERIFY(recorded->at.isValid());
    QCOMPARE(recorded->action, QStringLiteral("export"));
    QVERIFY(recorded->detail.startsWith(e.detail));
    const auto after = store->auditEvents();
    QCOMPARE(int(after->size()), int(before->size()) + 1);
    QCOMPARE(after->back().hash, recorded->hash);
    QCOMPARE(after->back().detail, recorded->detail);
}

void StoreContractTest::statisticsReadsQueueDecisionsAndQuorum()
{
    FRESH_STORE(store);
    fill(*store);
    QVERIFY(store->setSetting(QStringLiteral("quorum"), QStringLiteral("3")));
    QVERIFY(store->decide(
        request(QStringLiteral("p1"), Verdict::Approve, QStringLiteral("alice"))));
    const auto stats = store->statistics();
    QVERIFY2(stats, qPrintable(stats.errorMessage()));
    QCOMPARE(int(stats->queue.size()), 2);
    QCOMPARE(int(stats->decisions.size()), 1);
    QCOMPARE(stats->decisions.front().reviewer, QStringLiteral("alice"));
    QCOMPARE(stats->quorum, 3);
}

void StoreContractTest::capabilities()
{
    FRESH_STORE(store);
    const StoreCapabilities c = store->capabilities();
    // The laptop's import is one transaction; the server commits chunk by chunk and
    // streams its (possibly huge) audit log.
    QCOMPARE(c.importsInOneTransaction, backend == QLatin1String("sqlite"));
    QCOMPARE(c.streamsAuditCsv, backend == QLatin1String("postgres"));
}

QTEST_GUILESS_MAIN(StoreContractTest)
#include "storecontract_test.moc"
