// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/hashchain.h"
#include "domain/textform.h"
#include "domain/utc.h"

#include <QTest>

#include <algorithm>

using namespace verdict;

// Golden values computed independently (Python hashlib + the rules in hashchain.h): if
// these change, every exported audit log stops verifying.
class HashChainTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void canonical_data();
    void canonical();
    void canonicalEveryOffset_data();
    void canonicalEveryOffset();
    void chain();
    void formatTime_data();
    void formatTime();
    void isHash_data();
    void isHash();
};

namespace {

AuditEvent makeEvent(qint64 seq, const QString &at, const QStringList &rest)
{
    AuditEvent e;
    e.seq = seq;
    e.at = TextForm::parseTime(at);
    e.actor = rest.at(0);
    e.action = rest.at(1);
    e.subject = rest.at(2);
    e.outcome = rest.at(3);
    e.previous = rest.at(4);
    e.detail = rest.at(5);
    return e;
}

const char kDetail2[] = "reason: \"no\", \\ tab\t nl\n bell\x07 \xc3\xa9\xe2\x82\xac";

} // namespace

void HashChainTest::canonical_data()
{
    QTest::addColumn<QStringList>("fields");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QStringList{QStringLiteral("1"), QStringLiteral("x")}
                           << QByteArray(R"(["1","x"])");
    QTest::newRow("quote and backslash")
        << QStringList{QStringLiteral("a\"b\\c")} << QByteArray(R"(["a\"b\\c"])");
    QTest::newRow("short escapes")
        << QStringList{QStringLiteral("\b\f\n\r\t")} << QByteArray(R"(["\b\f\n\r\t"])");
    QTest::newRow("other control characters")
        << QStringList{QString(QChar(0x01)) + QChar(0x1f)} << QByteArray(R"(["\u0001\u001f"])");
    QTest::newRow("non-ASCII literal UTF-8")
        << QStringList{QString::fromUtf8("\xc3\xa9\xe2\x82\xac/")}
        << QByteArray("[\"\xc3\xa9\xe2\x82\xac/\"]");
    QTest::newRow("empty strings") << QStringList{QString(), QString()}
                                   << QByteArray(R"(["",""])");
}

void HashChainTest::canonical()
{
    QFETCH(QStringList, fields);
    QFETCH(QByteArray, expected);
    QCOMPARE(HashChain::canonical(fields), expected);
}

// The writer copies runs of plain bytes eight at a time: a character to escape at any
// offset of short (UTF-16 path) and long (UTF-8 path) text is escaped all the same.
void HashChainTest::canonicalEveryOffset_data()
{
    QTest::addColumn<QString>("special");
    QTest::addColumn<QByteArray>("escaped");
    QTest::newRow("quote") << QStringLiteral("\"") << QByteArray(R"(\")");
    QTest::newRow("backslash") << QStringLiteral("\\") << QByteArray(R"(\\)");
    QTest::newRow("newline") << QStringLiteral("\n") << QByteArray(R"(\n)");
    QTest::newRow("0x01") << QString(QChar(0x01)) << QByteArray(R"(\u0001)");
    QTest::newRow("0x1f") << QString(QChar(0x1f)) << QByteArray(R"(\u001f)");
    QTest::newRow("space (plain)") << QStringLiteral(" ") << QByteArray(" ");
    QTest::newRow("DEL (plain)") << QString(QChar(0x7f)) << QByteArray("\x7f");
    QTest::newRow("e acute (UTF-8)") << QString(QChar(0xe9)) << QByteArray("\xc3\xa9");
}

void HashChainTest::canonicalEveryOffset()
{
    QFETCH(QString, special);
    QFETCH(QByteArray, escaped);
    for (const int length : {20, 300}) {
        for (int at = 0; at < 20; ++at) {
            QString text(length, QLatin1Char('a'));
            text.replace(at, 1, special);
            text.replace(length - 1 - at, 1, special);
            // Later position first, so the earlier one's index still holds.
            const int lo = std::min(at, length - 1 - at);
            const int hi = std::max(at, length - 1 - at);
            QByteArray expected(length, 'a');
            expected.replace(hi, 1, escaped);
            if (lo != hi)
                expected.replace(lo, 1, escaped);
            QCOMPARE(HashChain::canonical(QStringList{text}), "[\"" + expected + "\"]");
        }
    }
}

void HashChainTest::chain()
{
    AuditEvent e1 = makeEvent(1, QStringLiteral("2026-01-02T19:12:25.611Z"),
                          {QStringLiteral("alice"), QStringLiteral("import"),
                           QStringLiteral("fsar_x@1"), QStringLiteral("new"), QString(),
                           QStringLiteral("a.txt:1")});
    QCOMPARE(HashChain::canonical(e1),
             QByteArray(R"(["1","2026-01-02T19:12:25.611Z","alice","import","fsar_x@1","new",)"
                        R"("","a.txt:1"])"));
    HashChain::seal(e1, HashChain::genesis());
    QCOMPARE(e1.prevHash, QString(64, QLatin1Char('0')));
    QCOMPARE(e1.hash,
             QStringLiteral("b023b9da6e0d3a1518d4692f3c8350f45a21710164cfa0a5bbe0e8816b334af3"));

    AuditEvent e2 = makeEvent(2, QStringLiteral("2026-01-02T19:13:00.000Z"),
                          {QStringLiteral("bob"), QStringLiteral("decision"),
                           QStringLiteral("fsar_x@1"), QStringLiteral("reject"),
                           QStringLiteral("approve"), QString::fromUtf8(kDetail2)});
    HashChain::seal(e2, e1.hash);
    QCOMPARE(e2.hash,
             QStringLiteral("73176b0b5fee8cb2e0173eae508b0c570eb674bc7518bd9b676f49ccb6c8dd0b"));
    QCOMPARE(HashChain::computeHash(e2), e2.hash);

    // Any field change, or a different predecessor, changes the hash.
    AuditEvent changed = e2;
    changed.detail += QLatin1Char('.');
    QVERIFY(HashChain::computeHash(changed) != e2.hash);
    changed = e2;
    changed.prevHash = HashChain::genesis();
    QVERIFY(HashChain::computeHash(changed) != e2.hash);
    changed = e2;
    changed.seq = 3;
    QVERIFY(HashChain::computeHash(changed) != e2.hash);
}

void HashChainTest::formatTime_data()
{
    QTest::addColumn<QDateTime>("at");
    QTest::addColumn<QString>("expected");
    QTest::newRow("utc with ms")
        << utcDateTime(QDate(2026, 1, 2), QTime(19, 12, 25, 611))
        << QStringLiteral("2026-01-02T19:12:25.611Z");
    QTest::newRow("zero ms padded")
        << utcDateTime(QDate(2026, 1, 2), QTime(1, 2, 3, 4))
        << QStringLiteral("2026-01-02T01:02:03.004Z");
    QTest::newRow("offset converted to UTC")
        << QDateTime(QDate(2026, 1, 2), QTime(20, 0, 0, 0), QTimeZone(3600))
        << QStringLiteral("2026-01-02T19:00:00.000Z");
}

void HashChainTest::formatTime()
{
    QFETCH(QDateTime, at);
    QFETCH(QString, expected);
    QCOMPARE(TextForm::formatTime(at), expected);
    QCOMPARE(TextForm::formatTime(TextForm::parseTime(expected)), expected);
}

void HashChainTest::isHash_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("expected");
    QTest::newRow("genesis") << HashChain::genesis() << true;
    QTest::newRow("lower hex") << QString(64, QLatin1Char('a')) << true;
    QTest::newRow("upper hex") << QString(64, QLatin1Char('A')) << false;
    QTest::newRow("short") << QString(63, QLatin1Char('0')) << false;
    QTest::newRow("not hex") << QString(64, QLatin1Char('g')) << false;
}

void HashChainTest::isHash()
{
    QFETCH(QString, text);
    QFETCH(bool, expected);
    QCOMPARE(HashChain::isHash(text), expected);
}

QTEST_GUILESS_MAIN(HashChainTest)
#include "hashchain_test.moc"
