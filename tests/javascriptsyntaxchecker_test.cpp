// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/javascriptsyntaxchecker.h"

#include <QTest>

using namespace verdict;

class JavaScriptSyntaxCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("javascript")); }
    void fixtures();
    void missingTool();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void JavaScriptSyntaxCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    JavaScriptSyntaxChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

// Without the tool: exactly one info, never a false error.
void JavaScriptSyntaxCheckerTest::missingTool()
{
    JavaScriptSyntaxChecker checker(QStringLiteral("/nonexistent/tool"));
    QVERIFY(!checker.available());
    const Artifact a = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("javascript/missing_operand.js")));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QCOMPARE(found.front().severity, DiagnosticSeverity::Info);
    QCOMPARE(found.front().message,
             QStringLiteral("JavaScript not checked: node is not installed"));
}

QTEST_GUILESS_MAIN(JavaScriptSyntaxCheckerTest)
#include "javascriptsyntaxchecker_test.moc"
