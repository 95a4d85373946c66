// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/textform.h"

#include "domain/utc.h"

#include <cstring>

namespace verdict::TextForm {

QString formatTime(const QDateTime &at)
{
    // Written by hand: export writes one per event and verify one per event it reads
    // (QDateTime::toString with a format is several times slower).
    const QDateTime utc = at.toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    if (!date.isValid() || !time.isValid() || date.year() < 1000 || date.year() > 9999)
        return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
    char16_t text[24];
    const auto put = [&text](int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; --i, value /= 10)
            text[i] = char16_t(u'0' + value % 10);
    };
    put(0, date.year(), 4);
    text[4] = u'-';
    put(5, date.month(), 2);
    text[7] = u'-';
    put(8, date.day(), 2);
    text[10] = u'T';
    put(11, time.hour(), 2);
    text[13] = u':';
    put(14, time.minute(), 2);
    text[16] = u':';
    put(17, time.second(), 2);
    text[19] = u'.';
    put(20, time.msec(), 3);
    text[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(text), 24);
}

namespace {

// formatTime()'s own form, parsed by hand: the stores read it for every row they list, and
// QDateTime::fromString is slow enough to show on 100,000 rows.
QDateTime parseCanonicalTime(const QString &text)
{
    // yyyy-MM-ddTHH:mm:ss.zzzZ
    static const char pattern[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (text.size() != 24)
        return {};
    int digits[17];
    int n = 0;
    for (int i = 0; i < 24; ++i) {
        const char16_t c = text.at(i).unicode();
        if (pattern[i] == 'd') {
            if (c < u'0' || c > u'9')
                return {};
            digits[n++] = c - u'0';
        } else if (c != static_cast<char16_t>(pattern[i])) {
            return {};
        }
    }
    auto num = [&digits](int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; ++i)
            v = v * 10 + digits[i];
        return v;
    };
    const QDate date(num(0, 4), num(4, 2), num(6, 2));
    const QTime time(num(8, 2), num(10, 2), num(12, 2), num(14, 3));
    if (!date.isValid() || !time.isValid())
        return {};
    return utcDateTime(date, time);
}

} // namespace

QDateTime parseTime(const QString &text)
{
    if (QDateTime fast = parseCanonicalTime(text); fast.isValid())
        return fast;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return {};
    // No offset written: the audit log speaks UTC, never the local zone.
    if (t.timeSpec() == Qt::LocalTime)
        return utcDateTime(t.date(), t.time());
    return t.toUTC();
}

void appendJsonString(QByteArray &out, const QString &text)
{
    static const char hex[] = "0123456789abcdef";
    // Short ASCII text without anything to escape (ids, times, names: most fields of an
    // audit event) is written straight from UTF-16, without a UTF-8 copy.
    const qsizetype size = text.size();
    if (size <= 256) {
        const QChar *u = text.constData();
        bool plain = true;
        for (qsizetype i = 0; i < size && plain; ++i) {
            const char16_t c = u[i].unicode();
            plain = c >= 0x20 && c < 0x7f && c != u'"' && c != u'\\';
        }
        if (plain) {
            const qsizetype at = out.size();
            out.resize(int(at + size + 2));
            char *d = out.data() + at;
            *d++ = '"';
            for (qsizetype i = 0; i < size; ++i)
                *d++ = char(u[i].unicode());
            *d = '"';
            return;
        }
    }
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    // Runs of bytes that need no escape are copied whole: risks and mitigations are
    // megabytes of text on a big import, nearly all of it plain.
    const char *p = utf8.constData();
    const char *const end = p + utf8.size();
    while (p < end) {
        const char *run = p;
        // Eight bytes at a time while none is a control character, '"' or '\\' (the
        // classic "has a zero byte" / "has a byte less than n" word tests).
        constexpr quint64 ones = ~quint64(0) / 255;
        constexpr quint64 highs = ones * 0x80;
        while (end - p >= 8) {
            quint64 x;
            std::memcpy(&x, p, 8);
            const quint64 quote = x ^ (ones * '"');
            const quint64 backslash = x ^ (ones * '\\');
            const quint64 special = ((x - ones * 0x20) & ~x)
                | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash);
            if (special & highs)
                break;
            p += 8;
        }
        while (p < end && static_cast<unsigned char>(*p) >= 0x20 && *p != '"' && *p != '\\')
            ++p;
        if (p > run)
            out.append(run, int(p - run));
        if (p == end)
            break;
        const char c = *p++;
        switch (c) {
        case '"': out.append("\\\"", 2); break;
        case '\\': out.append("\\\\", 2); break;
        case '\b': out.append("\\b", 2); break;
        case '\f': out.append("\\f", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        case '\t': out.append("\\t", 2); break;
        default: {
            const auto u = static_cast<unsigned char>(c);
            const char escaped[] = {'\\', 'u', '0', '0', hex[u >> 4], hex[u & 0xf]};
            out.append(escaped, 6);
        }
        }
    }
    out.append('"');
}

QByteArray jsonStringArray(const QStringList &strings)
{
    QByteArray out;
    out.append('[');
    for (int i = 0; i < strings.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendJsonString(out, strings.at(i));
    }
    out.append(']');
    return out;
}

} // namespace verdict::TextForm
