// SPDX-License-Identifier: GPL-3.0-or-later
// Importer: the streamed import `verdict-cli import` runs. Whatever the chunk size, it must
// store exactly what one importFiles() call over the same files stores, report bad files in
// order, and keep the whole import one transaction (a cancel stores nothing).
#include "report/reportparser.h"
#include "store/importer.h"
#include "store/sqlitestore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

namespace {

QStringList fixtureFiles()
{
    return ReportParser::collectFiles({QStringLiteral(VERDICT_TEST_DATA "/reports"),
                                       QStringLiteral(VERDICT_SAMPLES)});
}

// What the queue shows, as comparable text: id, revision, targets, languages, problems.
QStringList queueText(Store &store)
{
    QStringList rows;
    const auto queue = store.queue();
    if (!queue)
        return {QStringLiteral("error: ") + queue.errorMessage()};
    for (const QueueEntry &e : *queue) {
        rows << e.id + QLatin1Char(' ') + QString::number(e.revision) + QLatin1Char(' ')
                    + e.targets.join(QLatin1Char(',')) + QLatin1Char(' ')
                    + e.languages.join(QLatin1Char(',')) + QLatin1Char(' ')
                    + QString::number(e.problems) + QLatin1Char(' ') + e.sourceFile
                    + QLatin1Char(':') + QString::number(e.sourceLine);
    }
    rows.sort();
    return rows;
}

} // namespace

class ImporterTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAsImportFiles_data();
    void sameAsImportFiles();
    void reportsBadFilesInOrder();
    void cancelStoresNothing();
    void emptyListIsAnEmptyImport();
};

void ImporterTest::sameAsImportFiles_data()
{
    QTest::addColumn<int>("chunkFiles");
    QTest::newRow("one file per chunk") << 1;
    QTest::newRow("three files per chunk") << 3;
    QTest::newRow("everything in one chunk") << 1000;
}

void ImporterTest::sameAsImportFiles()
{
    QFETCH(int, chunkFiles);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QStringList files = fixtureFiles();
    QVERIFY2(files.size() > 10, "fixtures missing");

    auto reference = SqliteStore::open(dir.filePath(QStringLiteral("reference.sqlite")));
    QVERIFY(reference.ok());
    std::vector<ParsedFile> parsed;
    for (const QString &f : files)
        parsed.push_back(ReportParser::parseFile(f));
    const auto expected = (*reference)->importFiles(parsed, QStringLiteral("t"));
    QVERIFY(expected.ok());

    auto streamed = SqliteStore::open(dir.filePath(QStringLiteral("streamed.sqlite")));
    QVERIFY(streamed.ok());
    Importer::Options options;
    options.chunkFiles = chunkFiles;
    const auto summary = Importer::run(**streamed, files, QStringLiteral("t"), options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->files, expected->files);
    QCOMPARE(summary->proposals, expected->proposals);
    QCOMPARE(summary->added, expected->added);
    QCOMPARE(summary->revised, expected->revised);
    QCOMPARE(summary->fileErrors, expected->fileErrors);
    QCOMPARE(queueText(**streamed), queueText(**reference));
    // One audit event per new proposal or revision, on one chain.
    const int events = expected->added + expected->revised;
    QCOMPARE(int((*streamed)->auditEvents()->size()), events);

    // Again: the same outcome as importFiles again (fixtures repeat some ids with other
    // content, so not everything is unchanged).
    const auto expectedAgain = (*reference)->importFiles(parsed, QStringLiteral("t"));
    QVERIFY(expectedAgain.ok());
    const auto again = Importer::run(**streamed, files, QStringLiteral("t"), options);
    QVERIFY(again.ok());
    QCOMPARE(again->unchanged, expectedAgain->unchanged);
    QCOMPARE(again->revised, expectedAgain->revised);
    QCOMPARE(again->added, 0);
    QCOMPARE(queueText(**streamed), queueText(**reference));
}

void ImporterTest::reportsBadFilesInOrder()
{
    QTemporaryDir dir;
    auto store = SqliteStore::open(dir.filePath(QStringLiteral("s.sqlite")));
    QVERIFY(store.ok());
    const QString data = QStringLiteral(VERDICT_TEST_DATA "/reports/");
    const QStringList files{data + QStringLiteral("binary.bin"),
                            data + QStringLiteral("multi.txt"),
                            data + QStringLiteral("empty.txt")};
    QStringList seen;
    Importer::Options options;
    options.chunkFiles = 1;
    options.fileError = [&seen](const ParsedFile &file) {
        seen << QDir(file.path).dirName() + QStringLiteral(": ") + file.error;
    };
    const auto summary = Importer::run(**store, files, QStringLiteral("t"), options);
    QVERIFY(summary.ok());
    QCOMPARE(seen.size(), 2);
    QVERIFY2(seen.at(0).startsWith(QLatin1String("binary.bin: binary file")),
             qPrintable(seen.at(0)));
    QCOMPARE(seen.at(1), QStringLiteral("empty.txt: empty file"));
    QCOMPARE(summary->fileErrors.size(), 2);
    QCOMPARE(summary->files, 3);
}

void ImporterTest::cancelStoresNothing()
{
    QTemporaryDir dir;
    auto store = SqliteStore::open(dir.filePath(QStringLiteral("s.sqlite")));
    QVERIFY(store.ok());
    Importer::Options options;
    options.chunkFiles = 2;
    int calls = 0;
    options.progress = [&calls](int, int) { return ++calls < 3; };
    const auto summary = Importer::run(**store, fixtureFiles(), QStringLiteral("t"), options);
    QVERIFY(!summary.ok());
    QCOMPARE(summary.error().code, QStringLiteral("cancelled"));
    QCOMPARE(calls, 3);
    // Two chunks had been stored before the cancel: rolled back with the rest.
    QCOMPARE(int((*store)->queue()->size()), 0);
    QCOMPARE(int((*store)->auditEvents()->size()), 0);
}

void ImporterTest::emptyListIsAnEmptyImport()
{
    QTemporaryDir dir;
    auto store = SqliteStore::open(dir.filePath(QStringLiteral("s.sqlite")));
    QVERIFY(store.ok());
    const auto summary = Importer::run(**store, {}, QStringLiteral("t"));
    QVERIFY(summary.ok());
    QCOMPARE(summary->files, 0);
    QCOMPARE(summary->proposals, 0);
}

QTEST_GUILESS_MAIN(ImporterTest)
#include "importer_test.moc"
