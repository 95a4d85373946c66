// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditverify.h"
#include "audit/hashchain.h"
#include "domain/textform.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace verdict;

// Every row tampers with a golden export (tests/data/store/audit-golden.*, CSV lines: 1
// header, 2-4 events 1-3, 5-7 event 4 whose detail holds CRLF and LF, 8-9 events 5-6)
// and names the line where verification must stop.
class AuditVerifyTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verify_data();
    void verify();
    void emptyInput();
};

namespace {

const char kGoldenHead[] = "7b7fe190139c9ff42ac34acf9f99fad4ab20a7ddb28953dacabded98e8310b62";

QByteArray readFixture(const QString &name)
{
    QFile f(QStringLiteral(VERDICT_TEST_DATA "/store/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return f.readAll();
}

// An attacker who edits an event and recomputes its hash: only the next link shows it.
QByteArray rehashed(const QByteArray &line, bool csv)
{
    if (csv) {
        QStringList f = QString::fromUtf8(line.trimmed()).split(QLatin1Char(','));
        f[2] = QStringLiteral("eve");
        f[9] = HashChain::hash(f.at(8), HashChain::canonical(f.mid(0, 8)));
        return AuditExport::csvRecord(f) + '\r';
    }
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    AuditEvent e;
    e.seq = o.value(QLatin1String("seq")).toInt();
    e.at = TextForm::parseTime(o.value(QLatin1String("at")).toString());
    e.actor = QStringLiteral("eve");
    e.action = o.value(QLatin1String("action")).toString();
    e.subject = o.value(QLatin1String("subject")).toString();
    e.outcome = o.value(QLatin1String("outcome")).toString();
    e.previous = o.value(QLatin1String("previous")).toString();
    e.detail = o.value(QLatin1String("detail")).toString();
    HashChain::seal(e, o.value(QLatin1String("prev_hash")).toString());
    return AuditExport::jsonlRecord(e);
}

// Mutations on physical lines (1-based): "replace:L:FROM:TO" ('#' for ':' in FROM and TO),
// "delete:A-B", "swap:A:B",
// "truncate:N" (keep N lines), "rehash:L".
QByteArray mutate(const QByteArray &data, const QString &mutation, bool csv)
{
    QList<QByteArray> lines = data.split('\n');
    const bool finalNewline = lines.last().isEmpty();
    if (finalNewline)
        lines.removeLast();
    const QStringList m = mutation.split(QLatin1Char(':'));
    const QString op = m.at(0);
    if (op == QLatin1String("replace")) {
        // '#' stands for ':' inside the arguments.
        QString from = m.at(2);
        QString to = m.at(3);
        from.replace(QLatin1Char('#'), QLatin1Char(':'));
        to.replace(QLatin1Char('#'), QLatin1Char(':'));
        lines[m.at(1).toInt() - 1].replace(from.toUtf8(), to.toUtf8());
    } else if (op == QLatin1String("delete")) {
        const QStringList range = m.at(1).split(QLatin1Char('-'));
        const int from = range.at(0).toInt();
        const int to = range.size() > 1 ? range.at(1).toInt() : from;
        for (int i = to; i >= from; --i)
            lines.removeAt(i - 1);
    } else if (op == QLatin1String("swap")) {
        lines.swapItemsAt(m.at(1).toInt() - 1, m.at(2).toInt() - 1);
    } else if (op == QLatin1String("truncate")) {
        lines = lines.mid(0, m.at(1).toInt());
    } else if (op == QLatin1String("rehash")) {
        QByteArray &l = lines[m.at(1).toInt() - 1];
        l = rehashed(l, csv);
    }
    QByteArray out;
    for (const QByteArray &l : lines)
        out += l + '\n';
    return out;
}

} // namespace

void AuditVerifyTest::verify_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("mutation");
    QTest::addColumn<QString>("head");
    QTest::addColumn<bool>("partial");
    QTest::addColumn<int>("line"); // 0 = must verify
    QTest::addColumn<QString>("why");

    const QString csv = QStringLiteral("audit-golden.csv");
    const QString jsonl = QStringLiteral("audit-golden.jsonl");
    const QString golden = QString::fromLatin1(kGoldenHead);
    const QString none = QStringLiteral("none");
    auto row = [](const char *name) -> QTestData & { return QTest::newRow(name); };

    row("csv intact") << csv << none << QString() << false << 0 << QString();
    row("csv intact with head") << csv << none << golden << false << 0 << QString();
    row("csv actor changed") << csv << QStringLiteral("replace:4:bob:eve") << QString() << false
                             << 4 << QStringLiteral("hash does not match");
    row("csv outcome changed") << csv << QStringLiteral("replace:4:approve:reject") << QString()
                               << false << 4 << QStringLiteral("hash does not match");
    row("csv time changed") << csv << QStringLiteral("replace:8:00.001Z:00.002Z") << QString()
                            << false << 8 << QStringLiteral("hash does not match");
    row("csv multi-line detail changed")
        << csv << QStringLiteral("replace:6:second:2nd") << QString() << false << 5
        << QStringLiteral("hash does not match");
    row("csv event removed") << csv << QStringLiteral("delete:4") << QString() << false << 4
                             << QStringLiteral("seq 4 follows seq 2");
    row("csv multi-line event removed")
        << csv << QStringLiteral("delete:5-7") << QString() << false << 5
        << QStringLiteral("seq 5 follows seq 3");
    row("csv events swapped") << csv << QStringLiteral("swap:3:4") << QString() << false << 3
                              << QStringLiteral("seq 3 follows seq 1");
    row("csv first event removed") << csv << QStringLiteral("delete:2") << QString() << false
                                   << 2 << QStringLiteral("starts at seq 2");
    row("csv since-export accepted with partial")
        << csv << QStringLiteral("delete:2-3") << golden << true << 0 << QString();
    row("csv truncated, no head to compare") << csv << QStringLiteral("truncate:8") << QString()
                                             << false << 0 << QString();
    row("csv truncated, head given") << csv << QStringLiteral("truncate:8") << golden << false
                                     << 8 << QStringLiteral("not the expected head");
    row("csv rehashed event breaks the next link")
        << csv << QStringLiteral("rehash:4") << QString() << false << 5
        << QStringLiteral("prev_hash does not match");
    row("csv header damaged") << csv << QStringLiteral("replace:1:prev_hash:prevhash")
                              << QString() << false << 1 << QStringLiteral("neither");
    row("csv unterminated quote") << csv << QStringLiteral("replace:9:events 5:\"events 5")
                                  << QString() << false << 9 << QStringLiteral("quote");

    row("jsonl intact") << jsonl << none << golden << false << 0 << QString();
    row("jsonl detail changed") << jsonl << QStringLiteral("replace:2:comma:semicolon")
                                << QString() << false << 2
                                << QStringLiteral("hash does not match");
    row("jsonl event removed") << jsonl << QStringLiteral("delete:3") << QString() << false << 3
                               << QStringLiteral("seq 4 follows seq 2");
    row("jsonl events swapped") << jsonl << QStringLiteral("swap:5:6") << QString() << false
                                << 5 << QStringLiteral("seq 6 follows seq 4");
    row("jsonl truncated, head given") << jsonl << QStringLiteral("truncate:5") << golden
                                       << false << 5 << QStringLiteral("not the expected head");
    row("jsonl not an object") << jsonl << QStringLiteral("replace:3:{:[") << QString() << false
                               << 3 << QStringLiteral("not a JSON object");
    row("jsonl extra key") << jsonl << QStringLiteral("replace:3:\"seq\"#3:\"x\"#1,\"seq\"#3")
                           << QString() << false << 3 << QStringLiteral("expected 10 keys");
    row("jsonl rehashed event breaks the next link")
        << jsonl << QStringLiteral("rehash:3") << QString() << false << 4
        << QStringLiteral("prev_hash does not match");
    row("jsonl blank line") << jsonl << QStringLiteral("replace:4:{\"seq\"#4:\n{\"seq\"#4")
                            << QString() << false << 4 << QStringLiteral("empty line");
}

void AuditVerifyTest::verify()
{
    QFETCH(QString, fixture);
    QFETCH(QString, mutation);
    QFETCH(QString, head);
    QFETCH(bool, partial);
    QFETCH(int, line);
    QFETCH(QString, why);

    const QByteArray original = readFixture(fixture);
    const bool csv = fixture.endsWith(QLatin1String(".csv"));
    const QByteArray data = mutation == QLatin1String("none") ? original
                                                                : mutate(original, mutation, csv);
    if (mutation != QLatin1String("none"))
        QVERIFY2(data != original, "the mutation must change the file");

    const AuditVerifyReport report = AuditVerify::verify(data, head, partial);
    QCOMPARE(report.format, csv ? AuditFormat::Csv : AuditFormat::Jsonl);
    if (line == 0) {
        QVERIFY2(report.ok, qPrintable(QStringLiteral("line %1: %2")
                                           .arg(report.line).arg(report.message)));
        QCOMPARE(report.line, 0);
        if (mutation == QLatin1String("none")) {
            QCOMPARE(report.events, 6);
            QCOMPARE(report.head, QString::fromLatin1(kGoldenHead));
        }
        return;
    }
    QVERIFY(!report.ok);
    QCOMPARE(report.line, line);
    QVERIFY2(report.message.contains(why), qPrintable(report.message));
}

void AuditVerifyTest::emptyInput()
{
    const AuditVerifyReport empty = AuditVerify::verify(QByteArray());
    QVERIFY(!empty.ok);
    QCOMPARE(empty.line, 1);

    const AuditVerifyReport headerOnly = AuditVerify::verify(AuditExport::csvHeader() + "\r\n");
    QVERIFY(headerOnly.ok);
    QCOMPARE(headerOnly.events, 0);
    QCOMPARE(headerOnly.head, HashChain::genesis());
}

QTEST_GUILESS_MAIN(AuditVerifyTest)
#include "auditverify_test.moc"
