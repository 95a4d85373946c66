// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/shellcheckchecker.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class ShellCheckCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("shellcheck")); }
    void fixtures();
    void fixturesBatched();
    void severitiesAndMessages();
    void missingTool();
    void failedBatchIsRedoneAlone();
    void parseErrorsAreLeftToSyntaxError();
    void largeScriptIsOneRememberedInfo();
};

namespace {

std::vector<Artifact> allFixtures()
{
    std::vector<Artifact> out;
    const QDir dir(checkerfixtures::dataDir(QStringLiteral("shellcheck")));
    for (const QString &name : dir.entryList({QStringLiteral("*.sh"), QStringLiteral("*.zsh")},
                                             QDir::Files, QDir::Name))
        out.push_back(checkerfixtures::artifactFromFile(dir.filePath(name)));
    return out;
}

QString expectedFor(const QString &name)
{
    QFile f(checkerfixtures::dataDir(QStringLiteral("shellcheck/expected.tsv")));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        qFatal("missing expected.tsv");
    for (const QString &line : QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(name + QLatin1Char('\t')))
            return line.section(QLatin1Char('\t'), 1).trimmed();
    }
    return {};
}

} // namespace

// Exact rule, line and column for every fixture, each script checked alone.
void ShellCheckCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    ShellCheckChecker checker;
    QVERIFY2(checker.available(),
             "ShellCheck is needed for this test (Debian package shellcheck)");
    QCOMPARE(checkerfixtures::run(checker, path), expected);
    QVERIFY(checker.runs() <= 1);
}

// The same answers when every fixture goes through one ShellCheck run.
void ShellCheckCheckerTest::fixturesBatched()
{
    ShellCheckChecker checker;
    const std::vector<Artifact> scripts = allFixtures();
    QVERIFY(scripts.size() >= 8);
    std::vector<const Artifact *> batch;
    for (const Artifact &a : scripts)
        batch.push_back(&a);
    checker.prepare(batch);
    QCOMPARE(checker.runs(), 1);
    for (const Artifact &a : scripts) {
        const QString expected = expectedFor(a.path);
        QVERIFY2(!expected.isEmpty(), qPrintable(a.path));
        QCOMPARE(checkerfixtures::describe(checker.check(a, checkerfixtures::proposalFor(a))),
                 expected);
    }
    QCOMPARE(checker.runs(), 1); // every answer came from the batch
}

// ShellCheck's level is the severity; the message is ShellCheck's sentence, no link.
void ShellCheckCheckerTest::severitiesAndMessages()
{
    ShellCheckChecker checker;
    const Artifact a = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("shellcheck/unquoted_variables.sh")));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(found.size(), size_t(3));
    QCOMPARE(found[0].severity, DiagnosticSeverity::Error);   // SC2045, level error
    QCOMPARE(found[1].severity, DiagnosticSeverity::Info);    // SC2086, level info
    QCOMPARE(found[1].message,
             QStringLiteral("Double quote to prevent globbing and word splitting."));
    for (const Diagnostic &d : found)
        QVERIFY2(!d.message.contains(QLatin1String("http")), qPrintable(d.message));
    const Artifact b = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("shellcheck/posix_sh.sh")));
    QCOMPARE(checker.check(b, checkerfixtures::proposalFor(b)).front().severity,
             DiagnosticSeverity::Warning);
}

// Without ShellCheck: exactly one info per script, naming the Debian package.
void ShellCheckCheckerTest::missingTool()
{
    ShellCheckChecker checker(QStringLiteral("/nonexistent/shellcheck"));
    QVERIFY(!checker.available());
    const Artifact a = checkerfixtures::artifactFromFile(
        checkerfixtures::dataDir(QStringLiteral("shellcheck/unquoted_variables.sh")));
    checker.prepare({&a});
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QCOMPARE(found.front().severity, DiagnosticSeverity::Info);
    QCOMPARE(found.front().message,
             QStringLiteral("shell script not linted: ShellCheck is not installed (Debian "
                            "package shellcheck)"));
}

// A batch that never finishes (a stand-in for one script that hangs ShellCheck) is killed
// and each script is checked alone: every one still gets its findings.
void ShellCheckCheckerTest::failedBatchIsRedoneAlone()
{
    QTemporaryDir dir;
    const QString fake = dir.filePath(QStringLiteral("shellcheck"));
    QFile f(fake);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Options are 4 words; more than 5 arguments is a batch.
    f.write("#!/bin/sh\nif [ $# -gt 5 ]; then exec sleep 30; fi\nexec shellcheck \"$@\"\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    ShellCheckChecker checker(fake);
    QVERIFY(checker.available());
    checker.setTimeoutMs(1000); // the batch's deadline: 1 s + 50 ms per script
    const std::vector<Artifact> scripts = allFixtures();
    std::vector<const Artifact *> batch;
    for (const Artifact &a : scripts)
        batch.push_back(&a);
    checker.prepare(batch);
    QVERIFY(checker.runs() > 1);
    for (const Artifact &a : scripts) {
        QCOMPARE(checkerfixtures::describe(checker.check(a, checkerfixtures::proposalFor(a))),
                 expectedFor(a.path));
    }
}

// A script that does not parse: ShellCheck's parse errors (SC1xxx, level error) are not
// reported (`syntax-error` from bash says it), its findings on what parsed are.
void ShellCheckCheckerTest::parseErrorsAreLeftToSyntaxError()
{
    ShellCheckChecker checker;
    const Artifact a = checkerfixtures::artifactFromText(
        QStringLiteral("broken.sh"),
        QStringLiteral("#!/bin/bash\nx = 1\necho $y\nfor i in 1 2; do echo \"$i\"; done; fi\n"));
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QStringList rules;
    for (const Diagnostic &d : found)
        rules << d.rule;
    QVERIFY2(!rules.isEmpty(), "findings before the parse stopped are reported");
    for (const QString &r : rules)
        QVERIFY2(!r.startsWith(QLatin1String("shellcheck/SC1")),
                 qPrintable(rules.join(QLatin1Char(' '))));
    // Around a parse error ShellCheck adds a note of its parser (SC1009 "The mentioned
    // syntax error was in this if expression", level info): it goes with the error.
    const Artifact b = checkerfixtures::artifactFromText(
        QStringLiteral("unclosed.sh"),
        QStringLiteral("#!/bin/bash\necho \"$1\"\nif true; then\n"));
    QCOMPARE(checkerfixtures::describe(checker.check(b, checkerfixtures::proposalFor(b))),
             QStringLiteral("clean"));
}

// ShellCheck takes ~0.2 ms a line: a 30,000-line script would take longer than the
// timeout, which is tried again at every check. Over 4,000 lines it gets one info that says
// so (kept in the cache, like every "too large"), at once.
void ShellCheckCheckerTest::largeScriptIsOneRememberedInfo()
{
    ShellCheckChecker checker;
    const Artifact a = checkerfixtures::artifactFromText(
        QStringLiteral("big.sh"), QStringLiteral("echo $x\n").repeated(30000));
    QElapsedTimer timer;
    timer.start();
    const auto found = checker.check(a, checkerfixtures::proposalFor(a));
    QVERIFY2(timer.elapsed() < 2000, "not given to ShellCheck");
    QCOMPARE(checkerfixtures::describe(found), QStringLiteral("not-checked@1:1"));
    QVERIFY2(found.front().message.contains(QLatin1String("too large")),
             qPrintable(found.front().message));
    QCOMPARE(checker.runs(), 0);
}

QTEST_GUILESS_MAIN(ShellCheckCheckerTest)
#include "shellcheckchecker_test.moc"
