// SPDX-License-Identifier: GPL-3.0-or-later
// redactStoreUrl(): no password in anything Verdict shows or logs about a store URL.
#include "store/store.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace verdict {

namespace {

// [begin, end) of a text, replaced by `replacement`.
struct Edit
{
    int begin = 0;
    int end = 0;
    QString replacement;
};

// Where a password's value is written in a text, and how to read it back: percent-encoded
// (URL) or with backslash escapes and maybe quotes (key=value).
struct Secret
{
    int begin = 0;
    int end = 0;
    bool url = false;
};

struct Found
{
    std::vector<Edit> edits;
    std::vector<Secret> secrets;
};

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// %XX decoded where XX is hex, anything else kept as written (libpq refuses the rest, and
// its message quotes it as written).
QString percentDecoded(const QString &text)
{
    const QByteArray in = text.toUtf8();
    QByteArray out;
    out.reserve(in.size());
    for (int i = 0; i < in.size(); ++i) {
        if (in.at(i) == '%' && i + 2 < in.size() && isHex(in.at(i + 1))
            && isHex(in.at(i + 2))) {
            out.append(char(QByteArray::fromHex(in.mid(i + 1, 2)).at(0)));
            i += 2;
        } else {
            out.append(in.at(i));
        }
    }
    return QString::fromUtf8(out);
}

// A key=value value as libpq reads it: quotes dropped, \x read as x.
QString unescaped(QString value)
{
    if (value.startsWith(QLatin1Char('\'')))
        value = value.mid(1, value.endsWith(QLatin1Char('\'')) && value.size() > 1
                                 ? value.size() - 2
                                 : -1);
    QString out;
    for (int i = 0; i < value.size(); ++i) {
        if (value.at(i) == QLatin1Char('\\') && i + 1 < value.size())
            ++i;
        out += value.at(i);
    }
    return out;
}

// Passwords in postgres(ql):// URLs: the user info's and the query's.
void findInUrls(const QString &text, Found *found)
{
    static const QRegularExpression scheme(QStringLiteral("postgres(?:ql)?://"),
                                           QRegularExpression::CaseInsensitiveOption);
    int firstNonSpace = 0;
    while (firstNonSpace < text.size() && text.at(firstNonSpace).isSpace())
        ++firstNonSpace;
    int skipUntil = 0;
    auto it = scheme.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const int start = m.capturedStart();
        if (start < skipUntil)
            continue;
        const int a = m.capturedEnd(); // the authority starts here
        // How far the URL goes: when the text is the URL, to the end of the line (a password
        // may hold spaces); quoted in a message, to the closing quote; else to a space.
        int e = text.indexOf(QLatin1Char('\n'), a);
        if (e < 0)
            e = text.size();
        if (start != firstNonSpace) {
            const QChar before = start > 0 ? text.at(start - 1) : QChar();
            if (before == QLatin1Char('"') || before == QLatin1Char('\'')) {
                const int close = text.indexOf(before, a);
                if (close >= 0 && close < e)
                    e = close;
            } else {
                for (int i = a; i < e; ++i) {
                    if (text.at(i).isSpace()) {
                        e = i;
                        break;
                    }
                }
            }
        }
        skipUntil = e;

        // User info "user:password@": the password runs from the first ':' to the LAST '@'
        // (it may hold '@', ':', '/', '?', '#'; libpq would cut it at the first '@' and show
        // the rest as a host name). Only a user name free of '/', '?' and '#' makes the ':'
        // user info rather than a port.
        int queryFrom = a;
        const int at = e > a ? text.lastIndexOf(QLatin1Char('@'), e - 1) : -1;
        if (at >= a) {
            const int colon = text.indexOf(QLatin1Char(':'), a);
            bool user = colon >= 0 && colon < at;
            for (int i = a; user && i < colon; ++i) {
                const QChar c = text.at(i);
                user = c != QLatin1Char('/') && c != QLatin1Char('?') && c != QLatin1Char('#');
            }
            if (user) {
                // No user name: the whole "user info@" goes.
                found->edits.push_back({colon == a ? a : colon, colon == a ? at + 1 : at, {}});
                found->secrets.push_back({colon + 1, at, true});
                queryFrom = at + 1;
            } else if (colon < 0 || colon > at) {
                queryFrom = at + 1; // a user name alone
            }
        }

        // ?password=...: libpq decodes the keys, so ?pass%77ord= is one too.
        const int q = text.indexOf(QLatin1Char('?'), queryFrom);
        if (q < 0 || q >= e)
            continue;
        QStringList kept;
        bool removed = false;
        for (int i = q + 1; i <= e;) {
            int amp = text.indexOf(QLatin1Char('&'), i);
            if (amp < 0 || amp > e)
                amp = e;
            const QString param = text.mid(i, amp - i);
            const int eq = param.indexOf(QLatin1Char('='));
            const QString key = percentDecoded(eq < 0 ? param : param.left(eq));
            if (key.compare(QLatin1String("password"), Qt::CaseInsensitive) == 0) {
                removed = true;
                if (eq >= 0)
                    found->secrets.push_back({i + eq + 1, amp, true});
            } else if (!param.isEmpty()) {
                kept << param;
            }
            i = amp + 1;
        }
        if (removed) {
            found->edits.push_back({q, e, kept.isEmpty() ? QString()
                                                         : QLatin1Char('?')
                                                               + kept.join(QLatin1Char('&'))});
        }
    }
}

// password=... of libpq key=value strings (keys are separated by spaces, so a path such as
// /home/ann/password=x/v.sqlite is left alone), PGPASSWORD=... too.
void findKeyValues(const QString &text, Found *found)
{
    static const QRegularExpression keyValue(
        QStringLiteral("(^|\\s+|[\"'(,;])((?:pg)?password\\s*=\\s*)"
                       "('(?:[^'\\\\]|\\\\.)*(?:'|$)|(?:[^\\s\\\\]|\\\\.)*)"),
        QRegularExpression::CaseInsensitiveOption);
    auto it = keyValue.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const int keyStart = m.capturedStart(2);
        const int valueStart = m.capturedStart(3);
        int end = m.capturedEnd(3);
        found->secrets.push_back({valueStart, end, false});
        int begin = keyStart;
        if (m.capturedLength(1) > 0 && m.captured(1).at(0).isSpace()) {
            begin = m.capturedStart(1); // with the spaces before it
        } else if (m.capturedLength(1) == 0) {
            while (end < text.size() && text.at(end).isSpace()) // first: the spaces after it
                ++end;
        }
        found->edits.push_back({begin, end, {}});
    }
}

QString applied(QString text, std::vector<Edit> edits)
{
    std::sort(edits.begin(), edits.end(),
              [](const Edit &x, const Edit &y) { return x.begin > y.begin; });
    int limit = text.size();
    for (const Edit &e : edits) {
        // Up to where the next one (already applied) began: "password=a password=b"
        // removes the space between them twice otherwise.
        const int end = std::min(e.end, limit);
        if (end > e.begin)
            text.replace(e.begin, end - e.begin, e.replacement);
        limit = e.begin;
    }
    return text;
}

// True when `piece` (quoted by libpq in a message about `connection`) may be part of one of
// its passwords: it is written in `connection` where a password is, or it shares four
// characters in a row (the whole password when shorter) with one.
bool touchesSecret(const QString &piece, const QString &connection,
                   const std::vector<Secret> &secrets, const QStringList &values)
{
    for (int p = connection.indexOf(piece); p >= 0; p = connection.indexOf(piece, p + 1)) {
        for (const Secret &s : secrets) {
            if (p < s.end && s.begin < p + piece.size())
                return true;
        }
    }
    for (const QString &v : values) {
        if (v.size() < 2)
            continue; // one character is in every other word: only where it is written
        const int window = std::min(4, int(v.size()));
        for (int i = 0; i + window <= v.size(); ++i) {
            if (piece.contains(QStringView(v).mid(i, window)))
                return true;
        }
    }
    return false;
}

} // namespace

QString redactStoreUrl(const QString &text, const QString &connection)
{
    // URLs first, then key=value in what remains: a URL's query may end in " password=".
    Found urls;
    findInUrls(text, &urls);
    QString out = applied(text, urls.edits);
    Found keyValues;
    findKeyValues(out, &keyValues);
    out = applied(out, keyValues.edits);
    if (connection.isEmpty())
        return out;

    // The connection's passwords, as written and as libpq reads them.
    Found inConnection;
    findInUrls(connection, &inConnection);
    findKeyValues(connection, &inConnection);
    const std::vector<Secret> &secrets = inConnection.secrets;
    QStringList values;
    for (const Secret &s : secrets) {
        const QString raw = connection.mid(s.begin, s.end - s.begin);
        values << raw << (s.url ? percentDecoded(raw) : unescaped(raw));
    }
    values.removeAll(QString());
    values.removeDuplicates();
    if (values.isEmpty())
        return out;
    std::sort(values.begin(), values.end(),
              [](const QString &x, const QString &y) { return x.size() > y.size(); });

    static const QRegularExpression quoted(QStringLiteral("\"([^\"\\n]+)\""));
    std::vector<Edit> edits;
    auto it = quoted.globalMatch(out);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (touchesSecret(m.captured(1), connection, secrets, values))
            edits.push_back({int(m.capturedStart(1)), int(m.capturedEnd(1)), QStringLiteral("***")});
    }
    out = applied(out, edits);
    // Unquoted, whole: shorter ones would blot out ordinary words.
    for (const QString &v : values) {
        if (v.size() >= 3)
            out.replace(v, QStringLiteral("***"));
    }
    return out;
}

} // namespace verdict
