// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/shellsyntaxchecker.h"

#include <QTest>

using namespace verdict;

class ShellSyntaxCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("shell")); }
    void fixtures();
    void missingTool();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void ShellSyntaxCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    ShellSyntaxChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

// Without the tool: exactly one info, never a false error.
void ShellSyntaxCheckerTest::missingTool()
{
    ShellSyntaxChecker checker(QStringLiteral("/nonexistent/tool"));
    QVERIFY(!checker.available());
    const Artifact a = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("shell/missing_fi.sh")));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QCOMPARE(found.front().severity, DiagnosticSeverity::Info);
    QCOMPARE(found.front().message,
             QStringLiteral("shell script not checked: bash is not installed"));
}

QTEST_GUILESS_MAIN(ShellSyntaxCheckerTest)
#include "shellsyntaxchecker_test.moc"
