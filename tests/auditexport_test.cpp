// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditexport.h"
#include "audit/hashchain.h"
#include "domain/textform.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace verdict;

class AuditExportTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data();
    void golden();
    void csvRecord_data();
    void csvRecord();
    void empty();
    void progress();
    void formatIds();
};

namespace {

QByteArray readFixture(const QString &name)
{
    QFile f(QStringLiteral(VERDICT_TEST_DATA "/store/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture");
    return f.readAll();
}

// The events of the golden fixture (written by tests/data/store/make-audit-fixtures.py).
std::vector<AuditEvent> goldenEvents()
{
    std::vector<AuditEvent> out;
    const QList<QByteArray> lines = readFixture(QStringLiteral("audit-golden.jsonl")).split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty())
            continue;
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        AuditEvent e;
        e.seq = o.value(QLatin1String("seq")).toInt();
        e.at = TextForm::parseTime(o.value(QLatin1String("at")).toString());
        e.actor = o.value(QLatin1String("actor")).toString();
        e.action = o.value(QLatin1String("action")).toString();
        e.subject = o.value(QLatin1String("subject")).toString();
        e.outcome = o.value(QLatin1String("outcome")).toString();
        e.previous = o.value(QLatin1String("previous")).toString();
        e.detail = o.value(QLatin1String("detail")).toString();
        e.prevHash = o.value(QLatin1String("prev_hash")).toString();
        e.hash = o.value(QLatin1String("hash")).toString();
        out.push_back(e);
    }
    return out;
}

const char kGoldenHead[] = "7b7fe190139c9ff42ac34acf9f99fad4ab20a7ddb28953dacabded98e8310b62";

} // namespace

void AuditExportTest::golden_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("fixture");
    QTest::newRow("csv") << int(AuditFormat::Csv) << QStringLiteral("audit-golden.csv");
    QTest::newRow("jsonl") << int(AuditFormat::Jsonl) << QStringLiteral("audit-golden.jsonl");
}

// Byte-exact against files written by an independent implementation.
void AuditExportTest::golden()
{
    QFETCH(int, format);
    QFETCH(QString, fixture);
    const std::vector<AuditEvent> events = goldenEvents();
    QCOMPARE(events.size(), size_t(6));
    for (const AuditEvent &e : events)
        QCOMPARE(HashChain::computeHash(e), e.hash);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto head = AuditExport::write(buffer, events, AuditFormat(format));
    QVERIFY2(head.ok(), qPrintable(head.errorMessage()));
    QCOMPARE(*head, QString::fromLatin1(kGoldenHead));
    QCOMPARE(buffer.data(), readFixture(fixture));
}

void AuditExportTest::csvRecord_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QStringList{QStringLiteral("a"), QStringLiteral("b c")}
                           << QByteArray("a,b c");
    QTest::newRow("comma quoted") << QStringList{QStringLiteral("a,b")} << QByteArray("\"a,b\"");
    QTest::newRow("quote doubled")
        << QStringList{QStringLiteral("say \"hi\"")} << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("LF quoted") << QStringList{QStringLiteral("a\nb")} << QByteArray("\"a\nb\"");
    QTest::newRow("CR quoted") << QStringList{QStringLiteral("a\rb")} << QByteArray("\"a\rb\"");
    QTest::newRow("empty fields") << QStringList{QString(), QString(), QString()}
                                  << QByteArray(",,");
    QTest::newRow("UTF-8") << QStringList{QString::fromUtf8("na\xc3\xafve")}
                           << QByteArray("na\xc3\xafve");
}

void AuditExportTest::csvRecord()
{
    QFETCH(QStringList, fields);
    QFETCH(QByteArray, expected);
    QCOMPARE(AuditExport::csvRecord(fields), expected);
}

void AuditExportTest::empty()
{
    QBuffer csv;
    csv.open(QIODevice::WriteOnly);
    const auto head = AuditExport::write(csv, {}, AuditFormat::Csv);
    QVERIFY(head.ok());
    QCOMPARE(*head, HashChain::genesis());
    QCOMPARE(csv.data(), AuditExport::csvHeader() + "\r\n");

    QBuffer jsonl;
    jsonl.open(QIODevice::WriteOnly);
    QVERIFY(AuditExport::write(jsonl, {}, AuditFormat::Jsonl).ok());
    QCOMPARE(jsonl.data(), QByteArray());
}

void AuditExportTest::progress()
{
    // Enough events for several blocks.
    std::vector<AuditEvent> events;
    QString prev = HashChain::genesis();
    for (int i = 1; i <= 3000; ++i) {
        AuditEvent e;
        e.seq = i;
        e.at = TextForm::parseTime(QStringLiteral("2026-01-02T19:12:25.611Z"));
        e.actor = QStringLiteral("alice");
        e.action = QStringLiteral("import");
        e.subject = QStringLiteral("fsar_%1@1").arg(i);
        e.outcome = QStringLiteral("new");
        e.detail = QString(40, QLatin1Char('x'));
        HashChain::seal(e, prev);
        prev = e.hash;
        events.push_back(e);
    }
    std::vector<std::pair<qint64, qint64>> calls;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto head = AuditExport::write(buffer, events, AuditFormat::Jsonl,
                                         [&calls](qint64 done, qint64 total) {
                                             calls.emplace_back(done, total);
                                         });
    QVERIFY(head.ok());
    QCOMPARE(*head, prev);
    QVERIFY2(calls.size() > 2, "progress is reported while writing, not only at the end");
    QCOMPARE(calls.back(), std::make_pair(qint64(3000), qint64(3000)));
    for (size_t i = 1; i < calls.size(); ++i)
        QVERIFY(calls[i].first >= calls[i - 1].first);
    QCOMPARE(buffer.data().count('\n'), 3000);
}

void AuditExportTest::formatIds()
{
    QCOMPARE(AuditExport::formatFromId(QStringLiteral("csv")).value_or(AuditFormat::Jsonl),
             AuditFormat::Csv);
    QCOMPARE(AuditExport::formatFromId(QStringLiteral("jsonl")).value_or(AuditFormat::Csv),
             AuditFormat::Jsonl);
    QVERIFY(!AuditExport::formatFromId(QStringLiteral("xml")));
    QCOMPARE(AuditExport::formatId(AuditFormat::Jsonl), QStringLiteral("jsonl"));
}

QTEST_GUILESS_MAIN(AuditExportTest)
#include "auditexport_test.moc"
