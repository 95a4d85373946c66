// SPDX-License-Identifier: GPL-3.0-or-later
// The audit export in an insider's hands (trust issue, item 9). A lead exports the log with
// the real verdict-cli and keeps the head hash; someone edits the file so that another
// reader (a spreadsheet, jq, a script) sees something else than what the hashes cover, or
// edits it and recomputes the chain. `verdict-cli verify FILE --head HASH` must then exit 1
// naming the line, because the rule is: any byte that is not exactly what export writes
// fails. The untampered exports, full of hostile text, must verify.
#include "audit/auditexport.h"
#include "audit/hashchain.h"
#include "domain/textform.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

class AuditExportSecurityTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void untampered_data();
    void untampered();
    void tampered_data();
    void tampered();

private:
    struct Run
    {
        int exit = -1;
        QString out;
        QString err;
    };
    Run cli(const QStringList &args) const;
    QString write(const QString &name, const QByteArray &data) const;

    QTemporaryDir m_dir;
    QString m_db;
    QByteArray m_csv;
    QByteArray m_jsonl;
    QString m_csvHead;
    QString m_jsonlHead;
};

namespace {

const QString kSample000 = QStringLiteral("fsar_51f8aa7f-7563-46d2-b8f2-a4e2eb2402f9");
const QString kSample003 = QStringLiteral("fsar_331e3e0e-04db-4a82-aa21-56121b549130");
const QString kSample004 = QStringLiteral("fsar_dc131605-cb34-4849-9754-d5107e117972");

// What reviewers may type, all of it legitimate: the export must carry it and verify.
// r1's reason holds U+FFFD and U+00EF (the invalid UTF-8 and overlong rows rewrite them).
const QString kR1Reason = QStringLiteral("na\u00efve \u2192 fix, \uFFFD kept");
const QString kHostileReason = QStringLiteral(
    "he said \"no\", then,\r\nleft\n\tindented; caf\u00e9 \u65e5\u672c \U0001F642 "
    "\x01\x07\x1b[31mred\x1b[0m \x7f \u2028 end");
// Quotes, a comma, U+FEFF (a command line cannot start a name with it: Qt 5 drops it there).
const QString kHostileName = QStringLiteral("Zo\u00eb, \"the\" \uFEFFlead");

QString headFrom(const QString &err)
{
    const QRegularExpression re(QStringLiteral("^head: ([0-9a-f]{64})$"),
                                QRegularExpression::MultilineOption);
    return re.match(err).captured(1);
}

int lineCount(const QByteArray &data)
{
    return int(data.count('\n'));
}

// The 1-based line of the first line holding `needle`.
int lineOf(const QByteArray &data, const QByteArray &needle)
{
    const int at = data.indexOf(needle);
    return at < 0 ? -1 : int(data.left(at).count('\n')) + 1;
}

// `data` with `from` replaced by `to` on line `line` only.
QByteArray replaceOnLine(const QByteArray &data, int line, const QByteArray &from,
                         const QByteArray &to)
{
    QList<QByteArray> lines = data.split('\n');
    QByteArray &l = lines[line - 1];
    if (!l.contains(from))
        return data;
    l.replace(l.indexOf(from), from.size(), to);
    return lines.join('\n');
}

// The JSONL export's events, re-read to be forged.
std::vector<verdict::AuditEvent> eventsOf(const QByteArray &jsonl)
{
    std::vector<verdict::AuditEvent> events;
    for (const QByteArray &line : jsonl.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        verdict::AuditEvent e;
        e.seq = o.value(QLatin1String("seq")).toInt();
        e.at = verdict::TextForm::parseTime(o.value(QLatin1String("at")).toString());
        e.actor = o.value(QLatin1String("actor")).toString();
        e.action = o.value(QLatin1String("action")).toString();
        e.subject = o.value(QLatin1String("subject")).toString();
        e.outcome = o.value(QLatin1String("outcome")).toString();
        e.previous = o.value(QLatin1String("previous")).toString();
        e.detail = o.value(QLatin1String("detail")).toString();
        e.prevHash = o.value(QLatin1String("prev_hash")).toString();
        e.hash = o.value(QLatin1String("hash")).toString();
        events.push_back(e);
    }
    return events;
}

} // namespace

AuditExportSecurityTest::Run AuditExportSecurityTest::cli(const QStringList &args) const
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("VERDICT_DB"));
    e.remove(QStringLiteral("VERDICT_REVIEWER"));
    e.insert(QStringLiteral("USER"), QStringLiteral("importer"));
    p.setProcessEnvironment(e);
    QStringList argv = args;
    if (argv.first() != QLatin1String("verify"))
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

QString AuditExportSecurityTest::write(const QString &name, const QByteArray &data) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return {};
    return path;
}

void AuditExportSecurityTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("verdict.sqlite"));
    QCOMPARE(cli({QStringLiteral("import"), QStringLiteral(VERDICT_SAMPLES)}).exit, 0);
    // Events 1-3 the imports, 4 r1 (one line, in the middle of the file), 5 the hostile
    // reason (three CSV lines), 6 the hostile name.
    const QList<QStringList> decisions = {
        {QStringLiteral("--reviewer=r1"), QStringLiteral("--reason=") + kR1Reason, kSample000,
         QStringLiteral("changes")},
        {QStringLiteral("--reviewer=r2"), QStringLiteral("--reason=") + kHostileReason,
         kSample003, QStringLiteral("reject")},
        {QStringLiteral("--reviewer=") + kHostileName, kSample004, QStringLiteral("approve")},
    };
    for (const QStringList &d : decisions) {
        const Run r = cli(QStringList{QStringLiteral("decide")} + d);
        QVERIFY2(r.exit == 0, qPrintable(r.err));
    }
    for (const QString &format : {QStringLiteral("csv"), QStringLiteral("jsonl")}) {
        const QString path = m_dir.filePath(QStringLiteral("export.") + format);
        const Run r = cli({QStringLiteral("export"), QStringLiteral("--format=") + format,
                           QStringLiteral("-o"), path});
        QVERIFY2(r.exit == 0, qPrintable(r.err));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        (format == QLatin1String("csv") ? m_csv : m_jsonl) = f.readAll();
        (format == QLatin1String("csv") ? m_csvHead : m_jsonlHead) = headFrom(r.err);
    }
    QVERIFY(!m_csvHead.isEmpty() && !m_jsonlHead.isEmpty());
    // The hostile text is really in the files, as each format writes it.
    QVERIFY(m_csv.contains("\x1b[31mred"));
    QVERIFY(m_csv.contains("then,\r\nleft\n\tindented"));
    QVERIFY(m_csv.contains(",\"Zo\xC3\xAB, \"\"the\"\" \xEF\xBB\xBFlead\","));
    QVERIFY(m_jsonl.contains("\\u001b[31mred"));
    QVERIFY(m_jsonl.contains("\"actor\":\"r1\",\"action\":\"decision\""));
    QCOMPARE(lineOf(m_csv, ",r1,"), 5);
    QCOMPARE(lineCount(m_csv), 9);   // header, 3 imports, r1, 3 lines of r2, the name
    QCOMPARE(lineCount(m_jsonl), 7); // the same 6 events and the CSV export's
}

void AuditExportSecurityTest::untampered_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("leadingBom");
    QTest::newRow("csv with hostile text") << QStringLiteral("csv") << false;
    QTest::newRow("jsonl with hostile text") << QStringLiteral("jsonl") << false;
    // A name typed in the GUI may start with U+FEFF, which Qt 5 drops from the front of
    // UTF-8 it decodes: the same events with such a name, written by AuditExport.
    QTest::newRow("csv field starting with U+FEFF") << QStringLiteral("csv") << true;
    QTest::newRow("jsonl field starting with U+FEFF") << QStringLiteral("jsonl") << true;
}

void AuditExportSecurityTest::untampered()
{
    QFETCH(QString, format);
    QFETCH(bool, leadingBom);
    const bool csv = format == QLatin1String("csv");
    QByteArray data = csv ? m_csv : m_jsonl;
    QString head = csv ? m_csvHead : m_jsonlHead;
    if (leadingBom) {
        std::vector<verdict::AuditEvent> events = eventsOf(m_jsonl);
        if (csv)
            events.pop_back();
        QString prev = verdict::HashChain::genesis();
        for (verdict::AuditEvent &e : events) {
            if (e.actor == kHostileName)
                e.actor.prepend(QChar(0xfeff));
            verdict::HashChain::seal(e, prev);
            prev = e.hash;
        }
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const auto written = verdict::AuditExport::write(buffer, events,
                                                         csv ? verdict::AuditFormat::Csv
                                                             : verdict::AuditFormat::Jsonl);
        QVERIFY(written);
        head = *written;
        QVERIFY(data.contains("\xEF\xBB\xBFZo\xC3\xAB"));
    }
    const QString path = write(QStringLiteral("intact.") + format, data);
    const Run r = cli({QStringLiteral("verify"), path, QStringLiteral("--head"), head});
    QCOMPARE(r.err, QString());
    QCOMPARE(r.out, QStringLiteral("ok: %1 events, head %2\n").arg(csv ? 6 : 7).arg(head));
    QCOMPARE(r.exit, 0);
}

void AuditExportSecurityTest::tampered_data()
{
    // op: "line" replaces FROM by TO on r1's line; "all" everywhere; "prepend" / "append"
    // add TO; "chop" drops the last FROM.size() bytes; "forge" changes r1's name to r3 and
    // recomputes every hash after it with Verdict's own encoder.
    // where: the line verify must name: "r1" (r1's line), "first", "last", "after" (one past
    // the last line).
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("why"); // a word of the message
    const QString csv = QStringLiteral("csv");
    const QString jsonl = QStringLiteral("jsonl");
    const QString line = QStringLiteral("line");
    const QString r1 = QStringLiteral("r1");
    const QByteArray none;
    auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

    row("csv NUL in a field") << csv << line << QByteArray(",r1,")
                              << QByteArray(",r1\0 (in fact r2),", 18) << r1
                              << QStringLiteral("hash");
    row("jsonl NUL in a field") << jsonl << line << QByteArray("\"actor\":\"r1\"")
                                << QByteArray("\"actor\":\"r1\0 (in fact r2)\"", 25) << r1
                                << QStringLiteral("control character 0x00");
    row("jsonl duplicate key") << jsonl << line << QByteArray("\"actor\":\"r1\"")
                               << QByteArray("\"actor\":\"r2\",\"actor\":\"r1\"") << r1
                               << QStringLiteral("export writes");
    row("jsonl reordered keys") << jsonl << line
                                << QByteArray("\"actor\":\"r1\",\"action\":\"decision\"")
                                << QByteArray("\"action\":\"decision\",\"actor\":\"r1\"") << r1
                                << QStringLiteral("export writes");
    row("jsonl added space") << jsonl << line << QByteArray("\"actor\":\"r1\"")
                             << QByteArray("\"actor\": \"r1\"") << r1
                             << QStringLiteral("export writes");
    row("jsonl escaped ASCII") << jsonl << line << QByteArray("\"actor\":\"r1\"")
                               << QByteArray("\"actor\":\"\\u00721\"") << r1
                               << QStringLiteral("export writes");
    row("csv added space") << csv << line << QByteArray(",r1,") << QByteArray(",r1 ,") << r1
                           << QStringLiteral("hash");
    row("csv BOM") << csv << QStringLiteral("prepend") << none << QByteArray("\xEF\xBB\xBF")
                   << QStringLiteral("first") << QStringLiteral("byte order mark");
    row("jsonl BOM") << jsonl << QStringLiteral("prepend") << none
                     << QByteArray("\xEF\xBB\xBF") << QStringLiteral("first")
                     << QStringLiteral("byte order mark");
    // U+FFFD written as a lone 0xFF, which a lenient decoder reads back as U+FFFD.
    row("csv invalid UTF-8") << csv << line << QByteArray("\xEF\xBF\xBD") << QByteArray("\xFF")
                             << r1 << QStringLiteral("invalid UTF-8");
    row("jsonl invalid UTF-8") << jsonl << line << QByteArray("\xEF\xBF\xBD")
                               << QByteArray("\xFF") << r1 << QStringLiteral("invalid UTF-8");
    row("csv overlong encoding") << csv << line << QByteArray("\xC3\xAF")
                                 << QByteArray("\xE0\x83\xAF") << r1
                                 << QStringLiteral("invalid UTF-8");
    row("jsonl overlong encoding") << jsonl << line << QByteArray("\xC3\xAF")
                                   << QByteArray("\xE0\x83\xAF") << r1
                                   << QStringLiteral("invalid UTF-8");
    row("csv LF line end in the middle") << csv << line << QByteArray("\r") << none << r1
                                         << QStringLiteral("ends in LF");
    row("jsonl CRLF line end in the middle") << jsonl << line << QByteArray("}")
                                             << QByteArray("}\r") << r1
                                             << QStringLiteral("ends in CRLF");
    row("csv LF line ends throughout") << csv << QStringLiteral("all") << QByteArray("\r\n")
                                       << QByteArray("\n") << QStringLiteral("first")
                                       << QStringLiteral("ends in LF");
    row("jsonl CRLF line ends throughout") << jsonl << QStringLiteral("all")
                                           << QByteArray("\n") << QByteArray("\r\n")
                                           << QStringLiteral("first")
                                           << QStringLiteral("ends in CRLF");
    row("csv trailing garbage") << csv << QStringLiteral("append") << none
                                << QByteArray("garbage") << QStringLiteral("after")
                                << QStringLiteral("expected 10 fields");
    row("jsonl trailing garbage") << jsonl << QStringLiteral("append") << none
                                  << QByteArray("garbage") << QStringLiteral("after")
                                  << QStringLiteral("not a JSON object");
    row("csv trailing NUL") << csv << QStringLiteral("append") << none << QByteArray("\0", 1)
                            << QStringLiteral("after") << QStringLiteral("expected 10 fields");
    row("csv trailing blank line") << csv << QStringLiteral("append") << none
                                   << QByteArray("\r\n") << QStringLiteral("after")
                                   << QStringLiteral("empty line");
    row("jsonl trailing blank line") << jsonl << QStringLiteral("append") << none
                                     << QByteArray("\n") << QStringLiteral("after")
                                     << QStringLiteral("empty line");
    row("csv no line end after the last line") << csv << QStringLiteral("chop")
                                               << QByteArray("\r\n") << none
                                               << QStringLiteral("last")
                                               << QStringLiteral("no line end");
    row("jsonl no line end after the last line") << jsonl << QStringLiteral("chop")
                                                 << QByteArray("\n") << none
                                                 << QStringLiteral("last")
                                                 << QStringLiteral("no line end");
    row("csv extra column") << csv << line << QByteArray("\r") << QByteArray(",extra\r") << r1
                            << QStringLiteral("expected 10 fields, found 11");
    row("jsonl extra key") << jsonl << line << QByteArray("}") << QByteArray(",\"extra\":\"x\"}")
                           << r1 << QStringLiteral("expected 10 keys, found 11");
    row("csv forged chain, wrong head") << csv << QStringLiteral("forge") << none << none
                                        << QStringLiteral("last")
                                        << QStringLiteral("not the expected head");
    row("jsonl forged chain, wrong head") << jsonl << QStringLiteral("forge") << none << none
                                          << QStringLiteral("last")
                                          << QStringLiteral("not the expected head");
}

void AuditExportSecurityTest::tampered()
{
    QFETCH(QString, format);
    QFETCH(QString, op);
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, where);
    QFETCH(QString, why);
    const bool csv = format == QLatin1String("csv");
    const QByteArray original = csv ? m_csv : m_jsonl;
    const int r1Line = lineOf(original, csv ? QByteArray(",r1,") : QByteArray("\"actor\":\"r1\""));
    QByteArray data = original;
    if (op == QLatin1String("line")) {
        data = replaceOnLine(original, r1Line, from, to);
    } else if (op == QLatin1String("all")) {
        data.replace(from, to);
    } else if (op == QLatin1String("prepend")) {
        data.prepend(to);
    } else if (op == QLatin1String("append")) {
        data.append(to);
    } else if (op == QLatin1String("chop")) {
        QVERIFY(data.endsWith(from));
        data.chop(from.size());
    } else if (op == QLatin1String("forge")) {
        // The events as the CSV holds them (the JSONL has the CSV export's event too).
        std::vector<verdict::AuditEvent> events = eventsOf(m_jsonl);
        if (csv)
            events.pop_back();
        QString prev = verdict::HashChain::genesis();
        for (verdict::AuditEvent &e : events) {
            if (e.actor == QLatin1String("r1"))
                e.actor = QStringLiteral("r3");
            verdict::HashChain::seal(e, prev);
            prev = e.hash;
        }
        QFile out(m_dir.filePath(QStringLiteral("forged.") + format));
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(verdict::AuditExport::write(out, events, csv ? verdict::AuditFormat::Csv
                                                             : verdict::AuditFormat::Jsonl));
        out.close();
        QVERIFY(out.open(QIODevice::ReadOnly));
        data = out.readAll();
        // Consistent in itself: only the head kept from the real export shows the forgery.
        const Run alone = cli({QStringLiteral("verify"), out.fileName()});
        QVERIFY2(alone.exit == 0, qPrintable(alone.err));
    }
    QVERIFY2(data != original, "the tampering must change the file");

    int line = 0;
    if (where == QLatin1String("r1"))
        line = r1Line;
    else if (where == QLatin1String("first"))
        line = 1;
    else if (where == QLatin1String("last"))
        line = lineCount(original);
    else if (where == QLatin1String("after"))
        line = lineCount(original) + 1;

    const QString path = write(QStringLiteral("tampered.") + format, data);
    QVERIFY(!path.isEmpty());
    const Run r = cli({QStringLiteral("verify"), path, QStringLiteral("--head"),
                       csv ? m_csvHead : m_jsonlHead});
    QVERIFY2(r.exit == 1, qPrintable(QStringLiteral("exit %1: %2%3").arg(r.exit).arg(r.out,
                                                                                    r.err)));
    QCOMPARE(r.out, QString());
    QVERIFY2(r.err.startsWith(QStringLiteral("%1:%2: ").arg(path).arg(line)), qPrintable(r.err));
    QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(r.err.contains(why), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(AuditExportSecurityTest)
#include "auditexport_security_test.moc"
