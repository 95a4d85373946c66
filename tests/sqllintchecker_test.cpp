// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/sqllintchecker.h"

#include <QTest>

using namespace verdict;

class SqlLintCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("sqllint")); }
    void fixtures();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void SqlLintCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    SqlLintChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

QTEST_GUILESS_MAIN(SqlLintCheckerTest)
#include "sqllintchecker_test.moc"
