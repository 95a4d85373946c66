// SPDX-License-Identifier: GPL-3.0-or-later
// Store::searchText, the whole-text search behind the filter's free words: the same rows
// against SQLite and (when the server binaries exist) a throwaway PostgreSQL.
#include "pgtest.h"
#include "store/postgresstore.h"
#include "store/sqlitestore.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;
using verdict::test::PgTestServer;

class StoreSearchTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void search_data();
    void search();

private:
    void fill(Store &store);

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_sqlite;
    PgTestServer m_server;
    std::unique_ptr<Store> m_postgres;
    QString m_pgSkipped;
};

namespace {

Proposal makeProposal(const QString &id, const QString &body, const QString &artifact,
                      const QStringList &risks, const QStringList &mitigations)
{
    Proposal p;
    p.id = id;
    p.sourceFile = QStringLiteral("reports/%1.txt").arg(id);
    p.sourceLine = 1;
    p.endLine = 30;
    p.kind = QStringLiteral("idea_implementation");
    p.opportunity = QStringLiteral("Opportunity of %1").arg(id);
    p.body = body;
    p.bodyFirstLine = 7;
    if (!artifact.isNull()) {
        Artifact a;
        a.path = QStringLiteral("generated_1.sql");
        a.declaredLanguage = QStringLiteral("sql");
        a.language = QStringLiteral("sql");
        a.firstLine = 9;
        a.lastLine = 9;
        a.content = artifact;
        a.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(artifact.toUtf8(), QCryptographicHash::Sha256).toHex());
        p.artifacts.push_back(a);
    }
    p.risks = risks;
    p.mitigations = mitigations;
    p.sha256 = QString::fromLatin1(
        QCryptographicHash::hash((id + body + artifact + risks.join(QLatin1Char('|'))
                                  + mitigations.join(QLatin1Char('|')))
                                     .toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex());
    return p;
}

} // namespace

void StoreSearchTest::fill(Store &store)
{
    ParsedFile first;
    first.path = QStringLiteral("reports/search.txt");
    first.proposals = {
        makeProposal(QStringLiteral("p_body"), QStringLiteral("Integrate with Zanzibar payments"),
                     QStringLiteral("SELECT 1;"), {QStringLiteral("Vendor lock-in")},
                     {QStringLiteral("Keep an exit plan")}),
        makeProposal(QStringLiteral("p_artifact"), QStringLiteral("Create the table"),
                     QStringLiteral("CREATE TABLE quokka_sightings (id int);"),
                     {QStringLiteral("None")}, {QStringLiteral("None")}),
        makeProposal(QStringLiteral("p_risk"), QStringLiteral("Tune the cache"), QString(),
                     {QStringLiteral("Flamingo effect: stale reads")},
                     {QStringLiteral("Say \"hello\" to the on-call")}),
        makeProposal(QStringLiteral("p_mitigation"), QStringLiteral("Spend less"), QString(),
                     {QStringLiteral("Overspend")},
                     {QStringLiteral("Cap at 100% of the_budget")}),
        makeProposal(QStringLiteral("p_revised"), QStringLiteral("Old words: walrus"),
                     QString(), {}, {}),
        makeProposal(QStringLiteral("p_unicode"), QStringLiteral("Préparer l'ÉTÉ pour Москва"),
                     QString(), {QStringLiteral("Ωμέγα risk")}, {}),
    };
    QVERIFY(store.importFiles({first}, QStringLiteral("test")).ok());
    // A new revision drops "walrus": only latest revisions are searched.
    ParsedFile second;
    second.path = QStringLiteral("reports/search2.txt");
    second.proposals = {makeProposal(QStringLiteral("p_revised"), QStringLiteral("New words"),
                                     QString(), {}, {})};
    QVERIFY(store.importFiles({second}, QStringLiteral("test")).ok());
}

void StoreSearchTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto sqlite = SqliteStore::open(m_dir.filePath(QStringLiteral("search.sqlite")));
    QVERIFY2(sqlite, qPrintable(sqlite.errorMessage()));
    m_sqlite = std::move(sqlite).value();
    fill(*m_sqlite);

    m_pgSkipped = PgTestServer::unavailableReason();
    if (!m_pgSkipped.isEmpty())
        return;
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.createDatabase(QStringLiteral("verdict_test")),
             qPrintable(m_server.errorString()));
    auto pg = PostgresStore::open(m_server.connectionString());
    QVERIFY2(pg, qPrintable(pg.errorMessage()));
    m_postgres = std::move(pg).value();
    fill(*m_postgres);
}

void StoreSearchTest::search_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<QStringList>("ids");
    struct Row
    {
        const char *name;
        QStringList words;
        QStringList ids;
        // Case beyond ASCII: SQLite folds all of Unicode; PostgreSQL's lower() does so on a
        // server whose LC_CTYPE is a UTF-8 locale, not on this test server's C locale.
        bool sqliteOnly = false;
    };
    const std::vector<Row> rows = {
        {"only in the body", {QStringLiteral("zanzibar")}, {QStringLiteral("p_body")}},
        {"only in an artifact", {QStringLiteral("QUOKKA_sight")},
         {QStringLiteral("p_artifact")}},
        {"in a risk", {QStringLiteral("flamingo effect")}, {QStringLiteral("p_risk")}},
        {"in a mitigation", {QStringLiteral("exit plan")}, {QStringLiteral("p_body")}},
        {"quotes in the text", {QStringLiteral("say \"hello\"")}, {QStringLiteral("p_risk")}},
        {"percent and underscore literal", {QStringLiteral("100% of the_budget")},
         {QStringLiteral("p_mitigation")}},
        {"underscore is no wildcard", {QStringLiteral("the budget")}, {}},
        {"percent is no wildcard", {QStringLiteral("%")}, {QStringLiteral("p_mitigation")}},
        {"every word, different fields", {QStringLiteral("zanzibar"), QStringLiteral("lock-in")},
         {QStringLiteral("p_body")}},
        {"every word, different proposals",
         {QStringLiteral("zanzibar"), QStringLiteral("quokka")}, {}},
        {"several proposals in queue order", {QStringLiteral("THE")},
         {QStringLiteral("p_artifact"), QStringLiteral("p_risk"), QStringLiteral("p_mitigation")}},
        {"old revision only", {QStringLiteral("walrus")}, {}},
        {"latest revision", {QStringLiteral("new words")}, {QStringLiteral("p_revised")}},
        {"not present", {QStringLiteral("zebra")}, {}},
        {"no words", {}, {}},
        {"ASCII word in non-ASCII text", {QStringLiteral("POUR")}, {QStringLiteral("p_unicode")}},
        {"accented letters, other case", {QStringLiteral("été")}, {QStringLiteral("p_unicode")},
         true},
        {"Cyrillic, other case", {QStringLiteral("МОСКВА")}, {QStringLiteral("p_unicode")}, true},
        {"Greek in a risk, other case", {QStringLiteral("ΩΜΈΓΑ")}, {QStringLiteral("p_unicode")},
         true},
        {"accents still matter", {QStringLiteral("ete")}, {}},
    };
    for (const char *backend : {"sqlite", "postgres"}) {
        for (const Row &r : rows) {
            if (r.sqliteOnly && QLatin1String(backend) != QLatin1String("sqlite"))
                continue;
            QTest::addRow("%s: %s", backend, r.name)
                << QString::fromLatin1(backend) << r.words << r.ids;
        }
    }
}

void StoreSearchTest::search()
{
    QFETCH(QString, backend);
    QFETCH(QStringList, words);
    QFETCH(QStringList, ids);
    Store *store = m_sqlite.get();
    if (backend == QLatin1String("postgres")) {
        if (!m_pgSkipped.isEmpty())
            QSKIP(qPrintable(m_pgSkipped));
        store = m_postgres.get();
    }
    QVERIFY(store);
    const Result<QStringList> found = store->searchText(words);
    QVERIFY2(found, qPrintable(found.errorMessage()));
    QCOMPARE(found.value(), ids);
}

QTEST_GUILESS_MAIN(StoreSearchTest)
#include "storesearch_test.moc"
