// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/store.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QFile>
#include <QTest>
#include <QUrl>

// `verdict-cli check` end to end: GCC-style lines (editors jump to them), JSON, exit codes.
class CliCheckTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void text_data();
    void text();
    void json();
    void usage();
    void importDiagnose();
    void disable_data();
    void disable();
    void disableNeedsAnExistingDatabase();
    void sarifValidates();
    void sarifMatchesText();
    void pyflakesPrefersDebianPython();
};

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

// `verdictDb`: $VERDICT_DB for the run; never the caller's own (check reads it).
Run cli(const QStringList &args, const QString &verdictDb = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("VERDICT_DB"));
    if (!verdictDb.isEmpty())
        env.insert(QStringLiteral("VERDICT_DB"), verdictDb);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QStringLiteral(VERDICT_TEST_DATA "/diagnostics/reports"));
    p.start(QStringLiteral(VERDICT_CLI_PATH), QStringList{QStringLiteral("check")} + args);
    if (!p.waitForFinished(60000))
        qFatal("verdict-cli check did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString samples(const char *name)
{
    return QStringLiteral(VERDICT_SAMPLES "/") + QLatin1String(name);
}

// "FILE:LINE:COL: severity: ... [rule]" -> "LINE:COL:severity:rule" (message text aside).
QStringList positions(const QString &out)
{
    QStringList result;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList parts = line.split(QStringLiteral(": "));
        const QStringList where = parts.at(0).split(QLatin1Char(':'));
        const QString rule = line.mid(line.lastIndexOf(QLatin1Char('[')) + 1).chopped(1);
        result << QStringLiteral("%1:%2:%3:%4")
                      .arg(where.value(where.size() - 2), where.value(where.size() - 1),
                           parts.value(1), rule);
    }
    return result;
}

} // namespace

void CliCheckTest::text_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("sample 000 alone: warnings only")
        << QStringList{samples("000_471f460746578cde.txt")} << 0
        << QStringList{QStringLiteral("22:5:warning:id-array"),
                       QStringLiteral("27:5:warning:fk-without-index"),
                       QStringLiteral("28:5:warning:fk-without-index")};
    QTest::newRow("samples 000 and 003: conflict and errors")
        << QStringList{samples("003_d73438ddc782444d.txt"), samples("000_471f460746578cde.txt")}
        << 1
        << QStringList{QStringLiteral("8:48:warning:target-conflict"),
                       QStringLiteral("22:5:warning:id-array"),
                       QStringLiteral("27:5:warning:fk-without-index"),
                       QStringLiteral("28:5:warning:fk-without-index"),
                       QStringLiteral("8:48:warning:target-conflict"),
                       QStringLiteral("10:1:error:language-mismatch"),
                       QStringLiteral("13:34:error:syntax-error"),
                       // The helpers sample 003 calls and nothing defines: pyflakes on the
                       // lines that parse.
                       QStringLiteral("15:19:error:pyflakes/undefined-name"),
                       QStringLiteral("25:16:error:pyflakes/undefined-name"),
                       QStringLiteral("25:33:error:pyflakes/undefined-name")};
    QTest::newRow("sample 004: nothing") << QStringList{samples("004_c28a21faccc08775.txt")} << 0
                                         << QStringList{};
    QTest::newRow("mixed report") << QStringList{QStringLiteral("mixed.txt")} << 1
                                  << QStringList{QStringLiteral("1:1:error:missing-field"),
                                                 QStringLiteral("9:1:error:destructive-sql"),
                                                 QStringLiteral("10:14:warning:"
                                                                "table-without-primary-key"),
                                                 QStringLiteral("15:4:error:secret"),
                                                 QStringLiteral("16:1:error:destructive-sql"),
                                                 QStringLiteral("20:1:info:"
                                                                "pyflakes/unused-import"),
                                                 QStringLiteral("23:18:error:syntax-error"),
                                                 QStringLiteral("29:31:error:syntax-error")};
    QTest::newRow("not a report") << QStringList{QStringLiteral("not_a_report.bin")} << 1
                                  << QStringList{};
    QTest::newRow("linters: pyflakes and ShellCheck")
        << QStringList{QStringLiteral("linters.txt")} << 1
        << QStringList{QStringLiteral("11:1:info:pyflakes/unused-import"),
                       QStringLiteral("18:31:error:pyflakes/undefined-name"),
                       QStringLiteral("25:4:info:shellcheck/SC2086"),
                       QStringLiteral("27:17:warning:shellcheck/SC2154")};
}

void CliCheckTest::text()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    const Run r = cli(args);
    QCOMPARE(positions(r.out), expected);
    QCOMPARE(r.exitCode, exitCode);
}

void CliCheckTest::json()
{
    const Run r = cli({QStringLiteral("--json"), samples("003_d73438ddc782444d.txt")});
    QCOMPARE(r.exitCode, 1);
    const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8())
                                .object()
                                .value(QLatin1String("diagnostics"))
                                .toArray();
    QCOMPARE(list.size(), 5);
    const QJsonObject first = list.at(0).toObject();
    QCOMPARE(first.value(QLatin1String("file")).toString(), samples("003_d73438ddc782444d.txt"));
    QCOMPARE(first.value(QLatin1String("proposal_id")).toString(),
             QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130"));
    QCOMPARE(first.value(QLatin1String("artifact")).toString(), QStringLiteral("generated_1.sql"));
    QCOMPARE(first.value(QLatin1String("line")).toInt(), 10);
    QCOMPARE(first.value(QLatin1String("column")).toInt(), 1);
    QCOMPARE(first.value(QLatin1String("severity")).toString(), QStringLiteral("error"));
    QCOMPARE(first.value(QLatin1String("rule")).toString(), QStringLiteral("language-mismatch"));
    QVERIFY(!first.value(QLatin1String("message")).toString().isEmpty());
    QCOMPARE(list.at(1).toObject().value(QLatin1String("rule")).toString(),
             QStringLiteral("syntax-error"));
    QCOMPARE(list.at(2).toObject().value(QLatin1String("rule")).toString(),
             QStringLiteral("pyflakes/undefined-name"));
}

void CliCheckTest::usage()
{
    QCOMPARE(cli({}).exitCode, 2);
    QCOMPARE(cli({QStringLiteral("--bogus")}).exitCode, 2);
    const Run missing = cli({QStringLiteral("no-such-file.txt")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(QLatin1String("no-such-file.txt")));
}

// `import --diagnose` runs the same rules before returning and the queue carries the
// counts: sample 003 has language-mismatch, syntax-error and three undefined names (5
// errors) and target-conflict.
void CliCheckTest::importDiagnose()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(QStringLiteral("v.sqlite"));
    QProcess p;
    p.start(QStringLiteral(VERDICT_CLI_PATH),
            {QStringLiteral("import"), QStringLiteral("--diagnose"), QStringLiteral("--db"), db,
             QStringLiteral(VERDICT_SAMPLES)});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains("diagnosed 3 proposals: 5 errors, 5 warnings"));
    p.start(QStringLiteral(VERDICT_CLI_PATH),
            {QStringLiteral("queue"), QStringLiteral("--json"), QStringLiteral("--db"), db});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonArray rows = QJsonDocument::fromJson(p.readAllStandardOutput())
                                .object()
                                .value(QLatin1String("proposals"))
                                .toArray();
    QCOMPARE(rows.size(), 3);
    QHash<QString, QJsonObject> counts;
    for (const QJsonValue &row : rows) {
        counts.insert(row.toObject().value(QLatin1String("id")).toString(),
                      row.toObject().value(QLatin1String("diagnostics")).toObject());
    }
    const QJsonObject s003 =
        counts.value(QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130"));
    QCOMPARE(s003.value(QLatin1String("error")).toInt(), 5);
    QCOMPARE(s003.value(QLatin1String("warning")).toInt(), 1);
    const QJsonObject s000 =
        counts.value(QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9"));
    QCOMPARE(s000.value(QLatin1String("error")).toInt(), 0);
    QCOMPARE(s000.value(QLatin1String("warning")).toInt(), 4);
}

namespace {

QString makeDatabase(const QTemporaryDir &dir, const QString &disabledRules)
{
    const QString url = dir.filePath(QStringLiteral("team.sqlite"));
    auto store = verdict::openStore(url);
    if (!store || !(*store)->setSetting(QStringLiteral("disabled_rules"), disabledRules).ok())
        qFatal("cannot prepare %s", qPrintable(url));
    return url;
}

} // namespace

void CliCheckTest::disable_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("teamSetting"); // disabled_rules in a database, if any
    QTest::addColumn<QString>("how");         // "--db" or "VERDICT_DB"
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected");
    const QStringList all{QStringLiteral("11:1:info:pyflakes/unused-import"),
                          QStringLiteral("18:31:error:pyflakes/undefined-name"),
                          QStringLiteral("25:4:info:shellcheck/SC2086"),
                          QStringLiteral("27:17:warning:shellcheck/SC2154")};
    QTest::newRow("nothing disabled") << QStringList{} << QString() << QString() << 1 << all;
    QTest::newRow("one rule")
        << QStringList{QStringLiteral("--disable"), QStringLiteral("shellcheck/SC2086")}
        << QString() << QString() << 1
        << QStringList{all[0], all[1], all[3]};
    // The error was the only one: the exit status follows what is reported.
    QTest::newRow("a family and a rule, in two options")
        << QStringList{QStringLiteral("--disable"), QStringLiteral("shellcheck"),
                       QStringLiteral("--disable"), QStringLiteral("pyflakes/undefined-name")}
        << QString() << QString() << 0 << QStringList{all[0]};
    QTest::newRow("a prefix and a family, comma-separated")
        << QStringList{QStringLiteral("--disable=shellcheck/SC20*,pyflakes")} << QString()
        << QString() << 0 << QStringList{all[3]};
    QTest::newRow("team setting through --db")
        << QStringList{} << QStringLiteral("shellcheck/SC2086, pyflakes/unused-import")
        << QStringLiteral("--db") << 1 << QStringList{all[1], all[3]};
    QTest::newRow("team setting through VERDICT_DB, plus --disable")
        << QStringList{QStringLiteral("--disable"), QStringLiteral("shellcheck/SC2154")}
        << QStringLiteral("pyflakes") << QStringLiteral("VERDICT_DB") << 0
        << QStringList{all[2]};
}

// Disabled rules are neither printed nor counted, from the option and from the database.
void CliCheckTest::disable()
{
    QFETCH(QStringList, args);
    QFETCH(QString, teamSetting);
    QFETCH(QString, how);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    QString env;
    if (!how.isEmpty()) {
        const QString url = makeDatabase(dir, teamSetting);
        if (how == QLatin1String("--db"))
            args << QStringLiteral("--db") << url;
        else
            env = url;
    }
    const Run r = cli(args << QStringLiteral("linters.txt"), env);
    QCOMPARE(positions(r.out), expected);
    QCOMPARE(r.exitCode, exitCode);
}

// check reads a team database; it never creates one.
void CliCheckTest::disableNeedsAnExistingDatabase()
{
    QTemporaryDir dir;
    const QString url = dir.filePath(QStringLiteral("nothing-here.sqlite"));
    const Run r = cli({QStringLiteral("--db"), url, QStringLiteral("linters.txt")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QLatin1String("no database")), qPrintable(r.err));
    QVERIFY(!QFile::exists(url));
}

// The SARIF log validates against the SARIF 2.1.0 JSON schema (tests/data/sarif: the
// 2.1.0-rtm.5 schema as Microsoft ships it in the npm package @microsoft/jest-sarif), with
// Debian's python3-jsonschema. A log broken on purpose must fail the same validation, so a
// validator that accepts anything cannot pass this test.
void CliCheckTest::sarifValidates()
{
    const Run r = cli({QStringLiteral("--format"), QStringLiteral("sarif"),
                       QStringLiteral("linters.txt"), QStringLiteral("mixed.txt"),
                       QStringLiteral("not_a_report.bin"), samples("003_d73438ddc782444d.txt")});
    QCOMPARE(r.exitCode, 1);
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.sarif"));
    const QString bad = dir.filePath(QStringLiteral("bad.sarif"));
    QFile g(good);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write(r.out.toUtf8());
    g.close();
    QJsonObject broken = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY(!broken.isEmpty());
    QJsonArray runs = broken.value(QLatin1String("runs")).toArray();
    QJsonObject run = runs.at(0).toObject();
    QJsonArray results = run.value(QLatin1String("results")).toArray();
    QJsonObject result = results.at(0).toObject();
    result.insert(QStringLiteral("level"), QStringLiteral("fatal")); // not a SARIF level
    results.replace(0, result);
    run.insert(QStringLiteral("results"), results);
    runs.replace(0, run);
    broken.insert(QStringLiteral("runs"), runs);
    QFile b(bad);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write(QJsonDocument(broken).toJson());
    b.close();

    const char *validate =
        "import json, sys\n"
        "try:\n"
        "    import jsonschema\n"
        "except ImportError:\n"
        "    sys.exit('python3-jsonschema is needed for this test')\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())\n"
        "errors = sorted(v.iter_errors(json.load(open(sys.argv[2]))), key=str)\n"
        "for e in errors[:5]:\n"
        "    print(list(e.path), e.message)\n"
        "sys.exit(1 if errors else 0)\n";
    const QString schema = QStringLiteral(VERDICT_TEST_DATA "/sarif/sarif-2.1.0-rtm.5.json");
    for (const QString &file : {good, bad}) {
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), QString::fromLatin1(validate), schema, file});
        QVERIFY(p.waitForFinished(60000));
        const QString said =
            QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        if (file == good)
            QVERIFY2(p.exitCode() == 0, qPrintable(said));
        else
            QVERIFY2(p.exitCode() == 1 && said.contains(QLatin1String("fatal")), qPrintable(said));
    }
}

// Every finding of the text output is a SARIF result at the same place, with its rule's
// metadata; what a pipeline gates on (levels, rule ids) is all there.
void CliCheckTest::sarifMatchesText()
{
    const QStringList files{QStringLiteral("linters.txt"), QStringLiteral("mixed.txt"),
                            samples("003_d73438ddc782444d.txt")};
    const Run text = cli(files);
    const Run sarif = cli(QStringList{QStringLiteral("--format=sarif")} + files);
    QCOMPARE(sarif.exitCode, text.exitCode);
    const QJsonObject log = QJsonDocument::fromJson(sarif.out.toUtf8()).object();
    QCOMPARE(log.value(QLatin1String("version")).toString(), QStringLiteral("2.1.0"));
    QVERIFY(log.value(QLatin1String("$schema")).toString().contains(QLatin1String("2.1.0")));
    const QJsonArray runs = log.value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 1);
    const QJsonObject driver = runs.at(0).toObject()
                                   .value(QLatin1String("tool")).toObject()
                                   .value(QLatin1String("driver")).toObject();
    QCOMPARE(driver.value(QLatin1String("name")).toString(), QStringLiteral("Verdict"));
    const QJsonArray rules = driver.value(QLatin1String("rules")).toArray();
    QStringList found;
    for (const QJsonValue &v : runs.at(0).toObject().value(QLatin1String("results")).toArray()) {
        const QJsonObject result = v.toObject();
        const QString rule = result.value(QLatin1String("ruleId")).toString();
        const QJsonObject meta = rules.at(result.value(QLatin1String("ruleIndex")).toInt())
                                     .toObject();
        QCOMPARE(meta.value(QLatin1String("id")).toString(), rule);
        QVERIFY(!meta.value(QLatin1String("shortDescription")).toObject()
                     .value(QLatin1String("text")).toString().isEmpty());
        QVERIFY(!meta.value(QLatin1String("name")).toString().isEmpty());
        QVERIFY(!meta.contains(QLatin1String("helpUri")));
        QVERIFY(!result.value(QLatin1String("message")).toObject()
                     .value(QLatin1String("text")).toString().isEmpty());
        const QString level = result.value(QLatin1String("level")).toString();
        QVERIFY2(level == QLatin1String("error") || level == QLatin1String("warning")
                     || level == QLatin1String("note"),
                 qPrintable(level));
        const QJsonObject where = result.value(QLatin1String("locations")).toArray().at(0)
                                      .toObject().value(QLatin1String("physicalLocation"))
                                      .toObject();
        const QString uri = where.value(QLatin1String("artifactLocation")).toObject()
                                .value(QLatin1String("uri")).toString();
        const QJsonObject region = where.value(QLatin1String("region")).toObject();
        found << QStringLiteral("%1:%2:%3:%4:%5")
                     .arg(uri)
                     .arg(region.value(QLatin1String("startLine")).toInt())
                     .arg(region.value(QLatin1String("startColumn")).toInt())
                     .arg(level == QLatin1String("note") ? QStringLiteral("info") : level, rule);
    }
    QStringList expected;
    for (const QString &line : text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString file = line.section(QLatin1Char(':'), 0, 0);
        const QString uri = file.startsWith(QLatin1Char('/'))
                                ? QUrl::fromLocalFile(file).toString(QUrl::FullyEncoded)
                                : file;
        expected << uri + QLatin1Char(':') + positions(line).value(0);
    }
    QCOMPARE(found, expected);
    QVERIFY(found.size() >= 10);
}

// The python3 first on PATH may have no pyflakes (a pyenv or venv one): Debian's
// /usr/bin/python3, where python3-pyflakes installs, is used first all the same.
void CliCheckTest::pyflakesPrefersDebianPython()
{
    if (!QFile::exists(QStringLiteral("/usr/lib/python3/dist-packages/pyflakes/__init__.py")))
        QSKIP("Debian's python3-pyflakes is not installed");
    QTemporaryDir dir;
    const QString shim = dir.filePath(QStringLiteral("python3"));
    QFile f(shim);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n"); // no site-packages: no pyflakes
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("VERDICT_DB"));
    env.insert(QStringLiteral("PATH"),
               dir.path() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QStringLiteral(VERDICT_TEST_DATA "/diagnostics/reports"));
    p.start(QStringLiteral(VERDICT_CLI_PATH),
            {QStringLiteral("check"), QStringLiteral("linters.txt")});
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(out.contains(QLatin1String("[pyflakes/undefined-name]")), qPrintable(out));
    QVERIFY2(!out.contains(QLatin1String("not linted")), qPrintable(out));
}

QTEST_GUILESS_MAIN(CliCheckTest)
#include "cli_check_test.moc"
