// SPDX-License-Identifier: GPL-3.0-or-later
// `verdict-cli parse` (DESIGN.md's command-line contract), run through the real binary.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class CliParseTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonFields_data();
    void jsonFields();
    void samplesFolder();
    void badFileIsAnErrorForThatFileOnly_data();
    void badFileIsAnErrorForThatFileOnly();
    void folderIsRecursiveAndSkipsHidden();
    void textForm();
    void usage_data();
    void usage();

private:
    struct Run
    {
        int exit = -1;
        QByteArray out;
        QString err;
    };
    static Run cli(const QStringList &args);
    static QJsonObject json(const QStringList &paths, int expectedExit);
};

namespace {

QString report(const QString &name)
{
    return QStringLiteral(VERDICT_TEST_DATA "/reports/") + name;
}

QString sample(const QString &prefix)
{
    const QDir dir(QStringLiteral(VERDICT_SAMPLES));
    return dir.filePath(dir.entryList({prefix + QLatin1String("_*.txt")}, QDir::Files).value(0));
}

} // namespace

CliParseTest::Run CliParseTest::cli(const QStringList &args)
{
    QProcess p;
    p.setProgram(QStringLiteral(VERDICT_CLI_PATH));
    p.setArguments(QStringList{QStringLiteral("parse")} + args);
    p.start();
    Run run;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QJsonObject CliParseTest::json(const QStringList &paths, int expectedExit)
{
    const Run run = cli(QStringList{QStringLiteral("--json")} + paths);
    if (run.exit != expectedExit) {
        qWarning("exit %d, stderr: %s", run.exit, qPrintable(run.err));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(run.out, &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("bad JSON: %s", qPrintable(error.errorString()));
        return {};
    }
    return doc.object();
}

// One proposal's JSON, field by field, against DESIGN.md's shape.
void CliParseTest::jsonFields_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("expected"); // compact JSON of the checked fields

    QTest::newRow("sample 000")
        << sample(QStringLiteral("000")) << 0
        << QStringLiteral(
               R"({"source_line":1,"id":"fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9",)"
               R"("timestamp":"2026-01-02T19:12:25.611Z","severity":6,"block_execution":false,)"
               R"("kind":"idea_implementation","opportunity":"Make.com Scenario Generation",)"
               R"("artifacts":[{"path":"generated_1.sql","declared_language":"sql",)"
               R"("language":"sql","first_line":10,"last_line":31}],"problems":[]})");
    QTest::newRow("sample 003")
        << sample(QStringLiteral("003")) << 0
        << QStringLiteral(
               R"({"source_line":1,"artifacts":[{"path":"generated_1.sql",)"
               R"("declared_language":"sql","language":"python","first_line":10,)"
               R"("last_line":25}],"problems":[]})");
    QTest::newRow("sample 004")
        << sample(QStringLiteral("004")) << 0
        << QStringLiteral(R"({"kind":"self_improvement","opportunity":null,"artifacts":[]})");
    QTest::newRow("missing fields are null")
        << report(QStringLiteral("missing_fields.txt")) << 0
        << QStringLiteral(
               R"({"id":null,"timestamp":null,"severity":null,"block_execution":false,)"
               R"("problems":[{"line":1,"message":"missing field 'id'"},)"
               R"({"line":1,"message":"missing field 'timestamp'"},)"
               R"({"line":1,"message":"missing field 'severity'"}]})");
    QTest::newRow("malformed fields are null")
        << report(QStringLiteral("malformed_fields.txt")) << 1
        << QStringLiteral(R"({"source_line":16,"timestamp":null,"severity":null,)"
                          R"("block_execution":false,"kind":null})");
    QTest::newRow("several files")
        << report(QStringLiteral("several_files.txt")) << 0
        << QStringLiteral(
               R"({"opportunity":"One-Command Startup","artifacts":[)"
               R"({"path":"config/app.yml","declared_language":"yaml","language":"yaml",)"
               R"("first_line":11,"last_line":15},)"
               R"({"path":"scripts/start.sh","declared_language":"bash","language":"bash",)"
               R"("first_line":20,"last_line":23},)"
               R"({"path":"web/settings.json","declared_language":"json","language":"json",)"
               R"("first_line":26,"last_line":29}],"risks":["Config drift between files"],)"
               R"("mitigations":["Validate the config at startup"]})");
    QTest::newRow("crlf")
        << report(QStringLiteral("crlf.txt")) << 0
        << QStringLiteral(R"({"artifacts":[{"path":"app/retry.py","first_line":11,)"
                          R"("last_line":21}]})");
}

void CliParseTest::jsonFields()
{
    QFETCH(QString, file);
    QFETCH(int, index);
    QFETCH(QString, expected);
    const QJsonObject root = json({file}, 0);
    const QJsonArray files = root.value(QLatin1String("files")).toArray();
    QCOMPARE(files.size(), 1);
    const QJsonObject f = files.at(0).toObject();
    QCOMPARE(f.value(QLatin1String("path")).toString(), file);
    QVERIFY(f.value(QLatin1String("error")).isNull());
    const QJsonObject p =
        f.value(QLatin1String("proposals")).toArray().at(index).toObject();
    QVERIFY(!p.isEmpty());

    const QJsonObject want = QJsonDocument::fromJson(expected.toUtf8()).object();
    QVERIFY2(!want.isEmpty(), "bad expected JSON in the test row");
    for (auto it = want.begin(); it != want.end(); ++it) {
        QJsonValue got = p.value(it.key());
        QVERIFY2(p.contains(it.key()), qPrintable(it.key()));
        if (it.key() == QLatin1String("artifacts")) {
            // Compare the listed keys of each artifact; sha256 is checked below.
            const QJsonArray wantArtifacts = it.value().toArray();
            const QJsonArray gotArtifacts = got.toArray();
            QCOMPARE(gotArtifacts.size(), wantArtifacts.size());
            for (int i = 0; i < wantArtifacts.size(); ++i) {
                const QJsonObject w = wantArtifacts.at(i).toObject();
                const QJsonObject g = gotArtifacts.at(i).toObject();
                for (auto k = w.begin(); k != w.end(); ++k)
                    QCOMPARE(g.value(k.key()), k.value());
                QCOMPARE(g.value(QLatin1String("sha256")).toString().size(), 64);
            }
            continue;
        }
        QCOMPARE(got, it.value());
    }
    // Every key of the contract is there, whatever the row checks.
    for (const char *key : {"source_line", "id", "timestamp", "severity", "block_execution",
                            "kind", "opportunity", "artifacts", "risks", "mitigations",
                            "problems", "sha256"})
        QVERIFY2(p.contains(QLatin1String(key)), key);
    QCOMPARE(p.value(QLatin1String("sha256")).toString().size(), 64);
}

void CliParseTest::samplesFolder()
{
    const QJsonObject root = json({QStringLiteral(VERDICT_SAMPLES)}, 0);
    const QJsonArray files = root.value(QLatin1String("files")).toArray();
    QCOMPARE(files.size(), 3);
    QStringList ids;
    for (const QJsonValue &f : files) {
        QVERIFY(f.toObject().value(QLatin1String("error")).isNull());
        for (const QJsonValue &p : f.toObject().value(QLatin1String("proposals")).toArray())
            ids << p.toObject().value(QLatin1String("id")).toString();
    }
    QCOMPARE(ids, (QStringList{QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9"),
                               QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130"),
                               QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972")}));
}

// A file that is not a report: exit 1, "error" set for it, the other files still parsed.
void CliParseTest::badFileIsAnErrorForThatFileOnly_data()
{
    QTest::addColumn<QString>("bad");
    QTest::addColumn<QString>("error");
    QTest::newRow("binary") << QStringLiteral("binary.bin")
                            << QStringLiteral("binary file (NUL byte at offset 7)");
    QTest::newRow("empty") << QStringLiteral("empty.txt") << QStringLiteral("empty file");
    QTest::newRow("prose") << QStringLiteral("prose_only.txt")
                           << QStringLiteral("no '# FSAR Proposal Report' header found");
}

void CliParseTest::badFileIsAnErrorForThatFileOnly()
{
    QFETCH(QString, bad);
    QFETCH(QString, error);
    const QJsonObject root = json({report(QStringLiteral("multi.txt")), report(bad),
                                   sample(QStringLiteral("000"))},
                                  1);
    const QJsonArray files = root.value(QLatin1String("files")).toArray();
    QCOMPARE(files.size(), 3);
    int proposals = 0;
    for (const QJsonValue &v : files) {
        const QJsonObject f = v.toObject();
        const int n = f.value(QLatin1String("proposals")).toArray().size();
        if (f.value(QLatin1String("path")).toString() == report(bad)) {
            QCOMPARE(f.value(QLatin1String("error")).toString(), error);
            QCOMPARE(n, 0);
        } else {
            QVERIFY(f.value(QLatin1String("error")).isNull());
            proposals += n;
        }
    }
    QCOMPARE(proposals, 3 + 1);

    const Run run = cli({report(bad)});
    QCOMPARE(run.exit, 1);
    QVERIFY2(run.err.contains(error), qPrintable(run.err));
}

void CliParseTest::folderIsRecursiveAndSkipsHidden()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QDir root(dir.path());
    QVERIFY(root.mkpath(QStringLiteral("nested/deeper")));
    QVERIFY(root.mkpath(QStringLiteral(".git")));
    QVERIFY(QFile::copy(report(QStringLiteral("multi.txt")),
                        root.filePath(QStringLiteral("a.txt"))));
    QVERIFY(QFile::copy(report(QStringLiteral("fenced_python.txt")),
                        root.filePath(QStringLiteral("nested/deeper/b.txt"))));
    QVERIFY(QFile::copy(report(QStringLiteral("binary.bin")),
                        root.filePath(QStringLiteral(".git/index"))));
    QVERIFY(QFile::copy(report(QStringLiteral("empty.txt")),
                        root.filePath(QStringLiteral("nested/.swap"))));
    // Exit 1: multi.txt holds a duplicate id.
    const QJsonObject out = json({dir.path()}, 1);
    const QJsonArray files = out.value(QLatin1String("files")).toArray();
    QCOMPARE(files.size(), 2);
    QCOMPARE(files.at(0).toObject().value(QLatin1String("path")).toString(),
             root.filePath(QStringLiteral("a.txt")));
    QCOMPARE(files.at(1).toObject().value(QLatin1String("path")).toString(),
             root.filePath(QStringLiteral("nested/deeper/b.txt")));
}

void CliParseTest::textForm()
{
    const Run run = cli({report(QStringLiteral("multi.txt")),
                         report(QStringLiteral("malformed_fields.txt"))});
    QCOMPARE(run.exit, 1); // the duplicate id is an error, the other problems warnings
    const QString out = QString::fromUtf8(run.out);
    const QString multi = report(QStringLiteral("multi.txt"));
    const QString malformed = report(QStringLiteral("malformed_fields.txt"));
    const QStringList expected{
        multi + QStringLiteral(":1: fsar_11111111-1111-4111-8111-111111111111 "
                               "idea_implementation severity 4, 1 artifact"),
        multi + QStringLiteral(":25: fsar_22222222-2222-4222-8222-222222222222 "
                               "self_improvement severity 2, 0 artifacts"),
        multi + QStringLiteral(":42: fsar_11111111-1111-4111-8111-111111111111 "
                               "idea_implementation severity 7, 1 artifact"),
        multi + QStringLiteral(":42: error: duplicate id "
                               "'fsar_11111111-1111-4111-8111-111111111111' (also the report "
                               "at line 1)"),
        malformed + QStringLiteral(":1: fsar_66666666-6666-4666-8666-666666666666 "
                                   "self_improvement severity ?, 0 artifacts"),
    };
    // Files come sorted (malformed_fields.txt first), reports in file order, each
    // followed by its problems.
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), expected.at(4));
    QCOMPARE(lines.value(1), malformed + QStringLiteral(
                                 ":3: warning: malformed timestamp 'yesterday evening': "
                                 "expected ISO 8601 UTC, e.g. 2026-01-02T19:12:25.611Z"));
    const int first = int(lines.indexOf(expected.at(0)));
    QVERIFY2(first > 0, qPrintable(out));
    for (int i = 0; i < 4; ++i)
        QCOMPARE(lines.value(first + i), expected.at(i));
    QCOMPARE(lines.size(), first + 4);
    QVERIFY(run.err.isEmpty());
}

void CliParseTest::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("err");
    QTest::newRow("no path") << QStringList{QStringLiteral("--json")} << 2
                             << QStringLiteral("verdict-cli parse: no PATH given");
    QTest::newRow("missing path")
        << QStringList{QStringLiteral("--json"), report(QStringLiteral("multi.txt")),
                       QStringLiteral("/nonexistent/report.txt")}
        << 2
        << QStringLiteral("verdict-cli parse: /nonexistent/report.txt: no such file or "
                          "directory");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} << 2
                                    << QStringLiteral("verdict-cli parse: ");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QString();
}

void CliParseTest::usage()
{
    QFETCH(QStringList, args);
    QFETCH(int, exit);
    QFETCH(QString, err);
    const Run run = cli(args);
    QCOMPARE(run.exit, exit);
    if (err.isEmpty()) {
        QVERIFY(run.err.isEmpty());
        QVERIFY(run.out.contains("--json"));
    } else {
        QVERIFY2(run.err.startsWith(err), qPrintable(run.err));
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    }
}

QTEST_GUILESS_MAIN(CliParseTest)
#include "cli_parse_test.moc"
