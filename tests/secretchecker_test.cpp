// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/secretchecker.h"

#include <QTest>

using namespace verdict;

class SecretCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("secret")); }
    void fixtures();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void SecretCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    SecretChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

QTEST_GUILESS_MAIN(SecretCheckerTest)
#include "secretchecker_test.moc"
