// SPDX-License-Identifier: GPL-3.0-or-later
#include "queue/linediff.h"

#include <QFile>
#include <QTest>

using namespace verdict;

namespace {

QString readFixture(const QString &name)
{
    QFile f(QStringLiteral(VERDICT_TEST_DATA "/linediff/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<missing %1>").arg(name);
    QString text = QString::fromUtf8(f.readAll());
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    return text;
}

QStringList lines(const QString &compact)
{
    // "a b c" -> {"a","b","c"}; "" -> {}
    return compact.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

// Compact script: "=a -b +c".
QString script(const std::vector<LineDiff::Line> &diff)
{
    QStringList out;
    for (const LineDiff::Line &l : diff) {
        const char *mark = l.kind == LineDiff::Kind::Same      ? "="
                           : l.kind == LineDiff::Kind::Removed ? "-"
                                                               : "+";
        out << QString::fromLatin1(mark) + l.text;
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

class LineDiffTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void diff_data();
    void diff();
    void lineNumbers();
    void revisionFixture();
    void largeRewriteStaysBounded();
};

void LineDiffTest::diff_data()
{
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("edits");
    QTest::newRow("both empty") << QString() << QString() << QString() << 0;
    QTest::newRow("identical") << "a b c" << "a b c" << "=a =b =c" << 0;
    QTest::newRow("all added") << QString() << "a b" << "+a +b" << 2;
    QTest::newRow("all removed") << "a b" << QString() << "-a -b" << 2;
    QTest::newRow("insert in the middle") << "a c" << "a b c" << "=a +b =c" << 1;
    QTest::newRow("remove in the middle") << "a b c" << "a c" << "=a -b =c" << 1;
    QTest::newRow("replace one line") << "a b c" << "a x c" << "=a -b +x =c" << 2;
    QTest::newRow("append") << "a b" << "a b c" << "=a =b +c" << 1;
    QTest::newRow("prepend") << "b c" << "a b c" << "+a =b =c" << 1;
    QTest::newRow("swap keeps one") << "a b" << "b a" << "-a =b +a" << 2;
    QTest::newRow("classic Myers example") << "a b c a b b a" << "c b a b a c"
                                           << "-a -b =c +b =a =b -b =a +c" << 5;
    QTest::newRow("repeated lines") << "x x x" << "x x" << "=x =x -x" << 1;
}

void LineDiffTest::diff()
{
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(QString, expected);
    QFETCH(int, edits);
    const auto d = LineDiff::diff(lines(oldText), lines(newText));
    int count = 0;
    QStringList rebuiltOld;
    QStringList rebuiltNew;
    for (const LineDiff::Line &l : d) {
        count += l.kind == LineDiff::Kind::Same ? 0 : 1;
        if (l.kind != LineDiff::Kind::Added)
            rebuiltOld << l.text;
        if (l.kind != LineDiff::Kind::Removed)
            rebuiltNew << l.text;
    }
    // Whatever the script, it must be minimal and rebuild both sides.
    QCOMPARE(count, edits);
    QCOMPARE(rebuiltOld, lines(oldText));
    QCOMPARE(rebuiltNew, lines(newText));
    QCOMPARE(script(d), expected);
}

void LineDiffTest::lineNumbers()
{
    const auto d = LineDiff::diffTexts(QStringLiteral("a\nb\nc"), QStringLiteral("a\nx\nc\nd"));
    QCOMPARE(int(d.size()), 5);
    QCOMPARE(d[0].oldLine, 1);
    QCOMPARE(d[0].newLine, 1);
    QCOMPARE(d[1].kind, LineDiff::Kind::Removed);
    QCOMPARE(d[1].oldLine, 2);
    QCOMPARE(d[1].newLine, 0);
    QCOMPARE(d[2].kind, LineDiff::Kind::Added);
    QCOMPARE(d[2].oldLine, 0);
    QCOMPARE(d[2].newLine, 2);
    QCOMPARE(d[3].oldLine, 3);
    QCOMPARE(d[3].newLine, 3);
    QCOMPARE(d[4].newLine, 4);
}

void LineDiffTest::revisionFixture()
{
    const auto d = LineDiff::diffTexts(readFixture(QStringLiteral("rev1.sql")),
                                       readFixture(QStringLiteral("rev2.sql")));
    QCOMPARE(LineDiff::format(d), readFixture(QStringLiteral("rev2.diff")) + QLatin1Char('\n'));
}

void LineDiffTest::largeRewriteStaysBounded()
{
    QStringList a;
    QStringList b;
    for (int i = 0; i < 5000; ++i) {
        a << QStringLiteral("old %1").arg(i);
        b << QStringLiteral("new %1").arg(i);
    }
    a << QStringLiteral("end");
    b << QStringLiteral("end");
    const auto d = LineDiff::diff(a, b);
    QCOMPARE(int(d.size()), 10001);
    QCOMPARE(d.front().kind, LineDiff::Kind::Removed);
    QCOMPARE(d[5000].kind, LineDiff::Kind::Added);
    QCOMPARE(d.back().kind, LineDiff::Kind::Same);
    QCOMPARE(d.back().oldLine, 5001);
}

QTEST_GUILESS_MAIN(LineDiffTest)
#include "linediff_test.moc"
