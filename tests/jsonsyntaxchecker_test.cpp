// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/jsonsyntaxchecker.h"

#include <QTest>

using namespace verdict;

class JsonSyntaxCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("json")); }
    void fixtures();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void JsonSyntaxCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    JsonSyntaxChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

QTEST_GUILESS_MAIN(JsonSyntaxCheckerTest)
#include "jsonsyntaxchecker_test.moc"
