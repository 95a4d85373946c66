// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/languagemismatchchecker.h"

#include <QTest>

using namespace verdict;

class LanguageMismatchCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("languagemismatch")); }
    void fixtures();
    void wellFormedNotFlagged_data();
    void wellFormedNotFlagged();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void LanguageMismatchCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    LanguageMismatchChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

// Every well-formed artifact of every checker's fixtures keeps its declared language.
void LanguageMismatchCheckerTest::wellFormedNotFlagged_data()
{
    QTest::addColumn<QString>("path");
    const QDir root(checkerfixtures::dataDir(QString()));
    for (const QString &dir : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (dir == QLatin1String("languagemismatch") || dir == QLatin1String("reports"))
            continue;
        for (const QFileInfo &f : QDir(root.filePath(dir)).entryInfoList(QDir::Files)) {
            if (f.fileName() != QLatin1String("expected.tsv"))
                QTest::newRow(qPrintable(dir + QLatin1Char('/') + f.fileName()))
                    << f.absoluteFilePath();
        }
    }
}

void LanguageMismatchCheckerTest::wellFormedNotFlagged()
{
    QFETCH(QString, path);
    LanguageMismatchChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), QStringLiteral("clean"));
}

QTEST_GUILESS_MAIN(LanguageMismatchCheckerTest)
#include "languagemismatchchecker_test.moc"
