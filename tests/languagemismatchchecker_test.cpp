// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/checkerset.h"
#include "diagnostics/diagnosticsengine.h"
#include "diagnostics/languagemismatchchecker.h"
#include "report/reportparser.h"

#include <QTest>

using namespace verdict;

class LanguageMismatchCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("languagemismatch")); }
    void fixtures();
    void wellFormedNotFlagged_data();
    void wellFormedNotFlagged();
    void realFileMislabelled_data();
    void realFileMislabelled();
    void parsesAsNamedKeepsItsName();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void LanguageMismatchCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    LanguageMismatchChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

// Every well-formed artifact of every checker's fixtures keeps its declared language.
void LanguageMismatchCheckerTest::wellFormedNotFlagged_data()
{
    QTest::addColumn<QString>("path");
    const QDir root(checkerfixtures::dataDir(QString()));
    for (const QString &dir : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (dir == QLatin1String("languagemismatch") || dir == QLatin1String("reports"))
            continue;
        for (const QFileInfo &f : QDir(root.filePath(dir)).entryInfoList(QDir::Files)) {
            if (f.fileName() != QLatin1String("expected.tsv"))
                QTest::newRow(qPrintable(dir + QLatin1Char('/') + f.fileName()))
                    << f.absoluteFilePath();
        }
    }
}

void LanguageMismatchCheckerTest::wellFormedNotFlagged()
{
    QFETCH(QString, path);
    LanguageMismatchChecker checker;
    // The rule runs on every file with a declared language and must stay silent; a file
    // declared as plain text is not its business.
    const bool plain = LanguageDetector::fromPath(path) == QLatin1String("plaintext");
    QCOMPARE(checkerfixtures::run(checker, path),
             plain ? checkerfixtures::notApplicable() : QStringLiteral("clean"));
}

// Real files whose first lines say nothing about their language (a licence, a long
// docstring), given another language's name: when the declared language's parser rejects
// them, the whole text decides, not the first lines. The bug: CPython's argparse.py as
// real/mislabel.sql gave three SQL syntax errors and no language-mismatch. The files come
// from this machine's Python (PSF licence), wrapped into a report at test time.
void LanguageMismatchCheckerTest::realFileMislabelled_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("declaredAs");
    QTest::addColumn<QString>("content");
    const QStringList pythons = QDir(QStringLiteral("/usr/lib"))
                                    .entryList({QStringLiteral("python3.*")}, QDir::Dirs,
                                               QDir::Name | QDir::Reversed);
    const QString lib = pythons.isEmpty() ? QString()
                                          : QStringLiteral("/usr/lib/") + pythons.first();
    QTest::newRow("argparse.py as .sql")
        << lib + QStringLiteral("/argparse.py") << QStringLiteral("real/mislabel.sql")
        << QStringLiteral("python");
    QTest::newRow("textwrap.py as .sql")
        << lib + QStringLiteral("/textwrap.py") << QStringLiteral("real/wrap.sql")
        << QStringLiteral("python");
    QTest::newRow("argparse.py as .json")
        << lib + QStringLiteral("/argparse.py") << QStringLiteral("config/args.json")
        << QStringLiteral("python");
    // Languages whose parser is another process: asked through the checker set.
    QTest::newRow("argparse.py as .sh")
        << lib + QStringLiteral("/argparse.py") << QStringLiteral("scripts/args.sh")
        << QStringLiteral("python");
    QTest::newRow("argparse.py as .js")
        << lib + QStringLiteral("/argparse.py") << QStringLiteral("web/args.js")
        << QStringLiteral("python");
}

void LanguageMismatchCheckerTest::realFileMislabelled()
{
    QFETCH(QString, file);
    QFETCH(QString, declaredAs);
    QFETCH(QString, content);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        QSKIP(qPrintable(QStringLiteral("%1 is not on this machine (Debian's python3 "
                                        "installs it)").arg(file)));
    const QByteArray text = f.readAll();
    QVERIFY(text.count('\n') > 300);
    const QByteArray report =
        "# FSAR Proposal Report\n- id: fsar_mislabel\n- timestamp: 2026-01-02T19:12:25.611Z\n"
        "- severity: 5\n- block_execution: false\n- proposal:\n\n"
        "idea_implementation: Create or update the file " + declaredAs.toUtf8()
        + " with this complete content:\n\n" + text
        + "\nThis is for opportunity: Mislabel\n";
    ParsedFile parsed = ReportParser::parse(report, QStringLiteral("mislabel.txt"));
    QCOMPARE(parsed.proposals.size(), size_t(1));
    QCOMPARE(parsed.proposals.front().artifacts.size(), size_t(1));
    const Artifact &a = parsed.proposals.front().artifacts.front();
    {
        CheckerSet checkers; // its parsers answer "does it parse as what it is named?"
        const LanguageMismatchChecker::OracleScope oracle(&checkers);
        QCOMPARE(LanguageMismatchChecker::mismatch(a), content);
        QCOMPARE(LanguageMismatchChecker::checkedLanguage(a), content);
    }

    const auto all = DiagnosticsEngine::diagnoseAll(parsed.proposals);
    QStringList rules;
    for (const Diagnostic &d : all) {
        rules << d.rule;
        // What the file is parses: no syntax error, in either language.
        QVERIFY2(d.rule != QLatin1String("syntax-error"), qPrintable(d.message));
    }
    QCOMPARE(rules.count(QStringLiteral("language-mismatch")), 1);
    QCOMPARE(all.front().rule, QStringLiteral("language-mismatch"));
    QCOMPARE(all.front().line, 10); // the artifact's first line in the report
}

// The whole text is read only for a file its own parser rejects: a Python module that opens
// with a long docstring and holds a large SQL string parses as Python, so it is Python,
// however much of it reads as SQL.
void LanguageMismatchCheckerTest::parsesAsNamedKeepsItsName()
{
    QString text = QStringLiteral("\"\"\"Reports for the nightly job.\n\n");
    for (int i = 0; i < 60; ++i)
        text += QStringLiteral("This paragraph explains the report number %1 in words.\n").arg(i);
    text += QStringLiteral("\"\"\"\n\nQUERY = \"\"\"\n");
    for (int i = 0; i < 200; ++i)
        text += QStringLiteral("SELECT id, name FROM t%1 WHERE id > %1;\n").arg(i);
    text += QStringLiteral("\"\"\"\n\n\ndef run(db):\n    return db.execute(QUERY)\n");
    const Artifact a = checkerfixtures::artifactFromText(QStringLiteral("reports.py"), text);
    CheckerSet checkers;
    const LanguageMismatchChecker::OracleScope oracle(&checkers);
    QCOMPARE(LanguageMismatchChecker::mismatch(a), QString());
    QCOMPARE(LanguageMismatchChecker::checkedLanguage(a), QStringLiteral("python"));
    // The same text with a syntax error is read whole, and it is mostly SQL.
    const Artifact broken = checkerfixtures::artifactFromText(
        QStringLiteral("reports.py"), text + QStringLiteral("def broken(:\n"));
    QCOMPARE(LanguageMismatchChecker::mismatch(broken), QStringLiteral("sql"));
}

QTEST_GUILESS_MAIN(LanguageMismatchCheckerTest)
#include "languagemismatchchecker_test.moc"
