// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/destructivesqlchecker.h"

#include <QTest>

using namespace verdict;

class DestructiveSqlCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("destructivesql")); }
    void fixtures();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void DestructiveSqlCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    DestructiveSqlChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

QTEST_GUILESS_MAIN(DestructiveSqlCheckerTest)
#include "destructivesqlchecker_test.moc"
