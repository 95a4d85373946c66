// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/languagedetector.h"
#include "report/reportparser.h"

#include <QFile>
#include <QTest>

using namespace verdict;

class LanguageDetectorTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromPath_data();
    void fromPath();
    void fromFenceTag_data();
    void fromFenceTag();
    void fromContent_data();
    void fromContent();
    void wellFormedIsNeverAMismatch_data();
    void wellFormedIsNeverAMismatch();
    void mismatch_data();
    void mismatch();
    void resolve_data();
    void resolve();
    void oddInputIsHarmless_data();
    void oddInputIsHarmless();
};

namespace {

QString languageFixture(const QString &name)
{
    return QStringLiteral(VERDICT_TEST_DATA "/reports/languages/") + name;
}

// Content of a fixture: "name" in tests/data/reports/languages, or "sample:NNN" for the
// first artifact of a bundled sample report.
QString contentOf(const QString &spec)
{
    if (spec.startsWith(QLatin1String("sample:"))) {
        const QString prefix = spec.mid(7);
        const QStringList files = ReportParser::collectFiles({QStringLiteral(VERDICT_SAMPLES)});
        for (const QString &f : files) {
            if (f.section(QLatin1Char('/'), -1).startsWith(prefix))
                return ReportParser::parseFile(f).proposals.at(0).artifacts.at(0).content;
        }
        return {};
    }
    QFile f(languageFixture(spec));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

// Every fixture with the language its name declares.
void addFixtureRows()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("language");
    QTest::newRow("sql") << QStringLiteral("schema.sql") << QStringLiteral("sql");
    QTest::newRow("python") << QStringLiteral("worker.py") << QStringLiteral("python");
    QTest::newRow("bash") << QStringLiteral("deploy.sh") << QStringLiteral("bash");
    QTest::newRow("json") << QStringLiteral("package.json") << QStringLiteral("json");
    QTest::newRow("javascript") << QStringLiteral("server.js") << QStringLiteral("javascript");
    QTest::newRow("yaml") << QStringLiteral("compose.yaml") << QStringLiteral("yaml");
    QTest::newRow("typescript") << QStringLiteral("client.ts") << QStringLiteral("typescript");
    QTest::newRow("dockerfile") << QStringLiteral("Dockerfile") << QStringLiteral("dockerfile");
    QTest::newRow("go") << QStringLiteral("main.go") << QStringLiteral("go");
    QTest::newRow("prose") << QStringLiteral("notes.txt") << QStringLiteral("plaintext");
}

} // namespace

void LanguageDetectorTest::fromPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    const char *const rows[][2] = {
        {"generated_1.sql", "sql"}, {"app/models.py", "python"}, {"run.sh", "bash"},
        {"x.bash", "bash"}, {"x.zsh", "bash"}, {"package.json", "json"},
        {"index.js", "javascript"}, {"lib.mjs", "javascript"}, {"lib.cjs", "javascript"},
        {"App.jsx", "javascript"}, {"api.ts", "typescript"}, {"App.tsx", "typescript"},
        {"ci.yml", "yaml"}, {"compose.yaml", "yaml"}, {"Cargo.toml", "toml"},
        {"index.html", "html"}, {"old.htm", "html"}, {"site.css", "css"},
        {"README.md", "markdown"}, {"Dockerfile", "dockerfile"},
        {"deploy/Dockerfile", "dockerfile"}, {"main.c", "c"}, {"util.h", "c"},
        {"main.cc", "cpp"}, {"main.cpp", "cpp"}, {"util.hpp", "cpp"}, {"x.cxx", "cpp"},
        {"main.go", "go"}, {"lib.rs", "rust"}, {"Main.java", "java"},
        {"UPPER.SQL", "sql"}, {"notes.txt", "plaintext"}, {"Makefile", "plaintext"},
        {"no_extension", "plaintext"}, {"", "plaintext"}, {"archive.tar.gz", "plaintext"},
    };
    for (const auto &row : rows) {
        QTest::newRow(row[0][0] ? row[0] : "empty")
            << QString::fromUtf8(row[0]) << QString::fromUtf8(row[1]);
    }
}

void LanguageDetectorTest::fromPath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QCOMPARE(LanguageDetector::fromPath(path), expected);
}

void LanguageDetectorTest::fromFenceTag_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<QString>("expected");
    const char *const rows[][2] = {
        {"sql", "sql"}, {"postgresql", "sql"}, {"psql", "sql"}, {"PostgreSQL", "sql"},
        {"py", "python"}, {"python3", "python"}, {"python", "python"},
        {"sh", "bash"}, {"shell", "bash"}, {"bash", "bash"}, {"zsh", "bash"},
        {"json", "json"}, {"js", "javascript"}, {"node", "javascript"},
        {"ts", "typescript"}, {"yml", "yaml"}, {"yaml", "yaml"}, {"toml", "toml"},
        {"html", "html"}, {"css", "css"}, {"md", "markdown"}, {"dockerfile", "dockerfile"},
        {"c", "c"}, {"c++", "cpp"}, {"go", "go"}, {"rust", "rust"}, {"java", "java"},
        {"python title=\"x.py\"", "python"}, {"{.python}", "python"}, {"app.py", "python"},
        {"text", "plaintext"}, {"", "plaintext"}, {"brainfuck", "plaintext"},
    };
    for (const auto &row : rows) {
        QTest::newRow(row[0][0] ? row[0] : "empty")
            << QString::fromUtf8(row[0]) << QString::fromUtf8(row[1]);
    }
}

void LanguageDetectorTest::fromFenceTag()
{
    QFETCH(QString, tag);
    QFETCH(QString, expected);
    QCOMPARE(LanguageDetector::fromFenceTag(tag), expected);
}

void LanguageDetectorTest::fromContent_data()
{
    addFixtureRows();
    QTest::newRow("sample 000 (sql)") << QStringLiteral("sample:000") << QStringLiteral("sql");
    QTest::newRow("sample 003 (garbled django)")
        << QStringLiteral("sample:003") << QStringLiteral("python");
}

void LanguageDetectorTest::fromContent()
{
    QFETCH(QString, fixture);
    QFETCH(QString, language);
    const QString content = contentOf(fixture);
    QVERIFY2(!content.isEmpty(), qPrintable(fixture));
    QCOMPARE(LanguageDetector::fromContent(content), language);
    const int sure = LanguageDetector::confidence(content, language);
    QVERIFY2(sure >= 60, qPrintable(QStringLiteral("confidence %1").arg(sure)));
}

// The language-mismatch rule must stay quiet on every well-formed file.
void LanguageDetectorTest::wellFormedIsNeverAMismatch_data()
{
    addFixtureRows();
}

void LanguageDetectorTest::wellFormedIsNeverAMismatch()
{
    QFETCH(QString, fixture);
    QFETCH(QString, language);
    const QString content = contentOf(fixture);
    const QString declared = LanguageDetector::fromPath(fixture);
    QCOMPARE(declared, language);
    QCOMPARE(LanguageDetector::mismatch(content, declared), QString());
}

void LanguageDetectorTest::mismatch_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("expected");
    QTest::newRow("sample 003: python in a .sql file")
        << QStringLiteral("sample:003") << QStringLiteral("sql") << QStringLiteral("python");
    QTest::newRow("python declared sql")
        << QStringLiteral("worker.py") << QStringLiteral("sql") << QStringLiteral("python");
    QTest::newRow("sql declared python")
        << QStringLiteral("schema.sql") << QStringLiteral("python") << QStringLiteral("sql");
    QTest::newRow("javascript declared python")
        << QStringLiteral("server.js") << QStringLiteral("python")
        << QStringLiteral("javascript");
    QTest::newRow("bash declared sql")
        << QStringLiteral("deploy.sh") << QStringLiteral("sql") << QStringLiteral("bash");
    QTest::newRow("json declared python")
        << QStringLiteral("package.json") << QStringLiteral("python") << QStringLiteral("json");
    QTest::newRow("yaml declared sql")
        << QStringLiteral("compose.yaml") << QStringLiteral("sql") << QStringLiteral("yaml");
    QTest::newRow("json in a .yaml file is fine")
        << QStringLiteral("package.json") << QStringLiteral("yaml") << QString();
    QTest::newRow("typescript in a .js file is fine")
        << QStringLiteral("client.ts") << QStringLiteral("javascript") << QString();
    QTest::newRow("javascript in a .ts file is fine")
        << QStringLiteral("server.js") << QStringLiteral("typescript") << QString();
    QTest::newRow("prose never contradicts")
        << QStringLiteral("notes.txt") << QStringLiteral("sql") << QString();
    QTest::newRow("nothing contradicts plaintext")
        << QStringLiteral("worker.py") << QStringLiteral("plaintext") << QString();
    QTest::newRow("nothing contradicts markdown")
        << QStringLiteral("schema.sql") << QStringLiteral("markdown") << QString();
}

void LanguageDetectorTest::mismatch()
{
    QFETCH(QString, fixture);
    QFETCH(QString, declared);
    QFETCH(QString, expected);
    QCOMPARE(LanguageDetector::mismatch(contentOf(fixture), declared), expected);
}

void LanguageDetectorTest::resolve_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("declared");
    QTest::addColumn<QString>("expected");
    QTest::newRow("agreeing") << QStringLiteral("schema.sql") << QStringLiteral("sql")
                              << QStringLiteral("sql");
    QTest::newRow("contradicted") << QStringLiteral("sample:003") << QStringLiteral("sql")
                                  << QStringLiteral("python");
    QTest::newRow("unclear content keeps the declared one")
        << QStringLiteral("notes.txt") << QStringLiteral("sql") << QStringLiteral("sql");
    QTest::newRow("nothing declared: the guess")
        << QStringLiteral("worker.py") << QStringLiteral("plaintext")
        << QStringLiteral("python");
    QTest::newRow("nothing declared, prose")
        << QStringLiteral("notes.txt") << QStringLiteral("plaintext")
        << QStringLiteral("plaintext");
}

void LanguageDetectorTest::resolve()
{
    QFETCH(QString, fixture);
    QFETCH(QString, declared);
    QFETCH(QString, expected);
    QCOMPARE(LanguageDetector::resolve(contentOf(fixture), declared), expected);
}

void LanguageDetectorTest::oddInputIsHarmless_data()
{
    QTest::addColumn<QString>("content");
    QTest::newRow("empty") << QString();
    QTest::newRow("blank") << QStringLiteral("   \n\n\t\n");
    QTest::newRow("one word") << QStringLiteral("hello");
    QTest::newRow("broken json") << QStringLiteral("{\"a\": [1, 2");
    QTest::newRow("lone braces") << QStringLiteral("{\n}\n[\n]");
    QTest::newRow("long line") << QString(100000, QLatin1Char('x'));
    QTest::newRow("control chars") << QString::fromUtf8("\x01\x02\x03\n\x7f");
}

void LanguageDetectorTest::oddInputIsHarmless()
{
    QFETCH(QString, content);
    QCOMPARE(LanguageDetector::fromContent(content), QStringLiteral("plaintext"));
    const int sure = LanguageDetector::confidence(content, QStringLiteral("plaintext"));
    QVERIFY(sure >= 0 && sure <= 100);
    QCOMPARE(LanguageDetector::mismatch(content, QStringLiteral("sql")), QString());
}

QTEST_GUILESS_MAIN(LanguageDetectorTest)
#include "languagedetector_test.moc"
