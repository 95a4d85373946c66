// SPDX-License-Identifier: GPL-3.0-or-later
// The command-line contract (DESIGN.md) of import, queue, decide, export and verify, run
// through the real verdict-cli on a fresh database.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class CliStoreTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void importIsIdempotent();
    void importReportsFileErrors();
    void importNamesAReportWithoutAnId();
    void queueJson();
    void queueTable();
    void decide();
    void decideUsage_data();
    void decideUsage();
    void exportVerify_data();
    void exportVerify();
    void exportToStdout();
    void exportSince();
    void verifyDetectsTampering_data();
    void verifyDetectsTampering();
    void usage_data();
    void usage();

private:
    struct Run
    {
        int exit = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args, const QStringList &env = {});
    void importSamples();
    QJsonArray queue();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

namespace {

const QString kSample000 = QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9");
const QString kSample003 = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");
const QString kSample004 = QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972");

QString headFrom(const QString &err)
{
    const QRegularExpression re(QStringLiteral("^head: ([0-9a-f]{64})$"),
                                QRegularExpression::MultilineOption);
    return re.match(err).captured(1);
}

} // namespace

void CliStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(QStringLiteral("db/verdict.sqlite"));
}

CliStoreTest::Run CliStoreTest::cli(const QStringList &args, const QStringList &env)
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("VERDICT_DB"));
    e.remove(QStringLiteral("VERDICT_REVIEWER"));
    e.insert(QStringLiteral("USER"), QStringLiteral("importer")); // the import's audit actor
    for (const QString &kv : env)
        e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
    p.setProcessEnvironment(e);
    QStringList argv = args;
    // --db after the subcommand word, as a user types it.
    if (!argv.isEmpty() && argv.first() != QLatin1String("verify"))
        argv.insert(1, QStringLiteral("--db=") + m_db);
    p.start(QStringLiteral(VERDICT_CLI_PATH), argv);
    Run r;
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exit = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void CliStoreTest::importSamples()
{
    const Run r = cli({QStringLiteral("import"), QStringLiteral(VERDICT_SAMPLES)});
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("imported 3 files: 3 new, 0 revised, 0 unchanged\n"));
    QCOMPARE(r.exit, 0);
}

QJsonArray CliStoreTest::queue()
{
    const Run r = cli({QStringLiteral("queue"), QStringLiteral("--json")});
    if (r.exit != 0)
        return {};
    return QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("proposals"))
        .toArray();
}

void CliStoreTest::importIsIdempotent()
{
    importSamples();
    const Run again = cli({QStringLiteral("import"), QStringLiteral(VERDICT_SAMPLES)});
    QCOMPARE(again.out, QStringLiteral("imported 3 files: 0 new, 0 revised, 3 unchanged\n"));
    QCOMPARE(again.exit, 0);
    QCOMPARE(queue().size(), 3);

    // The same report with changed content is a new revision.
    QFile original(QStringLiteral(VERDICT_SAMPLES "/000_471f460746578cde.txt"));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QByteArray text = original.readAll();
    text.replace("severity: 6", "severity: 7");
    QFile changed(m_dir->filePath(QStringLiteral("000-changed.txt")));
    QVERIFY(changed.open(QIODevice::WriteOnly));
    changed.write(text);
    changed.close();
    const Run revised = cli({QStringLiteral("import"), changed.fileName()});
    QCOMPARE(revised.out, QStringLiteral("imported 1 file: 0 new, 1 revised, 0 unchanged\n"));
    const QJsonArray proposals = queue();
    QCOMPARE(proposals.size(), 3);
    for (const QJsonValue &v : proposals) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("id")).toString() == kSample000) {
            QCOMPARE(o.value(QLatin1String("revision")).toInt(), 2);
            QCOMPARE(o.value(QLatin1String("severity")).toInt(), 7);
        }
    }
}

void CliStoreTest::importReportsFileErrors()
{
    const QString empty = m_dir->filePath(QStringLiteral("empty.txt"));
    QFile f(empty);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const Run r = cli({QStringLiteral("import"),
                       QStringLiteral(VERDICT_SAMPLES "/000_471f460746578cde.txt"), empty});
    QCOMPARE(r.exit, 1);
    QCOMPARE(r.out, QStringLiteral("imported 2 files: 1 new, 0 revised, 0 unchanged\n"));
    const QStringList lines = r.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines.first().startsWith(empty + QStringLiteral(": error: ")), qPrintable(r.err));

    const Run missing = cli({QStringLiteral("import"), m_dir->filePath(QStringLiteral("nope"))});
    QCOMPARE(missing.exit, 2);
    QVERIFY2(missing.err.contains(QLatin1String("nope: error: no such file")),
             qPrintable(missing.err));
}

// A report without an id is parsed but not stored (no decision could name it): the import
// says which file and line, stores the rest, and exits 1.
void CliStoreTest::importNamesAReportWithoutAnId()
{
    QFile sample(QStringLiteral(VERDICT_SAMPLES "/000_471f460746578cde.txt"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    const QByteArray report = sample.readAll();
    const int idAt = report.indexOf("- id:");
    QVERIFY(idAt > 0);
    QByteArray withoutId = report;
    withoutId.remove(idAt, report.indexOf('\n', idAt) + 1 - idAt);
    if (!withoutId.endsWith('\n'))
        withoutId.append('\n');
    // Line 1: the report without its id; after it, the sample as it is.
    const QString path = m_dir->filePath(QStringLiteral("mixed.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(withoutId + report);
    f.close();

    const Run r = cli({QStringLiteral("import"), path});
    QCOMPARE(r.exit, 1);
    QCOMPARE(r.out, QStringLiteral("imported 1 file: 1 new, 0 revised, 0 unchanged\n"));
    QVERIFY2(r.err.contains(path + QStringLiteral(":1: error: proposal without an id not stored")),
             qPrintable(r.err));
    const Run queue = cli({QStringLiteral("queue"), QStringLiteral("--json")});
    QCOMPARE(queue.exit, 0);
    const QJsonObject doc = QJsonDocument::fromJson(queue.out.toUtf8()).object();
    const QJsonArray proposals = doc.value(QLatin1String("proposals")).toArray();
    QCOMPARE(proposals.size(), 1);
}

void CliStoreTest::queueJson()
{
    importSamples();
    const Run r = cli({QStringLiteral("queue"), QStringLiteral("--json")});
    QCOMPARE(r.exit, 0);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().keys(), QStringList{QStringLiteral("proposals")});
    const QJsonArray proposals = doc.object().value(QLatin1String("proposals")).toArray();
    QCOMPARE(proposals.size(), 3);
    QStringList ids;
    for (const QJsonValue &v : proposals) {
        const QJsonObject o = v.toObject();
        QStringList keys = o.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("block_execution"),
                                    QStringLiteral("diagnostics"), QStringLiteral("id"),
                                    QStringLiteral("kind"), QStringLiteral("opportunity"),
                                    QStringLiteral("revision"), QStringLiteral("severity"),
                                    QStringLiteral("status"), QStringLiteral("targets")}));
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("pending"));
        QCOMPARE(o.value(QLatin1String("revision")).toInt(), 1);
        const QJsonObject diagnostics = o.value(QLatin1String("diagnostics")).toObject();
        QCOMPARE(diagnostics, (QJsonObject{{QStringLiteral("error"), 0},
                                           {QStringLiteral("warning"), 0},
                                           {QStringLiteral("info"), 0}}));
        QVERIFY(o.value(QLatin1String("targets")).isArray());
        ids << o.value(QLatin1String("id")).toString();
        if (ids.last() == kSample000) {
            QCOMPARE(o.value(QLatin1String("severity")).toInt(), 6);
            QCOMPARE(o.value(QLatin1String("block_execution")), QJsonValue(false));
            QCOMPARE(o.value(QLatin1String("kind")).toString(),
                     QStringLiteral("idea_implementation"));
            QCOMPARE(o.value(QLatin1String("targets")).toArray(),
                     QJsonArray{QStringLiteral("generated_1.sql")});
        }
    }
    ids.sort();
    QCOMPARE(ids, (QStringList{kSample003, kSample000, kSample004}));
}

void CliStoreTest::queueTable()
{
    importSamples();
    const Run r = cli({QStringLiteral("queue")});
    QCOMPARE(r.exit, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.first().startsWith(QLatin1String("ID ")));
    // Aligned: every row has its status where the header has STATUS.
    const int column = lines.first().indexOf(QLatin1String("STATUS"));
    for (int i = 1; i < lines.size(); ++i)
        QCOMPARE(lines.at(i).mid(column, 7), QStringLiteral("pending"));
}

void CliStoreTest::decide()
{
    importSamples();
    const Run approve = cli({QStringLiteral("decide"), QStringLiteral("--reviewer"),
                             QStringLiteral("alice"), kSample000, QStringLiteral("approve")});
    QCOMPARE(approve.err, QString());
    QCOMPARE(approve.exit, 0);
    QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f-]{36}\n$")).match(approve.out).hasMatch(),
             qPrintable(approve.out));
    const Run reject = cli({QStringLiteral("decide"), QStringLiteral("--reason"),
                            QStringLiteral("drops a table"), kSample004, QStringLiteral("reject")},
                           {QStringLiteral("VERDICT_REVIEWER=bob")});
    QCOMPARE(reject.exit, 0);
    const Run changes = cli({QStringLiteral("decide"), QStringLiteral("--reviewer=carol"),
                             QStringLiteral("--reason=fix the fence"), kSample003,
                             QStringLiteral("changes")});
    QCOMPARE(changes.exit, 0);

    QHash<QString, QString> status;
    const QJsonArray proposals = queue();
    for (const QJsonValue &v : proposals) {
        const QJsonObject o = v.toObject();
        status.insert(o.value(QLatin1String("id")).toString(),
                      o.value(QLatin1String("status")).toString());
    }
    QCOMPARE(status.value(kSample000), QStringLiteral("approved"));
    QCOMPARE(status.value(kSample004), QStringLiteral("rejected"));
    QCOMPARE(status.value(kSample003), QStringLiteral("changes"));

    // Two reviewers disagree: conflict; a lead's --resolve settles it.
    QCOMPARE(cli({QStringLiteral("decide"), QStringLiteral("--reviewer=dave"),
                  QStringLiteral("--reason=unsafe"), kSample000, QStringLiteral("reject")})
                 .exit,
             0);
    const auto statusOf = [this](const QString &id) {
        const QJsonArray rows = queue();
        for (const QJsonValue &v : rows) {
            if (v.toObject().value(QLatin1String("id")).toString() == id)
                return v.toObject().value(QLatin1String("status")).toString();
        }
        return QString();
    };
    QCOMPARE(statusOf(kSample000), QStringLiteral("conflict"));
    QCOMPARE(cli({QStringLiteral("decide"), QStringLiteral("--reviewer=lena"),
                  QStringLiteral("--resolve"), kSample000, QStringLiteral("approve")})
                 .exit,
             0);
    QCOMPARE(statusOf(kSample000), QStringLiteral("approved"));
}

void CliStoreTest::decideUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("message");
    const QString decide = QStringLiteral("decide");
    const QString reviewer = QStringLiteral("--reviewer=alice");
    QTest::newRow("reject without reason")
        << QStringList{decide, reviewer, kSample000, QStringLiteral("reject")} << 2
        << QStringLiteral("reject needs --reason");
    QTest::newRow("changes without reason")
        << QStringList{decide, reviewer, kSample000, QStringLiteral("changes")} << 2
        << QStringLiteral("changes needs --reason");
    QTest::newRow("unknown id") << QStringList{decide, reviewer, QStringLiteral("fsar_nope"),
                                               QStringLiteral("approve")}
                                << 1 << QStringLiteral("no proposal with id fsar_nope");
    QTest::newRow("bad verdict word")
        << QStringList{decide, reviewer, kSample000, QStringLiteral("maybe")} << 2
        << QStringLiteral("'maybe' is not a verdict");
    QTest::newRow("no reviewer") << QStringList{decide, kSample000, QStringLiteral("approve")}
                                 << 2 << QStringLiteral("--reviewer NAME is required");
    QTest::newRow("missing verdict") << QStringList{decide, reviewer, kSample000} << 2
                                     << QStringLiteral("expected ID and");
}

void CliStoreTest::decideUsage()
{
    QFETCH(QStringList, args);
    QFETCH(int, exit);
    QFETCH(QString, message);
    importSamples();
    const Run r = cli(args);
    QCOMPARE(r.exit, exit);
    QCOMPARE(r.out, QString());
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void CliStoreTest::exportVerify_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("jsonl") << QStringLiteral("jsonl");
}

void CliStoreTest::exportVerify()
{
    QFETCH(QString, format);
    importSamples();
    QCOMPARE(cli({QStringLiteral("decide"), QStringLiteral("--reviewer=alice"),
                  QStringLiteral("--reason=has \"quotes\", commas\nand lines"), kSample000,
                  QStringLiteral("changes")})
                 .exit,
             0);
    const QString file = m_dir->filePath(QStringLiteral("audit.") + format);
    const Run exported = cli({QStringLiteral("export"), QStringLiteral("--format"), format,
                              QStringLiteral("-o"), file});
    QCOMPARE(exported.exit, 0);
    QCOMPARE(exported.out, QString());
    const QString head = headFrom(exported.err);
    QVERIFY2(!head.isEmpty(), qPrintable(exported.err));

    const Run verified = cli({QStringLiteral("verify"), file});
    QCOMPARE(verified.exit, 0);
    QCOMPARE(verified.out, QStringLiteral("ok: 4 events, head %1\n").arg(head));
    QCOMPARE(cli({QStringLiteral("verify"), file, QStringLiteral("--head"), head}).exit, 0);

    // The export was audited: a second export holds one more event, same chain.
    const QString second = m_dir->filePath(QStringLiteral("audit2.") + format);
    const Run again = cli({QStringLiteral("export"), QStringLiteral("--format=") + format,
                           QStringLiteral("--output=") + second});
    QCOMPARE(again.exit, 0);
    const Run verified2 = cli({QStringLiteral("verify"), second});
    QVERIFY2(verified2.out.startsWith(QLatin1String("ok: 5 events, head ")),
             qPrintable(verified2.out + verified2.err));
    // Cutting events off the end shows only against the head kept from the export.
    const Run cut = cli({QStringLiteral("verify"), second, QStringLiteral("--head"), head});
    QCOMPARE(cut.exit, 1);
    QVERIFY2(cut.err.contains(QLatin1String("chain broken")), qPrintable(cut.err));
}

void CliStoreTest::exportToStdout()
{
    importSamples();
    const Run r = cli({QStringLiteral("export"), QStringLiteral("--format"),
                       QStringLiteral("jsonl")});
    QCOMPARE(r.exit, 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    const QJsonObject last = QJsonDocument::fromJson(lines.last().toUtf8()).object();
    QCOMPARE(last.value(QLatin1String("hash")).toString(), headFrom(r.err));
    QCOMPARE(last.value(QLatin1String("action")).toString(), QStringLiteral("import"));
    const QString file = m_dir->filePath(QStringLiteral("stdout.jsonl"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(r.out.toUtf8());
    f.close();
    QCOMPARE(cli({QStringLiteral("verify"), file}).exit, 0);
}

void CliStoreTest::exportSince()
{
    importSamples();
    const Run r = cli({QStringLiteral("export"), QStringLiteral("--format=csv"),
                       QStringLiteral("--since=2999-01-01T00:00:00Z")});
    QCOMPARE(r.exit, 0);
    QCOMPARE(r.out.count(QLatin1Char('\n')), 1); // the header alone
    const Run bad = cli({QStringLiteral("export"), QStringLiteral("--format=csv"),
                         QStringLiteral("--since=yesterday")});
    QCOMPARE(bad.exit, 2);
    QVERIFY2(bad.err.contains(QLatin1String("not an ISO 8601 time")), qPrintable(bad.err));
}

void CliStoreTest::verifyDetectsTampering_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<int>("line");
    // CSV line 1 is the header; events 1-3 are the imports, 4 the decision.
    QTest::newRow("csv verdict rewritten") << QStringLiteral("csv") << QByteArray(",approve,")
                                           << QByteArray(",reject,") << 5;
    QTest::newRow("jsonl verdict rewritten")
        << QStringLiteral("jsonl") << QByteArray("\"outcome\":\"approve\"")
        << QByteArray("\"outcome\":\"reject\"") << 4;
    QTest::newRow("jsonl reviewer rewritten")
        << QStringLiteral("jsonl") << QByteArray("\"actor\":\"alice\"")
        << QByteArray("\"actor\":\"mallory\"") << 4;
}

void CliStoreTest::verifyDetectsTampering()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(int, line);
    importSamples();
    QCOMPARE(cli({QStringLiteral("decide"), QStringLiteral("--reviewer=alice"), kSample000,
                  QStringLiteral("approve")})
                 .exit,
             0);
    const QString file = m_dir->filePath(QStringLiteral("audit.") + format);
    QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--format=") + format,
                  QStringLiteral("-o"), file})
                 .exit,
             0);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray data = f.readAll();
    f.close();
    QVERIFY(data.contains(from));
    data.replace(from, to);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
    f.close();

    const Run r = cli({QStringLiteral("verify"), file});
    QCOMPARE(r.exit, 1);
    QCOMPARE(r.out, QString());
    QVERIFY2(r.err.startsWith(QStringLiteral("%1:%2: chain broken: ").arg(file).arg(line)),
             qPrintable(r.err));
}

void CliStoreTest::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("import without paths") << QStringList{QStringLiteral("import")}
                                          << QStringLiteral("no PATH given");
    QTest::newRow("queue malformed filter") << QStringList{QStringLiteral("queue"),
                                                           QStringLiteral("--filter"),
                                                           QStringLiteral("status:done")}
                                            << QStringLiteral("malformed --filter: column 8");
    QTest::newRow("export without format") << QStringList{QStringLiteral("export")}
                                           << QStringLiteral("--format csv or --format jsonl");
    QTest::newRow("export unknown format")
        << QStringList{QStringLiteral("export"), QStringLiteral("--format=xml")}
        << QStringLiteral("--format csv or --format jsonl");
    QTest::newRow("verify without file") << QStringList{QStringLiteral("verify")}
                                         << QStringLiteral("expected one FILE");
    QTest::newRow("verify unreadable file")
        << QStringList{QStringLiteral("verify"), QStringLiteral("/nonexistent/audit.csv")}
        << QStringLiteral("cannot read /nonexistent/audit.csv");
    QTest::newRow("verify bad head")
        << QStringList{QStringLiteral("verify"), QStringLiteral("x"), QStringLiteral("--head=12")}
        << QStringLiteral("--head must be 64 hex digits");
}

void CliStoreTest::usage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.exit, 2);
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(CliStoreTest)
#include "cli_store_test.moc"
