// SPDX-License-Identifier: GPL-3.0-or-later
#include "checkerfixtures.h"
#include "diagnostics/jsonsyntaxchecker.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace verdict;

class JsonSyntaxCheckerTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data() { checkerfixtures::addRows(QStringLiteral("json")); }
    void fixtures();
    void answersAsQtDoes_data();
    void answersAsQtDoes();
};

// Exact rule, line and column for every fixture; clean fixtures produce nothing.
void JsonSyntaxCheckerTest::fixtures()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    JsonSyntaxChecker checker;
    QCOMPARE(checkerfixtures::run(checker, path), expected);
}

// parse() vouches for a text without Qt's parser when it can, and asks Qt otherwise: its
// answer (error kind and offset) is Qt's on valid JSON, broken JSON, and the texts Qt reads
// leniently, on every fixture and on the texts below.
void JsonSyntaxCheckerTest::answersAsQtDoes_data()
{
    QTest::addColumn<QString>("text");
    const QDir dir(checkerfixtures::dataDir(QStringLiteral("json")));
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QTest::newRow(qPrintable(name)) << QString::fromUtf8(f.readAll());
    }
    const QString deep = QString(70, QLatin1Char('[')) + QString(70, QLatin1Char(']'));
    const struct
    {
        const char *name;
        QString text;
    } rows[] = {
        {"object", QStringLiteral("{\"a\": 1, \"b\": [true, false, null, \"s\"]}")},
        {"blank around", QStringLiteral(" \n [ ] \n ")},
        {"trailing comma", QStringLiteral("[1, 2,]")},
        {"missing colon", QStringLiteral("{\"a\" 1}")},
        {"scalar root", QStringLiteral("1")},
        {"string root", QStringLiteral("\"s\"")},
        {"empty", QString()},
        {"two roots", QStringLiteral("{} {}")},
        {"unknown escape", QStringLiteral("{\"a\": \"\\q\"}")},
        {"raw tab in string", QStringLiteral("{\"a\": \"x\ty\"}")},
        {"number with a dot only", QStringLiteral("[1.]")},
        {"huge exponent", QStringLiteral("[1e400]")},
        {"long integer", QStringLiteral("[12345678901234567890]")},
        {"negative zero", QStringLiteral("[-0]")},
        {"leading zero", QStringLiteral("[01]")},
        {"unicode escape", QStringLiteral("[\"\\u00e9\\ud83d\\ude00\"]")},
        {"lone surrogate escape", QStringLiteral("[\"\\ud800\"]")},
        {"non-ASCII", QStringLiteral("{\"cl\u00e9\": \"\u20ac\"}")},
        {"deep", deep},
        {"too deep", QString(2000, QLatin1Char('[')) + QString(2000, QLatin1Char(']'))},
        {"unclosed", QStringLiteral("{\"a\": [1, 2}")},
        {"unterminated string", QStringLiteral("{\"a\": \"b}")},
        {"duplicate keys", QStringLiteral("{\"a\": 1, \"a\": 2}")},
        {"literal misspelt", QStringLiteral("[tru]")},
        {"comment", QStringLiteral("{/* no */}")},
    };
    for (const auto &r : rows)
        QTest::newRow(r.name) << r.text;
}

void JsonSyntaxCheckerTest::answersAsQtDoes()
{
    QFETCH(QString, text);
    QJsonParseError qt{};
    QJsonDocument::fromJson(text.toUtf8(), &qt);
    const QJsonParseError ours = JsonSyntaxChecker::parse(text);
    QCOMPARE(int(ours.error), int(qt.error));
    if (qt.error != QJsonParseError::NoError)
        QCOMPARE(ours.offset, qt.offset);
}

QTEST_GUILESS_MAIN(JsonSyntaxCheckerTest)
#include "jsonsyntaxchecker_test.moc"
