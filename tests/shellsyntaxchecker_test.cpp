// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/shellsyntaxchecker.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class ShellSyntaxCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("shell")); }
    void fixtures();
    void missingTool();
    void oneLongLivedWorker();
    void neverExecutes();
    void hangIsCutOff();
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

// Many scripts, one bash process (a subshell is forked per script, not a bash started).
void ShellSyntaxCheckerTest::oneLongLivedWorker()
{
    ShellSyntaxChecker checker;
    QVERIFY2(checker.available(), "bash is needed for this test");
    for (int i = 0; i < 50; ++i) {
        const Artifact good = checkerfixtures::artifactFromText(
            QStringLiteral("a.sh"), QStringLiteral("echo %1\n").arg(i));
        const Artifact bad = checkerfixtures::artifactFromText(
            QStringLiteral("b.sh"), QStringLiteral("echo %1\nif true; then\n").arg(i));
        QCOMPARE(
            checkerfixtures::describe(checker.check(good, checkerfixtures::proposalFor(good))),
            QStringLiteral("clean"));
        // "unexpected end of file" after the last line: the last line.
        QCOMPARE(
            checkerfixtures::describe(checker.check(bad, checkerfixtures::proposalFor(bad))),
            QStringLiteral("syntax-error@2:1"));
    }
    QCOMPARE(checker.workerStarts(), 1);
}

// The script is parsed with execution off from its first line: turning it back on, command
// substitutions (even in a here-document or [[ ]]), traps and exit do nothing.
void ShellSyntaxCheckerTest::neverExecutes()
{
    QTemporaryDir dir;
    const QString mark = dir.filePath(QStringLiteral("executed"));
    const QString script = QStringLiteral(
        "touch %1.1\nset +n\nset +o noexec\ntouch %1.2\nx=$(touch %1.3)\n"
        "cat <<EOF\n$(touch %1.4)\nEOF\n[[ $(touch %1.5) ]]\ntrap 'touch %1.6' EXIT\n"
        "exec touch %1.7\n").arg(mark);
    ShellSyntaxChecker checker;
    const Artifact a = checkerfixtures::artifactFromText(QStringLiteral("evil.sh"), script);
    QCOMPARE(checkerfixtures::describe(checker.check(a, checkerfixtures::proposalFor(a))),
             QStringLiteral("clean"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{});
}

// A worker that never answers (a stand-in for a script that hangs the parser) is killed at
// the timeout, with whatever it forked, and the script reported as not checked.
void ShellSyntaxCheckerTest::hangIsCutOff()
{
    QTemporaryDir dir;
    const QString fake = dir.filePath(QStringLiteral("bash"));
    QFile f(fake);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nsleep 30 &\nexec sleep 30\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    ShellSyntaxChecker checker(fake);
    checker.setTimeoutMs(300);
    const Artifact a = checkerfixtures::artifactFromText(QStringLiteral("a.sh"),
                                                         QStringLiteral("echo hi\n"));
    QElapsedTimer timer;
    timer.start();
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QVERIFY2(timer.elapsed() < 5000, "the timeout must cut the request off");
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QVERIFY2(found.front().message.contains(QLatin1String("longer than")),
             qPrintable(found.front().message));
}

QTEST_GUILESS_MAIN(ShellSyntaxCheckerTest)
#include "shellsyntaxchecker_test.moc"
