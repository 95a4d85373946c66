// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/checkerset.h"
#include "diagnostics/pyflakeschecker.h"

#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class PyflakesCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("pyflakes")); }
    void fixtures();
    void severities_data();
    void severities();
    void messagesSayWhat();
    void oneLongLivedWorker();
    void missingLinter_data();
    void missingLinter();
    void unknownMessageClass();
    void cacheKeyFollowsTheLinters();
};

namespace {

QString fakePython(const QTemporaryDir &dir, const QByteArray &script)
{
    const QString path = dir.filePath(QStringLiteral("python3"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(script);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

} // namespace

// Exact rule, line and column (artifact lines, UTF-16 columns) for every fixture.
void PyflakesCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    PyflakesChecker checker;
    QVERIFY2(checker.available(), "pyflakes is needed for this test (python3-pyflakes)");
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

void PyflakesCheckerTest::severities_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("severity");
    QTest::newRow("undefined-name") << QStringLiteral("pyflakes/undefined-name")
                                    << int(DiagnosticSeverity::Error);
    QTest::newRow("return-outside-function") << QStringLiteral("pyflakes/return-outside-function")
                                             << int(DiagnosticSeverity::Error);
    QTest::newRow("redefined-while-unused") << QStringLiteral("pyflakes/redefined-while-unused")
                                            << int(DiagnosticSeverity::Warning);
    QTest::newRow("unused-variable") << QStringLiteral("pyflakes/unused-variable")
                                     << int(DiagnosticSeverity::Warning);
    QTest::newRow("unused-import") << QStringLiteral("pyflakes/unused-import")
                                   << int(DiagnosticSeverity::Info);
}

// The documented mapping (docs/USER-GUIDE.md) is the one the checker reports with.
void PyflakesCheckerTest::severities()
{
    QFETCH(QString, rule);
    QFETCH(int, severity);
    const auto &rules = PyflakesChecker::rules();
    const auto it = std::find_if(rules.begin(), rules.end(),
                                 [&](const RuleInfo &r) { return r.id == rule; });
    QVERIFY(it != rules.end());
    QCOMPARE(int(it->level), severity);
    PyflakesChecker checker;
    const QStringList files{
        QStringLiteral("hallucinated_helper.py"), QStringLiteral("return_outside.py"),
        QStringLiteral("redefinition.py"), QStringLiteral("format_mismatch.py"),
        QStringLiteral("unused_import.py")};
    bool seen = false;
    for (const QString &file : files) {
        const Artifact a = checkerfixtures::artifactFromFile(
            checkerfixtures::dataDir(QStringLiteral("pyflakes/")) + file);
        for (const Diagnostic &d : checker.check(a, checkerfixtures::proposalFor(a))) {
            if (d.rule == rule) {
                QCOMPARE(int(d.severity), severity);
                seen = true;
            }
        }
    }
    QVERIFY2(seen, "a fixture shows the rule");
}

// A hallucinated helper is named, and the message says why it matters; no wiki links.
void PyflakesCheckerTest::messagesSayWhat()
{
    PyflakesChecker checker;
    const Artifact a = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("pyflakes/hallucinated_helper.py")));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(found.size(), size_t(1));
    QCOMPARE(found.front().message,
             QStringLiteral("undefined name 'normalize_user_record': nothing in this file "
                            "defines or imports it"));
    QCOMPARE(found.front().artifact, QStringLiteral("hallucinated_helper.py"));
}

// Many snippets, one worker process.
void PyflakesCheckerTest::oneLongLivedWorker()
{
    PyflakesChecker checker;
    const Artifact good = checkerfixtures::artifactFromText(QStringLiteral("a.py"),
                                                            QStringLiteral("import os\nos.sep\n"));
    const Artifact bad = checkerfixtures::artifactFromText(QStringLiteral("b.py"),
                                                           QStringLiteral("print(nope)\n"));
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(checker.check(good, checkerfixtures::proposalFor(good)).size(), size_t(0));
        QCOMPARE(checker.check(bad, checkerfixtures::proposalFor(bad)).size(), size_t(1));
    }
    QCOMPARE(checker.workerStarts(), 1);
}

void PyflakesCheckerTest::missingLinter_data()
{
    QTest::addColumn<QByteArray>("script"); // empty: a path that does not exist
    QTest::newRow("no such interpreter") << QByteArray();
    // A python3 that runs but has no pyflakes (a pyenv or venv python, or Debian's without
    // python3-pyflakes): -S leaves out the system's site-packages.
    QTest::newRow("python3 without pyflakes")
        << QByteArray("#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
}

// Without pyflakes: exactly one info per artifact, naming the Debian package; never an error.
void PyflakesCheckerTest::missingLinter()
{
    QFETCH(QByteArray, script);
    QTemporaryDir dir;
    const QString python = script.isEmpty() ? QStringLiteral("/nonexistent/python3")
                                            : fakePython(dir, script);
    PyflakesChecker checker(python);
    QVERIFY(!checker.available());
    const Artifact a = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("pyflakes/hallucinated_helper.py")));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QCOMPARE(found.front().severity, DiagnosticSeverity::Info);
    QCOMPARE(found.front().message,
             QStringLiteral("Python not linted: pyflakes is not installed (Debian package "
                            "python3-pyflakes)"));
}

// A message class this build does not map (a newer pyflakes) still gets a stable id.
void PyflakesCheckerTest::unknownMessageClass()
{
    QCOMPARE(PyflakesChecker::ruleFor(QStringLiteral("UndefinedName")),
             QStringLiteral("pyflakes/undefined-name"));
    QCOMPARE(PyflakesChecker::ruleFor(QStringLiteral("SomeFutureMessage")),
             QStringLiteral("pyflakes/some-future-message"));
}

// Installing or removing a linter, or another version of it, changes the cache key.
void PyflakesCheckerTest::cacheKeyFollowsTheLinters()
{
    const Artifact a = checkerfixtures::artifactFromText(QStringLiteral("a.py"),
                                                         QStringLiteral("x = 1\n"));
    const CheckerSet all;
    CheckerTools noPyflakes;
    noPyflakes.pyflakesPython = QStringLiteral("/nonexistent/python3");
    CheckerTools noShellcheck;
    noShellcheck.shellcheck = QStringLiteral("/nonexistent/shellcheck");
    const QString key = all.versionKey(a);
    QVERIFY2(key.contains(QStringLiteral("pyflakes=2/")), qPrintable(key));
    QVERIFY(key != CheckerSet(noPyflakes).versionKey(a));
    QVERIFY(key != CheckerSet(noShellcheck).versionKey(a));
    QVERIFY(CheckerSet(noPyflakes).versionKey(a) != CheckerSet(noShellcheck).versionKey(a));
}

QTEST_GUILESS_MAIN(PyflakesCheckerTest)
#include "pyflakeschecker_test.moc"
