// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/reportparser.h"

#include "report/languagedetector.h"
#include "report/sha256.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStringView>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

// POSIX: the walk must see what QDirIterator hides (folders it cannot open, special files),
// and files are examined before they are opened. Verdict runs on Linux (DESIGN.md).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace verdict {

namespace {

// Everything here is one pass or a constant number of passes over the lines: the parser
// meets fuzzers and 40 MB folders, so no backtracking regular expressions per line and no
// rescans that could go quadratic.

struct ByteLine
{
    qsizetype begin = 0; // offset in the file's bytes
    qsizetype end = 0;   // exclusive, line end (\n, \r\n, \r) excluded
};

// Line ends as QTextStream::readLine sees them: \n, \r\n and a lone \r.
std::vector<ByteLine> splitLines(const char *data, qsizetype begin, qsizetype size,
                                 bool hasCr)
{
    std::vector<ByteLine> lines;
    // Report lines average 40 bytes: one allocation for nearly every file, not a dozen.
    lines.reserve(size_t((size - begin) / 32 + 16));
    qsizetype pos = begin;
    if (!hasCr) {
        while (pos < size) {
            const void *nl = std::memchr(data + pos, '\n', size_t(size - pos));
            const qsizetype end = nl ? static_cast<const char *>(nl) - data : size;
            lines.push_back({pos, end});
            pos = end + 1;
        }
        return lines;
    }
    qsizetype start = pos;
    while (pos < size) {
        const char c = data[pos];
        if (c == '\n' || c == '\r') {
            lines.push_back({start, pos});
            if (c == '\r' && pos + 1 < size && data[pos + 1] == '\n')
                ++pos;
            start = pos + 1;
        }
        ++pos;
    }
    if (start < size)
        lines.push_back({start, size});
    return lines;
}

// The same split over decoded text (the decoder keeps every \r and \n in place), into
// `lines` (cleared first, its capacity reused).
void splitLines(QStringView text, std::vector<QStringView> &lines)
{
    lines.clear();
    const QChar *p = text.data();
    const qsizetype size = text.size();
    qsizetype start = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = p[i].unicode();
        if (c == u'\n' || c == u'\r') {
            lines.push_back(text.mid(start, i - start));
            if (c == u'\r' && i + 1 < size && p[i + 1] == QLatin1Char('\n'))
                ++i;
            start = i + 1;
        }
    }
    if (start < size)
        lines.push_back(text.mid(start));
}

// Number of invalid UTF-8 sequences (overlongs and surrogates count as invalid).
qsizetype invalidUtf8(const unsigned char *p, qsizetype size)
{
    qsizetype bad = 0;
    qsizetype i = 0;
    while (i < size) {
        // ASCII fast path, 8 bytes at a time.
        if (i + 8 <= size) {
            quint64 word;
            std::memcpy(&word, p + i, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int need = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            ++bad;
            ++i;
            continue;
        }
        int k = 1;
        for (; k <= need && i + k < size; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                break;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (k <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            ++bad;
            i += std::max(1, k);
            continue;
        }
        i += need + 1;
    }
    return bad;
}

bool isBlank(QStringView line)
{
    for (const QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

bool isBlankBytes(const char *p, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i) {
        const char c = p[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
            return false;
    }
    return true;
}

// "# FSAR Proposal Report", with any spacing and case, on bytes (ASCII-only text).
bool isHeaderBytes(const char *p, qsizetype size)
{
    qsizetype i = 0;
    while (i < size && (p[i] == ' ' || p[i] == '\t'))
        ++i;
    if (i >= size || p[i] != '#')
        return false;
    ++i;
    if (i < size && p[i] == '#')
        return false;
    while (i < size && (p[i] == ' ' || p[i] == '\t'))
        ++i;
    static const char kTitle[] = "fsar proposal report";
    const qsizetype n = qsizetype(sizeof kTitle) - 1;
    if (size - i < n)
        return false;
    for (qsizetype k = 0; k < n; ++k) {
        char c = p[i + k];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != kTitle[k])
            return false;
    }
    return isBlankBytes(p + i + n, size - i - n);
}

// The first character trimmed() would keep (QChar() for a blank line): most lines are
// ruled out by it before they are trimmed (trimming every line was a twentieth of the parse).
QChar firstNonSpace(QStringView t)
{
    for (const QChar c : t) {
        if (!c.isSpace())
            return c;
    }
    return QChar();
}

bool isSpaceOrTab(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

// "## Risks" / "## Mitigations" / any other "## " section header; returns the name.
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

enum class Section { None, Risks, Mitigations, Other };

Section sectionOf(QStringView t)
{
    QStringView name;
    if (!sectionHeader(t, &name))
        return Section::None;
    if (name.compare(QLatin1String("risks"), Qt::CaseInsensitive) == 0)
        return Section::Risks;
    if (name.compare(QLatin1String("mitigations"), Qt::CaseInsensitive) == 0)
        return Section::Mitigations;
    return Section::Other;
}

// "- key: value" (also "* key: value", any spacing, key in any case, spaces or dashes
// for underscores). The key comes back normalized: lower case, underscores.
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

// 2026-01-02T19:12:25.611Z, also without seconds or fraction, or with a +hh:mm offset.
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

// The marker as the reports write it, capitalized or not; searched in the raw bytes with
// memmem, which is far faster than a case-insensitive QString search on every line.
constexpr char kCreateMarker[] = "reate or update the file";

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

bool isFenceOpen(QStringView t)
{
    return t.startsWith(QLatin1String("```")) || t.startsWith(QLatin1String("~~~"));
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

// `count` views joined with '\n'. When each view ends right where a '\n' precedes the next
// one in the same buffer (the report's text without CRs: nearly always), the result is one
// copy of that stretch instead of a QString grown line by line: a tenth of the parse time
// went to those appends.
template <typename LineAt>
QString joinLines(qsizetype count, const LineAt &lineAt)
{
    if (count <= 0)
        return QString();
    const QStringView first = lineAt(0);
    QStringView prev = first;
    bool contiguous = true;
    qsizetype size = first.size();
    for (qsizetype i = 1; i < count; ++i) {
        const QStringView cur = lineAt(i);
        size += 1 + cur.size();
        if (contiguous
            && (prev.data() + prev.size() + 1 != cur.data()
                || prev.data()[prev.size()] != QLatin1Char('\n')))
            contiguous = false;
        prev = cur;
    }
    if (contiguous)
        return QString(first.data(), int(prev.data() + prev.size() - first.data()));
    QString joined;
    joined.reserve(int(size));
    for (qsizetype i = 0; i < count; ++i) {
        if (i > 0)
            joined += QLatin1Char('\n');
        joined += lineAt(i);
    }
    return joined;
}

// A reader's per-report tables, kept per thread so their memory is reused from report to
// report and file to file instead of allocated for each (allocations were a tenth of the
// parse). One reader at a time per thread: a reader never starts another.
struct ReaderScratch
{
    std::vector<QStringView> lines;
    std::vector<char> create;
    std::vector<qsizetype> nextCreate;
    std::vector<qsizetype> nextStop;
    std::vector<qsizetype> nextFence;
    std::vector<char> isCreate;

    // A huge report's tables are not kept for the thread's lifetime.
    void trim()
    {
        constexpr size_t kKeep = 1 << 16; // lines
        if (lines.capacity() > kKeep || nextCreate.capacity() > kKeep)
            *this = ReaderScratch();
    }
};

ReaderScratch &readerScratch()
{
    thread_local ReaderScratch scratch;
    return scratch;
}

// One report: lines [first, last] of the file (0-based indexes into `bytes`).
class ReportReader
{
public:
    ReportReader(const QByteArray &data, const std::vector<ByteLine> &bytes, bool exactBytes,
                 const QString &path)
        : m_data(data), m_bytes(bytes), m_exactBytes(exactBytes), m_path(path),
          m_scratch(readerScratch()), m_lines(m_scratch.lines), m_create(m_scratch.create)
    {
    }

    Proposal read(qsizetype first, qsizetype last);

private:
    int lineNo(qsizetype i) const { return int(m_first + i + 1); }
    QStringView text(qsizetype i) const { return m_lines[size_t(i)]; }
    void problem(qsizetype i, const QString &message)
    {
        m_p.problems.push_back({lineNo(i), message});
    }
    QString hashLines(qsizetype from, qsizetype to, const QString &joined) const;
    void readFields(qsizetype *bodyStart);
    void readBody(qsizetype from, qsizetype to);
    qsizetype readArtifact(qsizetype createLine, qsizetype to,
                           const std::vector<qsizetype> &nextCreate,
                           const std::vector<qsizetype> &nextStop,
                           const std::vector<qsizetype> &nextFence);
    QStringList readItems(qsizetype from, qsizetype to) const;

    const QByteArray &m_data;
    const std::vector<ByteLine> &m_bytes;
    const bool m_exactBytes; // no CR, no invalid UTF-8: byte slices equal the UTF-8 text
    const QString &m_path;
    ReaderScratch &m_scratch;
    qsizetype m_first = 0;
    QString m_text;
    std::vector<QStringView> &m_lines;
    QStringView m_inlineBody; // "- proposal: text" puts the body's first line there
    std::vector<char> &m_create; // per line: holds "Create or update the file"
    qsizetype m_inlineLine = -1;
    Proposal m_p;
};

// SHA-256 of lines [from, to] joined with '\n': straight from the file's bytes when they
// are exactly that text, else from `joined` (built by the caller).
QString ReportReader::hashLines(qsizetype from, qsizetype to, const QString &joined) const
{
    if (m_exactBytes && from <= to) {
        const qsizetype begin = m_bytes[size_t(m_first + from)].begin;
        const qsizetype end = m_bytes[size_t(m_first + to)].end;
        return sha256Hex(m_data.constData() + begin, end - begin);
    }
    return sha256Hex(joined.toUtf8());
}

Proposal ReportReader::read(qsizetype first, qsizetype last)
{
    m_first = first;
    m_p = Proposal();
    m_p.sourceFile = m_path;
    m_p.sourceLine = int(first + 1);
    m_p.endLine = int(last + 1);
    const qsizetype begin = m_bytes[size_t(first)].begin;
    const qsizetype end = m_bytes[size_t(last)].end;
    m_text = QString::fromUtf8(m_data.constData() + begin, int(end - begin));
    splitLines(QStringView(m_text), m_lines);
    const qsizetype count = last - first + 1;
    // Blank last lines the split drops (e.g. a final "\r") are still lines of the report.
    m_lines.resize(size_t(count));
    m_create.assign(size_t(count), 0);
    {
        const char *base = m_data.constData();
        const size_t markerSize = sizeof kCreateMarker - 1;
        qsizetype pos = begin;
        while (pos < end) {
            const void *hit = memmem(base + pos, size_t(end - pos), kCreateMarker, markerSize);
            if (!hit)
                break;
            const qsizetype off = static_cast<const char *>(hit) - base;
            // The line holding `off`: the last line that begins at or before it.
            const auto it = std::upper_bound(
                m_bytes.begin() + first, m_bytes.begin() + last + 1, off,
                [](qsizetype o, const ByteLine &l) { return o < l.begin; });
            const qsizetype line = qsizetype(it - m_bytes.begin()) - 1;
            if (off > begin && (base[off - 1] == 'C' || base[off - 1] == 'c'))
                m_create[size_t(line - first)] = 1;
            pos = std::max(m_bytes[size_t(line)].end, off + 1);
        }
    }

    // The revision identity: the report's text without trailing blank lines, so the same
    // report hashes the same whether or not it is the last one in its file.
    qsizetype lastText = count - 1;
    while (lastText > 0 && isBlank(text(lastText)))
        --lastText;
    {
        QString joined;
        if (!m_exactBytes) {
            for (qsizetype i = 0; i <= lastText; ++i) {
                if (i > 0)
                    joined += QLatin1Char('\n');
                joined += text(i);
            }
        }
        m_p.sha256 = hashLines(0, lastText, joined);
    }

    qsizetype bodyStart = count;
    readFields(&bodyStart);

    // The body ends at the report's own Risks/Mitigations sections: the last such headers,
    // so a "## Risks" inside an artifact's content does not cut the proposal short.
    qsizetype risks = -1;
    qsizetype mitigations = -1;
    for (qsizetype i = bodyStart; i < count; ++i) {
        if (firstNonSpace(text(i)) != QLatin1Char('#'))
            continue;
        const QStringView t = text(i).trimmed();
        if (t.startsWith(QLatin1String("##"))) {
            const Section s = sectionOf(t);
            if (s == Section::Risks)
                risks = i;
            else if (s == Section::Mitigations)
                mitigations = i;
        }
    }
    qsizetype bodyEnd = count;
    if (risks >= 0)
        bodyEnd = std::min(bodyEnd, risks);
    if (mitigations >= 0)
        bodyEnd = std::min(bodyEnd, mitigations);
    readBody(bodyStart, bodyEnd);

    auto sectionEnd = [this, count](qsizetype from) {
        for (qsizetype i = from + 1; i < count; ++i) {
            if (firstNonSpace(text(i)) != QLatin1Char('#'))
                continue;
            const QStringView t = text(i).trimmed();
            if (t.startsWith(QLatin1String("##")) && sectionOf(t) != Section::None)
                return i;
        }
        return count;
    };
    if (risks >= 0)
        m_p.risks = readItems(risks + 1, sectionEnd(risks));
    if (mitigations >= 0)
        m_p.mitigations = readItems(mitigations + 1, sectionEnd(mitigations));

    std::stable_sort(m_p.problems.begin(), m_p.problems.end(),
                     [](const Problem &a, const Problem &b) { return a.line < b.line; });
    Proposal out = std::move(m_p);
    m_p = Proposal();
    m_lines.clear();
    m_text.clear();
    m_scratch.trim();
    return out;
}

void ReportReader::readFields(qsizetype *bodyStart)
{
    const qsizetype count = qsizetype(m_lines.size());
    bool seenId = false;
    bool seenTimestamp = false;
    bool seenSeverity = false;
    bool seenBlock = false;
    bool seenProposal = false;
    m_inlineLine = -1;
    qsizetype i = 1;
    for (; i < count; ++i) {
        const QStringView t = text(i).trimmed();
        if (t.isEmpty())
            continue;
        QString key;
        QStringView value;
        if (!fieldLine(t, &key, &value))
            break;
        auto once = [this, i, &key](bool *seen) {
            if (*seen) {
                problem(i, QStringLiteral("duplicate field '%1'; the first one is kept")
                               .arg(key));
                return false;
            }
            *seen = true;
            return true;
        };
        if (key == QLatin1String("id")) {
            if (!once(&seenId))
                continue;
            if (value.isEmpty())
                problem(i, QStringLiteral("field 'id' is empty"));
            else
                m_p.id = value.toString();
        } else if (key == QLatin1String("timestamp")) {
            if (!once(&seenTimestamp))
                continue;
            if (isTimestamp(value))
                m_p.timestamp = value.toString();
            else
                problem(i, QStringLiteral("malformed timestamp %1: expected ISO 8601 UTC, "
                                          "e.g. 2026-01-02T19:12:25.611Z")
                               .arg(quoted(value)));
        } else if (key == QLatin1String("severity")) {
            if (!once(&seenSeverity))
                continue;
            bool ok = false;
            const int n = value.toString().toInt(&ok);
            const bool digitsOnly = !value.isEmpty()
                && std::all_of(value.begin(), value.end(), [](QChar c) {
                       return c >= QLatin1Char('0') && c <= QLatin1Char('9');
                   });
            if (ok && digitsOnly && n >= 0 && n <= 10)
                m_p.severity = n;
            else
                problem(i, QStringLiteral("malformed severity %1: expected an integer 0..10")
                               .arg(quoted(value)));
        } else if (key == QLatin1String("block_execution")) {
            if (!once(&seenBlock))
                continue;
            if (value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
                m_p.blockExecution = true;
            else if (value.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
                m_p.blockExecution = false;
            else
                problem(i, QStringLiteral("malformed block_execution %1: expected true or "
                                          "false")
                               .arg(quoted(value)));
        } else if (key == QLatin1String("proposal")) {
            seenProposal = true;
            if (!value.isEmpty()) {
                // "- proposal: kind: text" keeps the body on the field's own line.
                m_inlineLine = i;
                const QStringView raw = text(i);
                m_inlineBody = raw.mid(raw.indexOf(value.front(), raw.indexOf(QLatin1Char(':'))));
                *bodyStart = i;
            } else {
                *bodyStart = i + 1;
            }
            break;
        }
        // Other "- key: value" lines in the header are tolerated and ignored.
    }
    if (!seenProposal)
        *bodyStart = i;
    auto missing = [this](bool seen, const char *name) {
        if (!seen)
            problem(0, QStringLiteral("missing field '%1'").arg(QLatin1String(name)));
    };
    missing(seenId, "id");
    missing(seenTimestamp, "timestamp");
    missing(seenSeverity, "severity");
    missing(seenBlock, "block_execution");
    missing(seenProposal, "proposal");
}

void ReportReader::readBody(qsizetype from, qsizetype to)
{
    auto line = [this](qsizetype i) { return i == m_inlineLine ? m_inlineBody : text(i); };
    qsizetype firstText = from;
    while (firstText < to && isBlank(line(firstText)))
        ++firstText;
    qsizetype lastText = to - 1;
    while (lastText >= firstText && isBlank(line(lastText)))
        --lastText;
    if (firstText > lastText) {
        problem(std::min(from, qsizetype(m_lines.size()) - 1),
                QStringLiteral("the proposal has no text"));
        return;
    }
    m_p.bodyFirstLine = lineNo(firstText);
    m_p.body = joinLines(lastText - firstText + 1,
                         [&line, firstText](qsizetype k) { return line(firstText + k); });
    if (m_exactBytes && firstText != m_inlineLine) {
        const qsizetype begin = m_bytes[size_t(m_first + firstText)].begin;
        const qsizetype end = m_bytes[size_t(m_first + lastText)].end;
        m_p.bodyUtf8 = QByteArray(m_data.constData() + begin, int(end - begin));
    }

    const QStringView head = line(firstText).trimmed();
    const qsizetype colon = head.indexOf(QLatin1Char(':'));
    if (colon > 0 && isKindWord(head.left(colon)))
        m_p.kind = head.left(colon).toString();
    else
        problem(firstText, QStringLiteral("the proposal does not start with its kind "
                                          "('idea_implementation: ...')"));

    // Next-line tables, built backwards once, keep every artifact lookup O(1).
    const qsizetype n = to - from;
    std::vector<qsizetype> &nextCreate = m_scratch.nextCreate;
    std::vector<qsizetype> &nextStop = m_scratch.nextStop;
    std::vector<qsizetype> &nextFence = m_scratch.nextFence;
    std::vector<char> &isCreate = m_scratch.isCreate;
    nextCreate.assign(size_t(n + 1), to);
    nextStop.assign(size_t(n + 1), to);
    nextFence.assign(size_t(n + 1), to);
    isCreate.assign(size_t(n), 0);
    for (qsizetype i = to - 1; i >= from; --i) {
        const size_t k = size_t(i - from);
        nextCreate[k] = nextCreate[k + 1];
        nextStop[k] = nextStop[k + 1];
        nextFence[k] = nextFence[k + 1];
        if (m_create[size_t(i)]) {
            isCreate[k] = 1;
            nextCreate[k] = i;
            nextStop[k] = i;
            continue;
        }
        // Only lines starting with T, M (either case), ` or ~ can be a stop or a fence.
        const char16_t c = firstNonSpace(line(i)).unicode();
        if (c != u'T' && c != u't' && c != u'M' && c != u'm' && c != u'`' && c != u'~')
            continue;
        const QStringView t = line(i).trimmed();
        if (isOpportunityLine(t) || isMakeSureLine(t))
            nextStop[k] = i;
        else if (isBareFence(t))
            nextFence[k] = i;
    }
    for (qsizetype i = from; i < to;) {
        if (isCreate[size_t(i - from)]) {
            i = readArtifact(i, to, nextCreate, nextStop, nextFence);
            continue;
        }
        const char16_t first = firstNonSpace(line(i)).unicode();
        if (first != u'T' && first != u't') {
            ++i;
            continue;
        }
        const QStringView t = line(i).trimmed();
        if (isOpportunityLine(t)) {
            const qsizetype colon = t.indexOf(QLatin1Char(':'));
            const QStringView name = colon >= 0 ? t.mid(colon + 1).trimmed() : QStringView();
            if (m_p.opportunity) {
                if (name != *m_p.opportunity)
                    problem(i, QStringLiteral("second opportunity %1 ignored").arg(quoted(name)));
            } else if (name.isEmpty()) {
                problem(i, QStringLiteral("'This is for opportunity:' without a name"));
            } else {
                m_p.opportunity = name.toString();
            }
        }
        ++i;
    }
    if (!m_p.artifacts.empty() && !m_p.opportunity)
        problem(firstText, QStringLiteral("missing 'This is for opportunity: NAME' line"));
}

qsizetype ReportReader::readArtifact(qsizetype c, qsizetype to,
                                     const std::vector<qsizetype> &nextCreate,
                                     const std::vector<qsizetype> &nextStop,
                                     const std::vector<qsizetype> &nextFence)
{
    const qsizetype from = to - qsizetype(nextCreate.size()) + 1;
    auto at = [from](const std::vector<qsizetype> &v, qsizetype i) {
        return v[size_t(i - from)];
    };
    const QStringView raw = c == m_inlineLine ? m_inlineBody : text(c);

    Artifact a;
    const qsizetype k = raw.indexOf(QStringView(createNeedle()), 0, Qt::CaseInsensitive);
    const QStringView after = raw.mid(k + createNeedle().size());
    const qsizetype w = after.indexOf(QStringView(contentNeedle()), 0, Qt::CaseInsensitive);
    QStringView rest;
    if (w >= 0) {
        a.path = stripPathQuotes(after.left(w));
        rest = after.mid(w + contentNeedle().size()).trimmed();
        if (rest.startsWith(QLatin1Char(':')))
            rest = rest.mid(1).trimmed();
    } else {
        // "Create or update the file PATH:" without the usual words: PATH is the next word.
        const QStringView t = after.trimmed();
        qsizetype sp = 0;
        while (sp < t.size() && !t.at(sp).isSpace())
            ++sp;
        a.path = stripPathQuotes(t.left(sp));
        rest = t.mid(sp).trimmed();
        if (rest.startsWith(QLatin1Char(':')))
            rest = rest.mid(1).trimmed();
        else
            rest = QStringView();
    }
    if (a.path.isEmpty())
        problem(c, QStringLiteral("'Create or update the file' without a file name"));

    qsizetype contentFrom = c + 1; // first line that may hold content
    qsizetype fenceLine = -1;
    QStringView inlineFirst;       // content that starts on the create line itself
    if (isFenceOpen(rest)) {
        fenceLine = c;
        a.fenceTag = rest.mid(3).trimmed().toString();
    } else if (!rest.isEmpty()) {
        inlineFirst = rest;
    } else {
        qsizetype j = c + 1;
        while (j < to && isBlank(text(j)))
            ++j;
        if (j < to && isFenceOpen(text(j).trimmed()) && !isBareFence(text(j).trimmed())) {
            fenceLine = j;
            a.fenceTag = text(j).trimmed().mid(3).trimmed().toString();
            contentFrom = j + 1;
        } else if (j < to && isBareFence(text(j).trimmed()) && j + 1 < to
                   && at(nextFence, j + 1) < at(nextCreate, j + 1)) {
            // A tagless fence: ``` ... ```.
            fenceLine = j;
            contentFrom = j + 1;
        } else {
            contentFrom = j;
        }
    }
    while (a.fenceTag.startsWith(QLatin1Char('`')) || a.fenceTag.startsWith(QLatin1Char('~')))
        a.fenceTag.remove(0, 1);

    qsizetype contentTo = to; // exclusive
    qsizetype resume = to;
    if (fenceLine >= 0) {
        a.fenced = true;
        const qsizetype close = contentFrom < to ? at(nextFence, contentFrom) : to;
        const qsizetype limit = contentFrom < to ? at(nextCreate, contentFrom) : to;
        if (close < limit) {
            contentTo = close;
            resume = close + 1;
        } else {
            problem(fenceLine, QStringLiteral("unterminated code fence: the content runs to "
                                              "the next marker"));
            contentTo = contentFrom < to ? at(nextStop, contentFrom) : to;
            resume = contentTo;
        }
    } else {
        contentTo = contentFrom < to ? at(nextStop, contentFrom) : to;
        resume = contentTo;
    }

    qsizetype first = contentFrom;
    while (first < contentTo && isBlank(text(first)))
        ++first;
    qsizetype last = contentTo - 1;
    while (last >= first && isBlank(text(last)))
        --last;

    if (!inlineFirst.isEmpty()) {
        qsizetype end = contentTo - 1;
        while (end >= contentFrom && isBlank(text(end)))
            --end;
        a.firstLine = lineNo(c);
        a.lastLine = lineNo(std::max(end, c));
        a.content = joinLines(end - contentFrom + 2, [&](qsizetype k) {
            return k == 0 ? inlineFirst : text(contentFrom + k - 1);
        });
        a.sha256 = sha256Hex(a.content.toUtf8());
    } else if (first > last) {
        a.firstLine = lineNo(std::min(contentFrom, qsizetype(m_lines.size()) - 1));
        a.lastLine = a.firstLine - 1;
        a.sha256 = sha256Hex(QByteArray());
        problem(c, QStringLiteral("no content after 'Create or update the file %1'")
                       .arg(a.path));
    } else {
        a.firstLine = lineNo(first);
        a.lastLine = lineNo(last);
        a.content = joinLines(last - first + 1, [this, first](qsizetype k) {
            return text(first + k);
        });
        a.sha256 = hashLines(first, last, a.content);
    }

    a.declaredLanguage = LanguageDetector::fromPath(a.path);
    if (a.declaredLanguage == QLatin1String("plaintext") && !a.fenceTag.isEmpty())
        a.declaredLanguage = LanguageDetector::fromFenceTag(a.fenceTag);
    a.language = LanguageDetector::resolve(a.content, a.declaredLanguage);
    m_p.artifacts.push_back(std::move(a));
    return std::max(resume, c + 1);
}

QStringList ReportReader::readItems(qsizetype from, qsizetype to) const
{
    QStringList items;
    for (qsizetype i = from; i < to; ++i) {
        const QStringView t = text(i).trimmed();
        if (t.isEmpty())
            continue;
        if (t.size() >= 2 && (t.at(0) == QLatin1Char('-') || t.at(0) == QLatin1Char('*'))
            && isSpaceOrTab(t.at(1))) {
            items.append(t.mid(2).trimmed().toString());
        } else if (t == QLatin1String("-") || t == QLatin1String("*")) {
            continue;
        } else if (!items.isEmpty()) {
            // A wrapped item continues on the next line.
            items.last() += QLatin1Char(' ');
            items.last() += t;
        } else {
            items.append(t.toString());
        }
    }
    return items;
}

} // namespace

ParsedFile ReportParser::parse(const QByteArray &data, const QString &path)
{
    ParsedFile file;
    file.path = path;
    if (data.isEmpty()) {
        file.error = QStringLiteral("empty file");
        return file;
    }
    if (const void *nul = std::memchr(data.constData(), 0, size_t(data.size()))) {
        file.error = QStringLiteral("binary file (NUL byte at offset %1)")
                         .arg(static_cast<const char *>(nul) - data.constData());
        return file;
    }
    const qsizetype size = data.size();
    const qsizetype bom = data.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    if (isBlankBytes(data.constData() + bom, size - bom)) {
        file.error = QStringLiteral("empty file");
        return file;
    }
    const qsizetype invalid = invalidUtf8(
        reinterpret_cast<const unsigned char *>(data.constData()) + bom, size - bom);
    // A few stray bytes are tolerated (shown as U+FFFD); many mean it is not text.
    if (invalid >= 8 && invalid * 50 > size - bom) {
        file.error = QStringLiteral("binary file (not UTF-8 text: %1 invalid byte sequences)")
                         .arg(invalid);
        return file;
    }
    const bool hasCr = std::memchr(data.constData(), '\r', size_t(size)) != nullptr;
    const std::vector<ByteLine> lines = splitLines(data.constData(), bom, size, hasCr);

    std::vector<qsizetype> headers;
    for (size_t i = 0; i < lines.size(); ++i) {
        const ByteLine &l = lines[i];
        if (isHeaderBytes(data.constData() + l.begin, l.end - l.begin))
            headers.push_back(qsizetype(i));
    }
    if (headers.empty()) {
        file.error = QStringLiteral("no '# FSAR Proposal Report' header found");
        return file;
    }

    const bool exactBytes = !hasCr && invalid == 0;
    auto readRange = [&](size_t from, size_t to, std::vector<Proposal> *out) {
        ReportReader reader(data, lines, exactBytes, path);
        for (size_t h = from; h < to; ++h) {
            const qsizetype first = headers[h];
            const qsizetype last = h + 1 < headers.size() ? headers[h + 1] - 1
                                                          : qsizetype(lines.size()) - 1;
            out->push_back(reader.read(first, last));
        }
    };
    // Reports are independent: a big file (a whole export in one) is read in chunks on
    // the thread pool. Small files, the usual case, stay on the calling thread.
    std::vector<std::vector<Proposal>> chunks;
    const size_t perChunk = 256;
    if (size >= 4 * 1024 * 1024 && headers.size() >= 2 * perChunk) {
        chunks.resize((headers.size() + perChunk - 1) / perChunk);
        std::vector<size_t> indexes(chunks.size());
        for (size_t i = 0; i < indexes.size(); ++i)
            indexes[i] = i;
        QtConcurrent::blockingMap(indexes, [&](size_t i) {
            readRange(i * perChunk, std::min(headers.size(), (i + 1) * perChunk), &chunks[i]);
        });
    } else {
        chunks.resize(1);
        readRange(0, headers.size(), &chunks[0]);
    }
    file.proposals.reserve(headers.size());
    for (std::vector<Proposal> &chunk : chunks) {
        for (Proposal &p : chunk)
            file.proposals.push_back(std::move(p));
    }

    QHash<QString, int> idLines;
    for (Proposal &p : file.proposals) {
        if (!p.id.isEmpty()) {
            const auto seen = idLines.constFind(p.id);
            if (seen != idLines.constEnd()) {
                const Problem dup{p.sourceLine,
                                  QStringLiteral("duplicate id %1 (also the report at line %2)")
                                      .arg(quoted(p.id))
                                      .arg(*seen)};
                const auto at = std::upper_bound(
                    p.problems.begin(), p.problems.end(), dup,
                    [](const Problem &a, const Problem &b) { return a.line < b.line; });
                p.problems.insert(at, dup);
            } else {
                idLines.insert(p.id, p.sourceLine);
            }
        }
    }
    // Text before the first header belongs to no report: say so on the first one.
    for (qsizetype i = 0; i < headers.front(); ++i) {
        const ByteLine &l = lines[size_t(i)];
        if (!isBlankBytes(data.constData() + l.begin, l.end - l.begin)) {
            Proposal &p = file.proposals.front();
            p.problems.insert(p.problems.begin(),
                              {int(i + 1), QStringLiteral("text before the first "
                                                          "'# FSAR Proposal Report' header "
                                                          "is ignored")});
            break;
        }
    }
    return file;
}

namespace {

QString sizeText(qint64 bytes)
{
    if (bytes >= (qint64(1) << 30))
        return QStringLiteral("%1 GB").arg(double(bytes) / double(qint64(1) << 30), 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / double(1 << 20), 0, 'f', 1);
}

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("a FIFO");
    if (S_ISSOCK(mode))
        return QStringLiteral("a socket");
    if (S_ISCHR(mode))
        return QStringLiteral("a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("a block device");
    return QStringLiteral("not a file");
}

// Why `native` cannot be opened or examined (errno `error` from stat or open).
QString openError(const QByteArray &native, int error)
{
    if (error == ENAMETOOLONG) {
        return QStringLiteral("cannot read: the path is too long (%1 bytes; the system takes "
                              "%2)")
            .arg(native.size())
            .arg(PATH_MAX - 1);
    }
    if (error == ELOOP)
        return QStringLiteral("cannot read: symbolic link loop");
    struct stat link;
    if (error == ENOENT && ::lstat(native.constData(), &link) == 0 && S_ISLNK(link.st_mode)) {
        QByteArray target(PATH_MAX, Qt::Uninitialized);
        const ssize_t n = ::readlink(native.constData(), target.data(), size_t(target.size()));
        return QStringLiteral("dangling symbolic link (to %1)")
            .arg(n > 0 ? QFile::decodeName(target.left(int(n))) : QStringLiteral("?"));
    }
    if (::lstat(native.constData(), &link) == 0 && S_ISDIR(link.st_mode))
        return QStringLiteral("cannot read folder: %1").arg(qt_error_string(error));
    return QStringLiteral("cannot read: %1").arg(qt_error_string(error));
}

// The bytes of a regular file of at most ReportParser::kMaxFileBytes, or why not.
QString readRegularFile(const QString &path, QByteArray *data)
{
    const QByteArray native = QFile::encodeName(path);
    // Examined before it is opened: opening a FIFO waits for a writer, and opening some
    // devices does something.
    struct stat st;
    if (::stat(native.constData(), &st) != 0)
        return openError(native, errno);
    if (S_ISDIR(st.st_mode)) {
        // A folder the walk could not list comes here to say why.
        DIR *dir = ::opendir(native.constData());
        if (!dir)
            return openError(native, errno);
        ::closedir(dir);
        return QStringLiteral("cannot read: a folder, not a file");
    }
    if (!S_ISREG(st.st_mode))
        return QStringLiteral("not a regular file (%1)").arg(kindOf(st.st_mode));
    const auto tooLarge = [](qint64 size) {
        return QStringLiteral("too large (%1; the limit is %2 MB)")
            .arg(sizeText(size))
            .arg(ReportParser::kMaxFileBytes >> 20);
    };
    if (st.st_size > ReportParser::kMaxFileBytes)
        return tooLarge(st.st_size);
    // O_NONBLOCK: should it have become a FIFO since, the open still returns at once.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return openError(native, errno);
    QString error;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        error = QStringLiteral("not a regular file (%1)").arg(kindOf(st.st_mode));
    } else {
        // Read to the end, not to the size stat gave: the file may grow while it is read.
        data->resize(int(std::min<qint64>(st.st_size, ReportParser::kMaxFileBytes) + 1));
        qint64 done = 0;
        for (;;) {
            if (done == data->size()) {
                if (done > ReportParser::kMaxFileBytes) {
                    error = tooLarge(done);
                    break;
                }
                data->resize(int(std::min<qint64>(done * 2, ReportParser::kMaxFileBytes + 1)));
            }
            const ssize_t n = ::read(fd, data->data() + done, size_t(data->size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0) {
                error = QStringLiteral("cannot read: %1").arg(qt_error_string(errno));
                break;
            }
            if (n == 0)
                break;
            done += n;
        }
        data->resize(int(done));
    }
    ::close(fd);
    if (!error.isEmpty())
        data->clear();
    return error;
}

} // namespace

ParsedFile ReportParser::parseFile(const QString &path)
{
    QByteArray data;
    const QString error = readRegularFile(path, &data);
    if (!error.isEmpty()) {
        ParsedFile file;
        file.path = path;
        file.error = error;
        return file;
    }
    return parse(data, path);
}

bool ReportParser::isDuplicateId(const Problem &problem)
{
    return problem.message.startsWith(QLatin1String("duplicate id "));
}

QStringList ReportParser::collectFiles(const QStringList &paths, QStringList *missing)
{
    QStringList files;
    for (const QString &p : paths) {
        struct stat st;
        const QByteArray native = QFile::encodeName(p);
        if (::lstat(native.constData(), &st) != 0 && errno == ENOENT) {
            if (missing)
                missing->append(p);
            continue;
        }
        // A link to a folder named on the command line is followed; inside folders not.
        if (!QFileInfo(p).isDir()) {
            files.append(QDir::cleanPath(p));
            continue;
        }
        // Hidden folders are not entered and hidden files not listed.
        std::vector<QString> dirs{QDir::cleanPath(p)};
        while (!dirs.empty()) {
            const QString dir = dirs.back();
            dirs.pop_back();
            DIR *d = ::opendir(QFile::encodeName(dir).constData());
            if (!d) {
                files.append(dir); // parseFile() says why it cannot be listed
                continue;
            }
            while (const dirent *e = ::readdir(d)) {
                if (e->d_name[0] == '.')
                    continue;
                const QString entry = dir + QLatin1Char('/') + QFile::decodeName(e->d_name);
                unsigned char type = e->d_type;
                if (type == DT_UNKNOWN) { // file systems that do not say: ask
                    struct stat es;
                    if (::lstat(QFile::encodeName(entry).constData(), &es) == 0) {
                        type = S_ISDIR(es.st_mode)   ? DT_DIR
                               : S_ISLNK(es.st_mode) ? DT_LNK
                                                     : DT_REG;
                    }
                }
                if (type == DT_DIR)
                    dirs.push_back(QDir::cleanPath(entry));
                else if (type != DT_LNK || !QFileInfo(entry).isDir())
                    files.append(QDir::cleanPath(entry));
                // Links to folders are not followed (loops).
            }
            ::closedir(d);
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

} // namespace verdict
