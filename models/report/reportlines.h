// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A report file's lines, found fast: on the raw bytes where the text is ASCII-compatible
// (line ends, blank lines, the report header), and joined back without copying line by
// line. The parser's logic (reportreader.cpp, reportsyntax.cpp) reads through these.

#include <QChar>
#include <QString>
#include <QStringView>

#include <vector>

namespace verdict::ReportLines {

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
                                 bool hasCr);

// The same split over decoded text (the decoder keeps every \r and \n in place), into
// `lines` (cleared first, its capacity reused).
void splitLines(QStringView text, std::vector<QStringView> &lines);

// Number of invalid UTF-8 sequences (overlongs and surrogates count as invalid).
qsizetype invalidUtf8(const unsigned char *p, qsizetype size);

inline bool isBlank(QStringView line)
{
    for (const QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

bool isBlankBytes(const char *p, qsizetype size);

// "# FSAR Proposal Report", with any spacing and case, on bytes (ASCII-only text).
bool isHeaderBytes(const char *p, qsizetype size);

// The first character trimmed() would keep (QChar() for a blank line): most lines are
// ruled out by it before they are trimmed (trimming every line was a twentieth of the parse).
inline QChar firstNonSpace(QStringView t)
{
    for (const QChar c : t) {
        if (!c.isSpace())
            return c;
    }
    return QChar();
}

inline bool isSpaceOrTab(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

// `count` views joined with '\n'. When each view ends right where a '\n' precedes the next
// one in the same buffer (the report's text without CRs: nearly always), the result is one
// copy of that stretch instead of a QString grown line by line: a tenth of the parse time
// went to those appends.
template <typename LineAt>
inline QString joinLines(qsizetype count, const LineAt &lineAt)
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


} // namespace verdict::ReportLines
