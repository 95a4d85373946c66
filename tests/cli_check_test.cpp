// SPDX-License-Identifier: GPL-3.0-or-later
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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
};

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
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

QTEST_GUILESS_MAIN(CliCheckTest)
#include "cli_check_test.moc"
