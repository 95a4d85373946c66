// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportsyntax.h"

#include "report/reportlines.h"

#include <QDate>

namespace verdict::ReportSyntax {

using ReportLines::isSpaceOrTab;

bool sectionHeader(QStringView t, QStringView *name)
{
    if (t.size() < 3 || t.at(0) != QLatin1Char('#') || t.at(1) != QLatin1Char('#')
        || t.at(2) == QLatin1Char('#'))
        return false;
    *name = t.mid(2).trimmed();
    while (name->endsWith(QLatin1Char(':')))
        name->chop(1);
    return true;
}

bool fieldLine(QStringView t, QString *key, QStringView *value)
{
    if (t.size() < 2 || (t.at(0) != QLatin1Char('-') && t.at(0) != QLatin1Char('*'))
        || !isSpaceOrTab(t.at(1)))
        return false;
    const QStringView rest = t.mid(2).trimmed();
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon > 40)
        return false;
    const QStringView name = rest.left(colon).trimmed();
    if (name.isEmpty())
        return false;
    QString normalized;
    normalized.reserve(name.size());
    for (const QChar c : name) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            normalized += c.toLower();
        else if (c == QLatin1Char('_') || c == QLatin1Char(' ') || c == QLatin1Char('-'))
            normalized += QLatin1Char('_');
        else
            return false;
    }
    if (!normalized.at(0).isLetter())
        return false;
    *key = normalized;
    *value = rest.mid(colon + 1).trimmed();
    return true;
}

bool isTimestamp(QStringView v)
{
    auto digits = [&v](qsizetype at, qsizetype n, int *out) {
        if (at + n > v.size())
            return false;
        int x = 0;
        for (qsizetype i = at; i < at + n; ++i) {
            const QChar c = v.at(i);
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return false;
            x = x * 10 + (c.unicode() - '0');
        }
        *out = x;
        return true;
    };
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (v.size() < 17 || !digits(0, 4, &year) || v.at(4) != QLatin1Char('-')
        || !digits(5, 2, &month) || v.at(7) != QLatin1Char('-') || !digits(8, 2, &day)
        || v.at(10) != QLatin1Char('T') || !digits(11, 2, &hour) || v.at(13) != QLatin1Char(':')
        || !digits(14, 2, &minute))
        return false;
    if (!QDate(year, month, day).isValid() || hour > 23 || minute > 59)
        return false;
    qsizetype i = 16;
    if (i < v.size() && v.at(i) == QLatin1Char(':')) {
        if (!digits(i + 1, 2, &second) || second > 60)
            return false;
        i += 3;
        if (i < v.size() && (v.at(i) == QLatin1Char('.') || v.at(i) == QLatin1Char(','))) {
            ++i;
            const qsizetype start = i;
            while (i < v.size() && v.at(i) >= QLatin1Char('0') && v.at(i) <= QLatin1Char('9'))
                ++i;
            if (i == start || i - start > 9)
                return false;
        }
    }
    if (i < v.size() && v.at(i) == QLatin1Char('Z'))
        return i + 1 == v.size();
    if (i < v.size() && (v.at(i) == QLatin1Char('+') || v.at(i) == QLatin1Char('-'))) {
        int oh = 0;
        int om = 0;
        if (!digits(i + 1, 2, &oh))
            return false;
        qsizetype j = i + 3;
        if (j < v.size() && v.at(j) == QLatin1Char(':'))
            ++j;
        return digits(j, 2, &om) && j + 2 == v.size() && oh <= 14 && om <= 59;
    }
    return false;
}

bool isKindWord(QStringView w)
{
    if (w.isEmpty() || w.size() > 64)
        return false;
    for (qsizetype i = 0; i < w.size(); ++i) {
        const QChar c = w.at(i);
        const bool lower = c >= QLatin1Char('a') && c <= QLatin1Char('z');
        const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
        if (!(lower || c == QLatin1Char('_') || (digit && i > 0)))
            return false;
    }
    return true;
}

QString quoted(QStringView s)
{
    return QLatin1Char('\'') + s.left(80).toString() + QLatin1Char('\'');
}

const QString &createNeedle()
{
    static const QString needle = QStringLiteral("create or update the file");
    return needle;
}

const QString &contentNeedle()
{
    static const QString needle = QStringLiteral("with this complete content");
    return needle;
}


bool isOpportunityLine(QStringView t)
{
    return !t.isEmpty() && (t.front() == QLatin1Char('T') || t.front() == QLatin1Char('t'))
        && t.startsWith(QLatin1String("This is for opportunity"), Qt::CaseInsensitive);
}

bool isMakeSureLine(QStringView t)
{
    return !t.isEmpty() && (t.front() == QLatin1Char('M') || t.front() == QLatin1Char('m'))
        && t.startsWith(QLatin1String("Make sure the file is complete"), Qt::CaseInsensitive);
}

bool isBareFence(QStringView t)
{
    if (t.size() < 3)
        return false;
    const QChar f = t.at(0);
    if (f != QLatin1Char('`') && f != QLatin1Char('~'))
        return false;
    for (const QChar c : t) {
        if (c != f)
            return false;
    }
    return true;
}

QString stripPathQuotes(QStringView p)
{
    p = p.trimmed();
    while (p.endsWith(QLatin1Char(':')) || p.endsWith(QLatin1Char(',')))
        p.chop(1);
    auto strip = [&p](QChar open, QChar close) {
        if (p.size() >= 2 && p.front() == open && p.back() == close)
            p = p.mid(1, p.size() - 2);
    };
    strip(QLatin1Char('`'), QLatin1Char('`'));
    strip(QLatin1Char('"'), QLatin1Char('"'));
    strip(QLatin1Char('\''), QLatin1Char('\''));
    strip(QLatin1Char('*'), QLatin1Char('*'));
    strip(QLatin1Char('*'), QLatin1Char('*'));
    return p.trimmed().toString();
}

} // namespace verdict::ReportSyntax
