// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/sqlsyntaxchecker.h"

#include <QTest>

using namespace verdict;

class SqlSyntaxCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("sqlsyntax")); }
    void fixtures();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void SqlSyntaxCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    SqlSyntaxChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

QTEST_GUILESS_MAIN(SqlSyntaxCheckerTest)
#include "sqlsyntaxchecker_test.moc"
