// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/pythonsyntaxchecker.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace verdict;

class PythonSyntaxCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("python")); }
    void fixtures();
    void oneLongLivedWorker();
    void restartsAfterDeath();
    void hangIsCutOff();
    void missingInterpreter();
    void mismatchChecksDetectedLanguage();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void PythonSyntaxCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    PythonSyntaxChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

// Many snippets, one python3 process.
void PythonSyntaxCheckerTest::oneLongLivedWorker()
{
    PythonSyntaxChecker checker;
    QVERIFY2(checker.available(), "python3 is needed for this test");
    for (int i = 0; i < 50; ++i) {
        // Texts differ each time: the checker would answer a text it saw from memory.
        const Artifact good = checkerfixtures::artifactFromText(
            QStringLiteral("a.py"), QStringLiteral("x = %1\n").arg(i));
        const Artifact bad = checkerfixtures::artifactFromText(
            QStringLiteral("b.py"), QStringLiteral("x = (%1,\n").arg(i));
        QCOMPARE(checker.check(good, checkerfixtures::proposalFor(good)).size(), size_t(0));
        QCOMPARE(checker.check(bad, checkerfixtures::proposalFor(bad)).size(), size_t(1));
    }
    QCOMPARE(checker.workerStarts(), 1);
}

void PythonSyntaxCheckerTest::restartsAfterDeath()
{
    PythonSyntaxChecker checker;
    const Artifact bad = checkerfixtures::artifactFromText(QStringLiteral("b.py"),
                                                           QStringLiteral("def f(:\n"));
    QCOMPARE(checkerfixtures::describe(checker.check(bad, checkerfixtures::proposalFor(bad))),
             QStringLiteral("syntax-error@1:7"));
    const qint64 pid = checker.workerPid();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    // The dead worker is noticed on the next request, which restarts it and answers. (Another
    // text: the checker keeps its latest answers, so the same text would not ask at all.)
    const Artifact bad2 = checkerfixtures::artifactFromText(QStringLiteral("b.py"),
                                                            QStringLiteral("def g(:\n"));
    auto first = checker.check(bad2, checkerfixtures::proposalFor(bad2));
    if (first.size() == 1 && first.front().rule == QLatin1String("not-checked"))
        first = checker.check(bad2, checkerfixtures::proposalFor(bad2));
    QCOMPARE(checkerfixtures::describe(first), QStringLiteral("syntax-error@1:7"));
    QCOMPARE(checker.workerStarts(), 2);
}

// A worker that never answers (a stand-in for a snippet that hangs the parser) is killed at
// the timeout and the snippet reported as not checked.
void PythonSyntaxCheckerTest::hangIsCutOff()
{
    QTemporaryDir dir;
    const QString fake = dir.filePath(QStringLiteral("python3"));
    QFile f(fake);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nexec sleep 30\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    PythonSyntaxChecker checker(fake);
    checker.setTimeoutMs(300);
    const Artifact a = checkerfixtures::artifactFromText(QStringLiteral("a.py"),
                                                         QStringLiteral("x = 1\n"));
    QElapsedTimer timer;
    timer.start();
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QVERIFY2(timer.elapsed() < 5000, "the timeout must cut the request off");
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QCOMPARE(found.front().severity, DiagnosticSeverity::Info);
    QVERIFY(!checker.check(a, checkerfixtures::proposalFor(a)).empty());
    QCOMPARE(checker.workerStarts(), 2);
}

void PythonSyntaxCheckerTest::missingInterpreter()
{
    PythonSyntaxChecker checker(QStringLiteral("/nonexistent/python3"));
    QVERIFY(!checker.available());
    const Artifact a = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("python/unexpected_indent.py")));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QCOMPARE(found.front().severity, DiagnosticSeverity::Info);
    QCOMPARE(found.front().message,
             QStringLiteral("Python not checked: python3 is not installed"));
}

// Sample 003: declared SQL, content Python: the Python parser runs, and says why.
void PythonSyntaxCheckerTest::mismatchChecksDetectedLanguage()
{
    PythonSyntaxChecker checker;
    const Artifact a = checkerfixtures::artifactFromFile(checkerfixtures::dataDir(
        QStringLiteral("languagemismatch/sample003_python_as.sql")));
    QVERIFY(checker.appliesTo(a));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("syntax-error@4:34"));
    QVERIFY2(found.front().message.contains(QLatin1String("checked as Python")),
             qPrintable(found.front().message));
}

QTEST_GUILESS_MAIN(PythonSyntaxCheckerTest)
#include "pythonsyntaxchecker_test.moc"
