// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/checkerset.h"
#include "diagnostics/diagnosticsengine.h"
#include "diagnostics/missingfieldchecker.h"
#include "diagnostics/targetconflictchecker.h"
#include "report/reportparser.h"
#include "store/store.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace verdict;

class DiagnosticsEngineTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samples_data();
    void samples();
    void missingFields_data();
    void missingFields();
    void targetConflictNamesTheOthers();
    void asyncMatchesSynchronous();
    void cacheIsUsed();
    void countsReachTheQueue();
    void cancelledWorkIsNotReported();
    void teamDisabledRules();
    void disabledFamilyIsNotRun();
    void batchesMatchOneByOne();
    void aWindowAskedAtOnceAnswersAsOneByOne();
    void aDuplicateArgumentIsReportedOnce();
};

namespace {

std::vector<Proposal> parseAll(const QStringList &paths)
{
    std::vector<Proposal> out;
    for (const QString &path : paths) {
        ParsedFile f = ReportParser::parseFile(path);
        for (Proposal &p : f.proposals)
            out.push_back(std::move(p));
    }
    return out;
}

QStringList samplePaths()
{
    const QString dir = QStringLiteral(VERDICT_SAMPLES "/");
    return {dir + QStringLiteral("000_471f460746578cde.txt"),
            dir + QStringLiteral("003_d73438ddc782444d.txt"),
            dir + QStringLiteral("004_c28a21faccc08775.txt")};
}

// "FILE:LINE:COL:severity:rule" with the file's base name.
QStringList describe(const std::vector<Diagnostic> &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out << QStringLiteral("%1:%2:%3:%4:%5")
                   .arg(QFileInfo(d.file).fileName())
                   .arg(d.line)
                   .arg(d.column)
                   .arg(severityId(d.severity), d.rule);
    return out;
}

} // namespace

void DiagnosticsEngineTest::samples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected");
    // What a careful reviewer expects of the three real samples (diagnosed together, so
    // 000 and 003 see each other's generated_1.sql).
    QTest::newRow("000 schema lints and conflict")
        << QStringLiteral("000_471f460746578cde.txt")
        << QStringList{QStringLiteral("000_471f460746578cde.txt:8:48:warning:target-conflict"),
                       QStringLiteral("000_471f460746578cde.txt:22:5:warning:id-array"),
                       QStringLiteral("000_471f460746578cde.txt:27:5:warning:fk-without-index"),
                       QStringLiteral("000_471f460746578cde.txt:28:5:warning:fk-without-index")};
    QTest::newRow("003 python in sql")
        << QStringLiteral("003_d73438ddc782444d.txt")
        << QStringList{
               QStringLiteral("003_d73438ddc782444d.txt:8:48:warning:target-conflict"),
               QStringLiteral("003_d73438ddc782444d.txt:10:1:error:language-mismatch"),
               QStringLiteral("003_d73438ddc782444d.txt:13:34:error:syntax-error"),
               QStringLiteral("003_d73438ddc782444d.txt:15:19:error:pyflakes/undefined-name"),
               QStringLiteral("003_d73438ddc782444d.txt:25:16:error:pyflakes/undefined-name"),
               QStringLiteral("003_d73438ddc782444d.txt:25:33:error:pyflakes/undefined-name")};
    QTest::newRow("004 no artifacts") << QStringLiteral("004_c28a21faccc08775.txt")
                                      << QStringList{};
}

void DiagnosticsEngineTest::samples()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    const auto all = DiagnosticsEngine::diagnoseAll(parseAll(samplePaths()));
    QStringList found;
    for (const QString &d : describe(all)) {
        if (d.startsWith(file))
            found << d;
    }
    QCOMPARE(found, expected);
}

void DiagnosticsEngineTest::missingFields_data()
{
    QTest::addColumn<QString>("report");
    QTest::addColumn<QStringList>("expected"); // "line:field"
    QTest::newRow("all present") << QStringLiteral("# FSAR Proposal Report\n- id: fsar_a\n"
                                                   "- timestamp: 2026-01-02T19:12:25.611Z\n"
                                                   "- severity: 6\n- block_execution: false\n"
                                                   "- proposal:\n\nself_improvement: x\n")
                                 << QStringList{};
    QTest::newRow("malformed severity, no block_execution")
        << QStringLiteral("# FSAR Proposal Report\n- id: fsar_b\n"
                          "- timestamp: 2026-01-02T19:12:25.611Z\n- severity: high\n"
                          "- proposal:\n\nself_improvement: x\n")
        << QStringList{QStringLiteral("4:severity"), QStringLiteral("1:block_execution")};
    QTest::newRow("no id, bad timestamp")
        << QStringLiteral("# FSAR Proposal Report\n- timestamp: yesterday\n- severity: 6\n"
                          "- block_execution: true\n- proposal:\n\nself_improvement: x\n")
        << QStringList{QStringLiteral("1:id"), QStringLiteral("2:timestamp")};
}

void DiagnosticsEngineTest::missingFields()
{
    QFETCH(QString, report);
    QFETCH(QStringList, expected);
    const ParsedFile parsed = ReportParser::parse(report.toUtf8(), QStringLiteral("r.txt"));
    QCOMPARE(parsed.proposals.size(), size_t(1));
    QStringList found;
    for (const Diagnostic &d : MissingFieldChecker::check(parsed.proposals.front())) {
        QCOMPARE(d.rule, QStringLiteral("missing-field"));
        found << QStringLiteral("%1:%2").arg(d.line).arg(d.message.section(QLatin1Char(' '), 1, 1)
                                                           .remove(QLatin1Char(':')));
    }
    QCOMPARE(found, expected);
}

void DiagnosticsEngineTest::targetConflictNamesTheOthers()
{
    const auto proposals = parseAll(samplePaths());
    const auto found = TargetConflictChecker::checkAll(proposals);
    QCOMPARE(found.size(), size_t(2));
    QVERIFY(found[0].message.contains(QLatin1String("fsar_331e3e0e-04db-4a82-aa21-56121b549130")));
    QVERIFY(found[1].message.contains(QLatin1String("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9")));
    QCOMPARE(found[0].artifact, QStringLiteral("generated_1.sql"));
    // The same proposal twice (a file given twice) is not a conflict with itself.
    std::vector<Proposal> twice{proposals[0], proposals[0]};
    QCOMPARE(TargetConflictChecker::checkAll(twice).size(), size_t(0));
}

void DiagnosticsEngineTest::asyncMatchesSynchronous()
{
    const auto proposals = parseAll(samplePaths());
    const auto expected = describe(DiagnosticsEngine::diagnoseAll(proposals));
    DiagnosticsEngine engine;
    QSignalSpy diagnosed(&engine, &DiagnosticsEngine::proposalDiagnosed);
    QSignalSpy finished(&engine, &DiagnosticsEngine::finished);
    engine.diagnose(proposals);
    QVERIFY(finished.wait(20000));
    QCOMPARE(diagnosed.size(), 3);
    std::vector<Diagnostic> all;
    for (const QList<QVariant> &args : std::as_const(diagnosed)) {
        QCOMPARE(args.at(1).toInt(), 1);
        const auto list = args.at(2).value<std::vector<Diagnostic>>();
        for (const Diagnostic &d : list)
            QCOMPARE(d.proposalId, args.at(0).toString());
        all.insert(all.end(), list.begin(), list.end());
    }
    sortDiagnostics(&all);
    QCOMPARE(describe(all), expected);
}

// A second run reads the store instead of running the checkers: a result planted in the
// cache under the artifact's key comes back, mapped to the artifact's report lines.
void DiagnosticsEngineTest::cacheIsUsed()
{
    QTemporaryDir dir;
    const QString url = dir.filePath(QStringLiteral("cache.sqlite"));
    auto proposals = parseAll({QStringLiteral(VERDICT_SAMPLES "/000_471f460746578cde.txt")});
    const auto first = describe(DiagnosticsEngine::diagnoseAll(proposals, url));
    QCOMPARE(first.size(), 3); // id-array and two fk-without-index, no conflict alone

    const Artifact &a = proposals.front().artifacts.front();
    CheckerSet checkers;
    auto store = openStore(url);
    QVERIFY2(store, qPrintable(store.errorMessage()));
    auto cached = (*store)->cachedDiagnostics(a.sha256, checkers.versionKey(a));
    QVERIFY2(cached && cached->has_value(), "the first run fills the cache");
    QCOMPARE((*cached)->size(), size_t(3));
    QCOMPARE((*cached)->front().line, 13); // artifact-relative: sample line 22

    Diagnostic planted;
    planted.rule = QStringLiteral("planted");
    planted.severity = DiagnosticSeverity::Info;
    planted.message = QStringLiteral("from the cache");
    planted.line = 2;
    planted.column = 3;
    QVERIFY((*store)->cacheDiagnostics(a.sha256, checkers.versionKey(a), {planted}).ok());
    const auto second = describe(DiagnosticsEngine::diagnoseAll(proposals, url));
    QCOMPARE(second, QStringList{QStringLiteral("000_471f460746578cde.txt:11:3:info:planted")});
}

void DiagnosticsEngineTest::countsReachTheQueue()
{
    QTemporaryDir dir;
    const QString url = dir.filePath(QStringLiteral("queue.sqlite"));
    auto store = openStore(url);
    QVERIFY2(store, qPrintable(store.errorMessage()));
    std::vector<ParsedFile> files;
    for (const QString &p : samplePaths())
        files.push_back(ReportParser::parseFile(p));
    QVERIFY((*store)->importFiles(files, QStringLiteral("test")).ok());
    DiagnosticsEngine engine;
    engine.setStoreUrl(url);
    QSignalSpy finished(&engine, &DiagnosticsEngine::finished);
    engine.diagnose(parseAll(samplePaths()));
    QVERIFY(finished.wait(20000));
    auto queue = (*store)->queue();
    QVERIFY2(queue, qPrintable(queue.errorMessage()));
    QHash<QString, QString> counts;
    for (const QueueEntry &e : *queue)
        counts.insert(e.id, QStringLiteral("%1/%2/%3").arg(e.errors).arg(e.warnings).arg(e.infos));
    QCOMPARE(counts.value(QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9")),
             QStringLiteral("0/4/0"));
    QCOMPARE(counts.value(QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130")),
             QStringLiteral("5/1/0"));
    QCOMPARE(counts.value(QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972")),
             QStringLiteral("0/0/0"));
}

void DiagnosticsEngineTest::cancelledWorkIsNotReported()
{
    auto proposals = parseAll(samplePaths());
    std::vector<Proposal> many;
    for (int i = 0; i < 200; ++i) {
        for (Proposal p : proposals) {
            p.id += QString::number(i);
            many.push_back(p);
        }
    }
    DiagnosticsEngine engine;
    engine.setMaxThreads(1);
    QSignalSpy diagnosed(&engine, &DiagnosticsEngine::proposalDiagnosed);
    QSignalSpy finished(&engine, &DiagnosticsEngine::finished);
    engine.diagnose(many);
    engine.cancel();
    QVERIFY(finished.wait(20000));
    QVERIFY(!engine.isBusy());
    QVERIFY2(diagnosed.size() < int(many.size()), "queued work was dropped");
}

// The team setting `disabled_rules` in the store the GUI uses: read for each diagnose()
// call, applied to what is reported and to the queue's counts; the cache keeps every
// finding, so turning a rule back on shows it again without re-checking.
void DiagnosticsEngineTest::teamDisabledRules()
{
    QTemporaryDir dir;
    const QString url = dir.filePath(QStringLiteral("team.sqlite"));
    auto store = openStore(url);
    QVERIFY2(store, qPrintable(store.errorMessage()));
    std::vector<ParsedFile> files;
    for (const QString &p : samplePaths())
        files.push_back(ReportParser::parseFile(p));
    QVERIFY((*store)->importFiles(files, QStringLiteral("test")).ok());
    QVERIFY((*store)
                ->setSetting(QStringLiteral("disabled_rules"),
                             QStringLiteral("pyflakes/undefined-name, target-conflict"))
                .ok());
    const QString id003 = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");
    DiagnosticsEngine engine;
    engine.setStoreUrl(url);
    QSignalSpy diagnosed(&engine, &DiagnosticsEngine::proposalDiagnosed);
    QSignalSpy finished(&engine, &DiagnosticsEngine::finished);
    auto rulesOf003 = [&] {
        QStringList rules;
        for (const QList<QVariant> &args : std::as_const(diagnosed)) {
            if (args.at(0).toString() != id003)
                continue;
            for (const Diagnostic &d : args.at(2).value<std::vector<Diagnostic>>())
                rules << d.rule;
        }
        return rules;
    };
    auto countsOf003 = [&] {
        auto queue = (*store)->queue();
        for (const QueueEntry &e : *queue) {
            if (e.id == id003)
                return QStringLiteral("%1/%2/%3").arg(e.errors).arg(e.warnings).arg(e.infos);
        }
        return QString();
    };
    engine.diagnose(parseAll(samplePaths()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(rulesOf003(), (QStringList{QStringLiteral("language-mismatch"),
                                        QStringLiteral("syntax-error")}));
    QCOMPARE(countsOf003(), QStringLiteral("2/0/0"));

    QVERIFY((*store)->setSetting(QStringLiteral("disabled_rules"), QString()).ok());
    diagnosed.clear();
    engine.diagnose(parseAll(samplePaths()));
    QVERIFY(finished.wait(20000));
    QCOMPARE(rulesOf003().count(QStringLiteral("pyflakes/undefined-name")), 3);
    QCOMPARE(countsOf003(), QStringLiteral("5/1/0"));
}

// A linter turned off as a whole is not run: not even its "not installed" info remains.
void DiagnosticsEngineTest::disabledFamilyIsNotRun()
{
    const auto proposals =
        parseAll({QStringLiteral(VERDICT_TEST_DATA "/diagnostics/reports/linters.txt")});
    CheckerTools tools;
    tools.shellcheck = QStringLiteral("/nonexistent/shellcheck");
    auto notChecked = [](const std::vector<Diagnostic> &all) {
        QStringList out;
        for (const Diagnostic &d : all) {
            if (d.rule == QLatin1String("not-checked"))
                out << d.message;
        }
        return out;
    };
    QCOMPARE(notChecked(DiagnosticsEngine::diagnoseAll(proposals, {}, tools)),
             QStringList{QStringLiteral("shell script not linted: ShellCheck is not installed "
                                        "(Debian package shellcheck)")});
    const auto off = DiagnosticsEngine::diagnoseAll(proposals, {}, tools,
                                                    QStringLiteral("shellcheck"));
    QCOMPARE(notChecked(off), QStringList{});
    QVERIFY(!off.empty()); // pyflakes still speaks
}

// Proposals checked in batches (one ShellCheck run over many scripts) give exactly what
// checking each proposal alone gives.
void DiagnosticsEngineTest::batchesMatchOneByOne()
{
    std::vector<Proposal> many;
    const auto base = parseAll(
        {QStringLiteral(VERDICT_TEST_DATA "/diagnostics/reports/linters.txt"),
         QStringLiteral(VERDICT_TEST_DATA "/diagnostics/reports/mixed.txt")});
    for (int i = 0; i < 40; ++i) {
        for (Proposal p : base) {
            p.id += QString::number(i);
            // Unique scripts, so nothing is answered twice from one run by luck.
            for (Artifact &a : p.artifacts) {
                a.content += QStringLiteral("\n# %1").arg(i);
                a.sha256.clear();
                a.lastLine += 1;
            }
            many.push_back(p);
        }
    }
    std::vector<Diagnostic> alone;
    CheckerSet checkers;
    for (const Proposal &p : many) {
        auto found = DiagnosticsEngine::diagnoseProposal(p, checkers);
        alone.insert(alone.end(), found.begin(), found.end());
    }
    sortDiagnostics(&alone);
    auto batched = DiagnosticsEngine::diagnoseAll(many);
    // diagnoseProposal has no cross-proposal rule; the same proposals conflict here.
    batched.erase(std::remove_if(batched.begin(), batched.end(),
                                 [](const Diagnostic &d) {
                                     return d.rule == QLatin1String("target-conflict");
                                 }),
                  batched.end());
    QCOMPARE(describe(batched), describe(alone));
    QVERIFY(describe(batched).filter(QStringLiteral("shellcheck/")).size() >= 80);
}

// CheckerSet::checkAll asks the Python, pyflakes, node and bash workers about a window of
// artifacts at once before checking them one by one. Every syntax, pyflakes and mismatch
// fixture (broken, clean, mislabelled: a Python file named .sh, SQL named .py), three times
// over so texts repeat within a window, gives what check() gives on each, message for
// message.
void DiagnosticsEngineTest::aWindowAskedAtOnceAnswersAsOneByOne()
{
    std::vector<Artifact> artifacts;
    for (const QString &dir :
         {QStringLiteral("python"), QStringLiteral("pyflakes"), QStringLiteral("javascript"),
          QStringLiteral("shell"), QStringLiteral("json"), QStringLiteral("languagemismatch")}) {
        const QDir d(checkerfixtures::dataDir(dir));
        for (const QString &name : d.entryList(QDir::Files, QDir::Name)) {
            if (name != QLatin1String("expected.tsv"))
                artifacts.push_back(checkerfixtures::artifactFromFile(d.filePath(name)));
        }
    }
    const size_t fixtures = artifacts.size();
    QVERIFY(fixtures >= 20);
    for (size_t round = 0; round < 2; ++round) {
        for (size_t i = 0; i < fixtures; ++i)
            artifacts.push_back(artifacts[i]);
    }
    std::vector<Proposal> proposals;
    for (const Artifact &a : artifacts)
        proposals.push_back(checkerfixtures::proposalFor(a));
    std::vector<CheckerSet::Item> items;
    for (size_t i = 0; i < artifacts.size(); ++i)
        items.emplace_back(&artifacts[i], &proposals[i]);

    const auto window = CheckerSet().checkAll(items);
    QCOMPARE(window.size(), artifacts.size());
    int syntaxErrors = 0;
    int lintFindings = 0;
    for (size_t i = 0; i < artifacts.size(); ++i) {
        CheckerSet alone; // nothing remembered from an earlier artifact
        const auto expected = alone.check(artifacts[i], proposals[i]);
        QStringList got, want;
        for (const Diagnostic &d : window[i])
            got << QStringLiteral("%1@%2:%3 %4").arg(d.rule).arg(d.line).arg(d.column).arg(d.message);
        for (const Diagnostic &d : expected)
            want << QStringLiteral("%1@%2:%3 %4").arg(d.rule).arg(d.line).arg(d.column).arg(d.message);
        QCOMPARE(got, want);
        syntaxErrors += int(want.filter(QStringLiteral("syntax-error@")).size());
        lintFindings += int(want.filter(QStringLiteral("pyflakes/")).size());
    }
    QVERIFY(syntaxErrors >= 3 * 8); // the broken fixtures were parsed, in every round
    QVERIFY(lintFindings >= 3 * 8);  // and the pyflakes fixtures linted
}

// Python's symbol table refuses a duplicate argument (syntax-error, at the argument) and
// pyflakes reports it too (at the def): one finding on the line, not two, alone and in a
// window; a second function with the same mistake, which the symbol table never reaches
// (it stops at its first error), keeps pyflakes' finding.
void DiagnosticsEngineTest::aDuplicateArgumentIsReportedOnce()
{
    const Artifact a = checkerfixtures::artifactFromText(
        QStringLiteral("merge.py"),
        QStringLiteral("def merge(left, right, left):\n    return left + right\n\n\n"
                       "def split(items, items):\n    return items\n"));
    const Proposal p = checkerfixtures::proposalFor(a);
    const QString expected = QStringLiteral("syntax-error@1:24 pyflakes/duplicate-argument@5:1");
    CheckerSet alone;
    QCOMPARE(checkerfixtures::describe(alone.check(a, p)), expected);
    CheckerSet window;
    const auto found = window.checkAll({{&a, &p}});
    QCOMPARE(checkerfixtures::describe(found.front()), expected);
}

QTEST_GUILESS_MAIN(DiagnosticsEngineTest)
#include "diagnosticsengine_test.moc"
